# A service: its function (the function module) and what it exposes.

variable "name" {
  type = string
}

variable "role_arn" {
  type = string
}

variable "security_group_ids" {
  type = list(string)
}

variable "timeout" {
  type = number
}

module "function" {
  source             = "../function"
  name               = "svc-${var.name}"
  role               = var.role_arn
  security_group_ids = var.security_group_ids
  timeout            = var.timeout
}

output "function_name" {
  value = module.function.name
}

output "function_arn" {
  value = module.function.arn
}

output "invoke_arn" {
  value = module.function.invoke_arn
}
