package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_admin := "arn:aws:iam::aws:policy/AdministratorAccess"

_record(resource, effect, actions, not_actions, functions) := {
	"resource": resource,
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"functions": functions,
}

_all := ["create", "delete", "get", "image", "legacy"]

_shared := ["create", "get", "image", "legacy"]

_service_with(provider) := {"service": "s", "provider": provider, "functions": {"f": {}}}

# serverless.yml as parsed YAML, variables unresolved
_service := {
	"service": "orders",
	"frameworkVersion": "3",
	"custom": {"runtime": "python3.8", "everything": "*", "token": "tok-123456789"},
	"provider": {
		"name": "aws",
		"runtime": "${self:custom.runtime}",
		"stage": "${opt:stage, 'dev'}",
		"tracing": {"lambda": false, "apiGateway": true},
		"environment": {
			"STAGE": "${self:provider.stage}",
			"SERVICE_TOKEN": "${self:custom.token}",
			"DB_PASSWORD": "${ssm:/orders/db-password}",
			"PORT": 5432,
		},
		"iam": {"role": {
			"statements": [
				{"Effect": "Allow", "Action": ["${self:custom.everything}"], "Resource": "*"},
				{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": {"Fn::GetAtt": ["Table", "Arn"]}},
			],
			"managedPolicies": [_admin, {"Fn::Join": ["", ["arn:", "x"]]}],
		}},
	},
	"functions": {
		"create": {"handler": "handler.create", "url": true},
		"get": {
			"handler": "handler.get",
			"name": "orders-get",
			"runtime": "nodejs22.x",
			"tracing": true,
			"url": {"authorizer": "aws_iam", "cors": true},
			"environment": {"API_TOKEN": "abcd1234efgh", "REGION": "${aws:region}"},
		},
		"delete": {
			"handler": "handler.delete",
			"tracing": "PassThrough",
			"url": {"cors": true},
			"role": "arn:aws:iam::123456789012:role/delete",
			"iam": {"role": {
				"statements": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}],
				"managedPolicies": ["arn:aws:iam::aws:policy/PowerUserAccess"],
			}},
		},
		"image": {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/img:1", "tracing": "${env:TRACING}"},
		"legacy": {"handler": "legacy.h", "iamRoleStatements": [{"Effect": "Allow", "Action": "*:*", "Resource": "*"}]},
	},
}

test_functions if {
	serverless.functions == {
		{"resource": "create", "name": "create"},
		{"resource": "get", "name": "orders-get"},
		{"resource": "delete", "name": "delete"},
		{"resource": "image", "name": "image"},
		{"resource": "legacy", "name": "legacy"},
	} with input as _service
}

# provider.runtime (a ${self:} value) → provider, once, listing the functions that inherit it (not images)
test_runtimes if {
	serverless.runtimes == {
		{"resource": "get", "value": "nodejs22.x", "functions": ["get"]},
		{"resource": "provider", "value": "python3.8", "functions": ["create", "delete", "legacy"]},
	} with input as _service
}

test_provider_runtime_nobody_inherits if {
	service := {"service": "s", "provider": {"runtime": "nodejs12.x"}, "functions": {"f": {"runtime": "java21"}}}
	serverless.runtimes == {{"resource": "f", "value": "java21", "functions": ["f"]}} with input as service
}

# true → Active, the function's own value wins, an unknown value gives nothing
test_tracing if {
	serverless.tracing == {
		{"resource": "get", "mode": "Active", "functions": ["get"]},
		{"resource": "delete", "mode": "PassThrough", "functions": ["delete"]},
		{"resource": "provider", "mode": "PassThrough", "functions": ["create", "legacy"]},
	} with input as _service
}

test_tracing_set_nowhere_is_absent_on_each_function if {
	# a falsy function value inherits (the Framework reads `fn.tracing || provider.tracing.lambda`)
	serverless.tracing == _absent with input as _falsy_tracing
	serverless.tracing == _absent with input as _with_provider_tracing({"apiGateway": true})
	serverless.tracing == _absent with input as _with_provider_tracing({"lambda": null})
	serverless.tracing == _absent with input as _with_provider_tracing({"lambda": ""})

	# a bare value is not a map: nothing is set for Lambda
	serverless.tracing == _absent with input as _with_provider_tracing(true)
	serverless.tracing == _absent with input as _with_provider_tracing(false)
	serverless.tracing == _absent with input as _with_provider_tracing("Active")
}

_falsy_tracing := {
	"service": "s",
	"provider": {"name": "aws"},
	"functions": {"a": {}, "b": {"tracing": false}, "c": {"tracing": ""}},
}

_absent := {
	{"resource": "a", "mode": "absent", "functions": ["a"]},
	{"resource": "b", "mode": "absent", "functions": ["b"]},
	{"resource": "c", "mode": "absent", "functions": ["c"]},
}

_with_provider_tracing(tracing) := object.union(_falsy_tracing, {"provider": {"tracing": tracing}})

test_provider_tracing_modes if {
	serverless.tracing == _on_provider("Active") with input as _with_provider_tracing({"lambda": true})
	serverless.tracing == _on_provider("Active") with input as _with_provider_tracing({"lambda": "Active"})
	serverless.tracing == _on_provider("PassThrough") with input as _with_provider_tracing({"lambda": "PassThrough"})
	serverless.tracing == _on_provider("PassThrough") with input as _with_provider_tracing({"lambda": false})
}

_on_provider(mode) := {{"resource": "provider", "mode": mode, "functions": ["a", "b", "c"]}}

