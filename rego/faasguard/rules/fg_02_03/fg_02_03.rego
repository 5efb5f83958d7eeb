# METADATA
# title: FG_02_03 Lambda function URL without authentication
# description: A function URL whose known auth type is NONE.
package faasguard.rules.fg_02_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_03"

_open := model.decided({r | some r in model.function_urls; r.auth_type == "NONE"})

# resource → its offending records
_by_resource[r.resource] contains r if some r in _open

# METADATA
# title: deny
# description: One result per function URL (or function) that lets anyone invoke the function.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s configures a function URL with auth type NONE, so anyone can invoke it", [resource])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
