package faasguard.rules.fg_03_06_test

import data.faasguard.rules.fg_03_06

_store(resource, kind, name, value) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": [],
}

_link(function, name, target) := {
	"resource": function, "kind": "function", "setting": name,
	"value": target, "functions": [function],
}

_ids(results) := {r.resource | some r in results}

_bucket(id, versioning) := {
	_store(id, "s3_bucket", "declared", "true"),
	_store(id, "s3_bucket", "versioning", versioning),
}

test_functions_deployed_from_an_unversioned_bucket if {
	store := (_bucket("Enabled", "Enabled") | _bucket("Suspended", "Suspended")) | _bucket("Absent", "absent")
	links := {
		_link("A", "code_bucket", "Enabled"), _link("B", "code_bucket", "Suspended"),
		_link("C", "code_bucket", "Absent"),
	}
	found := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(found) == {"B", "C"}
}

test_a_public_bucket_through_a_setting_its_resource_or_its_policy if {
	store := (_bucket("Versioned", "Enabled") | _bucket("Other", "Enabled")) | {
		_store("Block", "s3_bucket", "bucket", "Versioned"),
		_store("Block", "s3_bucket", "block_public_policy", "false"),
	}
	policy := {
		"resource": "OtherPolicy", "target": "Other", "effect": "Allow",
		"actions": ["s3:GetObject"], "public": true, "constrained": false,
	}
	links := {_link("A", "code_bucket", "Versioned"), _link("B", "code_bucket", "Other")}
	found := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as {policy}
		with data.faasguard.model.format as "cloudformation"
	_ids(found) == {"A", "B"}
	narrowed := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as {object.union(policy, {"constrained": true})}
		with data.faasguard.model.format as "cloudformation"
	_ids(narrowed) == {"A"}
}

test_a_bucket_no_function_deploys_from_is_not_reported if {
	found := fg_03_06.deny with data.faasguard.model.store_settings as _bucket("Absent", "absent")
		with data.faasguard.model.function_settings as set()
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	found == set()
}

_alternatives(values) := {object.union(_store("B", "s3_bucket", "versioning", v), choice) |
	some i, v in values
	choice := {"choice": "c", "choices": 2, "alternative": i}
}

test_versioning_with_alternatives_counts_when_none_is_enabled if {
	links := {_link("A", "code_bucket", "B")}
	unversioned := fg_03_06.deny with data.faasguard.model.store_settings as _alternatives(["Suspended", "absent"])
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(unversioned) == {"A"}
	undecided := fg_03_06.deny with data.faasguard.model.store_settings as _alternatives(["Enabled", "absent"])
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	undecided == set()
}

test_the_serverless_framework_bucket_is_named_in_the_message if {
	store := {_store("provider", "s3_bucket", "versioning", "absent")}
	some result in fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as {_link("provider", "code_bucket", "provider")}
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "serverless"
	result.resource == "provider"
	contains(result.msg, "the deployment bucket the Framework creates (versioning is not configured)")
}

test_mutable_repositories_with_image_functions_are_reported_on_the_repository if {
	store := {
		_store("Mutable", "ecr_repository", "image_tag_mutability", "MUTABLE"),
		_store("Immutable", "ecr_repository", "image_tag_mutability", "IMMUTABLE"),
		_store("Unused", "ecr_repository", "image_tag_mutability", "mutable"),
	}
	links := {_link("Api", "image_repository", "Mutable"), _link("Worker", "image_repository", "Immutable")}
	results := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(results) == {"Mutable"}
	some result in results
	result.functions == ["Api"]
}
