# Deployment artifacts of lib/terraform (this package, storage.rego): the `versioning` of each bucket
# (from the aws_s3_bucket_versioning naming it, else its legacy `versioning` block), the
# `image_tag_mutability` of each repository, and the function_settings links from a function to the
# bucket its `s3_bucket` names (directly or through an aws_s3_object's `bucket`) or the repository its
# `image_uri` names (docs/model.md, "Deployment artifacts"). The Python twin is in
# src/faasguard/model/terraform_storage.py.
package faasguard.lib.terraform

import data.faasguard.lib.storage

_object_types := ["aws_s3_object", "aws_s3_bucket_object"]

_artifact_links contains storage.setting(f.address, "function", name, target, [f.address]) if {
	some f in _of_type("aws_lambda_function")
	some [name, target] in _function_artifacts(f)
}

_function_artifacts(f) := {["image_repository", r.address] | some r in _image_repositories(f)} if {
	f.values.package_type == "Image"
} else := {["code_bucket", b.address] | some b in _named_buckets(f, "s3_bucket")} | {["code_bucket", b.address] |
	some type in _object_types
	some o in _api_referenced(f, "s3_bucket", type)
	some b in _named_buckets(o, "bucket")
}

# the declared repositories image_uri names, unless a digest pins the image (the adapter's image_pinned)
_image_repositories(f) := set() if {
	f.image_pinned
} else := _named(f, "image_uri", "aws_ecr_repository", "name", _uri_repository(f))

_uri_repository(f) := m[1] if {
	some m in regex.find_all_string_submatch_n(storage.image_repository_pattern, f.values.image_uri, 1)
} else := ""

_image_users[link.value] contains f if {
	some link in _artifact_links
	link.setting == "image_repository"
	some f in link.functions
}

_repository_settings contains record if {
	some r in _of_type("aws_ecr_repository")
	some record in _store_records(
		r, "ecr_repository", "image_tag_mutability", "image_tag_mutability", "MUTABLE",
		sort(object.get(_image_users, r.address, set())),
	)
}

# [bucket address, aws_s3_bucket_versioning] of each versioning resource and bucket it names
_versioning_pairs contains [b.address, v] if {
	some v in _of_type("aws_s3_bucket_versioning")
	some b in _named_buckets(v, "bucket")
}

_versioned contains address if some [address, _] in _versioning_pairs

# versioning resources whose bucket only apply settles: they may configure any bucket
_open_versioning contains v.address if {
	some v in _of_type("aws_s3_bucket_versioning")
	count(_named_buckets(v, "bucket")) == 0
	not is_string(object.get(v.values, "bucket", null))
}

_versioning_settings(by_source) := {record |
	some [address, v] in _versioning_pairs
	not "versioning_configuration" in v.unknown
	status := _blocks(v.values, "versioning_configuration")[0].status
	some [value, choice] in _alternatives(status, sprintf("%s#store_settings:s3_bucket:versioning", [address]))
	is_string(value)
	functions := object.get(by_source, address, [])
	record := object.union(storage.setting(address, "s3_bucket", "versioning", value, functions), choice)
} | {storage.setting(b.address, "s3_bucket", "versioning", status, object.get(by_source, b.address, [])) |
	some b in _of_type("aws_s3_bucket")
	not b.address in _versioned
	not "versioning" in b.unknown
	status := _legacy_versioning(_blocks(b.values, "versioning"))
}

# a bucket without a versioning resource: its legacy block's `enabled`, else absent (unless an open
# versioning resource may configure it); undefined when unknown
_legacy_versioning([]) := "absent" if count(_open_versioning) == 0

_legacy_versioning(blocks) := "Enabled" if blocks[0].enabled == true

_legacy_versioning(blocks) := "Disabled" if blocks[0].enabled == false
