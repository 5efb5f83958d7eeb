# METADATA
# title: Embedded catalog and runtime data
# description: |
#   A copy of data.faasguard.catalog and data.faasguard.runtimes as Rego, for conftest, whose `-p`
#   loads only .rego files. GENERATED from rego/faasguard/catalog/data.json and
#   rego/faasguard/runtimes/data.json (the generated data documents); do not edit. A test in
#   embedded_test.rego fails when this copy and the data documents differ.
package faasguard.lib.embedded

catalog := {
	"FG_02_01": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `AuthorizationType` (and `AuthorizerId`) on every `AWS::ApiGateway::Method`; an absent AuthorizationType is NONE.",
			"sam": "Set `Auth.DefaultAuthorizer` on the API (or `Globals.Api.Auth`) and do not override it with `Auth: {Authorizer: NONE}` on events.",
			"serverless": "Add `authorizer:` (a Lambda authorizer, `aws_iam` or a Cognito user pool ARN) to every `http` event; `private: true` alone is not enough.",
			"terraform": "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` with an `authorizer_id` on every `aws_api_gateway_method` (OPTIONS may stay open for CORS).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_01.md",
		"id": "FG_02_01",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "A REST API method can be called without authentication",
	},
	"FG_02_02": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `AuthorizationType` and `AuthorizerId` on every `AWS::ApiGatewayV2::Route`.",
			"sam": "Set `Auth.DefaultAuthorizer` (or `EnableIamAuthorizer`) on the `AWS::Serverless::HttpApi` and do not override it with `Authorizer: NONE`.",
			"serverless": "Add `authorizer:` to every `httpApi` event (a JWT authorizer of `provider.httpApi.authorizers`, or `type: aws_iam`), and to the `$connect` websocket route.",
			"terraform": "Set `authorization_type` (`JWT`, `AWS_IAM` or `CUSTOM`) and `authorizer_id` on every `aws_apigatewayv2_route` (on `$connect` for WebSocket APIs).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_02.md",
		"id": "FG_02_02",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "An HTTP or WebSocket API route can be called without authentication",
	},
	"FG_02_03": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `AuthType: AWS_IAM` on `AWS::Lambda::Url`.",
			"sam": "Set `FunctionUrlConfig.AuthType: AWS_IAM`.",
			"serverless": "Use `url: {authorizer: aws_iam}` instead of `url: true`.",
			"terraform": "Set `authorization_type = \"AWS_IAM\"` on `aws_lambda_function_url`, or front the function with an API that authenticates callers.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_03.md",
		"id": "FG_02_03",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "Lambda function URL allows unauthenticated access",
	},
	"FG_02_04": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `Principal` to the calling service or account and add `SourceArn` or `SourceAccount`.",
			"sam": "Let SAM create the permissions from `Events` (they carry SourceArn), or constrain the `AWS::Lambda::Permission` with `SourceArn`.",
			"serverless": "In `resources.Resources`, give the `AWS::Lambda::Permission` a specific `Principal` and a `SourceArn`.",
			"terraform": "Set `principal` to the calling service (e.g. `s3.amazonaws.com`) or account, and `source_arn` / `source_account`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_04.md",
		"id": "FG_02_04",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "A function's resource policy lets anyone invoke it",
	},
	"FG_02_05": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `Policies.PasswordPolicy` (MinimumLength \u2265 12, all Require* true), `MfaConfiguration: ON`, explicit `WriteAttributes` without privilege-bearing attributes, no `ADMIN_NO_SRP_AUTH`, and `AllowUnauthenticatedIdentities: false`.",
			"sam": "As for CloudFormation: the Cognito resources of a SAM template are plain CloudFormation resources.",
			"serverless": "As for CloudFormation, in the `resources.Resources` that declare the pool and its clients.",
			"terraform": "Set `password_policy { minimum_length = 12 \u2026 }` with all character classes, `mfa_configuration = \"ON\"` (or OPTIONAL), leave privilege-bearing custom attributes out of `write_attributes`, drop `ADMIN_NO_SRP_AUTH`, and `allow_unauthenticated_identities = false`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_05.md",
		"id": "FG_02_05",
		"sas": [
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "A Cognito user pool, client or identity pool is weakly configured",
	},
	"FG_02_06": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Reference the authorizer with `AuthorizerId` on the methods or routes, and set `JwtConfiguration.Issuer` and `Audience`.",
			"sam": "Use the authorizer as `Auth.DefaultAuthorizer` or in events' `Auth.Authorizer`, and set `JwtConfiguration.issuer` and `audience`.",
			"serverless": "Name the authorizer in the `httpApi` events' `authorizer.name`, and set `issuerUrl` and `audience` in `provider.httpApi.authorizers`.",
			"terraform": "Reference the authorizer from the methods or routes (`authorizer_id`), and set `jwt_configuration { issuer = \u2026 audience = [...] }`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_06.md",
		"id": "FG_02_06",
		"sas": [
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "An authorizer is not attached, or a JWT authorizer accepts any token issuer or audience",
	},
	"FG_04_01": {
		"category": "IAM",
		"fix": {
			"cloudformation": "List the exact actions in the role's policy documents; do not attach AdministratorAccess or PowerUserAccess.",
			"sam": "Use SAM policy templates (e.g. `DynamoDBReadPolicy`) or statements with exact actions in `Policies`.",
			"serverless": "List exact actions in `provider.iam.role.statements`, or give each function its own least-privilege role.",
			"terraform": "Replace `Action = \"*\"` / `not_actions` with the exact actions the function calls, on the resources it needs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_01.md",
		"id": "FG_04_01",
		"sas": [
			"SAS-4",
			"SAS-1",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows every action",
	},
	"FG_04_02": {
		"category": "IAM",
		"fix": {
			"cloudformation": "List the exact actions (e.g. `dynamodb:GetItem`, `dynamodb:PutItem`) in the role's policy documents.",
			"sam": "Use a SAM policy template scoped to the resource (e.g. `DynamoDBCrudPolicy: {TableName: !Ref Table}`) instead of `dynamodb:*`.",
			"serverless": "List the exact actions in `provider.iam.role.statements` (or the function's `iam.role.statements`).",
			"terraform": "Replace `\"s3:*\"` with the operations the function calls (e.g. `s3:GetObject`, `s3:PutObject`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_02.md",
		"id": "FG_04_02",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows every action of a service",
	},
	"FG_04_03": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `Resource` to `!GetAtt Table.Arn` (or the exact ARNs) instead of `*`.",
			"sam": "Pass the resource to the policy template (`DynamoDBCrudPolicy: {TableName: !Ref Table}`), never `'*'`.",
			"serverless": "Set `Resource` of each statement to the ARNs the function uses (e.g. `!GetAtt OrdersTable.Arn`).",
			"terraform": "Set `resources` / `Resource` to the ARNs of the tables, buckets or queues the function uses (e.g. `aws_dynamodb_table.orders.arn`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_03.md",
		"id": "FG_04_03",
		"sas": [
			"SAS-4",
			"SAS-3",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows data access on every resource",
	},
	"FG_04_04": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Remove the managed policy ARN from `ManagedPolicyArns` and add a scoped policy to the role.",
			"sam": "Replace the managed policy name in `Policies` with a SAM policy template scoped to the resource.",
			"serverless": "Remove the policy from `managedPolicies` and list scoped statements in `iam.role.statements`.",
			"terraform": "Detach the managed policy; attach a customer policy (or `aws_iam_role_policy`) with the actions and resources the function needs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_04.md",
		"id": "FG_04_04",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role has a broad AWS managed policy",
	},
	"FG_04_05": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Create one `AWS::IAM::Role` per function.",
			"sam": "Leave `Role` unset and give each function its own `Policies` (SAM creates one role per function).",
			"serverless": "Set `provider.iam.role.mode: perFunction` (Framework v4) or use per-function `iam.role.statements` (serverless-iam-roles-per-function).",
			"terraform": "Give each `aws_lambda_function` its own `aws_iam_role` with only that function's policies.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_05.md",
		"id": "FG_04_05",
		"sas": [
			"SAS-4",
		],
		"severity": "MEDIUM",
		"title": "Several functions share one execution role",
	},
	"FG_04_06": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Remove `iam:*Policy*`, `iam:CreateAccessKey` and similar actions; give `iam:PassRole` a specific role ARN.",
			"sam": "Remove permission-management actions from `Policies`; scope `iam:PassRole` to the exact role ARN.",
			"serverless": "Remove permission-management actions from the role statements; scope `iam:PassRole` to the exact role ARN.",
			"terraform": "Remove IAM permission-management actions from the function's policies; scope `iam:PassRole` / `sts:AssumeRole` to the exact role ARNs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_06.md",
		"id": "FG_04_06",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role can escalate privileges",
	},
	"FG_04_07": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `PermissionsBoundary` on the `AWS::IAM::Role`.",
			"sam": "Set `PermissionsBoundary` on the function (or in `Globals.Function`).",
			"serverless": "Set `provider.iam.role.permissionsBoundary` (and `iam.role.permissionsBoundary` on per-function roles).",
			"terraform": "Set `permissions_boundary` on the `aws_iam_role` to your organization's boundary policy ARN.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_07.md",
		"id": "FG_04_07",
		"sas": [
			"SAS-4",
		],
		"severity": "INFO",
		"title": "A function's execution role has no permissions boundary",
	},
	"FG_05_01": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Set `TracingConfig: {Mode: Active}` on the function.",
			"sam": "Set `Tracing: Active` on the function or in `Globals.Function`.",
			"serverless": "Set `provider.tracing.lambda: true` (or `tracing: Active` on the function).",
			"terraform": "Add `tracing_config { mode = \"Active\" }` to the function.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_01.md",
		"id": "FG_05_01",
		"sas": [
			"SAS-5",
		],
		"severity": "MEDIUM",
		"title": "Lambda function has no active X-Ray tracing",
	},
	"FG_06_01": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Set `Runtime` to a supported version.",
			"sam": "Set `Runtime` (on the function or in `Globals.Function`) to a supported version.",
			"serverless": "Set `provider.runtime` (and any `functions.<f>.runtime`) to a supported version.",
			"terraform": "Set `runtime` to a supported version (e.g. `python3.13`, `nodejs22.x`) and redeploy.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_01.md",
		"id": "FG_06_01",
		"sas": [
			"SAS-6",
			"SAS-11",
		],
		"severity": "HIGH",
		"title": "Lambda function uses a deprecated runtime",
	},
	"FG_07_01": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Pass the secret's ARN and read it at run time; never put the value in `Environment.Variables`.",
			"sam": "Pass the secret's ARN (e.g. `!Ref MySecret`) and read it at run time with the AWS SDK or the Parameters and Secrets extension.",
			"serverless": "Pass the SSM parameter or secret name and read it at run time; avoid literal values in `environment`.",
			"terraform": "Store the secret in Secrets Manager or SSM SecureString and pass its ARN/name; read it at run time.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_01.md",
		"id": "FG_07_01",
		"sas": [
			"SAS-7",
		],
		"severity": "HIGH",
		"title": "Plaintext secret in Lambda environment variables",
	},
}

