output "api_url" {
  description = "Public URL of the orders API function."
  value       = aws_lambda_function_url.api.function_url
}

output "orders_queue_url" {
  description = "URL of the order queue."
  value       = aws_sqs_queue.orders.url
}

output "orders_table" {
  description = "Name of the orders table."
  value       = aws_dynamodb_table.orders.name
}

output "reports_bucket" {
  description = "Bucket the nightly report writes to."
  value       = aws_s3_bucket.reports.bucket
}

output "function_names" {
  description = "Lambda function names, by role in the service."
  value = {
    api    = aws_lambda_function.api.function_name
    worker = aws_lambda_function.worker.function_name
    report = aws_lambda_function.report.function_name
  }
}
