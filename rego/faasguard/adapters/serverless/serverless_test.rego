package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_admin := "arn:aws:iam::aws:policy/AdministratorAccess"

_record(resource, effect, actions, not_actions, functions) := {
	"resource": resource,
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": ["*"],
	"iam_not_resources": [],
	"roles": ["provider"],
	"functions": functions,
}

_all := ["create", "delete", "get", "image", "legacy"]

# the functions on the generated shared role (`delete` has its own `role`, `legacy` its own statements)
_shared := ["create", "get", "image"]

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
			"managedPolicies": [_admin, {"Fn::ImportValue": "shared-policy-arn"}],
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

# the shared role serves the functions without a role of their own; a function's `role` wins over
# its own IAM settings (the Framework deploys it with that role)
test_policy_statements if {
	serverless.policy_statements == {
		_record("provider", "Allow", ["*"], [], _shared),
		object.union(_record("provider", "Allow", ["dynamodb:GetItem"], [], _shared), {"iam_resources": []}),
		object.union(_record("legacy", "Allow", ["*:*"], [], ["legacy"]), {"roles": ["legacy"]}),
	} with input as _service
}

test_managed_policies if {
	serverless.managed_policies == {{
		"resource": "provider", "policy": _admin,
		"roles": ["provider"], "functions": _shared,
	}} with input as _service
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
	serverless.managed_policies == {{"resource": "provider", "policy": _admin, "roles": ["provider"], "functions": ["f"]}}
		with input as service
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

# a list of maps is merged in order, as the Framework does (Service.mergeArrays); an unknown item or
# an include leaves `functions` unknown
test_functions_as_a_list_are_merged if {
	listed := {"service": "s", "custom": {"more": {"g": {"runtime": "java8"}}}, "provider": {}, "functions": [
		{"f": {"runtime": "python3.8"}},
		null,
		"${self:custom.more}",
		{"f": {"tracing": true}},
	]}
	serverless.functions == {{"resource": "f", "name": "f"}, {"resource": "g", "name": "g"}} with input as listed
	serverless.runtimes == {
		{"resource": "f", "value": "python3.8", "functions": ["f"]},
		{"resource": "g", "value": "java8", "functions": ["g"]},
	} with input as listed
	serverless.tracing == {
		{"resource": "f", "mode": "Active", "functions": ["f"]},
		{"resource": "g", "mode": "absent", "functions": ["g"]},
	} with input as listed
	count(serverless.functions) == 0 with input as {"service": "s", "provider": {}, "functions": [{"f": {}}, "${env:F}"]}
	count(serverless.functions) == 0 with input as {"service": "s", "provider": {}, "functions": "${file(fns.yml)}"}
}

test_views_are_empty_for_other_formats if {
	template := {"Resources": {"F": {"Type": "AWS::Lambda::Function"}}, "service": "s", "provider": {}}
	count(serverless.functions) == 0 with input as template
	count(serverless.tracing) == 0 with input as template
}

_trust := {"Statement": [{
	"Effect": "Allow",
	"Principal": {"Service": "lambda.amazonaws.com"},
	"Action": "sts:AssumeRole",
}]}

# every way a function gets its role (docs/formats/serverless.md, "Function roles")
_roles_service := {
	"service": "orders",
	"custom": {"tableArn": "arn:aws:dynamodb:*:*:table/*"},
	"provider": {"name": "aws", "iam": {"role": {
		"statements": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "${self:custom.tableArn}"}],
		"managedPolicies": ["AWSXRayDaemonWriteAccess"],
	}}},
	"functions": {
		"api": {"handler": "api.handler"},
		"worker": {
			"iamRoleStatementsInherit": true,
			"iamRoleStatements": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Q", "Arn"]}}],
		},
		"batch": {"iam": {"role": {
			"statements": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}],
			"permissionsBoundary": "arn:aws:iam::123456789012:policy/boundary",
		}}},
		"audit": {"role": {"Fn::GetAtt": "AuditRole.Arn"}},
		"edge": {"role": "arn:aws:iam::123456789012:role/edge"},
	},
	"resources": {"Resources": {
		"AuditRole": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": _trust,
			"ManagedPolicyArns": [{"Ref": "AuditPolicy"}],
			"Policies": [{"PolicyName": "logs", "PolicyDocument": json.marshal({"Statement": {
				"Effect": "Allow", "Action": "logs:*", "Resource": "*",
			}})}],
		}},
		"AuditPolicy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [
			{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::audit/*"},
		]}}},
		"SpareRole": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": _trust,
			"PermissionsBoundary": "arn:b",
		}},
		"SparePolicy": {"Type": "AWS::IAM::Policy", "Properties": {
			"Roles": [{"Ref": "SpareRole"}, "Unknown"],
			"PolicyDocument": {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::x"}]},
		}},
		"BuildRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
			{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"},
		]}}},
	}},
}

_statement(resource, actions, not_actions, resources, not_resources, roles, functions) := {
	"resource": resource, "effect": "Allow", "actions": actions, "not_actions": not_actions,
	"iam_resources": resources, "iam_not_resources": not_resources, "roles": roles, "functions": functions,
}

test_function_roles if {
	serverless.roles == {
		{"resource": "provider", "functions": ["api"], "permissions_boundary": false},
		{"resource": "worker", "functions": ["worker"], "permissions_boundary": false},
		{"resource": "batch", "functions": ["batch"], "permissions_boundary": true},
		{"resource": "AuditRole", "functions": ["audit"], "permissions_boundary": false},
		{"resource": "SpareRole", "functions": [], "permissions_boundary": true},
	} with input as _roles_service
}

# the provider's statements reach the shared role, the v4 role and the plugin role that inherits;
# the roles of resources.Resources bring their Policies, managed policies and IAM policy resources
test_statements_reaching_function_roles if {
	serverless.policy_statements == {
		_statement(
			"provider", ["dynamodb:*"], [], ["arn:aws:dynamodb:*:*:table/*"], [],
			["batch", "provider", "worker"], ["api", "batch", "worker"],
		),
		_statement("worker", ["sqs:SendMessage"], [], [], [], ["worker"], ["worker"]),
		_statement("batch", ["iam:PassRole"], [], ["*"], [], ["batch"], ["batch"]),
		_statement("AuditRole", ["logs:*"], [], ["*"], [], ["AuditRole"], ["audit"]),
		_statement("AuditPolicy", ["s3:GetObject"], [], ["arn:aws:s3:::audit/*"], [], ["AuditRole"], ["audit"]),
		_statement("SparePolicy", [], ["iam:*"], [], ["arn:aws:s3:::x"], ["SpareRole"], []),
	} with input as _roles_service
}

# the plugin gives its roles none of the provider's managed policies; a v4 role takes them
test_managed_policies_reaching_function_roles if {
	serverless.managed_policies == {{
		"resource": "provider", "policy": "AWSXRayDaemonWriteAccess",
		"roles": ["batch", "provider"], "functions": ["api", "batch"],
	}} with input as _roles_service
}

test_per_function_mode if {
	service := {
		"service": "s", "provider": {"iam": {"role": {
			"mode": "perFunction",
			"statements": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
			"permissionBoundary": "${ssm:/boundary}",
		}}},
		"functions": {"a": {}, "b": {}, "c": {"role": "arn:aws:iam::1:role/c"}},
	}
	serverless.roles == {
		{"resource": "a", "functions": ["a"], "permissions_boundary": true},
		{"resource": "b", "functions": ["b"], "permissions_boundary": true},
	} with input as service
	{[s.resource, s.roles] | some s in serverless.policy_statements} == {["provider", ["a", "b"]]} with input as service
}

test_plugin_inheritance if {
	provider := {"iamRoleStatements": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
	own := {"iamRoleStatements": []}
	inherits := {"service": "s", "provider": provider, "functions": {"shared": {}, "own": own}}
	shared_only := {["provider", ["provider"]]}
	_reached == shared_only with input as inherits
	both := {["provider", ["own", "provider"]]}
	_reached == both with input as _with_own(inherits, {"iamRoleStatementsInherit": true})
	_reached == both with input as object.union(inherits, _default_inherit)
	refused := _with_own(object.union(inherits, _default_inherit), {"iamRoleStatementsInherit": false})
	_reached == shared_only with input as refused

	# with `provider.iam` set, the plugin inherits `iam.role.statements` only
	deploy_role := {"provider": {"iam": {"deploymentRole": "arn:aws:iam::1:role/deploy"}}}
	with_deploy_role := _with_own(object.union(inherits, deploy_role), {"iamRoleStatementsInherit": true})
	_reached == shared_only with input as with_deploy_role
}

_with_own(service, settings) := object.union(service, {"functions": {"own": settings}})

_default_inherit := {"custom": {"serverless-iam-roles-per-function": {"defaultInherit": true}}}

_reached contains [s.resource, s.roles] if some s in serverless.policy_statements

test_boundaries if {
	own := {"iamRoleStatements": [], "iamPermissionsBoundary": "arn:b"}
	function_boundary := {"service": "s", "provider": {}, "functions": {"f": own}}
	serverless.roles == {_role("f", true)} with input as function_boundary
	legacy := {"service": "s", "provider": {"rolePermissionsBoundary": "arn:b"}, "functions": {"f": {}}}
	serverless.roles == {_role("provider", true)} with input as legacy
	plugin := {"serverless-iam-roles-per-function": {"iamGlobalPermissionsBoundary": "arn:b"}}
	global := {"service": "s", "provider": {}, "functions": {"f": {}}, "custom": plugin}
	serverless.roles == {_role("provider", true)} with input as global
	unset := {"service": "s", "provider": {"iam": {"role": {"permissionsBoundary": null}}}, "functions": {"f": {}}}
	serverless.roles == {_role("provider", false)} with input as unset
}

_role(resource, bounded) := {"resource": resource, "functions": ["f"], "permissions_boundary": bounded}

# `provider.role` (or `provider.iam.role`) naming a role of resources.Resources: the functions share that
# CloudFormation role, and the provider's own statements are not used
test_shared_role_of_resources if {
	legacy := _shared_role_service({"role": "Shared"})
	getatt := _shared_role_service({"iam": {"role": {"Fn::GetAtt": ["Shared", "Arn"]}}})
	shared := {"resource": "Shared", "functions": ["a", "b"], "permissions_boundary": false}
	serverless.roles == {shared} with input as legacy
	serverless.roles == {shared} with input as getatt
	serverless.roles == {shared} with input as _shared_role_service({"iam": {"role": "Shared.Arn"}}) # conftest
	count(serverless.policy_statements) == 0 with input as legacy
	admin := {
		"resource": "Shared", "policy": "arn:aws:iam::aws:policy/AdministratorAccess",
		"roles": ["Shared"], "functions": ["a", "b"],
	}
	serverless.managed_policies == {admin} with input as legacy
}

_shared_role_service(provider) := {
	"service": "s",
	"provider": object.union(provider, {"iamRoleStatements": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
	"functions": {"a": {}, "b": {}},
	"resources": [
		{"Resources": {"Shared": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": json.marshal(_trust),
			"ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"}],
		}}}},
		{"Resources": {"Table": {"Type": "AWS::DynamoDB::Table"}}},
	],
}
