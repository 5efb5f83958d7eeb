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

_statement_record(effect, actions, not_actions, resources) := {
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
}

test_document_statements_resolve_parameters if {
	template := {"Parameters": {"Everything": {"Type": "String", "Default": "*"}}}
	statements := cfn.document_statements(template, {"Statement": [
		{"Effect": "Allow", "Action": [{"Ref": "Everything"}, "s3:GetObject", {"Fn::Sub": "${Prefix}:x"}], "Resource": "*"},
		{"Effect": {"Fn::If": ["C", "Allow", "Deny"]}, "NotAction": ["${Unknown}"]},
	]})
	statements == {
		_statement_record("Allow", ["*", "s3:GetObject"], [], ["*"]),
		_statement_record("", [], [], []),
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
		_statement_record("Allow", ["*"], [], []),
	}
}

_choices_template := {
	"Parameters": {
		"Env": {"Type": "String", "Default": "dev"},
		"Pipeline": {"Type": "String"},
		"Everything": {"Type": "String", "Default": "*"},
	},
	"Mappings": {
		"Runtimes": {"dev": {"Runtime": "python3.8"}, "prod": {"Runtime": "python3.13"}},
		"Regions": {"us-east-1": {"Runtime": "nodejs16.x", "Mode": "Active"}, "eu-west-1": {"Runtime": "nodejs16.x"}},
	},
	"Conditions": {
		"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
		"FromPipeline": {"Fn::Equals": [{"Ref": "Pipeline"}, "yes"]},
	},
	"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}},
}

_if(condition, yes, no) := {"Fn::If": [condition, yes, no]}

_no_value := {"Ref": "AWS::NoValue"}

test_if_on_a_known_condition_is_its_branch if {
	cfn.value(_choices_template, _if("IsProd", "python3.13", "python3.8")) == "python3.8"
	cfn.value(_choices_template, _if("IsProd", "a", _if("IsProd", "b", {"Ref": "Env"}))) == "dev"
	cfn.alternatives(_choices_template, _if("IsProd", "a", _no_value)) == {{"absent": true}}
	cfn.branch(_choices_template, _if("IsProd", "a", {"Ref": "Fn"})) == {"Ref": "Fn"}
}

test_if_on_an_unknown_condition_is_both_branches if {
	cfn.alternatives(_choices_template, _if("FromPipeline", "python3.8", _if("IsProd", "x", _no_value))) == {
		{"value": "python3.8"},
		{"absent": true},
	}
	with_unknown := _if("FromPipeline", "a", {"Ref": "Pipeline"})
	cfn.alternatives(_choices_template, with_unknown) == {{"value": "a"}, {"unknown": true}}
	cfn.alternatives(_choices_template, _if("FromPipeline", "same", "same")) == {{"value": "same"}}
	not cfn.value(_choices_template, _if("FromPipeline", "a", "b"))
	not cfn.branch(_choices_template, _if("FromPipeline", "a", "b"))
	cfn.branch(_choices_template, _if("FromPipeline", "a", "a")) == "a"
}

test_malformed_if_is_unknown if {
	cfn.alternatives(_choices_template, {"Fn::If": ["IsProd", "a"]}) == {{"unknown": true}}
	cfn.alternatives(_choices_template, {"Fn::If": [{"Ref": "Env"}, "a", "b"]}) == {{"unknown": true}}
}

test_find_in_map if {
	cfn.value(_choices_template, {"Fn::FindInMap": ["Runtimes", {"Ref": "Env"}, "Runtime"]}) == "python3.8"
	cfn.value(_choices_template, {"Fn::FindInMap": ["Runtimes", "prod", "Runtime"]}) == "python3.13"

	# an unknown top-level key: every entry (the same value twice is one alternative)
	cfn.alternatives(_choices_template, {"Fn::FindInMap": ["Runtimes", {"Ref": "Pipeline"}, "Runtime"]}) == {
		{"value": "python3.8"},
		{"value": "python3.13"},
	}
	cfn.value(_choices_template, {"Fn::FindInMap": ["Regions", {"Ref": "AWS::Region"}, "Runtime"]}) == "nodejs16.x"

	# an unknown second-level key: every entry of the top-level one
	cfn.alternatives(_choices_template, {"Fn::FindInMap": ["Regions", "us-east-1", {"Ref": "Pipeline"}]}) == {
		{"value": "nodejs16.x"},
		{"value": "Active"},
	}
}

test_find_in_map_that_finds_nothing_is_unknown if {
	unknown := {{"unknown": true}}
	cfn.alternatives(_choices_template, {"Fn::FindInMap": ["Runtimes", "staging", "Runtime"]}) == unknown
	cfn.alternatives(_choices_template, {"Fn::FindInMap": ["Nope", "dev", "Runtime"]}) == unknown
	cfn.alternatives(_choices_template, {"Fn::FindInMap": ["Runtimes", "dev"]}) == unknown
}

test_alternatives_at if {
	props := {
		"Runtime": "python3.8",
		"TracingConfig": _if("FromPipeline", {"Mode": "Active"}, _no_value),
		"Other": "text",
		"Nulled": null,
	}
	cfn.alternatives_at(_choices_template, props, ["Runtime"]) == {{"value": "python3.8"}}
	cfn.alternatives_at(_choices_template, props, ["Missing"]) == {{"absent": true}}
	cfn.alternatives_at(_choices_template, props, ["Nulled"]) == {{"absent": true}}
	cfn.alternatives_at(_choices_template, props, ["TracingConfig", "Mode"]) == {{"value": "Active"}, {"absent": true}}
	cfn.alternatives_at(_choices_template, props, ["Missing", "Mode"]) == {{"absent": true}}
	cfn.alternatives_at(_choices_template, props, ["Other", "Mode"]) == {{"unknown": true}}
}

test_entries if {
	cfn.entries(_choices_template, ["a", _if("IsProd", "b", _no_value)]) == ["a", _if("IsProd", "b", _no_value)]
	cfn.entries(_choices_template, _if("IsProd", ["a"], ["b", "c"])) == ["b", "c"]
	cfn.entries(_choices_template, "single") == ["single"]
	cfn.entries(_choices_template, null) == []
	not cfn.entries(_choices_template, _if("FromPipeline", ["a"], ["b"]))
}

test_text if {
	cfn.text("a") == "a"
	cfn.text(true) == "true"
	cfn.text(12) == "12"
	not cfn.text(1.5)
	not cfn.text(["a"])
}

test_choice_records if {
	cfn.choice_records({"resource": "Fn"}, "value", "Fn#runtime", {{"value": "python3.8"}}) == {
		{"resource": "Fn", "value": "python3.8"},
	}
	cfn.choice_records({"resource": "Fn"}, "value", "Fn#runtime", {{"value": "a"}, {"absent": true}, {"value": 3}}) == {
		{"resource": "Fn", "value": "a", "choice": "Fn#runtime", "choices": 3, "alternative": 2},
	}
}

# Action: !Ref Everything (Default "*"), as a value and as a list entry
test_document_statements_resolve_if_and_parameters if {
	statements := cfn.document_statements(_choices_template, _if("IsProd", {}, {"Statement": [
		{"Effect": "Allow", "Action": {"Ref": "Everything"}},
		{"Effect": _if("IsProd", "Deny", "Allow"), "Action": [{"Ref": "Everything"}]},
		{"Effect": "Allow", "Action": _if("FromPipeline", "*", "s3:GetObject")},
	]}))
	statements == {
		_statement_record("Allow", ["*"], [], []),
		_statement_record("Allow", [], [], []),
	}
}
