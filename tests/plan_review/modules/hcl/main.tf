# A platform layout: per-service modules (for_each) that call a function module (a module in a module),
# a worker module called with count, and root resources naming module functions through module outputs.

locals {
  account_id = "123456789012"
  services   = toset(["orders", "billing"])
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# One role per service: module.service["orders"] gets aws_iam_role.service["orders"] (each.key).
resource "aws_iam_role" "service" {
  for_each             = local.services
  name                 = "service-${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = "arn:aws:iam::${local.account_id}:policy/service-boundary"
}

# Every action on every resource, for the orders role only.
resource "aws_iam_role_policy" "orders_admin" {
  name = "admin"
  role = aws_iam_role.service["orders"].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "billing_table" {
  name = "table"
  role = aws_iam_role.service["billing"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem"]
      Resource = "arn:aws:dynamodb:us-east-1:${local.account_id}:table/billing"
    }]
  })
}

# The functions' security group lets them reach anything.
resource "aws_security_group" "functions" {
  name   = "functions"
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "service" {
  source             = "./modules/service"
  for_each           = local.services
  name               = each.key
  role_arn           = aws_iam_role.service[each.key].arn
  security_group_ids = [aws_security_group.functions.id]
  timeout            = 60
}

# One role for both workers.
resource "aws_iam_role" "worker" {
  name                 = "worker"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = "arn:aws:iam::${local.account_id}:policy/service-boundary"
}

resource "aws_iam_role_policy" "worker" {
  name = "queue"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
      Resource = "arn:aws:sqs:us-east-1:${local.account_id}:jobs"
    }]
  })
}

module "worker" {
  source   = "./modules/worker"
  count    = 2
  name     = "worker-${count.index}"
  role_arn = aws_iam_role.worker.arn
}

# Anyone may invoke the orders function (named by a module output).
resource "aws_lambda_permission" "public" {
  statement_id  = "public"
  action        = "lambda:InvokeFunction"
  function_name = module.service["orders"].function_arn
  principal     = "*"
}

# An HTTP API in front of the billing function (its invoke ARN is a module output).
resource "aws_apigatewayv2_api" "billing" {
  name          = "billing"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "billing" {
  api_id                 = aws_apigatewayv2_api.billing.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.service["billing"].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "billing" {
  api_id             = aws_apigatewayv2_api.billing.id
  route_key          = "POST /invoices"
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.billing.id}"
}

resource "aws_lambda_permission" "api" {
  statement_id  = "api"
  action        = "lambda:InvokeFunction"
  function_name = module.service["billing"].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.billing.execution_arn}/*/*"
}
