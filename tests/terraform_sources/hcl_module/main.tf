# The module of json_module/, written in HCL: both give the same document and the same findings.
variable "runtime" {
  type    = string
  default = "python3.8"
}

variable "tracing_mode" {
  default = "PassThrough"
}

locals {
  prefix = "orders"
  admin  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_iam_role" "lambda" {
  name = "${local.prefix}-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "admin" {
  role   = aws_iam_role.lambda.id
  policy = local.admin
}

resource "aws_lambda_function" "api" {
  function_name = "${local.prefix}-api"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.runtime
  tracing_config {
    mode = var.tracing_mode
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "${local.prefix}-worker"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = "python3.13"
  environment {
    variables = { PREFIX = local.prefix }
  }
  tracing_config {
    mode = "PassThrough"
  }
}

resource "aws_lambda_function" "batch" {
  function_name = "${local.prefix}-batch"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = "python3.13"
  dynamic "tracing_config" {
    for_each = [var.tracing_mode]
    content {
      mode = tracing_config.value
    }
  }
}

module "legacy" {
  source  = "./modules/legacy"
  runtime = "python3.9"
}
