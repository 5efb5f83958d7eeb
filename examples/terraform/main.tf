# orders service (Terraform): an HTTP endpoint that takes orders, a worker that processes the order
# queue and a nightly sales report. faasguard example: findings are planted on purpose, see
# examples/README.md.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Service     = "orders"
      Environment = var.environment
      ManagedBy   = "terraform"
      owner       = "team-orders"
    }
  }
}

locals {
  name = "orders-${var.environment}"

  functions = {
    api    = "${local.name}-api"
    worker = "${local.name}-worker"
    report = "${local.name}-report"
  }
}

# --- data --------------------------------------------------------------------------------------------

# The service's own key: the functions' environments and the webhook secret.
resource "aws_kms_key" "orders" {
  description         = "${local.name} (function environments, secrets)"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "orders" {
  name         = local.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

resource "aws_sqs_queue" "orders_dlq" {
  name                      = "${local.name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "orders" {
  name                       = local.name
  visibility_timeout_seconds = 60
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}

# Reports that failed their retries wait here for a re-run.
resource "aws_sqs_queue" "report_failures" {
  name                      = "${local.name}-report-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "${local.name}-reports-"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket = aws_s3_bucket.reports.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# PLANTED FG_07_04: no aws_secretsmanager_secret_rotation: the signing secret never changes, so one that
# leaked (a log line, a laptop) lets anyone forge payment confirmations for good.
resource "aws_secretsmanager_secret" "payment_webhook" {
  name        = "${local.name}/payment-webhook"
  description = "Signing secret of the payment provider's webhooks."
  kms_key_id  = aws_kms_key.orders.arn
}

# PLANTED FG_03_02: no kms_key_id: what the functions log (orders, customers' addresses) is encrypted with
# a key AWS holds, and no key policy narrows who may read it.
resource "aws_cloudwatch_log_group" "lambda" {
  for_each = local.functions

  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
}

# The CI pipeline signs every package with this profile.
resource "aws_signer_signing_profile" "orders" {
  platform_id = "AWSLambda-SHA384-ECDSA"
  name_prefix = "orders_"
}

# PLANTED FG_06_02: "Warn while we roll out signing": Lambda logs an unsigned or tampered package and
# deploys it anyway, so the signature protects nothing.
resource "aws_lambda_code_signing_config" "orders" {
  description = "${local.name}: packages signed by the orders signing profile"

  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.orders.version_arn]
  }

  policies {
    untrusted_artifact_on_deployment = "Warn"
  }
}

# PLANTED FG_05_07: the account's audit trail of this service logs the reports bucket's objects but no
# Lambda data events: who invoked which function is not recorded.
resource "aws_cloudtrail" "orders" {
  name                          = "${local.name}-audit"
  s3_bucket_name                = var.audit_bucket
  include_global_service_events = false
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.orders.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.reports.arn}/"]
    }
  }
}

# --- api: takes orders over HTTPS --------------------------------------------------------------------

resource "aws_lambda_function" "api" {
  function_name = local.functions.api
  description   = "Takes orders (POST /orders) and returns their status (GET /orders/{id})."
  role          = aws_iam_role.api.arn
  runtime       = var.runtime
  handler       = "orders.api.handler"
  architectures = ["arm64"]
  memory_size   = 256
  timeout       = 10
  s3_bucket     = var.artifacts_bucket
  s3_key        = "orders/${var.release}/api.zip"
  kms_key_arn   = aws_kms_key.orders.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.orders.arn
  reserved_concurrent_executions = 50

  environment {
    variables = {
      ORDERS_TABLE       = aws_dynamodb_table.orders.name
      ORDERS_QUEUE_URL   = aws_sqs_queue.orders.url
      WEBHOOK_SECRET_ARN = aws_secretsmanager_secret.payment_webhook.arn
      # PLANTED FG_10_01: left at DEBUG after chasing a bug in the webhook: every order, with the
      # customer's address, is logged in full
      LOG_LEVEL = "DEBUG"
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.lambda]
}

# PLANTED FG_02_03: the URL is public; "the handler checks a header" is not authentication.
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"

  cors {
    allow_origins = ["https://shop.example.com"]
    allow_methods = ["GET", "POST"]
    allow_headers = ["content-type"]
    max_age       = 3600
  }
}

