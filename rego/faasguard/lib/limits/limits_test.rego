package faasguard.lib.limits_test

import data.faasguard.lib.limits

_doc := {
	"Parameters": {
		"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0a3c5e7f9b1d2c4e6, subnet-0b4d6f8a0c2e3d5f7"},
		"Other": {"Type": "List<AWS::EC2::Subnet::Id>"},
		"Stage": {"Type": "String"},
	},
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
	"Resources": {},
}

test_numbers_as_text if {
	limits.whole_number(30) == "30"
	limits.whole_number(" 30 ") == "30"
	limits.whole_number("30.0") == "30"
	not limits.whole_number(1.5)
	not limits.whole_number("thirty")
	limits.concurrency(-1) == "absent"
	limits.concurrency(0) == "0"
}

test_subnet_counts if {
	limits.count_of(["a"]) == "1"
	limits.count_of("subnet-a,subnet-b") == "2"
	not limits.count_of("${var.subnets}")
}

test_function_records_with_defaults_and_choices if {
	functions := {
		"Plain": {},
		"Sized": {
			"Timeout": {"Fn::If": ["Prod", 30, 900]}, "MemorySize": "3008", "ReservedConcurrentExecutions": 5,
			"EphemeralStorage": {"Size": 1024}, "RecursiveLoop": "Allow",
			"VpcConfig": {"SubnetIds": {"Ref": "Subnets"}}, "Tags": [{"Key": "team", "Value": "orders"}],
		},
		"Unknown": {"VpcConfig": {"SubnetIds": {"Ref": "Other"}}, "Tags": {"size-justification": "model"}},
	}
	{[r.resource, r.setting, r.value, object.get(r, "choices", 1)] |
		some r in limits.function_records(_doc, functions, {"Unknown"})
	} == {
		["Plain", "reserved_concurrency", "absent", 1], ["Plain", "timeout_seconds", "3", 1],
		["Plain", "memory_mb", "128", 1], ["Plain", "ephemeral_storage_mb", "512", 1],
		["Sized", "reserved_concurrency", "5", 1], ["Sized", "timeout_seconds", "30", 2],
		["Sized", "timeout_seconds", "900", 2], ["Sized", "memory_mb", "3008", 1],
		["Sized", "ephemeral_storage_mb", "1024", 1], ["Sized", "recursive_loop", "Allow", 1],
		["Sized", "subnet_count", "2", 1], ["Sized", "tag", "team", 1],
		["Unknown", "reserved_concurrency", "absent", 1], ["Unknown", "timeout_seconds", "3", 1],
		["Unknown", "memory_mb", "128", 1], ["Unknown", "ephemeral_storage_mb", "512", 1],
		["Unknown", "tag", "size-justification", 1],
	}
}

test_what_the_rules_share if {
	records := {
		{"kind": "function", "setting": "timeout_seconds", "value": "30"},
		{"kind": "function", "setting": "memory_mb", "value": "absent"},
	}
	{limits.number(r) | some r in limits.of(records, "timeout_seconds")} == {30}
	{limits.number(r) | some r in limits.of(records, "memory_mb")} == {0}
}
