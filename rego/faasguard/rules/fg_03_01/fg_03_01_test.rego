package faasguard.rules.fg_03_01_test

import data.faasguard.rules.fg_03_01

_setting(resource, name, value) := {
	"resource": resource, "kind": "s3_bucket", "setting": name,
	"value": value, "functions": ["Fn"],
}

_declared := _setting("Bucket", "declared", "true")

_statement(public, constrained, effect) := {
	"resource": "Policy", "target": "Bucket", "effect": effect,
	"actions": ["s3:GetObject"], "public": public, "constrained": constrained,
}

_ids(results) := {r.resource | some r in results}

test_public_settings_are_reported_on_their_resource if {
	settings := {
		_declared, _setting("Block", "block_public_policy", "false"), _setting("Acl", "acl", "PublicRead"),
		_setting("Acl2", "acl", "authenticated-read"), _setting("Site", "website", "true"),
	}
	found := fg_03_01.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(found) == {"Block", "Acl", "Acl2", "Site"}
}

test_private_settings_pass if {
	settings := {
		_declared, _setting("Block", "block_public_policy", "true"), _setting("Acl", "acl", "private"),
		_setting("Acl2", "acl", "BucketOwnerFullControl"), _setting("Site", "website", "false"),
	}
	found := fg_03_01.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	found == set()
}

test_only_public_unconstrained_allow_statements_on_declared_buckets if {
	cases := [
		[{_declared}, _statement(true, false, "Allow"), {"Policy"}],
		[{_declared}, _statement(true, true, "Allow"), set()],
		[{_declared}, _statement(true, false, "Deny"), set()],
		[{_declared}, _statement(false, false, "Allow"), set()],
		[set(), _statement(true, false, "Allow"), set()],
	]
	every c in cases {
		found := fg_03_01.deny with data.faasguard.model.store_settings as c[0]
			with data.faasguard.model.source_policies as {c[1]}
			with data.faasguard.model.format as "cloudformation"
		_ids(found) == c[2]
	}
}

test_the_message_names_the_bucket_functions if {
	some result in fg_03_01.deny with data.faasguard.model.store_settings as {_declared}
		with data.faasguard.model.source_policies as {_statement(true, false, "Allow")}
		with data.faasguard.model.format as "cloudformation"
	result.functions == ["Fn"]
	contains(result.msg, "allows everyone s3:GetObject on Bucket")
}

test_a_flag_false_in_one_alternative_only_is_undecided if {
	alternatives := {
		object.union(_setting("Bucket", "block_public_acls", "false"), {"choice": "c", "choices": 2, "alternative": 0}),
		object.union(_setting("Bucket", "block_public_acls", "true"), {"choice": "c", "choices": 2, "alternative": 1}),
	}
	found := fg_03_01.deny with data.faasguard.model.store_settings as alternatives
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	found == set()
}
