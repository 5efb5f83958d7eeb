package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

# `conftest parse main.tf` of a module with: variables with and without default, locals (one of them a
# resource reference), policy documents, a role "lambda" with an inline policy and managed policy ARNs,
# role policies (heredoc, raw jsonencode, a policy document), a customer policy and attachments, a role
# "unused" no function uses, functions api, worker (count), image (for_each, role as a literal ARN),
# dynamic (a dynamic tracing_config block), and function URLs.

_star_star_heredoc := concat("", [
	`{"Version": "2012-10-17", "Statement": `,
	`[{"Effect": "Allow", "Action": ["*:*"], "Resource": "*"}]}`,
	"\n",
])

_not_action_heredoc := concat("", [
	`{"Version": "2012-10-17", "Statement": `,
	`[{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}`,
	"\n",
])

_jsonencode_expression := concat("", [
	`${jsonencode({ Version = "2012-10-17", `,
	`Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })}`,
])

# What the loader makes of the jsonencode(…) call.
_encoded_policy := `{"Version":"2012-10-17","Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}]}`

_lambda_functions := [
	"aws_lambda_function.api",
	"aws_lambda_function.dynamic",
	"aws_lambda_function.image",
	"aws_lambda_function.worker",
]

_module := {
	"data": {
		"aws_iam_policy_document": {
			"admin": [{"statement": [{"actions": ["*"], "resources": ["*"]}]}],
			"scoped": [
				{
					"statement": [
						{
							"effect": "Deny",
							"not_actions": ["s3:*"],
							"resources": ["${aws_iam_role.lambda.arn}"],
						},
						{"actions": ["*"], "effect": "${var.secret}"},
					],
				},
			],
		},
	},
	"locals": [{"mode": "Active", "role_arn": "${aws_iam_role.lambda.arn}"}],
	"resource": {
		"aws_iam_policy": {
			"custom": [
				{
					"name": "custom",
					"policy": _star_star_heredoc,
				},
			],
		},
		"aws_iam_policy_attachment": {
			"power": [
				{
					"name": "power",
					"policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess",
					"roles": ["${aws_iam_role.lambda.name}"],
				},
			],
		},
		"aws_iam_role": {
			"lambda": [
				{
					"inline_policy": [{"name": "inline", "policy": "${data.aws_iam_policy_document.admin.json}"}],
					"managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess", "${var.secret}"],
					"name": "lambda-role",
				},
			],
			"unused": [{"name": "unused-role"}],
		},
		"aws_iam_role_policy": {
			"encoded": [
				{
					"policy": _jsonencode_expression,
					"role": "${aws_iam_role.lambda.name}",
				},
			],
			"heredoc": [
				{
					"name": "heredoc",
					"policy": _not_action_heredoc,
					"role": "${aws_iam_role.lambda.id}",
				},
			],
			"scoped": [{"policy": "${data.aws_iam_policy_document.scoped.json}", "role": "lambda-role"}],
			"unused": [{"policy": "${data.aws_iam_policy_document.admin.json}", "role": "${aws_iam_role.unused.id}"}],
		},
		"aws_iam_role_policy_attachment": {
			"admin": [
				{
					"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess",
					"role": "${aws_iam_role.lambda.name}",
				},
			],
			"custom": [{"policy_arn": "${aws_iam_policy.custom.arn}", "role": "${aws_iam_role.lambda.name}"}],
		},
		"aws_iam_role_policy_attachments_exclusive": {
			"lambda": [
				{
					"policy_arns": ["${aws_iam_policy.custom.arn}", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
					"role_name": "${aws_iam_role.lambda.name}",
				},
			],
		},
		"aws_lambda_function": {
			"api": [
				{
					"environment": [
						{
							"variables": {
								"API_TOKEN": "${var.secret}",
								"DB_PASSWORD": "hunter22",
								"DEBUG": true,
								"PORT": 8080,
								"TABLE": "${aws_dynamodb_table.items.name}",
							},
						},
					],
					"filename": "fn.zip",
					"function_name": "api",
					"handler": "index.handler",
					"role": "${local.role_arn}",
					"runtime": "${var.runtime}",
					"tracing_config": [{"mode": "${local.mode}"}],
				},
			],
			"dynamic": [
				{
					"dynamic": {
						"tracing_config": [{"content": [{"mode": "${tracing_config.value}"}], "for_each": ["Active"]}],
					},
					"filename": "fn.zip",
					"function_name": "dynamic",
					"handler": "index.handler",
					"role": "${aws_iam_role.lambda.arn}",
					"runtime": "python3.12",
				},
			],
			"image": [
				{
					"for_each": "${toset([\"a\", \"b\"])}",
					"function_name": "image-${each.key}",
					"image_uri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest",
					"package_type": "Image",
					"role": "arn:aws:iam::123456789012:role/lambda-role",
				},
			],
			"worker": [
				{
					"count": 2,
					"filename": "fn.zip",
					"function_name": "worker-${count.index}",
					"handler": "index.handler",
					"role": "${aws_iam_role.lambda.arn}",
					"runtime": "nodejs14.x",
					"tracing_config": [{"mode": "${var.tracing}"}],
				},
			],
		},
		"aws_lambda_function_url": {
			"api": [{"authorization_type": "NONE", "function_name": "${aws_lambda_function.api.function_name}"}],
			"image": [
				{
					"authorization_type": "AWS_IAM",
					"for_each": "${aws_lambda_function.image}",
					"function_name": "${each.value.arn}",
				},
			],
			"unknown": [{"authorization_type": "${var.secret}", "function_name": "${var.secret}"}],
		},
	},
	"variable": {"runtime": [{"default": "python3.8"}], "secret": [{}], "tracing": [{"default": "PassThrough"}]},
}