# --- worker: processes the order queue -----------------------------------------------------------------

resource "aws_lambda_function" "worker" {
  function_name = local.functions.worker
  description   = "Charges the customer and confirms each queued order."
  role          = aws_iam_role.worker.arn
  runtime       = var.runtime
  handler       = "orders.worker.handler"
  architectures = ["arm64"]
  memory_size   = 512
  timeout       = 50
  s3_bucket     = var.artifacts_bucket
  s3_key        = "orders/${var.release}/worker.zip"
  kms_key_arn   = aws_kms_key.orders.arn

  code_signing_config_arn        = aws_lambda_code_signing_config.orders.arn
  reserved_concurrent_executions = 10

  environment {
    variables = {
      ORDERS_TABLE    = aws_dynamodb_table.orders.name
      PAYMENT_API_URL = "https://api.payments.example.com/v2"
      PAYMENT_API_KEY = var.payment_api_key
    }
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.lambda]
}

resource "aws_lambda_event_source_mapping" "worker_orders" {
  event_source_arn                   = aws_sqs_queue.orders.arn
  function_name                      = aws_lambda_function.worker.arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]
}

# PLANTED FG_08_05: the worker puts an order whose payment is still pending back on its own queue; Lambda
# stopped that loop after 16 rounds, so loop detection was switched off: a bug that re-queues every order
# now runs (and bills) for ever.
resource "aws_lambda_function_recursion_config" "worker" {
  function_name  = aws_lambda_function.worker.function_name
  recursive_loop = "Allow"
}

# --- report: nightly sales report ------------------------------------------------------------------------

# PLANTED FG_05_01, FG_07_03, FG_05_06: copied from an older function: no tracing_config block, so it is
# not traced, no kms_key_arn, so its environment is encrypted only with the AWS managed key, and no alarm
# (below) watches its errors: a failing nightly report goes unnoticed.
resource "aws_lambda_function" "report" {
  function_name = local.functions.report
  description   = "Writes yesterday's sales report to the reports bucket."
  role          = aws_iam_role.report.arn
  runtime       = var.report_runtime
  handler       = "orders.report.handler"
  memory_size   = 1024
  timeout       = 300
  s3_bucket     = var.artifacts_bucket
  s3_key        = "orders/${var.release}/report.zip"

  code_signing_config_arn        = aws_lambda_code_signing_config.orders.arn
  reserved_concurrent_executions = 1

  environment {
    variables = {
      ORDERS_TABLE   = aws_dynamodb_table.orders.name
      REPORTS_BUCKET = aws_s3_bucket.reports.bucket
    }
  }

  depends_on = [aws_cloudwatch_log_group.lambda]
}

resource "aws_cloudwatch_event_rule" "nightly_report" {
  name                = "${local.name}-nightly-report"
  description         = "Runs the sales report at 02:00 UTC."
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly_report" {
  rule = aws_cloudwatch_event_rule.nightly_report.name
  arn  = aws_lambda_function.report.arn

  # an event EventBridge could not deliver
  dead_letter_config {
    arn = aws_sqs_queue.report_failures.arn
  }
}

# EventBridge may put the events it could not deliver on the failures queue, for this rule only.
resource "aws_sqs_queue_policy" "report_failures" {
  queue_url = aws_sqs_queue.report_failures.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.report_failures.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.nightly_report.arn } }
    }]
  })
}

# a report that failed its two retries
resource "aws_lambda_function_event_invoke_config" "report" {
  function_name          = aws_lambda_function.report.function_name
  maximum_retry_attempts = 2

  destination_config {
    on_failure {
      destination = aws_sqs_queue.report_failures.arn
    }
  }
}

resource "aws_lambda_permission" "nightly_report" {
  statement_id  = "AllowEventBridgeInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.report.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.nightly_report.arn
}

# --- alarms: errors and throttles page the on-call engineer ----------------------------------------------

resource "aws_cloudwatch_metric_alarm" "api_errors" {
  alarm_name          = "${local.functions.api}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.api.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "api_throttles" {
  alarm_name          = "${local.functions.api}-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.api.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "worker_errors" {
  alarm_name          = "${local.functions.worker}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.worker.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "worker_throttles" {
  alarm_name          = "${local.functions.worker}-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.worker.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}
