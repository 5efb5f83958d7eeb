# One execution role per function, each within the platform team's permissions boundary.

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api" {
  name                 = "${local.name}-api"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role" "worker" {
  name                 = "${local.name}-worker"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role" "report" {
  name                 = "${local.name}-report"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

# Logs for every function, and X-Ray for the traced ones.
resource "aws_iam_role_policy_attachment" "basic_execution" {
  for_each = {
    api    = aws_iam_role.api.name
    worker = aws_iam_role.worker.name
    report = aws_iam_role.report.name
  }

  role       = each.value
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "xray" {
  for_each = {
    api    = aws_iam_role.api.name
    worker = aws_iam_role.worker.name
  }

  role       = each.value
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

# --- api ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "OrdersTable"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.orders.arn]
  }

  statement {
    sid       = "OrdersQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.orders.arn]
  }

  statement {
    sid       = "WebhookSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.payment_webhook.arn]
  }

  statement {
    sid       = "WebhookSecretKey"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.orders.arn]
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "orders-api"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

# --- worker ------------------------------------------------------------------------------------------

resource "aws_iam_role_policy" "worker" {
  name = "orders-worker"
  role = aws_iam_role.worker.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "OrdersQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.orders.arn
      },
      {
        Sid      = "OrdersTable"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
        Resource = aws_dynamodb_table.orders.arn
      },
    ]
  })
}

# PLANTED FG_04_01, FG_04_04, FG_09_03: AdministratorAccess attached "temporarily" while debugging a
# permissions error, never removed: every action, lambda:InvokeFunction on every function included.
resource "aws_iam_role_policy_attachment" "worker_admin" {
  role       = aws_iam_role.worker.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# --- report ------------------------------------------------------------------------------------------

resource "aws_iam_policy" "report" {
  name        = "${local.name}-report"
  description = "Read the orders table, write reports."

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:Scan", "dynamodb:Query"]
        Resource = aws_dynamodb_table.orders.arn
      },
      {
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "${aws_s3_bucket.reports.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = aws_sqs_queue.report_failures.arn
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "report" {
  role       = aws_iam_role.report.name
  policy_arn = aws_iam_policy.report.arn
}