test_functions_have_addresses_without_index if {
	terraform.views.functions == {
		{"resource": "aws_lambda_function.api", "name": "api"},
		{"resource": "aws_lambda_function.dynamic", "name": "dynamic"},
		{"resource": "aws_lambda_function.image", "name": "aws_lambda_function.image"},
		{"resource": "aws_lambda_function.worker", "name": "aws_lambda_function.worker"},
	} with input as _module
}

test_runtimes_resolve_variable_defaults if {
	terraform.views.runtimes == {
		{"resource": "aws_lambda_function.api", "value": "python3.8", "functions": ["aws_lambda_function.api"]},
		{"resource": "aws_lambda_function.dynamic", "value": "python3.12", "functions": ["aws_lambda_function.dynamic"]},
		{"resource": "aws_lambda_function.worker", "value": "nodejs14.x", "functions": ["aws_lambda_function.worker"]},
	} with input as _module
}

test_tracing_known_absent_and_unknown if {
	# api: a local; worker: a variable default; image: no block; dynamic: a dynamic block (unknown)
	terraform.views.tracing == {
		{"resource": "aws_lambda_function.api", "mode": "Active", "functions": ["aws_lambda_function.api"]},
		{"resource": "aws_lambda_function.worker", "mode": "PassThrough", "functions": ["aws_lambda_function.worker"]},
		{"resource": "aws_lambda_function.image", "mode": "absent", "functions": ["aws_lambda_function.image"]},
	} with input as _module
}

test_function_urls if {
	# each.value of a for_each over aws_lambda_function.image; the URL set from variables is unknown
	terraform.views.function_urls == {
		{"resource": "aws_lambda_function_url.api", "auth_type": "NONE", "functions": ["aws_lambda_function.api"]},
		{"resource": "aws_lambda_function_url.image", "auth_type": "AWS_IAM", "functions": ["aws_lambda_function.image"]},
	} with input as _module
}

test_environment_known_values_only if {
	# API_TOKEN is a variable without default and TABLE a reference: unknown
	terraform.views.environment == {
		_variable("aws_lambda_function.api", "DB_PASSWORD", "hunter22"),
		_variable("aws_lambda_function.api", "PORT", "8080"),
		_variable("aws_lambda_function.api", "DEBUG", "true"),
	} with input as _module
}

_variable(function, name, value) := {"resource": function, "name": name, "value": value, "functions": [function]}

