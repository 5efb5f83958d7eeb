# The functions: python3.13, X-Ray tracing on, configuration only in their environment (no secrets), which
# the service's key encrypts, as it does their logs.

resource "aws_cloudwatch_log_group" "functions" {
  for_each = toset(["create-payment", "get-payment", "refund", "settlement", "export-receipts"])

  name              = "/aws/lambda/${local.name}-${each.key}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.payments.arn
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
}

resource "aws_lambda_permission" "export_receipts" {
  statement_id  = "AllowEventBridgeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.export_receipts.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.export_receipts.arn
}
