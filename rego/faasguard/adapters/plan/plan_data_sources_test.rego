package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

# A plan (the shape `terraform show -json` writes) with a role used by a function and attachments of
# policies named by data "aws_iam_policy" sources: admin read at apply time (its name known, its arn
# not), power read while planning (prior_state), read-only read at apply time.
_ds_change(address, mode, after, unknown) := {
	"address": address,
	"mode": mode,
	"type": split(trim_prefix(address, "data."), ".")[0],
	"name": split(address, ".")[count(split(address, ".")) - 1],
	"change": {"actions": _ds_actions[mode], "after": after, "after_unknown": unknown},
}

_ds_actions := {"managed": ["create"], "data": ["read"]}

_ds_attachment(name) := _ds_change(
	concat(".", ["aws_iam_role_policy_attachment", name]), "managed",
	{"role": "lambda"}, {"policy_arn": true},
)

_ds_refs(key, attribute) := {"references": [concat(".", [key, attribute]), key]}

_ds_attachment_config(name) := {
	"address": concat(".", ["aws_iam_role_policy_attachment", name]),
	"mode": "managed",
	"expressions": {
		"role": _ds_refs("aws_iam_role.lambda", "name"),
		"policy_arn": _ds_refs(concat(".", ["data.aws_iam_policy", name]), "arn"),
	},
}

_ds_plan := {
	"format_version": "1.2",
	"resource_changes": [
		_ds_change("aws_iam_role.lambda", "managed", {"name": "lambda"}, {"arn": true}),
		_ds_change("aws_lambda_function.f", "managed", {"function_name": "f"}, {"role": true}),
		_ds_attachment("admin"), _ds_attachment("power"), _ds_attachment("read"),
		_ds_change("data.aws_iam_policy.admin", "data", {"name": "AdministratorAccess"}, {"arn": true}),
		_ds_change("data.aws_iam_policy.read", "data", {"name": "ReadOnlyAccess"}, {"arn": true}),
	],
	"configuration": {"root_module": {"resources": [
		{
			"address": "aws_lambda_function.f", "mode": "managed",
			"expressions": {"role": _ds_refs("aws_iam_role.lambda", "arn")},
		},
		_ds_attachment_config("admin"), _ds_attachment_config("power"), _ds_attachment_config("read"),
	]}},
	"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.aws_iam_policy.power",
		"mode": "data",
		"type": "aws_iam_policy",
		"name": "power",
		"values": {"arn": "arn:aws:iam::aws:policy/PowerUserAccess", "name": "PowerUserAccess"},
	}]}}},
}

test_data_sources_name_the_attached_policies if {
	{[m.resource, m.policy] | some m in plan.views.managed_policies} == {
		["aws_iam_role_policy_attachment.admin", "AdministratorAccess"],
		["aws_iam_role_policy_attachment.power", "arn:aws:iam::aws:policy/PowerUserAccess"],
		["aws_iam_role_policy_attachment.read", "ReadOnlyAccess"],
	} with input as _ds_plan
}

test_container_image_runtime_is_ignored if {
	image := _ds_change("aws_lambda_function.f", "managed", {"runtime": "python3.8", "package_type": "Image"}, {})
	plan.views.runtimes == set() with input as {"format_version": "1.2", "resource_changes": [image]}
}
