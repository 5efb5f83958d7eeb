package faasguard.adapters.plan_test

# The IAM resource changes and the prior state of the fixture plan (see plan_test.rego).
_policy_changes := [
	{
		"address": "data.aws_iam_policy_document.deferred",
		"mode": "data",
		"type": "aws_iam_policy_document",
		"name": "deferred",
		"change": {
			"actions": ["read"],
			"after": {
				"statement": [
					{
						"actions": ["*:*", "s3:GetObject"],
						"effect": "Allow",
						"not_actions": null,
						"resources": [null],
					},
				],
			},
			"after_unknown": {"id": true, "json": true, "statement": [{"actions": [false, false], "resources": [true]}]},
		},
	},
	{
		"address": "aws_iam_policy.custom",
		"mode": "managed",
		"type": "aws_iam_policy",
		"name": "custom",
		"change": {
			"actions": ["create"],
			"after": {"name": "custom", "path": "/", "policy": _s3_policy},
			"after_unknown": {"arn": true, "id": true},
		},
	},
	{
		"address": "aws_iam_policy_attachment.multi",
		"mode": "managed",
		"type": "aws_iam_policy_attachment",
		"name": "multi",
		"change": {
			"actions": ["create"],
			"after": {"name": "multi", "roles": ["lambda-role"]},
			"after_unknown": {"id": true, "policy_arn": true, "roles": [false]},
		},
	},
	{
		"address": "aws_iam_role.lambda",
		"mode": "managed",
		"type": "aws_iam_role",
		"name": "lambda",
		"change": {
			"actions": ["create"],
			"after": {
				"inline_policy": [{"name": "inline", "policy": _admin_policy}],
				"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
				"name": "lambda-role",
				"path": "/",
			},
			"after_unknown": {"arn": true, "id": true, "inline_policy": [{}], "managed_policy_arns": [false]},
		},
	},
	{
		"address": "aws_iam_role.unused",
		"mode": "managed",
		"type": "aws_iam_role",
		"name": "unused",
		"change": {
			"actions": ["create"],
			"after": {"name": "unused-role", "path": "/"},
			"after_unknown": {"arn": true, "id": true, "inline_policy": true, "managed_policy_arns": true},
		},
	},
	{
		"address": "aws_iam_role_policy.deferred",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "deferred",
		"change": {
			"actions": ["create"],
			"after": {"role": "lambda-role"},
			"after_unknown": {"id": true, "name": true, "policy": true},
		},
	},
	{
		"address": "aws_iam_role_policy.doc",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "doc",
		"change": {
			"actions": ["create"],
			"after": {"policy": _admin_policy, "role": "lambda-role"},
			"after_unknown": {"id": true, "name": true},
		},
	},
	{
		"address": "aws_iam_role_policy.heredoc",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "heredoc",
		"change": {
			"actions": ["create"],
			"after": {"policy": _not_action_policy},
			"after_unknown": {"id": true, "name": true, "role": true},
		},
	},
	{
		"address": "aws_iam_role_policy.unused",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "unused",
		"change": {
			"actions": ["create"],
			"after": {"policy": _admin_policy},
			"after_unknown": {"id": true, "name": true, "role": true},
		},
	},
	{
		"address": "aws_iam_role_policy_attachment.admin",
		"mode": "managed",
		"type": "aws_iam_role_policy_attachment",
		"name": "admin",
		"change": {
			"actions": ["create"],
			"after": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "role": "lambda-role"},
			"after_unknown": {"id": true},
		},
	},
	{
		"address": "aws_iam_role_policy_attachment.custom",
		"mode": "managed",
		"type": "aws_iam_role_policy_attachment",
		"name": "custom",
		"change": {
			"actions": ["create"],
			"after": {"role": "lambda-role"},
			"after_unknown": {"id": true, "policy_arn": true},
		},
	},
	{
		"address": "aws_iam_role_policy_attachment.unused",
		"mode": "managed",
		"type": "aws_iam_role_policy_attachment",
		"name": "unused",
		"change": {
			"actions": ["create"],
			"after": {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "role": "unused-role"},
			"after_unknown": {"id": true},
		},
	},
	{
		"address": "aws_iam_role_policy_attachments_exclusive.lambda",
		"mode": "managed",
		"type": "aws_iam_role_policy_attachments_exclusive",
		"name": "lambda",
		"change": {
			"actions": ["create"],
			"after": {"policy_arns": ["arn:aws:iam::aws:policy/PowerUserAccess", null], "role_name": "lambda-role"},
			"after_unknown": {"policy_arns": [false, true]},
		},
	},
	{
		"address": "module.svc[\"blue\"].aws_iam_role.lambda",
		"module_address": "module.svc[\"blue\"]",
		"mode": "managed",
		"type": "aws_iam_role",
		"name": "lambda",
		"change": {
			"actions": ["create"],
			"after": {"name": "blue-role", "path": "/"},
			"after_unknown": {"arn": true, "id": true, "inline_policy": true, "managed_policy_arns": true},
		},
	},
	{
		"address": "module.svc[\"blue\"].aws_iam_role_policy.admin",
		"module_address": "module.svc[\"blue\"]",
		"mode": "managed",
		"type": "aws_iam_role_policy",
		"name": "admin",
		"change": {
			"actions": ["create"],
			"after": {"policy": _admin_policy},
			"after_unknown": {"id": true, "name": true, "role": true},
		},
	},
	{
		"address": "module.svc[\"blue\"].module.inner.aws_iam_role.lambda",
		"module_address": "module.svc[\"blue\"].module.inner",
		"mode": "managed",
		"type": "aws_iam_role",
		"name": "lambda",
		"change": {
			"actions": ["create"],
			"after": {
				"managed_policy_arns": ["arn:aws:iam::aws:policy/PowerUserAccess"],
				"name": "inner-role",
				"path": "/",
			},
			"after_unknown": {"arn": true, "id": true, "inline_policy": true, "managed_policy_arns": [false]},
		},
	},
]

# Policy documents read while planning.
_prior_state := {
	"format_version": "1.0",
	"values": {
		"root_module": {
			"resources": [
				{
					"address": "data.aws_iam_policy_document.admin",
					"mode": "data",
					"type": "aws_iam_policy_document",
					"name": "admin",
					"values": {"json": _admin_document},
				},
			],
		},
	},
}
