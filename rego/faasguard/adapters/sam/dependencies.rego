# AWS SAM adapter, dependency manifests: the function_settings records of the input field the loader
# writes for the local `CodeUri` folders of functions, Globals merged (lib/dependencies, docs/model.md).
package faasguard.adapters.sam

import data.faasguard.lib.dependencies

function_settings contains r if {
	_sam
	some r in dependencies.function_settings(input)
}
