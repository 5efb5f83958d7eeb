package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

# A real plan, trimmed to the attributes the adapter reads: the root module has a role "lambda" used by
# aws_lambda_function.api, .worker (count = 2) and .image (for_each, role given as a literal ARN), with an
# inline policy, role policies (jsonencode, heredoc, a policy document read while planning and one read
# at apply time), customer and AWS managed attachments; a role "unused" no function uses; function URLs;
# and module.svc["blue"] (for_each) with a role and function, calling module.inner.
_plan := {
	"format_version": "1.2",
	"terraform_version": "1.11.4",
	"resource_changes": array.concat(_policy_changes, _function_changes),
	"prior_state": _prior_state,
	"configuration": {"root_module": _root_module},
}

_s3_policy := `{"Statement":[{"Action":["s3:*"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`

_admin_policy := `{"Version":"2012-10-17","Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}]}`

_not_action_policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`

_admin_document := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`

_heredoc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
`

_api := "aws_lambda_function.api"

_workers := ["aws_lambda_function.worker[0]", "aws_lambda_function.worker[1]"]

_images := [`aws_lambda_function.image["a"]`, `aws_lambda_function.image["b"]`]

_svc := `module.svc["blue"].aws_lambda_function.fn`

_inner := `module.svc["blue"].module.inner.aws_lambda_function.fn`

# The functions using aws_iam_role.lambda, sorted.
_root_functions := array.flatten([_api, _images, _workers])

_function_changes := [
	{
		"address": "aws_lambda_function.api",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "api",
		"change": {
			"actions": ["create"],
			"after": {
				"environment": [{"variables": {"DB_PASSWORD": "hunter22", "PORT": "8080"}}],
				"function_name": "api",
				"package_type": "Zip",
				"runtime": "python3.8",
				"tracing_config": [{"mode": "Active"}],
			},
			"after_unknown": {
				"arn": true,
				"environment": [{"variables": {}}],
				"id": true,
				"role": true,
				"tracing_config": [{}],
			},
		},
	},
	{
		"address": "aws_lambda_function.image[\"a\"]",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "image",
		"index": "a",
		"change": {
			"actions": ["create"],
			"after": {
				"environment": [],
				"function_name": "image-a",
				"package_type": "Image",
				"role": "arn:aws:iam::123456789012:role/lambda-role",
				"runtime": null,
				"tracing_config": [{}],
			},
			"after_unknown": {"arn": true, "environment": [], "id": true, "tracing_config": [{"mode": true}]},
		},
	},
	{
		"address": "aws_lambda_function.image[\"b\"]",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "image",
		"index": "b",
		"change": {
			"actions": ["create"],
			"after": {
				"environment": [],
				"function_name": "image-b",
				"package_type": "Image",
				"role": "arn:aws:iam::123456789012:role/lambda-role",
				"runtime": null,
				"tracing_config": [{}],
			},
			"after_unknown": {"arn": true, "environment": [], "id": true, "tracing_config": [{"mode": true}]},
		},
	},
	{
		"address": "aws_lambda_function.worker[0]",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "worker",
		"index": 0,
		"change": {
			"actions": ["create"],
			"after": {
				"environment": [{}],
				"function_name": "worker-0",
				"package_type": "Zip",
				"runtime": "nodejs14.x",
				"tracing_config": [{"mode": "PassThrough"}],
			},
			"after_unknown": {
				"arn": true,
				"environment": [{"variables": true}],
				"id": true,
				"role": true,
				"tracing_config": [{}],
			},
		},
	},
	{
		"address": "aws_lambda_function.worker[1]",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "worker",
		"index": 1,
		"change": {
			"actions": ["create"],
			"after": {
				"environment": [{}],
				"function_name": "worker-1",
				"package_type": "Zip",
				"runtime": "nodejs14.x",
				"tracing_config": [{"mode": "PassThrough"}],
			},
			"after_unknown": {
				"arn": true,
				"environment": [{"variables": true}],
				"id": true,
				"role": true,
				"tracing_config": [{}],
			},
		},
	},
	{
		"address": "aws_lambda_function_url.api",
		"mode": "managed",
		"type": "aws_lambda_function_url",
		"name": "api",
		"change": {
			"actions": ["create"],
			"after": {"authorization_type": "NONE", "function_name": "api"},
			"after_unknown": {"id": true},
		},
	},
	{
		"address": "aws_lambda_function_url.image[\"a\"]",
		"mode": "managed",
		"type": "aws_lambda_function_url",
		"name": "image",
		"index": "a",
		"change": {
			"actions": ["create"],
			"after": {"authorization_type": "AWS_IAM"},
			"after_unknown": {"function_name": true, "id": true},
		},
	},
	{
		"address": "aws_lambda_function_url.image[\"b\"]",
		"mode": "managed",
		"type": "aws_lambda_function_url",
		"name": "image",
		"index": "b",
		"change": {
			"actions": ["create"],
			"after": {"authorization_type": "AWS_IAM"},
			"after_unknown": {"function_name": true, "id": true},
		},
	},
	{
		"address": "module.svc[\"blue\"].aws_lambda_function.fn",
		"module_address": "module.svc[\"blue\"]",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "fn",
		"change": {
			"actions": ["create"],
			"after": {"environment": [], "function_name": "blue", "package_type": "Zip", "runtime": "go1.x"},
			"after_unknown": {"arn": true, "environment": [], "id": true, "role": true, "tracing_config": true},
		},
	},
	{
		"address": "module.svc[\"blue\"].module.inner.aws_lambda_function.fn",
		"module_address": "module.svc[\"blue\"].module.inner",
		"mode": "managed",
		"type": "aws_lambda_function",
		"name": "fn",
		"change": {
			"actions": ["create"],
			"after": {"environment": [], "function_name": "inner", "package_type": "Zip", "runtime": "python3.12"},
			"after_unknown": {"arn": true, "environment": [], "id": true, "role": true, "tracing_config": true},
		},
	},
]

test_functions_have_plan_addresses if {
	plan.views.functions == {
		{"resource": _api, "name": "api"},
		{"resource": _workers[0], "name": "worker-0"},
		{"resource": _workers[1], "name": "worker-1"},
		{"resource": _images[0], "name": "image-a"},
		{"resource": _images[1], "name": "image-b"},
		{"resource": _svc, "name": "blue"},
		{"resource": _inner, "name": "inner"},
	} with input as _plan
}

test_runtimes if {
	# the container image functions have no runtime
	plan.views.runtimes == {
		{"resource": _api, "value": "python3.8", "functions": [_api]},
		{"resource": _workers[0], "value": "nodejs14.x", "functions": [_workers[0]]},
		{"resource": _workers[1], "value": "nodejs14.x", "functions": [_workers[1]]},
		{"resource": _svc, "value": "go1.x", "functions": [_svc]},
		{"resource": _inner, "value": "python3.12", "functions": [_inner]},
	} with input as _plan
}

test_tracing_known_absent_and_unknown if {
	# api: a local set to Active; workers: PassThrough; module functions: no tracing_config block (the
	# provider plans it as known after apply); images: a mode taken from a resource attribute (unknown).
	plan.views.tracing == {
		{"resource": _api, "mode": "Active", "functions": [_api]},
		{"resource": _workers[0], "mode": "PassThrough", "functions": [_workers[0]]},
		{"resource": _workers[1], "mode": "PassThrough", "functions": [_workers[1]]},
		{"resource": _svc, "mode": "absent", "functions": [_svc]},
		{"resource": _inner, "mode": "absent", "functions": [_inner]},
	} with input as _plan
}

test_function_urls if {
	# a reference to aws_lambda_function.api; each.value of a for_each over aws_lambda_function.image
	plan.views.function_urls == {
		{"resource": "aws_lambda_function_url.api", "auth_type": "NONE", "functions": [_api]},
		{"resource": `aws_lambda_function_url.image["a"]`, "auth_type": "AWS_IAM", "functions": [_images[0]]},
		{"resource": `aws_lambda_function_url.image["b"]`, "auth_type": "AWS_IAM", "functions": [_images[1]]},
	} with input as _plan
}

test_environment if {
	# the workers' variables reference a role ARN: the whole map is unknown in a plan
	plan.views.environment == {
		{"resource": _api, "name": "DB_PASSWORD", "value": "hunter22", "functions": [_api]},
		{"resource": _api, "name": "PORT", "value": "8080", "functions": [_api]},
	} with input as _plan
}

test_policy_statements if {
	plan.views.policy_statements == {
		_root_statement("aws_iam_role.lambda", ["*"], [], ["*"]),
		_root_statement("aws_iam_role_policy.heredoc", [], ["iam:*"], ["*"]),
		_root_statement("aws_iam_role_policy.doc", ["*"], [], ["*"]),
		# its only resources entry is unknown at plan time: left out
		_root_statement("aws_iam_role_policy.deferred", ["*:*", "s3:GetObject"], [], []),
		_root_statement("aws_iam_policy.custom", ["s3:*"], [], ["*"]),
		_statement(
			`module.svc["blue"].aws_iam_role_policy.admin`, ["*"], [], ["*"],
			`module.svc["blue"].aws_iam_role.lambda`, [_svc],
		),
	} with input as _plan
}

_root_statement(resource, actions, not_actions, resources) := _statement(
	resource, actions, not_actions, resources,
	"aws_iam_role.lambda", _root_functions,
)

_statement(resource, actions, not_actions, resources, role, functions) := {
	"resource": resource,
	"effect": "Allow",
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": [role],
	"functions": functions,
}

test_managed_policies if {
	plan.views.managed_policies == {
		_managed("aws_iam_role.lambda", "AdministratorAccess", "aws_iam_role.lambda", _root_functions),
		_managed("aws_iam_role_policy_attachment.admin", "AdministratorAccess", "aws_iam_role.lambda", _root_functions),
		_managed(
			"aws_iam_role_policy_attachments_exclusive.lambda", "PowerUserAccess",
			"aws_iam_role.lambda", _root_functions,
		),
		_managed(
			`module.svc["blue"].module.inner.aws_iam_role.lambda`, "PowerUserAccess",
			`module.svc["blue"].module.inner.aws_iam_role.lambda`, [_inner],
		),
	} with input as _plan
}

_managed(resource, name, role, functions) := {
	"resource": resource,
	"policy": concat("", ["arn:aws:iam::aws:policy/", name]),
	"roles": [role],
	"functions": functions,
}

test_role_no_function_uses_has_no_records if {
	records := plan.views.policy_statements | plan.views.managed_policies with input as _plan
	unused := {"aws_iam_role.unused", "aws_iam_role_policy.unused", "aws_iam_role_policy_attachment.unused"}
	every record in records {
		not record.resource in unused
	}
}

test_tracing_without_configuration_is_unknown if {
	# without the resource's configuration, a tracing_config known after apply may be set or not
	change := _change("aws_lambda_function.f", ["create"], {"function_name": "f"}, {"tracing_config": true})
	tracing := plan.views.tracing with input as {"resource_changes": [change]}
	tracing == set()
}

test_deleted_and_forgotten_changes_are_ignored if {
	changes := array.concat(_plan.resource_changes, [
		_change("aws_lambda_function.old", ["delete"], null, {}),
		_change("aws_lambda_function.kept", ["forget"], null, {}),
		_change("aws_lambda_function.replaced", ["delete", "create"], {"function_name": "replaced"}, {"role": true}),
	])
	functions := plan.views.functions with input as object.union(_plan, {"resource_changes": changes})
	{f.resource | some f in functions} == {_api, _svc, _inner, "aws_lambda_function.replaced"} | {f |
		some f in array.concat(_workers, _images)
	}
}

_change(address, actions, after, after_unknown) := {
	"address": address,
	"mode": "managed",
	"type": split(address, ".")[0],
	"name": split(address, ".")[1],
	"change": {"actions": actions, "after": after, "after_unknown": after_unknown},
}

# A function whose role has a policy from a document read at apply time; a statement whose effect is
# unknown is left out.
_deferred_document_plan := {
	"resource_changes": [
		_change("aws_lambda_function.f", ["create"], {"function_name": "f"}, {"role": true}),
		_change("aws_iam_role.r", ["create"], {"name": "r"}, {"arn": true}),
		_change("aws_iam_role_policy.p", ["create"], {}, {"role": true, "policy": true}),
		object.union(
			_change(
				"aws_iam_policy_document.d", ["read"], {"statement": [
					{"effect": null, "actions": ["*"], "resources": [null]},
					{"effect": null, "actions": ["s3:*"], "resources": [null]},
				]},
				{"json": true, "statement": [{"resources": [true]}, {"effect": true}]},
			),
			{
				"address": "data.aws_iam_policy_document.d",
				"mode": "data",
			},
		),
	],
	"configuration": {"root_module": {"resources": [
		{
			"address": "aws_lambda_function.f",
			"expressions": {"role": {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}},
		},
		{"address": "aws_iam_role_policy.p", "expressions": {
			"role": {"references": ["aws_iam_role.r.id", "aws_iam_role.r"]},
			"policy": {"references": ["data.aws_iam_policy_document.d.json", "data.aws_iam_policy_document.d"]},
		}},
	]}},
}

test_document_read_at_apply_time if {
	statements := plan.views.policy_statements with input as _deferred_document_plan
	statements == {_statement("aws_iam_role_policy.p", ["*"], [], [], "aws_iam_role.r", ["aws_lambda_function.f"])}
}

test_document_read_at_apply_time_with_known_json if {
	changes := [_with_json(change) | some change in _deferred_document_plan.resource_changes]
	deferred := object.union(_deferred_document_plan, {"resource_changes": changes})
	statements := plan.views.policy_statements with input as deferred
	statements == {_statement("aws_iam_role_policy.p", [], ["iam:*"], ["*"], "aws_iam_role.r", ["aws_lambda_function.f"])}
}

_with_json(change) := object.union(change, {"change": {"after": {"json": _not_action_policy}}}) if {
	change.mode == "data"
} else := change

test_document_read_while_planning_in_a_module if {
	changes := [_in_module(change) | some change in array.slice(_deferred_document_plan.resource_changes, 0, 3)]
	document := {
		"address": "module.m.data.aws_iam_policy_document.d",
		"mode": "data",
		"type": "aws_iam_policy_document",
		"name": "d",
		"values": {"json": _admin_policy},
	}
	module_plan := {
		"resource_changes": changes,
		"configuration": {"root_module": {"module_calls": {"m": {
			"source": "./m",
			"module": _deferred_document_plan.configuration.root_module,
		}}}},
		"prior_state": {"values": {"root_module": {"child_modules": [{"address": "module.m", "resources": [document]}]}}},
	}
	statements := plan.views.policy_statements with input as module_plan
	statements == {_statement(
		"module.m.aws_iam_role_policy.p", ["*"], [], ["*"],
		"module.m.aws_iam_role.r", ["module.m.aws_lambda_function.f"],
	)}
}

_in_module(change) := object.union(change, {
	"address": concat(".", ["module.m", change.address]),
	"module_address": "module.m",
})

test_other_formats_have_no_views if {
	hcl := {"resource": {"aws_lambda_function": {"f": [{"function_name": "f", "runtime": "python3.8"}]}}}
	views := [
		plan.views.functions, plan.views.runtimes, plan.views.tracing, plan.views.function_urls,
		plan.views.environment, plan.views.policy_statements, plan.views.managed_policies,
	] with input as hcl
	every view in views {
		view == set()
	}
}

_lambda_trust := json.marshal({"Statement": [{
	"Action": "sts:AssumeRole",
	"Effect": "Allow",
	"Principal": {"Service": "lambda.amazonaws.com"},
}]})

# Roles trusting Lambda: a known JSON, a document read while planning, one read at apply time.
_roles_plan := {
	"resource_changes": [
		_change("aws_iam_role.known", ["create"], {"assume_role_policy": _lambda_trust}, {"arn": true}),
		_change("aws_iam_role.planned", ["create"], {"permissions_boundary": null}, {"assume_role_policy": true}),
		_change("aws_iam_role.applied", ["create"], {}, {"assume_role_policy": true, "permissions_boundary": true}),
		object.union(
			_change(
				"aws_iam_policy_document.trust", ["read"], {"statement": [{
					"actions": ["sts:AssumeRole"], "effect": "Allow",
					"principals": [{"identifiers": ["lambda.amazonaws.com"], "type": "Service"}],
				}]},
				{"json": true},
			),
			{"address": "data.aws_iam_policy_document.trust", "mode": "data"},
		),
	],
	"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.aws_iam_policy_document.state", "mode": "data", "type": "aws_iam_policy_document",
		"name": "state", "values": {"json": _lambda_trust},
	}]}}},
	"configuration": {"root_module": {"resources": [
		{"address": "aws_iam_role.planned", "expressions": {
			"assume_role_policy": _references("data.aws_iam_policy_document.state", "json"),
		}},
		{"address": "aws_iam_role.applied", "expressions": {
			"assume_role_policy": _references("data.aws_iam_policy_document.trust", "json"),
			"permissions_boundary": _references("aws_iam_policy.boundary", "arn"),
		}},
	]}},
}

# A configuration expression referencing an attribute of a resource, as Terraform writes it.
_references(resource, attribute) := {"references": [concat(".", [resource, attribute]), resource]}

test_roles_trusting_lambda if {
	plan.views.roles == {
		{"resource": "aws_iam_role.known", "functions": [], "permissions_boundary": false},
		{"resource": "aws_iam_role.planned", "functions": [], "permissions_boundary": false},
		{"resource": "aws_iam_role.applied", "functions": [], "permissions_boundary": true},
	} with input as _roles_plan
}
