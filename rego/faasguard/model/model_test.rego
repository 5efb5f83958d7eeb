package faasguard.model_test

import data.faasguard.model

_record(resource) := {"resource": resource, "value": "python3.7", "functions": [resource]}

test_views_are_the_union_of_the_adapters if {
	model.runtimes == {_record("aws_lambda_function.a"), _record("Fn"), _record("provider")}
		with data.faasguard.adapters.terraform.views as {"runtimes": {_record("aws_lambda_function.a")}}
		with data.faasguard.adapters.plan.views as {"runtimes": set()}
		with data.faasguard.adapters.cloudformation.runtimes as {_record("Fn")}
		with data.faasguard.adapters.sam.runtimes as {_record("Fn")}
		with data.faasguard.adapters.serverless.runtimes as {_record("provider")}
}

test_every_view_reads_its_adapter_view if {
	records := {
		"functions": {{"resource": "f", "name": "f"}},
		"tracing": {{"resource": "f", "mode": "absent", "functions": ["f"]}},
	}
	model.functions == records.functions with data.faasguard.adapters.sam.functions as records.functions
	model.tracing == records.tracing with data.faasguard.adapters.serverless.tracing as records.tracing
	model.function_urls == {{"resource": "u", "auth_type": "NONE"}}
		with data.faasguard.adapters.cloudformation.function_urls as {{"resource": "u", "auth_type": "none"}}
	model.not_created == {{"resource": "r", "reason": "count is 0"}}
		with data.faasguard.adapters.terraform.views as {"not_created": {{"resource": "r", "reason": "count is 0"}}}
	env := {{"resource": "e", "name": "A", "value": "x"}}
	model.environment == env with data.faasguard.adapters.sam.environment as env
	model.policy_statements == {{"resource": "p", "iam_resources": [], "iam_not_resources": [], "roles": []}}
		with data.faasguard.adapters.plan.views as {"policy_statements": {{"resource": "p"}}}
	model.managed_policies == {{"resource": "m", "roles": []}}
		with data.faasguard.adapters.terraform.views as {"managed_policies": {{"resource": "m"}}}
	role := {"resource": "r", "functions": [], "permissions_boundary": false}
	model.roles == {role} with data.faasguard.adapters.terraform.views as {"roles": {role}}
}

test_views_of_a_real_document if {
	template := {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.7"}}}}
	model.format == "cloudformation" with input as template
	model.runtimes == {{"resource": "Fn", "value": "python3.7", "functions": ["Fn"]}} with input as template
	model.functions == {{"resource": "Fn", "name": "Fn"}} with input as template
}

test_no_views_for_unknown_documents if {
	not model.format with input as {"apiVersion": "v1", "kind": "Pod"}
	count(model.functions) == 0 with input as {"apiVersion": "v1", "kind": "Pod"}
}

test_dynamic_references_are_never_known_environment_values if {
	env := {
		{"resource": "f", "name": "A", "value": "{{resolve:secretsmanager:db}}", "functions": ["f"]},
		{"resource": "f", "name": "B", "value": "plain", "functions": ["f"]},
	}
	model.environment == {{"resource": "f", "name": "B", "value": "plain", "functions": ["f"]}}
		with data.faasguard.adapters.terraform.views as {"environment": env}
}

test_a_value_violates_only_when_every_alternative_does if {
	plain := {"resource": "a", "value": "x"}
	both := {
		{"resource": "b", "value": "x", "choice": "b#v", "choices": 2, "alternative": 0},
		{"resource": "b", "value": "y", "choice": "b#v", "choices": 2, "alternative": 1},
	}
	some_only := {"resource": "c", "value": "x", "choice": "c#v", "choices": 2, "alternative": 0}
	model.decided(({plain, some_only} | both)) == {plain} | both
}
