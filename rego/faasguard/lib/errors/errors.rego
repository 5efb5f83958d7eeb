# METADATA
# title: Error-handling records
# description: |
#   The log levels of Lambda's advanced logging controls (docs/model.md, "Function log levels";
#   FG_10_02): function_settings `log_format`, `application_log_level` and `system_log_level` of the
#   CloudFormation and SAM functions that write a `LoggingConfig` (read by the cloudformation and sam
#   adapters), and what every format's reading shares. The Python twins are
#   src/faasguard/model/errors.py and cloudformation_errors.py.
package faasguard.lib.errors

import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.cloudformation_secret_stores as stores
import data.faasguard.lib.values

# METADATA
# title: logging
# description: |
#   [setting, its CloudFormation / SAM key, its Terraform logging_config attribute, its Serverless
#   `logs` key, the value Lambda uses when it is unset]: Text logs have no levels, JSON logs default
#   to INFO.
logging := [
	["log_format", "LogFormat", "log_format", "logFormat", "TEXT"],
	["application_log_level", "ApplicationLogLevel", "application_log_level", "applicationLogLevel", "INFO"],
	["system_log_level", "SystemLogLevel", "system_log_level", "systemLogLevel", "INFO"],
]

# METADATA
# title: text
# description: |
#   A value as a settings view holds it: unset (null, or "" as a plan writes an optional string left
#   unset) is `unset`, a known string upper-cased; undefined for anything else.
text(value, unset) := unset if value in {null, ""}

else := upper(value) if values.is_literal(value)

# METADATA
# title: function_records
# description: The function_settings records of the functions given as logical id → (effective) Properties.
function_records(doc, functions) := {r |
	some id, props in functions
	props.LoggingConfig != null
	some [name, key, _, _, unset] in logging
	members := exposure.members(doc, props, ["LoggingConfig", key], unset, "upper")
	some r in stores.records("function_settings", id, "function", name, members, [id])
}
