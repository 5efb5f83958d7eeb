variable "region" {
  description = "AWS region to deploy the payments service to."
  type        = string
  default     = "eu-west-1"
}

variable "account_id" {
  description = "AWS account the service is deployed to (names the tenant functions the provisioner may create)."
  type        = string
  default     = "123456789012"
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
  default     = "2026.11.3"
}

variable "runtime" {
  description = "Python runtime of the functions."
  type        = string
  default     = "python3.13"
}

variable "permissions_boundary_arn" {
  description = "The platform team's permissions boundary, required on every Lambda execution role."
  type        = string
  default     = "arn:aws:iam::123456789012:policy/platform/lambda-permissions-boundary"
}

variable "staff_issuer" {
  description = "OpenID Connect issuer of the staff single sign-on (support and finance teams)."
  type        = string
  default     = "https://login.acme.example.com/"
}

variable "oncall_topic_arn" {
  description = "SNS topic of the on-call rotation (the platform team's stack) the alarms notify."
  type        = string
  default     = "arn:aws:sns:eu-west-1:123456789012:platform-oncall"
}
