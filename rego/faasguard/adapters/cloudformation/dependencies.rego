# CloudFormation adapter, dependency manifests: the function_settings records of the input field the
# loader writes for the local `Code` folders of functions (lib/dependencies, docs/model.md).
package faasguard.adapters.cloudformation

import data.faasguard.lib.dependencies

function_settings contains r if {
	_cloudformation
	some r in dependencies.function_settings(input)
}
