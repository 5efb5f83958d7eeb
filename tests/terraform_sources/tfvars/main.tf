# Each variable is set by the variables files up to one level of precedence: default, terraform.tfvars,
# terraform.tfvars.json, a.auto.tfvars.json, b.auto.tfvars, --var-file first.tfvars, --var-file
# second.tfvars.json. deprecated_at_K is python3.8 at level K and python3.13 below it; current_at_K the
# reverse. `unset` has no value at all (unknown: undecided, no finding).

variable "deprecated_at_0" {
  default = "python3.8"
}

variable "deprecated_at_1" {
  default = "python3.13"
}

variable "deprecated_at_2" {
  default = "python3.13"
}

variable "deprecated_at_3" {
  default = "python3.13"
}

variable "deprecated_at_4" {
  default = "python3.13"
}

variable "deprecated_at_5" {
  default = "python3.13"
}

variable "deprecated_at_6" {
  default = "python3.13"
}

variable "current_at_1" {
  default = "python3.8"
}

variable "current_at_2" {
  default = "python3.8"
}

variable "current_at_3" {
  default = "python3.8"
}

variable "current_at_4" {
  default = "python3.8"
}

variable "current_at_5" {
  default = "python3.8"
}

variable "current_at_6" {
  default = "python3.8"
}

variable "unset" {
  type = string
}

resource "aws_lambda_function" "deprecated_at_0" {
  function_name = "deprecated_at_0"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_0
}

resource "aws_lambda_function" "deprecated_at_1" {
  function_name = "deprecated_at_1"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_1
}

resource "aws_lambda_function" "deprecated_at_2" {
  function_name = "deprecated_at_2"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_2
}

resource "aws_lambda_function" "deprecated_at_3" {
  function_name = "deprecated_at_3"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_3
}

resource "aws_lambda_function" "deprecated_at_4" {
  function_name = "deprecated_at_4"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_4
}

resource "aws_lambda_function" "deprecated_at_5" {
  function_name = "deprecated_at_5"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_5
}

resource "aws_lambda_function" "deprecated_at_6" {
  function_name = "deprecated_at_6"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.deprecated_at_6
}

resource "aws_lambda_function" "current_at_1" {
  function_name = "current_at_1"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_1
}

resource "aws_lambda_function" "current_at_2" {
  function_name = "current_at_2"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_2
}

resource "aws_lambda_function" "current_at_3" {
  function_name = "current_at_3"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_3
}

resource "aws_lambda_function" "current_at_4" {
  function_name = "current_at_4"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_4
}

resource "aws_lambda_function" "current_at_5" {
  function_name = "current_at_5"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_5
}

resource "aws_lambda_function" "current_at_6" {
  function_name = "current_at_6"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.current_at_6
}

resource "aws_lambda_function" "unset" {
  function_name = "unset"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.unset
}
