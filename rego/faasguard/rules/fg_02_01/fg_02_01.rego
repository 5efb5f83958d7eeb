# METADATA
# title: FG_02_01 a REST API method has no authorizer
# description: |
#   A REST operation other than OPTIONS whose authorization is NONE (lib/api_auth, docs/semantics.md).
package faasguard.rules.fg_02_01

import data.faasguard.lib.api_auth
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_01"

_open := model.decided({o | some o in model.api_operations; api_auth.is_unauthenticated_rest(o)})

_by_resource[o.resource] contains o if some o in _open

# METADATA
# title: deny
# description: One result per resource carrying unauthenticated methods.
deny contains findings.unauthenticated(_id, model.format, resource, records) if {
	some resource, records in _by_resource
}
