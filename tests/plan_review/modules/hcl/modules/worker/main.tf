# A queue worker (no code signing, no alarms).

variable "name" {
  type = string
}

variable "role_arn" {
  type = string
}

resource "aws_lambda_function" "this" {
  function_name                  = var.name
  role                           = var.role_arn
  handler                        = "worker.handler"
  runtime                        = "python3.12"
  s3_bucket                      = "platform-artifacts"
  s3_key                         = "worker.zip"
  reserved_concurrent_executions = 2

  tracing_config {
    mode = "Active"
  }

  tags = {
    owner = "platform"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 14
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/0b5e2f3c-1111-2222-3333-444455556666"
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:jobs"
  function_name    = aws_lambda_function.this.arn
}
