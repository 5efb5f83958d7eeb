package faasguard.lib.sam_test

import data.faasguard.lib.sam

test_local_value_wins if {
	sam.merge({"Runtime": "python3.9", "Timeout": 3}, {"Runtime": "python3.12"}) == {"Runtime": "python3.12", "Timeout": 3}
}

test_maps_merge_recursively if {
	globals := {"Environment": {"Variables": {"A": "global", "B": "global"}}}
	local := {"Environment": {"Variables": {"B": "local", "C": "local"}}}
	sam.merge(globals, local) == {"Environment": {"Variables": {"A": "global", "B": "local", "C": "local"}}}
}

test_lists_concatenate_globals_first if {
	sam.merge({"Layers": ["g1", "g2"]}, {"Layers": ["l1"]}) == {"Layers": ["g1", "g2", "l1"]}
}

test_intrinsics_are_not_merged if {
	sam.merge({"FunctionUrlConfig": {"AuthType": "NONE"}}, {"FunctionUrlConfig": {"Fn::If": ["C", {}, {}]}}) == {
		"FunctionUrlConfig": {"Fn::If": ["C", {}, {}]},
	}
	sam.merge({"Environment": {"Fn::If": ["C", {}, {}]}}, {"Environment": {"Variables": {"A": "a"}}}) == {
		"Environment": {"Variables": {"A": "a"}},
	}
	sam.merge({"Runtime": {"Ref": "Rt"}}, {}) == {"Runtime": {"Ref": "Rt"}}
}

test_type_mismatch_prefers_local if {
	sam.merge({"Layers": ["g"]}, {"Layers": {"Ref": "L"}}) == {"Layers": {"Ref": "L"}}
	sam.merge({"Tracing": "Active"}, {"Tracing": null}) == {"Tracing": null}
}

test_keys_needing_escapes if {
	sam.merge({"Tags": {"a/b": "1", "c~d": "2"}}, {"Tags": {}}) == {"Tags": {"a/b": "1", "c~d": "2"}}
}

_template(resources) := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {"Function": {"Runtime": "python3.9", "Tracing": "Active", "Layers": ["g"]}},
	"Resources": resources,
}

test_functions_merge_globals if {
	sam.functions(_template({"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Layers": ["l"]}}})) == {
		"Fn": {"Runtime": "python3.9", "Tracing": "Active", "Layers": ["g", "l"]},
	}
}

test_ignore_globals_star if {
	sam.functions(_template({"Fn": {
		"Type": "AWS::Serverless::Function",
		"IgnoreGlobals": "*",
		"Properties": {"Handler": "h"},
	}})) == {"Fn": {"Handler": "h"}}
}

test_ignore_globals_list if {
	sam.functions(_template({"Fn": {
		"Type": "AWS::Serverless::Function",
		"IgnoreGlobals": ["Tracing", "Layers"],
	}})) == {"Fn": {"Runtime": "python3.9"}}
}

test_functions_without_globals if {
	template := {"Resources": {
		"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "java21"}},
		"Other": {"Type": "AWS::Lambda::Function", "Properties": {}},
	}}
	sam.functions(template) == {"Fn": {"Runtime": "java21"}}
	intrinsic_globals := object.union(template, {"Globals": {"Function": {"Fn::If": ["C", {}, {}]}}})
	sam.functions(intrinsic_globals) == {"Fn": {"Runtime": "java21"}}
}
