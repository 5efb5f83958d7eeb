# METADATA
# title: Persistence records
# description: |
#   Function state that outlives an invocation, and tenancy (docs/model.md, "Function state and
#   tenancy"; FG_12_03 … FG_12_05): function_settings `snap_start`, `tenant_isolation`, `tag:<key>`
#   and `durable_kms_key` of CloudFormation and SAM functions (read by the cloudformation and sam
#   adapters; the /tmp size is lib/limits' `ephemeral_storage_mb`), and what every format's reading
#   shares. The Python twins are
#   src/faasguard/model/persistence.py and cloudformation_persistence.py.
package faasguard.lib.persistence

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.cloudformation_secret_stores as stores

# METADATA
# title: tag_setting
# description: The setting name of a tag key (`tag:<key>`).
tag_setting(key) := concat("", ["tag:", key])

# METADATA
# title: function_records
# description: |
#   The function_settings records of the functions given as logical id → (effective) Properties;
#   `sam` the ids of those that are AWS::Serverless::Function (Tags is a map).
function_records(doc, functions, sam) := {r |
	some id, props in functions
	some [name, members] in _settings(doc, props, id in sam)
	some r in stores.records("function_settings", id, "function", name, members, [id])
}

_settings(doc, props, is_sam) := _always(doc, props) | _written(doc, props, is_sam)

_written(doc, props, is_sam) := (_snap_start(doc, props) | _durable(doc, props)) | _tags(doc, props, is_sam)

_always(doc, props) := {[
	"tenant_isolation",
	exposure.members(doc, props, ["TenancyConfig", "TenantIsolationMode"], "absent", "upper"),
]}

_snap_start(doc, props) := {[
	"snap_start",
	exposure.members(doc, props, ["SnapStart", "ApplyOn"], "NONE", "upper"),
]} if {
	props.SnapStart != null
} else := set()

_durable(doc, props) := {["durable_kms_key", {{"value": stores.key_flag(m)} |
	some m in cfn.alternatives_at(doc, props, ["DurableConfig", "KMSKeyArn"])
}]} if {
	props.DurableConfig != null
} else := set()

# SAM: a map; CloudFormation: a list of {Key, Value} (tags with a known key). Values upper-cased.
_tags(doc, props, true) := {[tag_setting(key), exposure.members(doc, props, ["Tags", key], "absent", "upper")] |
	tags := cfn.branch(doc, props.Tags)
	is_object(tags)
	some key, _ in tags
}

_tags(doc, props, false) := {[tag_setting(key), exposure.members(doc, tag, ["Value"], "absent", "upper")] |
	tags := cfn.branch(doc, props.Tags)
	is_array(tags)
	some tag in tags
	is_object(tag)
	key := cfn.known_string(doc, tag.Key)
}
