# The HTTP API: customers' routes are behind the Cognito JWT authorizer.

resource "aws_apigatewayv2_api" "payments" {
  name          = local.name
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins = ["https://shop.example.com"]
    allow_methods = ["GET", "POST"]
    allow_headers = ["authorization", "content-type"]
    max_age       = 3600
  }
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.payments.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }

  # Who called which route, with which token, and what the API answered.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId      = "$context.requestId"
      ip             = "$context.identity.sourceIp"
      requestTime    = "$context.requestTime"
      routeKey       = "$context.routeKey"
      status         = "$context.status"
      user           = "$context.authorizer.claims.sub"
      integrationErr = "$context.integrationErrorMessage"
    })
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}-access"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.payments.arn
}

resource "aws_apigatewayv2_authorizer" "customers" {
  api_id           = aws_apigatewayv2_api.payments.id
  name             = "customers"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://${aws_cognito_user_pool.customers.endpoint}"
    audience = [aws_cognito_user_pool_client.web.id]
  }
}

# PLANTED FG_02_06: written for the staff routes but referenced by no route, so it protects nothing
# (the refund route below is open).
resource "aws_apigatewayv2_authorizer" "staff" {
  api_id           = aws_apigatewayv2_api.payments.id
  name             = "staff"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.staff_issuer
    audience = ["payments-admin"]
  }
}

# --- integrations and routes -------------------------------------------------------------------------

resource "aws_apigatewayv2_integration" "create_payment" {
  api_id                 = aws_apigatewayv2_api.payments.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.create_payment.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_integration" "get_payment" {
  api_id                 = aws_apigatewayv2_api.payments.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.get_payment.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_integration" "refund" {
  api_id                 = aws_apigatewayv2_api.payments.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.refund.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "create_payment" {
  api_id             = aws_apigatewayv2_api.payments.id
  route_key          = "POST /payments"
  target             = "integrations/${aws_apigatewayv2_integration.create_payment.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.customers.id
}

resource "aws_apigatewayv2_route" "get_payment" {
  api_id             = aws_apigatewayv2_api.payments.id
  route_key          = "GET /payments/{paymentId}"
  target             = "integrations/${aws_apigatewayv2_integration.get_payment.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.customers.id
}

# PLANTED FG_02_02: no authorization_type, so anyone who finds the URL can refund any payment.
resource "aws_apigatewayv2_route" "refund" {
  api_id    = aws_apigatewayv2_api.payments.id
  route_key = "POST /payments/{paymentId}/refund"
  target    = "integrations/${aws_apigatewayv2_integration.refund.id}"
}

resource "aws_lambda_permission" "api" {
  for_each = {
    create_payment = aws_lambda_function.create_payment.function_name
    get_payment    = aws_lambda_function.get_payment.function_name
    refund         = aws_lambda_function.refund.function_name
  }

  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = each.value
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.payments.execution_arn}/*/*"
}

# PLANTED FG_09_01: the support console's REST API, in the support team's stack, calls the refund function;
# apigateway.amazonaws.com without source_arn lets any API Gateway API, in any account, invoke it.
resource "aws_lambda_permission" "support_console_refund" {
  statement_id  = "AllowSupportConsoleInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.refund.function_name
  principal     = "apigateway.amazonaws.com"
}

# PLANTED FG_02_04: meant for one partner's account, but principal "*" without source_account lets any AWS
# account invoke the function directly, past the API and its authorizer.
resource "aws_lambda_permission" "partner_get_payment" {
  statement_id  = "AllowPartnerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.get_payment.function_name
  principal     = "*"
}