test_function_tracing_overrides_the_provider if {
	service := {"service": "s", "provider": {"tracing": {"lambda": false}}, "functions": {
		"on": {"tracing": true},
		"named": {"tracing": "Active"},
		"pass": {"tracing": "PassThrough"},
	}}
	serverless.tracing == {
		{"resource": "on", "mode": "Active", "functions": ["on"]},
		{"resource": "named", "mode": "Active", "functions": ["named"]},
		{"resource": "pass", "mode": "PassThrough", "functions": ["pass"]},
	} with input as service
}

test_provider_tracing_unknown if {
	service := {"service": "s", "provider": {"tracing": {"lambda": true}}, "functions": {"a": {}}}
	count(serverless.tracing) == 0 with input as object.union(service, {"provider": {"tracing": {"lambda": "${opt:t}"}}})
	count(serverless.tracing) == 0 with input as object.union(service, {"provider": {"tracing": "${file(t.yml)}"}})
	count(serverless.tracing) == 0 with input as object.union(service, {"functions": {"a": {"tracing": "${env:T}"}}})
}

# `f:` with no body: the Framework deploys no function
test_empty_function_is_not_created if {
	service := {"service": "s", "provider": {"runtime": "python3.8"}, "functions": {"a": {}, "b": null}}
	serverless.not_created == {{"resource": "b", "reason": serverless._empty_function}} with input as service
	serverless.functions == {{"resource": "a", "name": "a"}} with input as service
	serverless.runtimes == {{"resource": "provider", "value": "python3.8", "functions": ["a"]}} with input as service
	serverless.tracing == {{"resource": "a", "mode": "absent", "functions": ["a"]}} with input as service
}

test_image_function_has_no_runtime if {
	service := {"service": "s", "provider": {"runtime": "python3.8"}, "functions": {
		"img": {"image": "repo/img:1", "runtime": "nodejs12.x"},
		"nullImage": {"image": null, "runtime": null},
	}}
	serverless.runtimes == {{"resource": "provider", "value": "python3.8", "functions": ["nullImage"]}}
		with input as service
}

test_function_urls if {
	serverless.function_urls == {
		{"resource": "create", "auth_type": "NONE", "functions": ["create"]},
		{"resource": "get", "auth_type": "AWS_IAM", "functions": ["get"]},
		{"resource": "delete", "auth_type": "NONE", "functions": ["delete"]},
	} with input as _service
}

test_function_url_authorizers if {
	service := {"service": "s", "provider": {}, "functions": {
		"other": {"url": {"authorizer": "custom"}},
		"unknown": {"url": {"authorizer": "${opt:auth}"}},
		"off": {"url": false},
	}}
	serverless.function_urls == {{"resource": "other", "auth_type": "NONE", "functions": ["other"]}} with input as service
}

# unknown values (${ssm:}, ${aws:}) and non-strings are not in the view
test_environment if {
	serverless.environment == {
		{"resource": "provider", "name": "STAGE", "value": "dev", "functions": _all},
		{"resource": "provider", "name": "SERVICE_TOKEN", "value": "tok-123456789", "functions": _all},
		{"resource": "get", "name": "API_TOKEN", "value": "abcd1234efgh", "functions": ["get"]},
	} with input as _service
}

# the shared role serves the functions without their own role; function-level IAM → the function
test_policy_statements if {
	serverless.policy_statements == {
		_record("provider", "Allow", ["*"], [], _shared),
		_record("provider", "Allow", ["dynamodb:GetItem"], [], _shared),
		_record("delete", "Allow", [], ["iam:*"], ["delete"]),
		_record("legacy", "Allow", ["*:*"], [], ["legacy"]),
	} with input as _service
}

test_managed_policies if {
	serverless.managed_policies == {
		{"resource": "provider", "policy": _admin, "functions": ["create", "get", "image", "legacy"]},
		{"resource": "delete", "policy": "arn:aws:iam::aws:policy/PowerUserAccess", "functions": ["delete"]},
	} with input as _service
}

test_old_style_provider_iam if {
	service := {
		"service": "s", "provider": {
			"iamRoleStatements": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
			"iamManagedPolicies": [_admin],
		},
		"functions": {"f": {"iamManagedPolicies": [_admin]}},
	}
	serverless.policy_statements == {_record("provider", "Allow", ["*"], [], ["f"])}
		with input as service
	serverless.managed_policies == {{"resource": "provider", "policy": _admin, "functions": ["f"]}} with input as service
}

# a provider role given as an ARN/name (or intrinsic) is not generated: its statements are not used
test_custom_provider_role if {
	statements := [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
	custom_iam := _service_with({"iam": {"role": "arn:aws:iam::1:role/r"}, "iamRoleStatements": statements})
	count(serverless.policy_statements) == 0 with input as custom_iam
	legacy_role := _service_with({"role": "myRole", "iamRoleStatements": statements})
	count(serverless.policy_statements) == 0 with input as legacy_role
	intrinsic := _service_with({"iam": {"role": {"Fn::GetAtt": ["R", "Arn"]}}, "iamRoleStatements": statements})
	count(serverless.policy_statements) == 0 with input as intrinsic
	other_iam := _service_with({"iam": {"deploymentRole": "x"}, "iamRoleStatements": statements})
	count(serverless.policy_statements) == 1 with input as other_iam
}

test_functions_must_be_a_map if {
	count(serverless.functions) == 0 with input as {"service": "s", "provider": {}, "functions": [{"f": {}}]}
	count(serverless.functions) == 0 with input as {"service": "s", "provider": {}, "functions": "${file(fns.yml)}"}
}

test_views_are_empty_for_other_formats if {
	template := {"Resources": {"F": {"Type": "AWS::Lambda::Function"}}, "service": "s", "provider": {}}
	count(serverless.functions) == 0 with input as template
	count(serverless.tracing) == 0 with input as template
}
