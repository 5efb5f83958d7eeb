# AWS SAM adapter, EFS records (docs/model.md, "EFS mounted into functions"): as for CloudFormation, with
# the SAM functions' FileSystemConfigs merged with Globals.Function (lib/efs).
package faasguard.adapters.sam

import data.faasguard.lib.efs
import data.faasguard.lib.template

_efs_mounts[id] := object.get(p, "FileSystemConfigs", null) if {
	some id, p in object.union(template.lambda_functions, template.sam_functions)
}

_efs_views := efs.resource_views(input, _efs_mounts) if _sam

function_settings contains r if some r in _efs_views.function_settings

store_settings contains r if some r in _efs_views.store_settings