test_policy_statements if {
	# aws_iam_role_policy.encoded is a raw jsonencode(…) (unknown); the second statement of
	# data.aws_iam_policy_document.scoped has an unknown effect; nothing of the unused role
	terraform.views.policy_statements == {
		_statement("aws_iam_role.lambda", "Allow", ["*"], [], ["*"]),
		_statement("aws_iam_role_policy.heredoc", "Allow", [], ["iam:*"], ["*"]),
		_statement("aws_iam_role_policy.scoped", "Deny", [], ["s3:*"], []),
		_statement("aws_iam_policy.custom", "Allow", ["*:*"], [], ["*"]),
	} with input as _module
}

_statement(resource, effect, actions, not_actions, resources) := {
	"resource": resource,
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": ["aws_iam_role.lambda"],
	"functions": _lambda_functions,
}

test_managed_policies if {
	terraform.views.managed_policies == {
		_managed("aws_iam_role.lambda", "AdministratorAccess"),
		_managed("aws_iam_role_policy_attachment.admin", "AdministratorAccess"),
		_managed("aws_iam_policy_attachment.power", "PowerUserAccess"),
		_managed("aws_iam_role_policy_attachments_exclusive.lambda", "ReadOnlyAccess"),
	} with input as _module
}

_managed(resource, name) := {
	"resource": resource,
	"policy": concat("", ["arn:aws:iam::aws:policy/", name]),
	"roles": ["aws_iam_role.lambda"],
	"functions": _lambda_functions,
}

test_loader_replaces_jsonencode if {
	encoded := json.patch(_module, [{
		"op": "replace",
		"path": "/resource/aws_iam_role_policy/encoded/0/policy",
		"value": _encoded_policy,
	}])
	statements := terraform.views.policy_statements with input as encoded
	_statement("aws_iam_role_policy.encoded", "Allow", ["*"], [], ["*"]) in statements
}

test_local_module_addresses_are_prefixed if {
	statements := terraform.views.policy_statements with input as object.union(_module, {"faasguard_module": "module.api"})
	{s.resource | some s in statements} == {
		"module.api.aws_iam_role.lambda", "module.api.aws_iam_role_policy.heredoc",
		"module.api.aws_iam_role_policy.scoped", "module.api.aws_iam_policy.custom",
	}
	every s in statements {
		s.functions == [concat(".", ["module.api", f]) | some f in _lambda_functions]
	}
}

test_other_shapes_of_blocks_variables_and_locals if {
	# blocks as objects, a variable as an object, locals as an object, variables as a one-element list
	doc := {
		"variable": {"runtime": {"default": "python3.9"}, "nothing": [{"default": null}]},
		"locals": {"token": "s3cr3t-t0ken", "name": "${var.nothing}"},
		"resource": {"aws_lambda_function": {"f": {
			"function_name": "${local.name}",
			"runtime": "${var.runtime}",
			"environment": [{"variables": [{"API_TOKEN": "${local.token}", "NAME": "${local.name}"}]}],
			"tracing_config": [{"mode": "${var.nothing}"}],
		}}},
	}
	built := terraform.views with input as doc
	views := [built.functions, built.runtimes, built.environment, built.tracing]
	views == [
		{{"resource": "aws_lambda_function.f", "name": "aws_lambda_function.f"}},
		{{"resource": "aws_lambda_function.f", "value": "python3.9", "functions": ["aws_lambda_function.f"]}},
		{_variable("aws_lambda_function.f", "API_TOKEN", "s3cr3t-t0ken")},
		set(),
	]
}

test_variable_default_that_is_a_list if {
	doc := {
		"variable": {"policies": [{"default": ["arn:aws:iam::aws:policy/PowerUserAccess"]}]},
		"resource": {
			"aws_iam_role": {"r": [{"name": "r", "managed_policy_arns": "${var.policies}"}]},
			"aws_lambda_function": {"f": [{"role": "${aws_iam_role.r.arn}"}]},
		},
	}
	policies := terraform.views.managed_policies with input as doc
	policies == {{
		"resource": "aws_iam_role.r",
		"policy": "arn:aws:iam::aws:policy/PowerUserAccess",
		"roles": ["aws_iam_role.r"],
		"functions": ["aws_lambda_function.f"],
	}}
}

