# CloudFormation adapter, deployment records (docs/model.md, "Container images and runtime updates"):
# function_settings `image_uri_digest` / `update_runtime_on` of functions, store_settings `scan_on_push`
# of ECR repositories and `scans_all_repositories` of registry scanning (lib/deployment).
package faasguard.adapters.cloudformation

import data.faasguard.lib.deployment
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in deployment.function_records(input, template.lambda_functions, set())
}

store_settings contains r if {
	_cloudformation
	some r in deployment.resource_views(input)
}
