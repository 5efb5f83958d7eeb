# A function in a VPC with its log group, alarm and code signing.

variable "name" {
  type = string
}

variable "role" {
  type = string
}

variable "security_group_ids" {
  type = list(string)
}

variable "timeout" {
  type = number
}

resource "aws_lambda_code_signing_config" "this" {
  allowed_publishers {
    signing_profile_version_arns = ["arn:aws:signer:us-east-1:123456789012:/signing-profiles/release/abcdef1234"]
  }
  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

resource "aws_lambda_function" "this" {
  function_name                  = var.name
  role                           = var.role
  handler                        = "app.handler"
  runtime                        = "python3.12"
  s3_bucket                      = "platform-artifacts"
  s3_key                         = "service.zip"
  timeout                        = var.timeout
  reserved_concurrent_executions = 10
  code_signing_config_arn        = aws_lambda_code_signing_config.this.arn

  vpc_config {
    subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
    security_group_ids = var.security_group_ids
  }

  tracing_config {
    mode = "Active"
  }

  tags = {
    owner = "platform"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 30
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/0b5e2f3c-1111-2222-3333-444455556666"
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = toset(["Errors", "Throttles"])
  alarm_name          = "${var.name}-${each.key}"
  namespace           = "AWS/Lambda"
  metric_name         = each.key
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    FunctionName = aws_lambda_function.this.function_name
  }
}

output "name" {
  value = aws_lambda_function.this.function_name
}

output "arn" {
  value = aws_lambda_function.this.arn
}

output "invoke_arn" {
  value = aws_lambda_function.this.invoke_arn
}
