# A function whose role's policies come from the caller.

variable "trust_json" {
  type = string
}

variable "policy_json" {
  type = string
}

variable "managed_policy_arn" {
  type = string
}

resource "aws_iam_role" "this" {
  name                 = "reporter"
  assume_role_policy   = var.trust_json
  permissions_boundary = "arn:aws:iam::123456789012:policy/ops-boundary"
}

resource "aws_iam_role_policy" "this" {
  name   = "reports"
  role   = aws_iam_role.this.id
  policy = var.policy_json
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = var.managed_policy_arn
}

resource "aws_lambda_function" "this" {
  function_name                  = "reporter"
  role                           = aws_iam_role.this.arn
  handler                        = "report.handler"
  runtime                        = "python3.12"
  s3_bucket                      = "ops-artifacts"
  s3_key                         = "reporter.zip"
  reserved_concurrent_executions = 1

  tracing_config {
    mode = "Active"
  }

  tags = {
    owner = "ops"
  }
}
