# Deployment artifacts of lib/terraform (this package, storage.rego): the `image_tag_mutability` of
# each repository, and the function_settings links from a function to the bucket its `s3_bucket` names
# (directly or through an aws_s3_object's `bucket`) or the repository its `image_uri` names
# (docs/model.md, "Deployment artifacts"). The Python twin is in
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
