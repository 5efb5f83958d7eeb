# Customers sign in with their e-mail address; the `role` attribute (customer, support, finance) tells the
# API what a user may do.
resource "aws_cognito_user_pool" "customers" {
  name                     = "${local.name}-customers"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = "ACTIVE"

  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  schema {
    name                     = "role"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 1
      max_length = 32
    }
  }
}

# The shop's single-page app: SRP sign-in, and users may edit their name and e-mail only.
resource "aws_cognito_user_pool_client" "web" {
  name                          = "${local.name}-web"
  user_pool_id                  = aws_cognito_user_pool.customers.id
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  read_attributes               = ["email", "name", "custom:role"]
  write_attributes              = ["email", "name"]
}

# PLANTED FG_02_05: no write_attributes, so this client may write every mutable attribute: a signed-in
# customer can set their own custom:role to "finance" and refund payments.
resource "aws_cognito_user_pool_client" "support_console" {
  name                          = "${local.name}-support-console"
  user_pool_id                  = aws_cognito_user_pool.customers.id
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
}