runtimes := {
	"runtimes": {
		"dotnet10": {
			"deprecated": "2028-11-14",
		},
		"dotnet5.0": {
			"block_create": "2022-05-10",
			"block_update": "2022-05-10",
			"deprecated": "2022-05-10",
		},
		"dotnet6": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-12-20",
		},
		"dotnet7": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-05-14",
		},
		"dotnet8": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-11-10",
		},
		"dotnetcore1.0": {
			"block_create": "2019-06-27",
			"block_update": "2019-06-27",
			"deprecated": "2019-06-27",
		},
		"dotnetcore2.0": {
			"block_create": "2019-05-30",
			"block_update": "2019-05-30",
			"deprecated": "2019-05-30",
		},
		"dotnetcore2.1": {
			"block_create": "2022-01-05",
			"block_update": "2022-04-13",
			"deprecated": "2022-01-05",
		},
		"dotnetcore3.1": {
			"block_create": "2023-04-03",
			"block_update": "2023-05-03",
			"deprecated": "2023-04-03",
		},
		"go1.x": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"java11": {
			"deprecated": "2027-06-30",
		},
		"java17": {
			"deprecated": "2027-06-30",
		},
		"java21": {
			"deprecated": "2029-06-30",
		},
		"java8": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"java8.al2": {
			"deprecated": "2027-06-30",
		},
		"nodejs": {
			"block_create": "2016-10-31",
			"block_update": "2016-10-31",
			"deprecated": "2016-10-31",
		},
		"nodejs10.x": {
			"block_create": "2021-07-30",
			"block_update": "2022-02-14",
			"deprecated": "2021-07-30",
		},
		"nodejs12.x": {
			"block_create": "2023-03-31",
			"block_update": "2023-04-30",
			"deprecated": "2023-03-31",
		},
		"nodejs14.x": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-04",
		},
		"nodejs16.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-06-12",
		},
		"nodejs18.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2025-09-01",
		},
		"nodejs20.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-04-30",
		},
		"nodejs22.x": {
			"deprecated": "2027-04-30",
		},
		"nodejs24.x": {
			"deprecated": "2028-04-30",
		},
		"nodejs4.3": {
			"block_create": "2020-03-06",
			"block_update": "2020-03-06",
			"deprecated": "2020-03-06",
		},
		"nodejs4.3-edge": {
			"block_create": "2020-03-06",
			"block_update": "2020-03-06",
			"deprecated": "2020-03-06",
		},
		"nodejs6.10": {
			"block_create": "2019-08-12",
			"block_update": "2019-08-12",
			"deprecated": "2019-08-12",
		},
		"nodejs8.10": {
			"block_create": "2020-03-06",
			"block_update": "2020-03-06",
			"deprecated": "2020-03-06",
		},
		"provided": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"provided.al2": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-07-31",
		},
		"provided.al2023": {
			"deprecated": "2029-06-30",
		},
		"python2.7": {
			"block_create": "2021-07-15",
			"block_update": "2022-05-30",
			"deprecated": "2021-07-15",
		},
		"python3.10": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-10-31",
		},
		"python3.11": {
			"deprecated": "2027-06-30",
		},
		"python3.12": {
			"deprecated": "2028-10-31",
		},
		"python3.13": {
			"deprecated": "2029-06-30",
		},
		"python3.6": {
			"block_create": "2022-07-18",
			"block_update": "2022-08-29",
			"deprecated": "2022-07-18",
		},
		"python3.7": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-04",
		},
		"python3.8": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-10-14",
		},
		"python3.9": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2025-12-15",
		},
		"ruby2.5": {
			"block_create": "2021-07-30",
			"block_update": "2022-03-31",
			"deprecated": "2021-07-30",
		},
		"ruby2.7": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-07",
		},
		"ruby3.2": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-03-31",
		},
		"ruby3.3": {
			"deprecated": "2027-03-31",
		},
		"ruby3.4": {
			"deprecated": "2028-03-31",
		},
	},
	"source": "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
	"updated": "2026-11-28",
}
