# AWS SAM adapter, storage settings
# store_settings (docs/model.md) of the plain CloudFormation resources of a SAM template (lib/storage);
# the functions a store triggers include those of SAM function Events. function_settings: each
# function's link to the declared bucket (Code.S3Bucket, CodeUri) or repository (ImageUri) its package
# comes from, SAM properties merged with Globals.Function.
package faasguard.adapters.sam

import data.faasguard.lib.storage
import data.faasguard.lib.template

_artifact_links := storage.artifact_links(
	input,
	object.union(template.lambda_functions, template.sam_functions),
	{id | some id in object.keys(template.sam_functions)},
)

store_settings contains r if {
	_sam
	some r in storage.resource_views(input, event_sources, storage.image_users(_artifact_links))
}

function_settings contains r if {
	_sam
	some r in _artifact_links
}
