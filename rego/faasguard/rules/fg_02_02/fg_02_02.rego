# METADATA
# title: FG_02_02 an HTTP or WebSocket API route has no authorization
# description: |
#   An HTTP API route other than OPTIONS, or a WebSocket `$connect` route, whose authorization is
#   NONE (lib/api_auth, docs/semantics.md).
package faasguard.rules.fg_02_02

import data.faasguard.lib.api_auth
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_02"

_open := model.decided({o | some o in model.api_operations; api_auth.is_unauthenticated_route(o)})

_by_resource[o.resource] contains o if some o in _open

# METADATA
# title: deny
# description: One result per resource carrying unauthenticated routes.
deny contains findings.unauthenticated(_id, model.format, resource, records) if {
	some resource, records in _by_resource
}
