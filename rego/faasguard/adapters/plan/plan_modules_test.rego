package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

# References across module boundaries (modules.rego): a plan whose root passes roles to a for_each module
# (each.key: the role with the same key), a count module (one shared role), and a module in a module; and
# whose root names a module function through a module output.
_module_plan := {
	"format_version": "1.2",
	"resource_changes": [
		_created("aws_iam_role.role[\"a\"]", "", "aws_iam_role", "role", "a"),
		_created("aws_iam_role.role[\"b\"]", "", "aws_iam_role", "role", "b"),
		_created("aws_iam_role.shared", "", "aws_iam_role", "shared", null),
		_created("module.fn[\"a\"].aws_lambda_function.this", "module.fn[\"a\"]", "aws_lambda_function", "this", null),
		_created("module.fn[\"b\"].aws_lambda_function.this", "module.fn[\"b\"]", "aws_lambda_function", "this", null),
		_created(
			"module.fn[\"a\"].module.inner.aws_lambda_function.this", "module.fn[\"a\"].module.inner",
			"aws_lambda_function", "this", null,
		),
		_created("module.one[0].aws_lambda_function.this", "module.one[0]", "aws_lambda_function", "this", null),
		_created("aws_lambda_function_url.b", "", "aws_lambda_function_url", "b", null),
	],
	"configuration": {"root_module": {
		"resources": [{
			"address": "aws_lambda_function_url.b", "mode": "managed", "type": "aws_lambda_function_url", "name": "b",
			"expressions": {"function_name": {"references": [
				"module.fn[\"b\"].function_name",
				"module.fn[\"b\"]",
			]}},
		}],
		"module_calls": {
			"fn": {
				"for_each_expression": {"references": ["aws_iam_role.role"]},
				"expressions": {"role": {"references": ["aws_iam_role.role", "each.key"]}},
				"module": _function_module({"inner": {
					"expressions": {"role": {"references": ["var.role"]}},
					"module": _function_module({}),
				}}),
			},
			"one": {
				"count_expression": {"constant_value": 1},
				"expressions": {"role": {"references": ["aws_iam_role.shared.arn", "aws_iam_role.shared"]}},
				"module": _function_module({}),
			},
		},
	}},
}

_function_module(calls) := {
	"resources": [{
		"address": "aws_lambda_function.this", "mode": "managed", "type": "aws_lambda_function", "name": "this",
		"expressions": {"role": {"references": ["var.role"]}},
	}],
	"outputs": {"function_name": {"expression": {"references": [
		"aws_lambda_function.this.function_name",
		"aws_lambda_function.this",
	]}}},
	"module_calls": calls,
	"variables": {"role": {}},
}

_created(address, module, type, name, index) := object.union_n([
	{"address": address, "mode": "managed", "type": type, "name": name, "change": _created_change},
	{"module_address": module | module != ""},
	{"index": index | index != null},
])

_created_change := {
	"actions": ["create"],
	"after": {"authorization_type": "NONE", "runtime": "python3.12"},
	"after_unknown": {"arn": true, "role": true},
}

_role_functions(views) := {r.resource: r.functions | some r in views.roles}

test_a_module_input_names_the_role_of_the_same_instance_key if {
	roles := _role_functions(plan.views) with input as _module_plan
	roles["aws_iam_role.role[\"a\"]"] == [
		"module.fn[\"a\"].aws_lambda_function.this",
		"module.fn[\"a\"].module.inner.aws_lambda_function.this",
	]
	roles["aws_iam_role.role[\"b\"]"] == ["module.fn[\"b\"].aws_lambda_function.this"]
	roles["aws_iam_role.shared"] == ["module.one[0].aws_lambda_function.this"]
}

test_a_module_output_names_the_function_of_that_instance if {
	urls := plan.views.function_urls with input as _module_plan
	linked := {[u.resource, u.functions] | some u in urls}
	linked == {["aws_lambda_function_url.b", ["module.fn[\"b\"].aws_lambda_function.this"]]}
}

# each.value stands for what for_each references; without a resource of the instance's key, every
# instance is linked (undecidable).
test_each_value_follows_the_call_for_each_and_links_every_instance_without_the_key if {
	call := object.union(_module_plan.configuration.root_module.module_calls.fn, {
		"expressions": {"role": {"references": ["each.value.arn", "each.value"]}},
		"for_each_expression": {"references": ["aws_iam_role.shared"]},
	})
	path := "/configuration/root_module/module_calls/fn"
	changed := json.patch(_module_plan, [{"op": "replace", "path": path, "value": call}])
	roles := _role_functions(plan.views) with input as changed
	roles["aws_iam_role.shared"] == [
		"module.fn[\"a\"].aws_lambda_function.this",
		"module.fn[\"a\"].module.inner.aws_lambda_function.this",
		"module.fn[\"b\"].aws_lambda_function.this",
		"module.one[0].aws_lambda_function.this",
	]
}

# A cycle (Terraform rejects one; a hand-made plan may hold it) ends at the depth bound.
test_a_cycle_through_a_module_output_ends if {
	cyclic := json.patch(_module_plan, [
		{
			"op": "replace", "path": "/configuration/root_module/module_calls/one/expressions/role",
			"value": {"references": ["module.one[0].function_name"]},
		},
		{
			"op": "replace", "path": "/configuration/root_module/module_calls/one/module/outputs/function_name",
			"value": {"expression": {"references": ["var.role"]}},
		},
	])
	roles := _role_functions(plan.views) with input as cyclic
	not roles["aws_iam_role.shared"]
	reached := plan._module_reach(["module.one[0]", "var.role"]) with input as cyclic
	reached == {["", "module.one", null], ["", "module.one[0].function_name", null], ["module.one[0]", "var.role", null]}
}
