# The storage views of lib/terraform (this package, terraform.rego): store_settings (docs/model.md,
# "Storage settings") of buckets (on the bucket, or on the aws_s3_bucket_public_access_block / _acl /
# _website_configuration resource that carries the setting) and the encryption at rest of queues,
# topics, log groups and file systems. Each record names the functions the store (for a bucket's own
# resources: the bucket they name) triggers; a bucket's own resource also gets a `bucket` record per
# declared bucket it configures. Deployment artifacts: each repository's `image_tag_mutability`, and
# the function_settings links from a function to the bucket its `s3_bucket` or the repository its
# `image_uri` names (an adapter marks a function whose image a digest pins with `image_pinned`).
# src/faasguard/model/terraform_storage.py is the Python twin.
package faasguard.lib.terraform

import data.faasguard.lib.storage

# METADATA
# title: storage_resource_types
# description: The resource types the storage views read (adapters pass them as they are).
storage_resource_types := {
	"aws_s3_bucket", "aws_s3_bucket_public_access_block", "aws_s3_bucket_acl",
	"aws_s3_bucket_website_configuration", "aws_sqs_queue", "aws_sns_topic", "aws_cloudwatch_log_group",
	"aws_efs_file_system", "aws_ecr_repository", "aws_lambda_function", "aws_s3_object",
	"aws_s3_bucket_object",
}

# METADATA
# title: storage_views
# description: |
#   The storage views of the normalized resources, as an object of sets; `event_sources` the
#   document's trigger records, naming the functions each store triggers.
storage_views(event_sources) := {
	"store_settings": (((buckets | _store_settings(by_source)) | _repository_settings) | _bucket_links),
	"function_settings": _artifact_links,
} if {
	by_source := storage.triggered(event_sources)
	buckets := _bucket_settings(by_source)
}

# encrypted stores: type → kind and [attribute, setting, value when unset]
_encrypted_stores := {
	"aws_sqs_queue": {"kind": "sqs_queue", "settings": [
		["kms_master_key_id", "kms_key", "absent"],
		["sqs_managed_sse_enabled", "sqs_managed_sse", "true"],
	]},
	"aws_sns_topic": {"kind": "sns_topic", "settings": [["kms_master_key_id", "kms_key", "absent"]]},
	"aws_cloudwatch_log_group": {"kind": "log_group", "settings": [["kms_key_id", "kms_key", "absent"]]},
	"aws_efs_file_system": {"kind": "efs_file_system", "settings": [["encrypted", "encrypted", "false"]]},
}

_store_settings(by_source) := {record |
	some type, spec in _encrypted_stores
	some r in _of_type(type)
	some [attr, name, unset] in spec.settings
	some record in _store_records(r, spec.kind, attr, name, unset, object.get(by_source, r.address, []))
} | {storage.setting(r.address, spec.kind, "kms_key", "set", object.get(by_source, r.address, [])) |
	# a key only apply settles (one the plan creates, a variable) is still a key someone chose
	some type, spec in _encrypted_stores
	some r in _of_type(type)
	some [attr, "kms_key", _] in spec.settings
	attr in r.unknown
}

_bucket_settings(by_source) := (({record |
	some r in _of_type("aws_s3_bucket")
	functions := object.get(by_source, r.address, [])
	some record in (({storage.setting(r.address, "s3_bucket", "declared", "true", functions)} | _store_records(
		r, "s3_bucket", "acl", "acl", null,
		functions,
	)) | _inline_website(r, functions))
} | {record |
	some r in _of_type("aws_s3_bucket_public_access_block")
	some flag in storage.public_access_flags
	some record in _store_records(r, "s3_bucket", flag, flag, "false", _bucket_functions(r, by_source))
}) | {record |
	some r in _of_type("aws_s3_bucket_acl")
	some record in _store_records(r, "s3_bucket", "acl", "acl", null, _bucket_functions(r, by_source))
}) | {storage.setting(r.address, "s3_bucket", "website", "true", _bucket_functions(r, by_source)) |
	some r in _of_type("aws_s3_bucket_website_configuration")
}

# a `website` block; a conditional value (an object of alternatives) is no block, as in Python
_inline_website(r, functions) := {storage.setting(r.address, "s3_bucket", "website", "true", functions)} if {
	some block in _blocks(r.values, "website")
	not "faasguard_choice" in object.keys(block)
} else := set()

# the functions of the buckets a bucket resource's `bucket` names
_bucket_functions(r, by_source) := sort({f |
	some bucket in _named_buckets(r, "bucket")
	some f in object.get(by_source, bucket.address, [])
})

# the resources of a type an attribute names: by reference, or by their known name attribute
_named(r, attr, type, name_attr, known) := {t | some t in _api_referenced(r, attr, type)} | {t |
	is_string(known)
	some t in _of_type(type)
	t.values[name_attr] == known
}

_named_buckets(r, attr) := _named(r, attr, "aws_s3_bucket", "bucket", object.get(r.values, attr, null))

_bucket_links contains storage.setting(r.address, "s3_bucket", "bucket", bucket.address, []) if {
	some type in ["aws_s3_bucket_public_access_block", "aws_s3_bucket_acl", "aws_s3_bucket_website_configuration"]
	some r in _of_type(type)
	some bucket in _named_buckets(r, "bucket")
}

# the records of an attribute's known alternatives; `unset` the value when it is not set (null: none)
_store_records(r, kind, attr, name, unset, functions) := {object.union(
	storage.setting(r.address, kind, name, _text(value), functions),
	choice,
) |
	not attr in r.unknown
	written := object.get(r.values, attr, null)
	_recorded(written, unset)
	choice_id := sprintf("%s#store_settings:%s:%s", [r.address, kind, name])
	some [value, choice] in _alternatives(_or_unset(written, unset), choice_id)
	_text(value)
}

_recorded(written, _) if written != null

_recorded(null, unset) if unset != null

_or_unset(null, unset) := unset

_or_unset(written, _) := written if written != null
