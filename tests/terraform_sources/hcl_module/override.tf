# worker: a deprecated runtime (a finding on its original block) and active tracing (no finding)
resource "aws_lambda_function" "worker" {
  runtime = "nodejs16.x"
  tracing_config {
    mode = "Active"
  }
}
