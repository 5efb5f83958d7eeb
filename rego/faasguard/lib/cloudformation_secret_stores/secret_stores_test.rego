package faasguard.lib.cloudformation_secret_stores_test

import data.faasguard.lib.cloudformation_secret_stores as stores

_template := {
	"Parameters": {"Kind": {"Type": "String"}, "SecretArn": {"Type": "String"}},
	"Conditions": {"Secure": {"Fn::Equals": [{"Ref": "Kind"}, "secure"]}},
	"Resources": {
		"Key": {"Type": "AWS::KMS::Key"},
		"Rotated": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "app/db"}},
		"Rotation": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": "app/db"}},
		"Parameter": {"Type": "AWS::SSM::Parameter", "Properties": {
			"Name": {"Fn::Sub": ["/${Stage}/db/password", {"Stage": "prod"}]},
			"Type": {"Fn::If": ["Secure", "StringList", "String"]},
		}},
	},
}

_value(records, resource, setting) := {[r.value, object.get(r, "choices", 1)] |
	some r in records
	r.resource == resource
	r.setting == setting
}

test_a_rotation_by_name_and_a_sub_name if {
	records := stores.resource_records(_template)
	_value(records, "Rotated", "rotation") == {["true", 1]}
	_value(records, "Rotated", "kms_key") == {["false", 1]}
	_value(records, "Parameter", "name") == {["/*/db/password", 1]}
	_value(records, "Parameter", "type") == {["String", 2], ["StringList", 2]}
	_value(records, "Parameter", "value") == set()
}

test_an_unknown_secret_id_leaves_rotation_unknown if {
	path := "/Resources/Rotation/Properties/SecretId"
	template := json.patch(_template, [{"op": "replace", "path": path, "value": {"Ref": "SecretArn"}}])
	records := stores.resource_records(template)
	_value(records, "Rotated", "rotation") == set()
}

test_pattern_members if {
	stores.pattern_members("/app/token") == {{"value": "/app/token"}}
	stores.pattern_members("${Name}") == {{"unknown": true}}
	stores.pattern_members("/${Stage}/token") == {{"value": "/*/token"}}
}

test_function_records_read_key_and_variables if {
	functions := {
		"Keyed": {"KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]}, "Environment": {"Variables": {"A": "1"}}},
		"Bare": {"KmsKeyArn": "", "Environment": {"Variables": {}}},
		"Opaque": {"Environment": {"Variables": {"Ref": "SecretArn"}}},
	}
	records := stores.function_records(_template, functions)
	_value(records, "Keyed", "kms_key") == {["true", 1]}
	_value(records, "Keyed", "environment_variables") == {["true", 1]}
	_value(records, "Bare", "kms_key") == {["false", 1]}
	_value(records, "Bare", "environment_variables") == {["false", 1]}
	_value(records, "Opaque", "environment_variables") == set()
}
