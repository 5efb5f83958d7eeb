# The error-handling records of lib/terraform (this package, terraform.rego; docs/model.md, "Function log
# levels"): function_settings `log_format`, `application_log_level` and `system_log_level` of each
# aws_lambda_function with a `logging_config` block (FG_10_02). The Python twin is
# src/faasguard/model/terraform_errors.py.
#
# The adapters hand these rules the aws_lambda_function resources, the HCL adapter each with its block
# as written (`written`), the plan adapter each with its change's `after_unknown`: a nested attribute
# written but not known, or planned unknown, is only settled by deployment (no record).
package faasguard.lib.terraform

import data.faasguard.lib.deployment
import data.faasguard.lib.errors

# METADATA
# title: errors_resource_types
# description: The resource types the error-handling and persistence records read.
errors_resource_types := {"aws_lambda_function"}

# METADATA
# title: error_views
# description: The error-handling records of the normalized resources, as an object of sets.
error_views := {"function_settings": {r |
	some f in _of_type("aws_lambda_function")
	block_present(f, "logging_config")
	some [name, _, attr, _, unset] in errors.logging
	some r in function_setting(f, name, block_value(f, "logging_config", attr), unset)
}}

# METADATA
# title: block_present
# scope: document
# description: |
#   Whether a function writes (or plans) a nested block; a whole block only deployment settles counts,
#   its values unknown.
block_present(f, block) if block in f.unknown

block_present(f, block) if count(_blocks(f.values, block)) > 0

# METADATA
# title: block_value
# description: |
#   An attribute of a function's first nested block: its value (null when unset; a choice object when
#   it has alternatives); undefined when only deployment settles it.
block_value(f, block, attr) := object.get(_blocks(f.values, block)[0], attr, null) if {
	not block in f.unknown
	not _nested_unknown(f, block, attr)
}

_nested_unknown(f, block, attr) if f.after_unknown[block][0][attr] == true

_nested_unknown(f, block, attr) if {
	f.written[block][0][attr] != null
	object.get(_blocks(f.values, block)[0], attr, null) == null
}

# METADATA
# title: function_setting
# description: |
#   The function_settings records of a function's setting from its value (each alternative its own
#   record): upper-cased, unset `unset` (errors.text).
function_setting(f, name, value, unset) := {object.union(
	deployment.setting(f.address, "function", name, text, [f.address]),
	choice,
) |
	some [v, choice] in _alternatives(value, sprintf("%s#function_settings:function:%s", [f.address, name]))
	text := errors.text(v, unset)
}
