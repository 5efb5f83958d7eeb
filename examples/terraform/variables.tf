variable "region" {
  description = "AWS region to deploy the orders service to."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev, staging, prod)."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "artifacts_bucket" {
  description = "S3 bucket the CI pipeline uploads the Lambda packages to."
  type        = string
  default     = "acme-lambda-artifacts"
}

variable "release" {
  description = "Version of the Lambda packages to deploy (the S3 key prefix)."
  type        = string
  default     = "2026.11.1"
}

variable "permissions_boundary_arn" {
  description = "The platform team's permissions boundary, required on every Lambda execution role."
  type        = string
  default     = "arn:aws:iam::123456789012:policy/platform/lambda-permissions-boundary"
}

variable "runtime" {
  description = "Python runtime of the order functions."
  type        = string
  default     = "python3.13"
}

# PLANTED FG_06_01, FG_11_01: the report job is held back on an old runtime, and the default is what gets
# deployed: no more security patches, a function to upgrade or retire.
variable "report_runtime" {
  description = "Python runtime of the nightly report (pinned until the reporting library supports newer Pythons)."
  type        = string
  default     = "python3.9"
}

# PLANTED FG_07_01: `sensitive` hides the value in plan output, but the default is still plaintext in
# the repository and in the function configuration.
variable "payment_api_key" {
  description = "Payment provider API key used by the order worker."
  type        = string
  sensitive   = true
  default     = "pay_live_EXAMPLE0000notarealkey0000"
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the functions' log groups."
  type        = number
  default     = 30
}

variable "audit_bucket" {
  description = "S3 bucket (of the security account) the audit trail writes to."
  type        = string
  default     = "acme-security-cloudtrail"
}
