package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

_cs_layer := "arn:aws:lambda:us-east-1:210987654321:layer:shared:2"

_cs_change(type, name, after, after_unknown) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

# the account the plan's caller identity read is the deploying one; the provider plans a code-signing
# config's unset `policies` as known after apply
_cs_plan := {
	"format_version": "1.2",
	"prior_state": {"values": {"root_module": {"resources": [{
		"address": "data.aws_caller_identity.current", "mode": "data", "type": "aws_caller_identity",
		"name": "current", "values": {"account_id": "210987654321"},
	}]}}},
	"resource_changes": [
		_cs_change("aws_lambda_code_signing_config", "warn", {"description": "x"}, {"arn": true, "policies": true}),
		_cs_change(
			"aws_lambda_function", "fn",
			{"function_name": "fn", "package_type": "Zip", "layers": [_cs_layer]},
			{"arn": true, "code_signing_config_arn": true},
		),
		_cs_change("aws_lambda_function", "pending", {"function_name": "pending", "package_type": "Zip"}, {"layers": true}),
	],
	"configuration": {"root_module": {"resources": [
		_cs_config("aws_lambda_code_signing_config", "warn", {"description": {"constant_value": "x"}}),
		_cs_config("aws_lambda_function", "fn", {
			"function_name": {"constant_value": "fn"},
			"code_signing_config_arn": {"references": [
				"aws_lambda_code_signing_config.warn.arn",
				"aws_lambda_code_signing_config.warn",
			]},
			"layers": {"references": ["data.aws_caller_identity.current.account_id", "data.aws_caller_identity.current"]},
		}),
		_cs_config("aws_lambda_function", "pending", {
			"function_name": {"constant_value": "pending"},
			"layers": {"references": ["aws_lambda_layer_version.x.arn", "aws_lambda_layer_version.x"]},
		}),
	]}},
}

test_plan_code_sources if {
	records := {[r.resource, r.setting, r.value] |
		some r in plan.code_source_views.function_settings
		r.setting in {"code_signing_config", "untrusted_artifact_on_deployment", "layer"}
	} with input as _cs_plan
	records == {
		["aws_lambda_function.fn", "code_signing_config", "aws_lambda_code_signing_config.warn"],
		["aws_lambda_function.pending", "code_signing_config", "absent"],
		["aws_lambda_code_signing_config.warn", "untrusted_artifact_on_deployment", "Warn"],
		["aws_lambda_function.fn", "layer", "own_account"],
	}
}

_cs_config(type, name, expressions) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed",
	"type": type, "name": name, "expressions": expressions,
}
