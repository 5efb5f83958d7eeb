# Planned against ../terraform.tfstate (hand-written): aws_iam_role.app, aws_iam_role_policy.app and
# aws_lambda_function.legacy are unchanged (no-op), aws_lambda_function.api is updated, aws_kms_key.env is
# created, and what the state holds but this file no longer declares is deleted (aws_lambda_function.retired,
# aws_lambda_permission.public, aws_iam_role_policy.admin).

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = "arn:aws:iam::123456789012:policy/app-boundary"
}

resource "aws_iam_role_policy" "app" {
  name = "app"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem"]
      Resource = "arn:aws:dynamodb:us-east-1:123456789012:table/app"
    }]
  })
}

# Unchanged, and still on a deprecated runtime.
resource "aws_lambda_function" "legacy" {
  function_name                  = "legacy"
  role                           = aws_iam_role.app.arn
  handler                        = "app.handler"
  runtime                        = "python3.8"
  s3_bucket                      = "app-artifacts"
  s3_key                         = "legacy.zip"
  reserved_concurrent_executions = 5

  tracing_config {
    mode = "Active"
  }

  tags = {
    owner = "app"
  }
}

resource "aws_kms_key" "env" {
  description         = "api environment"
  enable_key_rotation = true
}

# The state has python3.8, active tracing and no key: the update moves to python3.12, passes traces
# through, and encrypts the environment with a key created by this plan (its ARN is known after apply).
resource "aws_lambda_function" "api" {
  function_name                  = "api"
  role                           = aws_iam_role.app.arn
  handler                        = "app.handler"
  runtime                        = "python3.12"
  s3_bucket                      = "app-artifacts"
  s3_key                         = "api.zip"
  reserved_concurrent_executions = 5
  kms_key_arn                    = aws_kms_key.env.arn

  environment {
    variables = {
      TABLE = "app"
    }
  }

  tracing_config {
    mode = "PassThrough"
  }

  tags = {
    owner = "app"
  }
}

resource "aws_cloudwatch_log_group" "functions" {
  for_each          = toset(["legacy", "api"])
  name              = "/aws/lambda/${each.key}"
  retention_in_days = 30
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/0b5e2f3c-1111-2222-3333-444455556666"
}
