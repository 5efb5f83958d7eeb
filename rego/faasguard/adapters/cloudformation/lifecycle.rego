# CloudFormation adapter, lifecycle records (docs/model.md, "Lifecycle settings"): function_settings
# `trigger_enabled` of event source mappings, rules and schedules, `old_versions` of versions and `tag` `*`
# of function Tags only deployment settles (lib/lifecycle).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.lifecycle
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	records := lifecycle.function_records(input, template.lambda_functions, set())
	some r in (records | lifecycle.resource_views(input, apis.no_host))
}
