package faasguard.lib.code_sources_test

import data.faasguard.lib.code_sources

_arn := "arn:aws:lambda:us-east-1:017000801446:layer:x:1"

test_layer_value_reads_the_account if {
	code_sources.layer_value(_arn) == _arn
	code_sources.layer_value("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:x:1") == "own_account"
	code_sources.layer_value("arn:aws:lambda:${aws:region}:${aws:accountId}:layer:x:1") == "own_account"
	holed := code_sources.layer_value("arn:aws:lambda:${aws:region}:017000801446:layer:x:1")
	holed == "arn:aws:lambda:*:017000801446:layer:x:1"
}

test_an_account_only_deployment_settles_is_unknown if {
	not code_sources.layer_value("arn:aws:lambda:us-east-1:${Account}:layer:x:1")
	not code_sources.layer_value("${ssm:/shared/layer}")
}

_template := {
	"Parameters": {"LayerArn": {"Type": "String"}},
	"Resources": {
		"Config": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {}},
		"Layer": {"Type": "AWS::Lambda::LayerVersion", "Properties": {}},
	},
}

test_code_signing_names_the_config if {
	get_att := {"Fn::GetAtt": ["Config", "CodeSigningConfigArn"]}
	code_sources.code_signing(_template, {"CodeSigningConfigArn": get_att}) == "Config"
	literal := "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1"
	code_sources.code_signing(_template, {"CodeSigningConfigArn": literal}) == "external"
	code_sources.code_signing(_template, {}) == "absent"
	code_sources.code_signing(_template, {"CodeSigningConfigArn": {"Ref": "AWS::NoValue"}}) == "absent"
	not code_sources.code_signing(_template, {"PackageType": "Image"})
}

test_layer_records if {
	layers := [{"Ref": "Layer"}, {"Ref": "LayerArn"}, "Layer.Arn"]
	records := code_sources.layer_records(_template, "F", layers, ["F"], set())
	{r.value | some r in records} == {"document"}
}
