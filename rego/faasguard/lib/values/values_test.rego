package faasguard.lib.values_test

import data.faasguard.lib.values

test_is_literal if {
	values.is_literal("python3.12")
	values.is_literal("")
	not values.is_literal("${var.runtime}")
	not values.is_literal("arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess")
	not values.is_literal("{{resolve:secretsmanager:db:SecretString:password}}")
	not values.is_literal(3)
	not values.is_literal({"Ref": "X"})
}

test_is_intrinsic if {
	values.is_intrinsic({"Ref": "Param"})
	values.is_intrinsic({"Fn::GetAtt": ["Role", "Arn"]})
	values.is_intrinsic({"Condition": "IsProd"})
	not values.is_intrinsic({"Ref": "A", "Other": 1})
	not values.is_intrinsic({"Mode": "Active"})
	not values.is_intrinsic("Ref")
}

test_is_unset if {
	values.is_unset({}, "a")
	values.is_unset({"a": null}, "a")
	not values.is_unset({"a": false}, "a")
	not values.is_unset({"a": ""}, "a")
}

test_is_map if {
	values.is_map({"Mode": "Active"})
	values.is_map({})
	not values.is_map({"Fn::If": ["C", "a", "b"]})
	not values.is_map([])
}

test_as_list if {
	values.as_list(["a"]) == ["a"]
	values.as_list("a") == ["a"]
	values.as_list({"Ref": "X"}) == [{"Ref": "X"}]
	values.as_list(null) == []
}
