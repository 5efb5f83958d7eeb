resource "aws_lambda_function" "fn" {
  runtime = "python3.12"
  environment {
    variables = {
