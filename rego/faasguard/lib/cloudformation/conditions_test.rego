package faasguard.lib.cloudformation_test

import data.faasguard.lib.cloudformation as cfn

_conditions_template := {
	"Parameters": {
		"Env": {"Type": "String", "Default": "dev"},
		"Count": {"Type": "Number", "Default": 1},
		"Enabled": {"Type": "String", "Default": true},
		"Pipeline": {"Type": "String"},
	},
	"Mappings": {"Flags": {"dev": {"Tracing": "off"}, "prod": {"Tracing": "on"}}},
	"Conditions": {
		"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
		"IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
		"IsOne": {"Fn::Equals": [{"Ref": "Count"}, "1"]},
		"IsOneNumber": {"Fn::Equals": [1, {"Ref": "Count"}]},
		"IsEnabled": {"Fn::Equals": [{"Ref": "Enabled"}, "true"]},
		"IsUsEast": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
		"FromPipeline": {"Fn::Equals": [{"Ref": "Pipeline"}, "yes"]},
		"TracingOn": {"Fn::Equals": [{"Fn::FindInMap": ["Flags", {"Ref": "Env"}, "Tracing"]}, "on"]},
		"ProdAndUsEast": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsUsEast"}]},
		"DevOrUsEast": {"Fn::Or": [{"Condition": "IsDev"}, {"Condition": "IsUsEast"}]},
		"DevAndUsEast": {"Fn::And": [{"Condition": "IsDev"}, {"Condition": "IsUsEast"}]},
		"AllKnown": {"Fn::And": [{"Condition": "IsDev"}, {"Fn::Not": [{"Condition": "IsProd"}]}, {"Condition": "IsOne"}]},
		"Nested": {"Fn::Or": [{"Fn::And": [{"Condition": "AllKnown"}, {"Fn::Equals": ["a", "b"]}]}, {"Condition": "IsOne"}]},
		"Loop": {"Fn::Not": [{"Condition": "Loop"}]},
		"Malformed": {"Fn::Equals": ["a"]},
		"Missing": {"Condition": "NoSuchCondition"},
	},
}

test_conditions_settled_by_parameter_defaults if {
	cfn.conditions(_conditions_template) == {
		"IsProd": false,
		"IsDev": true,
		"IsOne": true,
		"IsOneNumber": true,
		"IsEnabled": true,
		"TracingOn": false,
		"ProdAndUsEast": false,
		"DevOrUsEast": true,
		"AllKnown": true,
		"Nested": true,
	}
}

# pseudo parameters, parameters without Default, loops and malformed conditions are unknown
test_unknown_conditions_are_left_out if {
	known := cfn.conditions(_conditions_template)
	every name in ["IsUsEast", "FromPipeline", "DevAndUsEast", "Loop", "Malformed", "Missing"] {
		not name in object.keys(known)
	}
}

# twelve rounds: a chain of twelve Condition references is settled, a longer one is unknown
test_conditions_deeper_than_the_rounds_are_unknown if {
	cfn.conditions({"Conditions": _chain(11)}).C11 == true
	not cfn.conditions({"Conditions": _chain(12)}).C12
}

# C0 is settled in the first round, each C<i> (a reference to C<i-1>) one round later
_chain(n) := object.union(
	{sprintf("C%d", [i]): {"Condition": sprintf("C%d", [i - 1])} | some i in numbers.range(1, n)},
	{"C0": {"Fn::Equals": ["a", "a"]}},
)

test_conditions_of_templates_without_them if {
	cfn.conditions({"Resources": {}}) == {}
	cfn.conditions({"Conditions": ["IsProd"]}) == {}
}

test_not_created if {
	template := object.union(_conditions_template, {"Resources": {
		"ProdFn": {"Type": "AWS::Lambda::Function", "Condition": "IsProd"},
		"DevFn": {"Type": "AWS::Lambda::Function", "Condition": "IsDev"},
		"RegionFn": {"Type": "AWS::Lambda::Function", "Condition": "IsUsEast"},
		"Bucket": {"Type": "AWS::S3::Bucket", "Condition": "ProdAndUsEast"},
	}})
	cfn.not_created(template) == {
		"ProdFn": "Condition IsProd is false with the parameter defaults",
		"Bucket": "Condition ProdAndUsEast is false with the parameter defaults",
	}
	object.keys(cfn.created(template)) == {"DevFn", "RegionFn"}
	object.keys(cfn.resources_of_type(template, "AWS::Lambda::Function")) == {"DevFn", "RegionFn"}
	cfn.referenced(template, {"Ref": "ProdFn"}) == set()
}
