# Serverless Framework adapter, EFS records (the package's METADATA is in serverless.rego): each
# function's `fileSystemConfig.arn` (variables resolved) is its FileSystemConfigs entry as the Framework
# compiles it, and the access points and file systems of `resources.Resources` are read as in a template
# (lib/efs). The twin of src/faasguard/model/serverless_efs.py. Uses `_doc` and `_functions` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.efs
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

_efs_mounts[name] := [{"Arn": sls.resolve(_doc, object.get(config, "arn", null))}] if {
	some name, fn in _functions
	config := sls.resolve(_doc, object.get(fn, "fileSystemConfig", null))
	apis.is_map(config)
}

default _efs_resources := {}

_efs_resources := resources if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}

_efs_views := efs.resource_views(_efs_resources, _efs_mounts) if count(_efs_mounts) > 0

function_settings contains r if some r in _efs_views.function_settings

store_settings contains r if some r in _efs_views.store_settings
