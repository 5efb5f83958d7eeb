variable "name" {
  type = string
}

variable "role_arn" {
  type = string
}

resource "aws_lambda_function" "this" {
  # checkov:skip=FG_05_01: traced by the caller's X-Ray sampling
  function_name = var.name
  role          = var.role_arn
  runtime       = "python3.8"
  handler       = "app.handler"
  filename      = "app.zip"
}
