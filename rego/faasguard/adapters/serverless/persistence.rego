# Serverless Framework adapter, persistence records (docs/model.md, "Function state and tenancy"; the
# package's METADATA is in serverless.rego): `snap_start` (`snapStart`: true → PUBLISHEDVERSIONS, false
# → NONE), `tenant_isolation` (`tenancy.mode`), `tag:<key>` (`provider.tags` merged with the function's
# `tags`, the function's winning), on the function key. The twin of
# src/faasguard/model/serverless_persistence.py. Uses `_doc`, `_provider` and `_functions`.
package faasguard.adapters.serverless

import data.faasguard.lib.deployment
import data.faasguard.lib.errors
import data.faasguard.lib.persistence
import data.faasguard.lib.serverless as sls

function_settings contains deployment.setting(name, "function", setting, value, [name]) if {
	some name, fn in _functions
	some [setting, value] in _persistence_settings(fn)
}

_persistence_settings(fn) := (_persistence_snap_start(fn) | _persistence_isolation(fn)) | _persistence_tags(fn)

_persistence_snap_start(fn) := {["snap_start", value] |
	fn.snapStart != null
	value := _persistence_snap_modes[sls.resolve(_doc, fn.snapStart)]
}

_persistence_snap_modes := {true: "PUBLISHEDVERSIONS", false: "NONE"}

_persistence_isolation(fn) := {["tenant_isolation", mode] | mode := _persistence_mode(fn)}

_persistence_mode(fn) := errors.text(sls.resolve(_doc, object.get(tenancy, "mode", null)), "absent") if {
	tenancy := sls.resolve(_doc, object.get(fn, "tenancy", null))
	is_object(tenancy)
} else := errors.text(sls.resolve(_doc, object.get(fn, "tenancy", null)), "absent")

_persistence_tags(fn) := {[persistence.tag_setting(key), value] |
	some key, written in object.union(_persistence_tag_map(_provider), _persistence_tag_map(fn))
	value := errors.text(sls.resolve(_doc, written), "absent")
}

_persistence_tag_map(obj) := tags if {
	tags := sls.resolve(_doc, obj.tags)
	is_object(tags)
} else := {}
