# METADATA
# title: Storage settings
# description: |
#   The store_settings view (docs/model.md, "Storage settings") of CloudFormation resources
#   (`resource_views`, read by the cloudformation, sam and serverless adapters), the deployment-artifact
#   links of functions (artifacts.rego), the public-bucket criteria rules share (public.rego), and what
#   every format's reading shares. The Python twin is src/faasguard/model/cloudformation_storage.py.
package faasguard.lib.storage

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: triggered
# description: Declared source id → the sorted functions its events invoke (event_sources records).
triggered(event_sources) := {record.source: _functions_of(event_sources, record.source) |
	some record in event_sources
	record.source != ""
}

_functions_of(event_sources, source) := sort({f | some e in event_sources; e.source == source; some f in e.functions})

# METADATA
# title: setting
# description: A store_settings record.
setting(resource, kind, name, value, functions) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": functions,
}

# METADATA
# title: public_access_flags
# description: The settings of a bucket's public access block.
public_access_flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# AWS::S3::Bucket PublicAccessBlockConfiguration keys → settings: a key left out of a declared block is
# false (S3 PutPublicAccessBlock), a bucket without the block gets S3's default (all true, since 2023-04)
_flag_keys := {
	"BlockPublicAcls": "block_public_acls", "BlockPublicPolicy": "block_public_policy",
	"IgnorePublicAcls": "ignore_public_acls", "RestrictPublicBuckets": "restrict_public_buckets",
}

# encrypted stores: type → kind and [property, setting, value when unset]
_stores := {
	"AWS::SQS::Queue": {"kind": "sqs_queue", "settings": [
		["KmsMasterKeyId", "kms_key", "absent"],
		["SqsManagedSseEnabled", "sqs_managed_sse", "true"],
	]},
	"AWS::SNS::Topic": {"kind": "sns_topic", "settings": [["KmsMasterKeyId", "kms_key", "absent"]]},
	"AWS::Logs::LogGroup": {"kind": "log_group", "settings": [["KmsKeyId", "kms_key", "absent"]]},
	"AWS::EFS::FileSystem": {"kind": "efs_file_system", "settings": [["Encrypted", "encrypted", "false"]]},
}

# METADATA
# title: resource_views
# description: |
#   The store_settings records of the plain CloudFormation resources of a template (or any object with a
#   `Resources` map); `event_sources` the document's, naming the functions each store triggers;
#   `image_users` repository → the image functions deployed from it (image_users).
resource_views(doc, event_sources, image_users) := (buckets | _stores_of(doc, by_source)) | repositories if {
	by_source := triggered(event_sources)
	buckets := _buckets(doc, by_source)
	repositories := _repositories(doc, image_users)
}

_repositories(doc, image_users) := {r |
	some id, resource in cfn.resources_of_type(doc, repository_type)
	members := {_unset_as(m, "MUTABLE") |
		some m in cfn.alternatives_at(doc, cfn.properties(resource), ["ImageTagMutability"])
	}
	some r in _records(id, "ecr_repository", "image_tag_mutability", members, object.get(image_users, id, []))
}

_stores_of(doc, by_source) := {r |
	some type, spec in _stores
	some id, resource in cfn.resources_of_type(doc, type)
	props := cfn.properties(resource)
	some [key, name, unset] in spec.settings
	members := {_unset_as(m, unset) | some m in cfn.alternatives_at(doc, props, [key])}
	some r in _records(id, spec.kind, name, members, object.get(by_source, id, []))
}

_buckets(doc, by_source) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::S3::Bucket")
	some r in _bucket(doc, id, cfn.properties(resource), object.get(by_source, id, []))
}

_bucket(doc, id, props, functions) := (({setting(id, "s3_bucket", "declared", "true", functions)} | {r |
	not values.is_unset(props, "AccessControl")
	members := {_unset_as(m, "absent") |
		some m in cfn.alternatives_at(doc, props, ["AccessControl"])
	}
	some r in _records(id, "s3_bucket", "acl", members, functions)
}) | {r |
	not values.is_unset(props, "WebsiteConfiguration")
	members := {_website(m) | some m in cfn.alternatives_at(doc, props, ["WebsiteConfiguration"])}
	some r in _records(id, "s3_bucket", "website", members, functions)
}) | {r |
	not values.is_unset(props, "PublicAccessBlockConfiguration")
	blocks := cfn.alternatives_at(doc, props, ["PublicAccessBlockConfiguration"])
	some key, name in _flag_keys
	members := {m | some block in blocks; some m in _flag(doc, block, key)}
	some r in _records(id, "s3_bucket", name, members, functions)
}

_unset_as(member, unset) := {"value": unset} if member.absent

else := member

_website(member) := {"value": "false"} if member.absent

else := {"value": "true"} if values.is_map(member.value)

else := {"unknown": true}

# a flag over the alternatives of the block: S3's default (true) where the block is absent, false
# where the block leaves the flag out
_flag(_, block, _) := {{"value": "true"}} if block.absent

_flag(doc, block, key) := {_unset_as(m, "false") | some m in cfn.alternatives_at(doc, block.value, [key])} if {
	values.is_map(block.value)
}

_flag(_, block, _) := {{"unknown": true}} if {
	not block.absent
	not values.is_map(block.value)
}

# the records of a value's alternatives, as text ("true", "30"); each member keeps what was written so
# that `true` and "true" stay two alternatives, as in the Python model
_records(id, kind, name, members, functions) := cfn.choice_records(
	setting(id, kind, name, null, functions),
	"value", sprintf("%s#store_settings:%s:%s", [id, kind, name]),
	{_as_text(m) | some m in members},
)

_as_text(member) := {"value": cfn.text(member.value), "written": member.value} if not is_string(member.value)

else := member
