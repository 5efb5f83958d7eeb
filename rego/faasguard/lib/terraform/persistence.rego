# The persistence records of lib/terraform (this package, terraform.rego; docs/model.md, "Function state
# and tenancy"): function_settings `snap_start` (snap_start.apply_on), `tenant_isolation`
# (tenancy_config.tenant_isolation_mode, as AWS provider 6 writes it) and `tag:<key>` (tags) of each
# aws_lambda_function (FG_12_03, FG_12_04; the /tmp size FG_12_05 reads is limits.rego's);
# the provider has no KMS key for durable functions. The adapters hand these rules the resources of
# errors_resource_types as for errors.rego. The Python twin is
# src/faasguard/model/terraform_persistence.py.
package faasguard.lib.terraform

import data.faasguard.lib.persistence

# METADATA
# title: persistence_views
# description: The persistence records of the normalized resources, as an object of sets.
persistence_views := {"function_settings": {r |
	some f in _of_type("aws_lambda_function")
	some [name, value, unset] in _persistence_values(f)
	some r in function_setting(f, name, value, unset)
}}

_persistence_values(f) := (_persistence_snap_start(f) | _persistence_isolation(f)) | _persistence_tags(f)

_persistence_snap_start(f) := {["snap_start", block_value(f, "snap_start", "apply_on"), "NONE"]} if {
	block_present(f, "snap_start")
} else := set()

_persistence_isolation(f) := {["tenant_isolation", value, "absent"] |
	value := block_value(f, "tenancy_config", "tenant_isolation_mode")
} if {
	block_present(f, "tenancy_config")
} else := {["tenant_isolation", null, "absent"]}

_persistence_tags(f) := {[persistence.tag_setting(key), value, "absent"] |
	not "tags" in f.unknown
	some key, value in _persistence_tag_map(f.values.tags)
}

# a plan's map; HCL writes a map attribute as a one-element list of it
_persistence_tag_map(tags) := tags if is_object(tags)

else := tags[0] if {
	is_array(tags)
	is_object(tags[0])
}