test_other_formats_have_no_views if {
	planned := {"format_version": "1.2", "resource_changes": [], "resource": {"aws_lambda_function": {"f": [{}]}}}
	views := [
		terraform.views.functions, terraform.views.runtimes, terraform.views.tracing, terraform.views.function_urls,
		terraform.views.environment, terraform.views.policy_statements, terraform.views.managed_policies,
		terraform.views.roles,
	] with input as planned
	every view in views {
		view == set()
	}
}

# conftest's shape of count / for_each that settle to zero: none of these functions is judged.
_not_created_module := {
	"variable": {"enabled": [{"default": false}], "none": [{"default": {}}], "unknown": [{}]},
	"resource": {"aws_lambda_function": {
		"literal": [{"count": 0, "runtime": "python3.8"}],
		"conditional": [{"count": "${var.enabled ? 1 : 0}", "runtime": "python3.8"}],
		"map": [{"for_each": {}, "runtime": "python3.8"}],
		"list": [{"for_each": [], "runtime": "python3.8"}],
		"toset": [{"for_each": "${toset([])}", "runtime": "python3.8"}],
		"variable": [{"for_each": "${var.none}", "runtime": "python3.8"}],
		"unknown": [{"count": "${var.unknown ? 1 : 0}", "runtime": "python3.8"}],
	}},
}

test_count_or_for_each_of_zero_is_not_created if {
	terraform.views.not_created == {
		{"resource": "aws_lambda_function.literal", "reason": "count is 0"},
		{"resource": "aws_lambda_function.conditional", "reason": "count is 0"},
		{"resource": "aws_lambda_function.map", "reason": "for_each is empty"},
		{"resource": "aws_lambda_function.list", "reason": "for_each is empty"},
		{"resource": "aws_lambda_function.toset", "reason": "for_each is empty"},
		{"resource": "aws_lambda_function.variable", "reason": "for_each is empty"},
	} with input as _not_created_module
	terraform.views.runtimes == {{
		"resource": "aws_lambda_function.unknown", "value": "python3.8",
		"functions": ["aws_lambda_function.unknown"],
	}} with input as _not_created_module
}

test_conditionals if {
	doc := {
		"variable": {"prod": [{}], "tracing": [{"default": true}]},
		"resource": {"aws_lambda_function": {
			"choice": [{"tracing_config": [{"mode": `${var.prod ? "Active" : "PassThrough"}`}]}],
			"settled": [{"tracing_config": [{"mode": `${var.tracing ? "Active" : "PassThrough"}`}]}],
			"literal": [{"tracing_config": [{"mode": `${false ? "Active" : "PassThrough"}`}]}],
			"one_unknown": [{"tracing_config": [{"mode": `${var.prod ? "PassThrough" : null}`}]}],
			"nested": [{"tracing_config": [{"mode": `${var.prod ? "Active" : var.x ? "A" : "B"}`}]}],
		}},
	}
	{[t.resource, t.mode, object.get(t, "choices", 1)] | some t in terraform.views.tracing} == {
		["aws_lambda_function.choice", "Active", 2],
		["aws_lambda_function.choice", "PassThrough", 2],
		["aws_lambda_function.settled", "Active", 1],
		["aws_lambda_function.literal", "PassThrough", 1],
		["aws_lambda_function.one_unknown", "PassThrough", 2],
	} with input as doc
}

