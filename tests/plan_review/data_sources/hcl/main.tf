# Data sources read while planning (every input is in the files: prior_state holds them) and at apply time
# (an input is known only after apply, or the data source waits for a resource with changes: the plan lists
# them as resource changes with the action "read"), used in this module and through a module's inputs.

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "reports-archive-123456789012"
}

# Read while planning.
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

# Read at apply time: it names the bucket's ARN.
data "aws_iam_policy_document" "reports" {
  statement {
    sid       = "Objects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.reports.arn}/*"]
  }
  statement {
    sid       = "AnySecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
}

# Read at apply time: it waits for the bucket.
data "aws_iam_policy" "power_user" {
  arn        = "arn:aws:iam::aws:policy/PowerUserAccess"
  depends_on = [aws_s3_bucket.reports]
}

resource "aws_iam_role" "ops" {
  name                 = "ops"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = "arn:aws:iam::123456789012:policy/ops-boundary"
}

resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = aws_iam_role.ops.id
  policy = data.aws_iam_policy_document.ops.json
}

resource "aws_lambda_function" "ops" {
  function_name                  = "ops"
  role                           = aws_iam_role.ops.arn
  handler                        = "ops.handler"
  runtime                        = "python3.12"
  s3_bucket                      = "ops-artifacts"
  s3_key                         = "ops.zip"
  reserved_concurrent_executions = 1

  tracing_config {
    mode = "Active"
  }

  tags = {
    owner = "ops"
  }
}

module "reporter" {
  source             = "./modules/reporter"
  trust_json         = data.aws_iam_policy_document.lambda_trust.json
  policy_json        = data.aws_iam_policy_document.reports.json
  managed_policy_arn = data.aws_iam_policy.power_user.arn
}
