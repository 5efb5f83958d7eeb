package faasguard.adapters.plan_test

# The configuration of the fixture plan (see plan_test.rego).
_root_module := {
	"resources": [
		{
			"address": "aws_iam_policy.custom",
			"mode": "managed",
			"type": "aws_iam_policy",
			"name": "custom",
			"expressions": {"name": {"constant_value": "custom"}, "policy": {}},
		},
		{
			"address": "aws_iam_policy_attachment.multi",
			"mode": "managed",
			"type": "aws_iam_policy_attachment",
			"name": "multi",
			"expressions": {
				"name": {"constant_value": "multi"},
				"policy_arn": {"references": ["aws_iam_policy.custom.arn", "aws_iam_policy.custom"]},
				"roles": {"references": ["aws_iam_role.lambda.name", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_iam_role.lambda",
			"mode": "managed",
			"type": "aws_iam_role",
			"name": "lambda",
			"expressions": {
				"inline_policy": [{"name": {"constant_value": "inline"}, "policy": {}}],
				"managed_policy_arns": {"constant_value": ["arn:aws:iam::aws:policy/AdministratorAccess"]},
				"name": {"constant_value": "lambda-role"},
			},
		},
		{
			"address": "aws_iam_role.unused",
			"mode": "managed",
			"type": "aws_iam_role",
			"name": "unused",
			"expressions": {"name": {"constant_value": "unused-role"}},
		},
		{
			"address": "aws_iam_role_policy.deferred",
			"mode": "managed",
			"type": "aws_iam_role_policy",
			"name": "deferred",
			"expressions": {
				"policy": {
					"references": ["data.aws_iam_policy_document.deferred.json", "data.aws_iam_policy_document.deferred"],
				},
				"role": {"references": ["aws_iam_role.lambda.name", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_iam_role_policy.doc",
			"mode": "managed",
			"type": "aws_iam_role_policy",
			"name": "doc",
			"expressions": {
				"policy": {
					"references": ["data.aws_iam_policy_document.admin.json", "data.aws_iam_policy_document.admin"],
				},
				"role": {"constant_value": "lambda-role"},
			},
		},
		{
			"address": "aws_iam_role_policy.heredoc",
			"mode": "managed",
			"type": "aws_iam_role_policy",
			"name": "heredoc",
			"expressions": {
				"policy": {"constant_value": _heredoc},
				"role": {"references": ["aws_iam_role.lambda.id", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_iam_role_policy.unused",
			"mode": "managed",
			"type": "aws_iam_role_policy",
			"name": "unused",
			"expressions": {
				"policy": {
					"references": ["data.aws_iam_policy_document.admin.json", "data.aws_iam_policy_document.admin"],
				},
				"role": {"references": ["aws_iam_role.unused.id", "aws_iam_role.unused"]},
			},
		},
		{
			"address": "aws_iam_role_policy_attachment.admin",
			"mode": "managed",
			"type": "aws_iam_role_policy_attachment",
			"name": "admin",
			"expressions": {
				"policy_arn": {"constant_value": "arn:aws:iam::aws:policy/AdministratorAccess"},
				"role": {"references": ["aws_iam_role.lambda.name", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_iam_role_policy_attachment.custom",
			"mode": "managed",
			"type": "aws_iam_role_policy_attachment",
			"name": "custom",
			"expressions": {
				"policy_arn": {"references": ["aws_iam_policy.custom.arn", "aws_iam_policy.custom"]},
				"role": {"references": ["aws_iam_role.lambda.name", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_iam_role_policy_attachment.unused",
			"mode": "managed",
			"type": "aws_iam_role_policy_attachment",
			"name": "unused",
			"expressions": {
				"policy_arn": {"constant_value": "arn:aws:iam::aws:policy/AdministratorAccess"},
				"role": {"references": ["aws_iam_role.unused.name", "aws_iam_role.unused"]},
			},
		},
		{
			"address": "aws_iam_role_policy_attachments_exclusive.lambda",
			"mode": "managed",
			"type": "aws_iam_role_policy_attachments_exclusive",
			"name": "lambda",
			"expressions": {
				"policy_arns": {"references": ["aws_iam_policy.custom.arn", "aws_iam_policy.custom"]},
				"role_name": {"references": ["aws_iam_role.lambda.name", "aws_iam_role.lambda"]},
			},
		},
		{
			"address": "aws_lambda_function.api",
			"mode": "managed",
			"type": "aws_lambda_function",
			"name": "api",
			"expressions": {
				"environment": [{"variables": {"constant_value": {"DB_PASSWORD": "hunter22", "PORT": 8080}}}],
				"function_name": {"constant_value": "api"},
				"role": {"references": ["aws_iam_role.lambda.arn", "aws_iam_role.lambda"]},
				"runtime": {"constant_value": "python3.8"},
				"tracing_config": [{"mode": {"references": ["local.tracing"]}}],
			},
		},
		{
			"address": "aws_lambda_function.image",
			"mode": "managed",
			"type": "aws_lambda_function",
			"name": "image",
			"expressions": {
				"function_name": {"references": ["each.key"]},
				"package_type": {"constant_value": "Image"},
				"role": {"constant_value": "arn:aws:iam::123456789012:role/lambda-role"},
				"tracing_config": [{"mode": {"references": ["aws_iam_role.lambda.unique_id", "aws_iam_role.lambda"]}}],
			},
		},
		{
			"address": "aws_lambda_function.worker",
			"mode": "managed",
			"type": "aws_lambda_function",
			"name": "worker",
			"expressions": {
				"environment": [{"variables": {"references": ["aws_iam_role.unused.arn", "aws_iam_role.unused"]}}],
				"function_name": {"references": ["count.index"]},
				"role": {"references": ["aws_iam_role.lambda.arn", "aws_iam_role.lambda"]},
				"runtime": {"constant_value": "nodejs14.x"},
				"tracing_config": [{"mode": {"constant_value": "PassThrough"}}],
			},
			"count_expression": {"constant_value": 2},
		},
		{
			"address": "aws_lambda_function_url.api",
			"mode": "managed",
			"type": "aws_lambda_function_url",
			"name": "api",
			"expressions": {
				"authorization_type": {"constant_value": "NONE"},
				"function_name": {"references": ["aws_lambda_function.api.function_name", "aws_lambda_function.api"]},
			},
		},
		{
			"address": "aws_lambda_function_url.image",
			"mode": "managed",
			"type": "aws_lambda_function_url",
			"name": "image",
			"expressions": {
				"authorization_type": {"constant_value": "AWS_IAM"},
				"function_name": {"references": ["each.value.arn", "each.value"]},
			},
			"for_each_expression": {"references": ["aws_lambda_function.image"]},
		},
		{
			"address": "data.aws_iam_policy_document.admin",
			"mode": "data",
			"type": "aws_iam_policy_document",
			"name": "admin",
			"expressions": {"statement": [{"actions": {"constant_value": ["*"]}, "resources": {"constant_value": ["*"]}}]},
		},
		{
			"address": "data.aws_iam_policy_document.deferred",
			"mode": "data",
			"type": "aws_iam_policy_document",
			"name": "deferred",
			"expressions": {
				"statement": [
					{
						"actions": {"constant_value": ["s3:GetObject", "*:*"]},
						"effect": {"constant_value": "Allow"},
						"resources": {"references": ["aws_iam_role.lambda.arn", "aws_iam_role.lambda"]},
					},
				],
			},
		},
	],
	"module_calls": {
		"svc": {
			"source": "./modules/svc",
			"module": {
				"resources": [
					{
						"address": "aws_iam_role.lambda",
						"mode": "managed",
						"type": "aws_iam_role",
						"name": "lambda",
						"expressions": {"name": {"references": ["var.name"]}},
					},
					{
						"address": "aws_iam_role_policy.admin",
						"mode": "managed",
						"type": "aws_iam_role_policy",
						"name": "admin",
						"expressions": {
							"policy": {},
							"role": {"references": ["aws_iam_role.lambda.id", "aws_iam_role.lambda"]},
						},
					},
					{
						"address": "aws_lambda_function.fn",
						"mode": "managed",
						"type": "aws_lambda_function",
						"name": "fn",
						"expressions": {
							"function_name": {"references": ["var.name"]},
							"role": {"references": ["aws_iam_role.lambda.arn", "aws_iam_role.lambda"]},
							"runtime": {"constant_value": "go1.x"},
						},
					},
				],
				"module_calls": {
					"inner": {
						"source": "../inner",
						"module": {
							"resources": [
								{
									"address": "aws_iam_role.lambda",
									"mode": "managed",
									"type": "aws_iam_role",
									"name": "lambda",
									"expressions": {
										"managed_policy_arns": {"constant_value": ["arn:aws:iam::aws:policy/PowerUserAccess"]},
										"name": {"constant_value": "inner-role"},
									},
								},
								{
									"address": "aws_lambda_function.fn",
									"mode": "managed",
									"type": "aws_lambda_function",
									"name": "fn",
									"expressions": {
										"function_name": {"constant_value": "inner"},
										"role": {"references": ["aws_iam_role.lambda.arn", "aws_iam_role.lambda"]},
										"runtime": {"constant_value": "python3.12"},
									},
								},
							],
						},
					},
				},
			},
		},
	},
}
