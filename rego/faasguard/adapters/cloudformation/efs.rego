# CloudFormation adapter, EFS records (docs/model.md, "EFS mounted into functions"): the access points
# the functions' FileSystemConfigs name, and their file systems (lib/efs).
package faasguard.adapters.cloudformation

import data.faasguard.lib.efs
import data.faasguard.lib.template

_efs_mounts[id] := object.get(p, "FileSystemConfigs", null) if some id, p in template.lambda_functions

_efs_views := efs.resource_views(input, _efs_mounts) if _cloudformation

function_settings contains r if some r in _efs_views.function_settings

store_settings contains r if some r in _efs_views.store_settings
