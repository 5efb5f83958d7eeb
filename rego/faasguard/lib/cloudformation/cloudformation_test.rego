package faasguard.lib.cloudformation_test

import data.faasguard.lib.cloudformation as cfn

_template := {
	"AWSTemplateFormatVersion": "2010-09-09",
	"Parameters": {
		"RuntimeParam": {"Type": "String", "Default": "python3.12"},
		"NoDefault": {"Type": "String", "NoEcho": true},
		"Memory": {"Type": "Number", "Default": 256},
		"Templated": {"Type": "String", "Default": "${AWS::Region}"},
	},
	"Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "index.handler"}},
		"FnRole": {"Type": "AWS::IAM::Role", "Properties": {}},
		"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {}},
		"NoProps": {"Type": "AWS::Lambda::Function"},
	},
}

test_value_of_literals if {
	cfn.value(_template, "nodejs22.x") == "nodejs22.x"
	cfn.value(_template, 128) == 128
	cfn.value(_template, true) == true
	cfn.value(_template, ["a"]) == ["a"]
	cfn.value(_template, {"Mode": "Active"}) == {"Mode": "Active"}
}

test_value_of_ref_to_parameter_with_default if {
	cfn.value(_template, {"Ref": "RuntimeParam"}) == "python3.12"
	cfn.value(_template, {"Ref": "Memory"}) == 256
}

# conftest drops `!Ref RuntimeParam` to the plain string "RuntimeParam"
test_value_of_plain_parameter_name if {
	cfn.value(_template, "RuntimeParam") == "python3.12"
	not cfn.value(_template, "NoDefault")
}

# conftest drops `!Ref Fn`, `!GetAtt Fn.Arn`, `!Ref AWS::Region` to plain strings: not literals
test_dropped_references_are_unknown if {
	not cfn.value(_template, "Fn")
	not cfn.value(_template, "Fn.Arn")
	not cfn.value(_template, "FnRole.RoleId")
	not cfn.value(_template, "AWS::Region")
	cfn.value(_template, "Other.Arn") == "Other.Arn"
	cfn.value(_template, "orders") == "orders"
}

test_unknown_values if {
	not cfn.value(_template, {"Ref": "NoDefault"})
	not cfn.value(_template, {"Ref": "Templated"})
	not cfn.value(_template, {"Ref": "AWS::Region"})
	not cfn.value(_template, {"Ref": "Fn"})
	not cfn.value(_template, {"Fn::GetAtt": ["Fn", "Arn"]})
	not cfn.value(_template, {"Fn::Sub": "python3.${Minor}"})
	not cfn.value(_template, {"Fn::If": ["IsProd", "a", "b"]})
	not cfn.value(_template, {"Fn::ImportValue": "shared-runtime"})
	not cfn.value(_template, "{{resolve:ssm:/app/runtime}}")
	not cfn.value(_template, "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess")
}

test_known_string if {
	cfn.known_string(_template, {"Ref": "RuntimeParam"}) == "python3.12"
	not cfn.known_string(_template, {"Ref": "Memory"})
	not cfn.known_string(_template, {"Fn::GetAtt": ["Fn", "Arn"]})
}

test_referenced_long_form if {
	cfn.referenced(_template, {"Ref": "FnRole"}) == {"FnRole"}
	cfn.referenced(_template, {"Fn::GetAtt": ["FnRole", "Arn"]}) == {"FnRole"}
	cfn.referenced(_template, {"Fn::GetAtt": "FnRole.Arn"}) == {"FnRole"}
	cfn.referenced(_template, {"Fn::Sub": "${FnRole.Arn}"}) == {"FnRole"}
	cfn.referenced(_template, {"Fn::Sub": ["${FnRole.Arn}", {"X": "y"}]}) == {"FnRole"}
}

test_referenced_conftest_plain_strings if {
	cfn.referenced(_template, "FnRole") == {"FnRole"}
	cfn.referenced(_template, "FnRole.Arn") == {"FnRole"}
	cfn.referenced(_template, "arn:aws:iam::${AWS::AccountId}:x/${FnRole.Arn}") == {"FnRole"}
}

test_referenced_nothing if {
	cfn.referenced(_template, "arn:aws:iam::123456789012:role/external") == set()
	cfn.referenced(_template, {"Ref": "Missing"}) == set()
	cfn.referenced(_template, {"Fn::GetAtt": ["FnRole", "RoleId"]}) == set()
	cfn.referenced(_template, {"Fn::ImportValue": "role"}) == set()
	cfn.referenced(_template, null) == set()
}

test_referenced_of_type if {
	cfn.referenced_of_type(_template, {"Ref": "Policy"}, {"AWS::IAM::ManagedPolicy"}) == {"Policy"}
	cfn.referenced_of_type(_template, {"Ref": "Policy"}, {"AWS::IAM::Role"}) == set()
}

test_resources_and_properties if {
	object.keys(cfn.resources_of_type(_template, "AWS::Lambda::Function")) == {"Fn", "NoProps"}
	cfn.properties(_template.Resources.Fn) == {"Handler": "index.handler"}
	cfn.properties(_template.Resources.NoProps) == {}
}

test_document_statements_resolve_parameters if {
	template := {"Parameters": {"Everything": {"Type": "String", "Default": "*"}}}
	statements := cfn.document_statements(template, {"Statement": [
		{"Effect": "Allow", "Action": [{"Ref": "Everything"}, "s3:GetObject", {"Fn::Sub": "${Prefix}:x"}], "Resource": "*"},
		{"Effect": {"Fn::If": ["C", "Allow", "Deny"]}, "NotAction": ["${Unknown}"]},
	]})
	statements == {
		{"effect": "Allow", "actions": ["*", "s3:GetObject"], "not_actions": []},
		{"effect": "", "actions": [], "not_actions": []},
	}
}

test_sub_with_only_the_partition_is_known if {
	partitioned := {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}
	cfn.value({}, partitioned) == "arn:aws:iam::aws:policy/ReadOnlyAccess"
	cfn.value({}, {"Fn::Sub": "no-variables"}) == "no-variables"
	not cfn.value({}, {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}"})
}

test_document_statements_of_json_string if {
	cfn.document_statements({}, `{"Statement": {"Effect": "Allow", "Action": "*"}}`) == {
		{"effect": "Allow", "actions": ["*"], "not_actions": []},
	}
}