test_json_document_with_unknown_parts_is_known if {
	body := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"${aws_s3_bucket.b.arn}"}]}`
	doc := {"resource": {
		"aws_iam_role": {"r": [{"name": "r"}]},
		"aws_iam_role_policy": {"p": [{"role": "${aws_iam_role.r.id}", "policy": body}]},
		"aws_lambda_function": {"f": [{"role": "${aws_iam_role.r.arn}"}]},
	}}
	statements := terraform.views.policy_statements with input as doc
	{[s.resource, s.actions] | some s in statements} == {["aws_iam_role_policy.p", ["*"]]}
}

test_data_aws_iam_policy_by_name if {
	doc := {
		"data": {"aws_iam_policy": {"admin": [{"name": "AdministratorAccess"}]}},
		"resource": {
			"aws_iam_role": {"r": [{"name": "r"}]},
			"aws_iam_role_policy_attachment": {"a": [{
				"role": "${aws_iam_role.r.name}",
				"policy_arn": "${data.aws_iam_policy.admin.arn}",
			}]},
			"aws_lambda_function": {"f": [{"role": "${aws_iam_role.r.arn}"}]},
		},
	}
	terraform.views.managed_policies == {{
		"resource": "aws_iam_role_policy_attachment.a", "policy": "AdministratorAccess",
		"roles": ["aws_iam_role.r"], "functions": ["aws_lambda_function.f"],
	}} with input as doc
}

# conftest's shape of roles trusting Lambda through a policy document (principals blocks), a heredoc
# and jsonencode, with a boundary by reference, null, or none.
_roles_module := {
	"data": {"aws_iam_policy_document": {
		"trust": [{"statement": [{
			"actions": ["sts:AssumeRole"],
			"principals": [{"identifiers": ["lambda.amazonaws.com"], "type": "Service"}],
		}]}],
		"work": [{"statement": [
			{"actions": ["s3:GetObject"], "resources": ["${var.bucket_arn}", "arn:aws:s3:::${var.bucket}/*", "*"]},
			{"actions": ["sqs:*"], "not_resources": "${var.queues}"},
		]}],
	}},
	"variable": {"bucket_arn": [{}], "queues": [{"default": ["arn:aws:sqs:*:*:dlq"]}]},
	"resource": {
		"aws_iam_role": {
			"documented": [{
				"assume_role_policy": "${data.aws_iam_policy_document.trust.json}",
				"permissions_boundary": "${aws_iam_policy.boundary.arn}",
			}],
			"heredoc": [{"assume_role_policy": _trust_heredoc("lambda.amazonaws.com"), "permissions_boundary": null}],
			"ecs": [{"assume_role_policy": _trust_heredoc("ecs-tasks.amazonaws.com")}],
		},
		"aws_iam_role_policy": {"work": [{
			"policy": "${data.aws_iam_policy_document.work.json}",
			"role": "${aws_iam_role.documented.id}",
		}]},
	},
}

# A trust policy as a heredoc gives it: JSON text ending with a new line.
_trust_heredoc(service) := concat("", [
	json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"Service": service}}]}),
	"\n",
])

test_roles_trusting_lambda if {
	terraform.views.roles == {
		{"resource": "aws_iam_role.documented", "functions": [], "permissions_boundary": true},
		{"resource": "aws_iam_role.heredoc", "functions": [], "permissions_boundary": false},
	} with input as _roles_module
}

test_policy_document_resource_entries if {
	# a variable without default and an interpolation are left out; a variable default is read
	{[s.actions, s.iam_resources, s.iam_not_resources, s.roles, s.functions] |
		some s in terraform.views.policy_statements
	} == {
		[["s3:GetObject"], ["*"], [], ["aws_iam_role.documented"], []],
		[["sqs:*"], [], ["arn:aws:sqs:*:*:dlq"], ["aws_iam_role.documented"], []],
	} with input as _roles_module
}

test_for_each_attachments_attach_every_value if {
	arn := "arn:aws:iam::aws:policy/AmazonSQSFullAccess"
	doc := {
		"variable": {"policies": [{"default": {"queues": arn}}], "unknown": [{}]},
		"resource": {
			"aws_iam_role": {"r": [{"name": "r"}]},
			"aws_lambda_function": {"f": [{"role": "${aws_iam_role.r.arn}"}]},
			"aws_iam_role_policy_attachment": {
				"listed": [{"for_each": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "role": "r", "policy_arn": "${each.value}"}],
				"mapped": [{"for_each": "${var.policies}", "role": "r", "policy_arn": "${ each.value }"}],
				"unknown": [{"for_each": "${var.unknown}", "role": "r", "policy_arn": "${each.value}"}],
			},
		},
	}
	{[m.resource, m.policy] | some m in terraform.views.managed_policies} == {
		["aws_iam_role_policy_attachment.listed", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
		["aws_iam_role_policy_attachment.mapped", arn],
	} with input as doc
}
