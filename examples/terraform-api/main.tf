# payments API (Terraform): customers sign in with a Cognito user pool and call an HTTP API (JWT
# authorizer) to create, read and refund payments; a worker settles queued payments into the ledger and
# a nightly job exports receipts. faasguard example: SAS-2, SAS-4 and SAS-9 risks are planted on purpose,
# each marked PLANTED; see examples/README.md.

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
      Service     = "payments"
      Environment = var.environment
      ManagedBy   = "terraform"
      owner       = "team-payments"
    }
  }
}

locals {
  name = "payments-${var.environment}"
}

# --- data --------------------------------------------------------------------------------------------

# The service's own key: the functions' environments, their log groups and the API's access logs.
resource "aws_kms_key" "payments" {
  description         = "${local.name} (function environments, logs)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.payments_key.json
}

data "aws_iam_policy_document" "payments_key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid       = "LogsEncryptTheServiceLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values = [
        "arn:aws:logs:${var.region}:${var.account_id}:log-group:/aws/lambda/${local.name}-*",
        "arn:aws:logs:${var.region}:${var.account_id}:log-group:/aws/apigateway/${local.name}-access",
      ]
    }
  }
}

resource "aws_dynamodb_table" "payments" {
  name         = local.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "paymentId"

  attribute {
    name = "paymentId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

resource "aws_sqs_queue" "settlement_dlq" {
  name                      = "${local.name}-settlement-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "settlement" {
  name                       = "${local.name}-settlement"
  visibility_timeout_seconds = 120
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.settlement_dlq.arn
    maxReceiveCount     = 5
  })
}

# Nightly jobs whose runs failed their retries, and the events EventBridge could not deliver to them.
resource "aws_sqs_queue" "jobs_failures" {
  name                      = "${local.name}-jobs-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# The settlement ledger: one object per settled payment, kept for the auditors.
resource "aws_s3_bucket" "ledger" {
  bucket_prefix = "${local.name}-ledger-"
}

resource "aws_s3_bucket_versioning" "ledger" {
  bucket = aws_s3_bucket.ledger.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "receipts" {
  bucket_prefix = "${local.name}-receipts-"
}

resource "aws_s3_bucket_public_access_block" "buckets" {
  for_each = {
    ledger   = aws_s3_bucket.ledger.id
    receipts = aws_s3_bucket.receipts.id
  }

  bucket                  = each.value
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
