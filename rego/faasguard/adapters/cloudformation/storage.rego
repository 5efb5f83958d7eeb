# CloudFormation adapter, storage settings
# store_settings (docs/model.md): the public-access settings of buckets, the tag mutability of ECR
# repositories and the encryption at rest of queues, topics, log groups and file systems (lib/storage);
# function_settings: each function's link to the declared bucket or repository its package comes from
# (lib/storage artifacts.rego).
package faasguard.adapters.cloudformation

import data.faasguard.lib.storage
import data.faasguard.lib.template

_artifact_links := storage.artifact_links(input, template.lambda_functions, set())

store_settings contains r if {
	_cloudformation
	some r in storage.resource_views(input, event_sources, storage.image_users(_artifact_links))
}

function_settings contains r if {
	_cloudformation
	some r in _artifact_links
}
