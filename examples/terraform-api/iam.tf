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

resource "aws_iam_role" "create_payment" {
  name                 = "${local.name}-create-payment"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role" "get_payment" {
  name                 = "${local.name}-get-payment"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role" "refund" {
  name                 = "${local.name}-refund"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role" "settlement" {
  name                 = "${local.name}-settlement"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

# PLANTED FG_04_07: created from an old snippet without the permissions boundary the other roles have.
resource "aws_iam_role" "export_receipts" {
  name               = "${local.name}-export-receipts"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

# PLANTED FG_11_04: for the tenant provisioner, which is not deployed yet: no function uses this role, but
# any principal allowed iam:PassRole and lambda:CreateFunction can give it one, and its policy with it.
resource "aws_iam_role" "provisioner" {
  name                 = "${local.name}-provisioner"
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

# Logs for every function, X-Ray for all of them.
resource "aws_iam_role_policy_attachment" "basic_execution" {
  for_each = {
    create_payment  = aws_iam_role.create_payment.name
    get_payment     = aws_iam_role.get_payment.name
    refund          = aws_iam_role.refund.name
    settlement      = aws_iam_role.settlement.name
    export_receipts = aws_iam_role.export_receipts.name
  }

  role       = each.value
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "xray" {
  for_each = {
    create_payment  = aws_iam_role.create_payment.name
    get_payment     = aws_iam_role.get_payment.name
    refund          = aws_iam_role.refund.name
    settlement      = aws_iam_role.settlement.name
    export_receipts = aws_iam_role.export_receipts.name
  }

  role       = each.value
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

# --- create_payment, get_payment, refund ---------------------------------------------------------------

data "aws_iam_policy_document" "create_payment" {
  statement {
    sid       = "StorePayment"
    actions   = ["dynamodb:PutItem"]
    resources = [aws_dynamodb_table.payments.arn]
  }

  statement {
    sid       = "QueueSettlement"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.settlement.arn]
  }
}

resource "aws_iam_role_policy" "create_payment" {
  name   = "create-payment"
  role   = aws_iam_role.create_payment.id
  policy = data.aws_iam_policy_document.create_payment.json
}

data "aws_iam_policy_document" "get_payment" {
  statement {
    sid       = "ReadPayment"
    actions   = ["dynamodb:GetItem"]
    resources = [aws_dynamodb_table.payments.arn]
  }
}

resource "aws_iam_role_policy" "get_payment" {
  name   = "get-payment"
  role   = aws_iam_role.get_payment.id
  policy = data.aws_iam_policy_document.get_payment.json
}

data "aws_iam_policy_document" "refund" {
  statement {
    sid       = "MarkRefunded"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.payments.arn]
  }

  statement {
    sid       = "QueueRefund"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.settlement.arn]
  }
}

resource "aws_iam_role_policy" "refund" {
  name   = "refund"
  role   = aws_iam_role.refund.id
  policy = data.aws_iam_policy_document.refund.json
}

# --- settlement ------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "settlement" {
  statement {
    sid       = "SettlementQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.settlement.arn]
  }

  statement {
    sid       = "MarkSettled"
    actions   = ["dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.payments.arn]
  }

  # PLANTED FG_04_02: the worker only writes ledger objects, but s3:* also lets it delete them, change the
  # bucket policy and turn off versioning.
  statement {
    sid       = "Ledger"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.ledger.arn, "${aws_s3_bucket.ledger.arn}/*"]
  }
}

resource "aws_iam_role_policy" "settlement" {
  name   = "settlement"
  role   = aws_iam_role.settlement.id
  policy = data.aws_iam_policy_document.settlement.json
}

# --- export_receipts -----------------------------------------------------------------------------------

data "aws_iam_policy_document" "export_receipts" {
  # PLANTED FG_04_03: reads every DynamoDB table in the account, not only the payments table.
  statement {
    sid       = "ReadPayments"
    actions   = ["dynamodb:Query", "dynamodb:Scan"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteReceipts"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.receipts.arn}/*"]
  }

  statement {
    sid       = "ReportFailedRuns"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs_failures.arn]
  }
}

resource "aws_iam_role_policy" "export_receipts" {
  name   = "export-receipts"
  role   = aws_iam_role.export_receipts.id
  policy = data.aws_iam_policy_document.export_receipts.json
}

# --- provisioner -----------------------------------------------------------------------------------------

# PLANTED FG_04_06: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction: whoever controls the
# provisioner can run their own code as any tenant role (cloudsplaining: PassExistingRoleToNewLambdaThenInvoke).
data "aws_iam_policy_document" "provisioner" {
  statement {
    sid     = "TenantFunctions"
    actions = ["lambda:CreateFunction", "lambda:InvokeFunction"]
    resources = [
      "arn:aws:lambda:${var.region}:${var.account_id}:function:${local.name}-tenant-*",
    ]
  }

  statement {
    sid       = "PassTenantRoles"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::${var.account_id}:role/${local.name}-tenant-*"]
  }
}

resource "aws_iam_role_policy" "provisioner" {
  name   = "provisioner"
  role   = aws_iam_role.provisioner.id
  policy = data.aws_iam_policy_document.provisioner.json
}
