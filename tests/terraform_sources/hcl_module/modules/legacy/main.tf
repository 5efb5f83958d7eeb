variable "runtime" {
  default = "python3.13"
}

resource "aws_lambda_function" "this" {
  function_name = "legacy"
  role          = "arn:aws:iam::123456789012:role/legacy"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.runtime
  tracing_config {
    mode = "Active"
  }
}
