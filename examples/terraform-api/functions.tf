# The functions: python3.13, X-Ray tracing on, configuration only in their environment (no secrets), which
# the service's key encrypts, as it does their logs (kept 30 days); packages signed by the CI pipeline, and
# alarms on every function's errors and throttles.

resource "aws_cloudwatch_log_group" "functions" {
  for_each = toset(["create-payment", "get-payment", "refund", "settlement", "export-receipts"])

  name              = "/aws/lambda/${local.name}-${each.key}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.payments.arn
}

# The CI pipeline signs every package with this profile; Lambda refuses a package it did not sign.
resource "aws_signer_signing_profile" "payments" {
  platform_id = "AWSLambda-SHA384-ECDSA"
  name_prefix = "payments_"
}

resource "aws_lambda_code_signing_config" "payments" {
  description = "${local.name}: packages signed by the payments signing profile"

  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.payments.version_arn]
  }

  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

# POST /payments: validates the payment, stores it and queues it for settlement.
resource "aws_lambda_function" "create_payment" {
  function_name = "${local.name}-create-payment"
  role          = aws_iam_role.create_payment.arn
  runtime       = var.runtime
  handler       = "payments.create.handler"
  architectures = ["arm64"]
  memory_size   = 256
  timeout       = 10
  s3_bucket     = var.artifacts_bucket
  s3_key        = "payments/${var.release}/api.zip"
  kms_key_arn   = aws_kms_key.payments.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.payments.arn
  reserved_concurrent_executions = 50

  environment {
    variables = {
      PAYMENTS_TABLE       = aws_dynamodb_table.payments.name
      SETTLEMENT_QUEUE_URL = aws_sqs_queue.settlement.url
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.functions]
}

# GET /payments/{paymentId}
resource "aws_lambda_function" "get_payment" {
  function_name = "${local.name}-get-payment"
  role          = aws_iam_role.get_payment.arn
  runtime       = var.runtime
  handler       = "payments.get.handler"
  architectures = ["arm64"]
  memory_size   = 256
  timeout       = 10
  s3_bucket     = var.artifacts_bucket
  s3_key        = "payments/${var.release}/api.zip"
  kms_key_arn   = aws_kms_key.payments.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.payments.arn
  reserved_concurrent_executions = 50

  environment {
    variables = {
      PAYMENTS_TABLE = aws_dynamodb_table.payments.name
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.functions]
}

# POST /payments/{paymentId}/refund: for the support and finance teams.
resource "aws_lambda_function" "refund" {
  function_name = "${local.name}-refund"
  role          = aws_iam_role.refund.arn
  runtime       = var.runtime
  handler       = "payments.refund.handler"
  architectures = ["arm64"]
  memory_size   = 256
  timeout       = 10
  s3_bucket     = var.artifacts_bucket
  s3_key        = "payments/${var.release}/api.zip"
  kms_key_arn   = aws_kms_key.payments.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.payments.arn
  reserved_concurrent_executions = 5

  environment {
    variables = {
      PAYMENTS_TABLE       = aws_dynamodb_table.payments.name
      SETTLEMENT_QUEUE_URL = aws_sqs_queue.settlement.url
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.functions]
}

# Settles queued payments with the card processor and writes them to the ledger.
resource "aws_lambda_function" "settlement" {
  function_name = "${local.name}-settlement"
  role          = aws_iam_role.settlement.arn
  runtime       = var.runtime
  handler       = "payments.settlement.handler"
  architectures = ["arm64"]
  memory_size   = 512
  timeout       = 100
  s3_bucket     = var.artifacts_bucket
  s3_key        = "payments/${var.release}/worker.zip"
  kms_key_arn   = aws_kms_key.payments.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.payments.arn
  reserved_concurrent_executions = 10

  environment {
    variables = {
      PAYMENTS_TABLE = aws_dynamodb_table.payments.name
      LEDGER_BUCKET  = aws_s3_bucket.ledger.bucket
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.functions]
}

resource "aws_lambda_event_source_mapping" "settlement" {
  event_source_arn        = aws_sqs_queue.settlement.arn
  function_name           = aws_lambda_function.settlement.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

# Writes yesterday's receipts to the receipts bucket at 03:00 UTC.
resource "aws_lambda_function" "export_receipts" {
  function_name = "${local.name}-export-receipts"
  role          = aws_iam_role.export_receipts.arn
  runtime       = var.runtime
  handler       = "payments.export.handler"
  architectures = ["arm64"]
  memory_size   = 1024
  timeout       = 300
  s3_bucket     = var.artifacts_bucket
  s3_key        = "payments/${var.release}/worker.zip"
  kms_key_arn   = aws_kms_key.payments.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.payments.arn
  reserved_concurrent_executions = 1

  environment {
    variables = {
      PAYMENTS_TABLE  = aws_dynamodb_table.payments.name
      RECEIPTS_BUCKET = aws_s3_bucket.receipts.bucket
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.functions]
}

resource "aws_cloudwatch_event_rule" "export_receipts" {
  name                = "${local.name}-export-receipts"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "export_receipts" {
  rule = aws_cloudwatch_event_rule.export_receipts.name
  arn  = aws_lambda_function.export_receipts.arn

  # an event EventBridge could not deliver
  dead_letter_config {
    arn = aws_sqs_queue.jobs_failures.arn
  }
}

# EventBridge may put the events it could not deliver on the failures queue, for this rule only (the ARNs
# are written from the names, so the policy is known before apply).
resource "aws_sqs_queue_policy" "jobs_failures" {
  queue_url = aws_sqs_queue.jobs_failures.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:${var.region}:${var.account_id}:${local.name}-jobs-failures"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:events:${var.region}:${var.account_id}:rule/${local.name}-export-receipts" } }
    }]
  })
}

# an export that failed its two retries
resource "aws_lambda_function_event_invoke_config" "export_receipts" {
  function_name          = aws_lambda_function.export_receipts.function_name
  maximum_retry_attempts = 2

  destination_config {
    on_failure {
      destination = aws_sqs_queue.jobs_failures.arn
    }
  }
}

resource "aws_lambda_permission" "export_receipts" {
  statement_id  = "AllowEventBridgeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.export_receipts.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.export_receipts.arn
}

# --- alarms: errors and throttles of every function page the on-call engineer ------------------------------

resource "aws_cloudwatch_metric_alarm" "create_payment_errors" {
  alarm_name          = "${local.name}-create-payment-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.create_payment.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "create_payment_throttles" {
  alarm_name          = "${local.name}-create-payment-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.create_payment.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "get_payment_errors" {
  alarm_name          = "${local.name}-get-payment-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.get_payment.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "get_payment_throttles" {
  alarm_name          = "${local.name}-get-payment-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.get_payment.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "refund_errors" {
  alarm_name          = "${local.name}-refund-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.refund.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "refund_throttles" {
  alarm_name          = "${local.name}-refund-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.refund.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "settlement_errors" {
  alarm_name          = "${local.name}-settlement-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.settlement.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "settlement_throttles" {
  alarm_name          = "${local.name}-settlement-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.settlement.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "export_receipts_errors" {
  alarm_name          = "${local.name}-export-receipts-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.export_receipts.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "export_receipts_throttles" {
  alarm_name          = "${local.name}-export-receipts-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.export_receipts.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.oncall_topic_arn]
}
