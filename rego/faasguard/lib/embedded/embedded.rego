# METADATA
# title: Embedded catalog and runtime data
# description: |
#   A copy of data.faasguard.catalog and data.faasguard.runtimes as Rego, for conftest, whose `-p`
#   loads only .rego files. GENERATED from rego/faasguard/catalog/data.json and
#   rego/faasguard/runtimes/data.json (the generated data documents); do not edit. A test in
#   embedded_test.rego fails when this copy and the data documents differ.
package faasguard.lib.embedded

catalog := {
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
