output "api_endpoint" {
  description = "Base URL of the payments HTTP API."
  value       = aws_apigatewayv2_api.payments.api_endpoint
}

output "user_pool_id" {
  description = "Cognito user pool of the customers."
  value       = aws_cognito_user_pool.customers.id
}

output "web_client_id" {
  description = "App client of the shop's single-page app."
  value       = aws_cognito_user_pool_client.web.id
}

output "settlement_queue_url" {
  description = "Queue of payments waiting for settlement."
  value       = aws_sqs_queue.settlement.url
}
