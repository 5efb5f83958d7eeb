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

_bucket(id) := {_store(id, "s3_bucket", "declared", "true")}

test_functions_deployed_from_a_private_bucket_are_not_reported if {
	store := (_bucket("Private") | _bucket("Public")) | {_store("Public", "s3_bucket", "acl", "PublicRead")}
	links := {_link("A", "code_bucket", "Private"), _link("B", "code_bucket", "Public")}
	found := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(found) == {"B"}
}

test_a_public_bucket_through_a_setting_its_resource_or_its_policy if {
	store := (_bucket("Code") | _bucket("Other")) | {
		_store("Block", "s3_bucket", "bucket", "Code"),
		_store("Block", "s3_bucket", "block_public_policy", "false"),
	}
	policy := {
		"resource": "OtherPolicy", "target": "Other", "effect": "Allow",
		"actions": ["s3:GetObject"], "public": true, "constrained": false,
	}
	links := {_link("A", "code_bucket", "Code"), _link("B", "code_bucket", "Other")}
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

test_a_public_bucket_no_function_deploys_from_is_not_reported if {
	store := _bucket("Public") | {_store("Public", "s3_bucket", "acl", "PublicRead")}
	found := fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as set()
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	found == set()
}

_alternatives(values) := _bucket("B") | {object.union(_store("B", "s3_bucket", "acl", v), choice) |
	some i, v in values
	choice := {"choice": "c", "choices": 2, "alternative": i}
}

test_a_public_setting_with_alternatives_counts_when_every_one_is_public if {
	links := {_link("A", "code_bucket", "B")}
	public := fg_03_06.deny with data.faasguard.model.store_settings as _alternatives(["PublicRead", "public-read-write"])
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	_ids(public) == {"A"}
	undecided := fg_03_06.deny with data.faasguard.model.store_settings as _alternatives(["PublicRead", "Private"])
		with data.faasguard.model.function_settings as links
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "cloudformation"
	undecided == set()
}

test_the_framework_bucket_alone_is_not_reported if {
	found := fg_03_06.deny with data.faasguard.model.store_settings as set()
		with data.faasguard.model.function_settings as {_link("provider", "code_bucket", "provider")}
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "serverless"
	found == set()
}

test_a_public_bucket_deployment_bucket_name_names_is_reported_on_provider if {
	store := _bucket("Artifacts") | {_store("Artifacts", "s3_bucket", "website", "true")}
	some result in fg_03_06.deny with data.faasguard.model.store_settings as store
		with data.faasguard.model.function_settings as {_link("provider", "code_bucket", "Artifacts")}
		with data.faasguard.model.source_policies as set()
		with data.faasguard.model.format as "serverless"
	result.resource == "provider"
	contains(result.msg, "bucket Artifacts (it is public: static website hosting is configured)")
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
