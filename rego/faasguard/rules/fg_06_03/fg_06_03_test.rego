package faasguard.rules.fg_06_03_test

import data.faasguard.rules.fg_06_03

_powertools := "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79"

_setting(resource, kind, setting, value, functions) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": functions,
}

_layers := {
	_setting("provider", "function", "layer", _powertools, ["sendSms"]),
	_setting("sendEmail", "function", "layer", "document", ["sendEmail"]),
	_setting("sendEmail", "function", "layer", "own_account", ["sendEmail"]),
}

test_a_layer_of_another_account if {
	denied := {r.resource | some r in fg_06_03.deny} with data.faasguard.model.function_settings as _layers
		with data.faasguard.model.format as "serverless"
	denied == {"provider"}
}

test_layer_accounts_allow_an_account if {
	denied := fg_06_03.deny with data.faasguard.model.function_settings as _layers
		with data.faasguard.model.format as "serverless"
		with data.faasguard.config.layer_accounts as ["017000801446"]
	denied == set()
}

test_a_public_permission_without_organization if {
	denied := {r.resource | some r in fg_06_03.deny} with data.faasguard.model.function_settings as {
		_setting("Public", "layer_permission", "layer_principal", "*", []),
		_setting("Public", "layer_permission", "layer_organization_id", "absent", []),
		_setting("Org", "layer_permission", "layer_principal", "*", []),
		_setting("Org", "layer_permission", "layer_organization_id", "o-a1b2c3d4e5", []),
		_setting("Account", "layer_permission", "layer_principal", "210987654321", []),
		_setting("Account", "layer_permission", "layer_organization_id", "absent", []),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Public"}
}
