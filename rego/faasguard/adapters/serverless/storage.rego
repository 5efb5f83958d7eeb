# Serverless Framework adapter, storage settings (the package's METADATA is in serverless.rego):
# store_settings of `resources.Resources` read as in a template (lib/storage), and the topic an `sns`
# event naming a topic makes the Framework create, with no KmsMasterKeyId: a `kms_key` record `absent`
# on the function key (unless `resources.Resources` declares that logical id itself). Buckets the
# Framework creates, and its deployment bucket, get S3's defaults: nothing to record about their public
# access. Deployment artifacts (docs/model.md): the `code_bucket` link of the zip-packaged functions, on
# `provider`, to the Framework's bucket (`provider`) or to the bucket of `resources.Resources` that
# `deploymentBucket.name` names; the `image_repository` link of a function whose `image` URI names a
# repository of `resources.Resources`. The twin of
# src/faasguard/model/serverless_storage.py. Uses `_doc`, `_provider`, `_functions`, `_declared_sources`
# of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.serverless_triggers as triggers
import data.faasguard.lib.storage
import data.faasguard.lib.values

default _resources := {}

_resources := resources if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}

store_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
	some r in storage.resource_views(resources, event_sources, storage.image_users(_image_links))
}

store_settings contains storage.setting(name, "sns_topic", "kms_key", "absent", [name]) if {
	some name, fn in _functions
	some [key, value] in triggers.events(_doc, fn)
	key == "sns"
	topic := _topic_name(value)
	values.is_literal(topic)
	not startswith(topic, "arn:")
	not concat("", ["SNSTopic", triggers.normalized(topic)]) in _declared_sources
}

# the topic name of an `sns` event: the value, or `topicName` of a map without `arn`
_topic_name(value) := value if is_string(value)

_topic_name(value) := apis.setting(_doc, value, "topicName") if {
	apis.is_map(value)
	apis.setting(_doc, value, "arn") == null
}

function_settings contains r if some r in _image_links

function_settings contains storage.setting("provider", "function", "code_bucket", "provider", _packaged) if {
	_framework_bucket
	count(_packaged) > 0
}

function_settings contains storage.setting("provider", "function", "code_bucket", bucket, _packaged) if {
	count(_packaged) > 0
	some bucket in storage.declared_named(_resources, _bucket_name, storage.bucket_type, "BucketName")
}

# ------------------------------------------------------------------------ deployment artifacts

_image_links contains storage.setting(name, "function", "image_repository", repository, [name]) if {
	some name, fn in _functions
	image_uri := _image_uri(sls.resolve(_doc, fn.image))
	values.is_literal(image_uri)
	not contains(image_uri, "@")
	some m in regex.find_all_string_submatch_n(storage.image_repository_pattern, image_uri, 1)
	some repository in storage.declared_named(_resources, m[1], storage.repository_type, "RepositoryName")
}

_image_uri(image) := image if is_string(image)

_image_uri(image) := sls.resolve(_doc, image.uri) if apis.is_map(image)

# the zip-packaged functions, deployed from the deployment bucket
_packaged := sort({name | some name, fn in _functions; values.is_unset(fn, "image")})

_bucket_settings := sls.resolve(_doc, object.get(_provider, "deploymentBucket", null))

# no bucket name: the Framework creates the bucket
_framework_bucket if _bucket_settings == null

_framework_bucket if {
	apis.is_map(_bucket_settings)
	values.is_unset(_bucket_settings, "name")
}

_bucket_name := _bucket_settings if values.is_literal(_bucket_settings)

_bucket_name := name if {
	apis.is_map(_bucket_settings)
	name := sls.resolve(_doc, _bucket_settings.name)
	values.is_literal(name)
}
