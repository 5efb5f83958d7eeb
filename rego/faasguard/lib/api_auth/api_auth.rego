# METADATA
# title: API authentication
# description: |
#   Which API operations (model.api_operations) anyone can call: shared by FG_02_01 / FG_02_02 (reported
#   on the operation) and the attack paths (an entry point of the functions behind it). The Python twin
#   is src/faasguard/model/api_auth.py.
package faasguard.lib.api_auth

# METADATA
# title: is_unauthenticated_rest
# description: |
#   A REST method other than OPTIONS (CORS preflight) without authorization; an API key is no
#   authentication.
is_unauthenticated_rest(operation) if {
	operation.kind == "rest"
	operation.method != "OPTIONS"
	operation.authorization == "NONE"
}

# METADATA
# scope: document
# title: is_unauthenticated_route
# description: |
#   An HTTP API route other than OPTIONS without authorization, or a WebSocket `$connect` route without
#   one (only `$connect` carries the authorization of a WebSocket API).
is_unauthenticated_route(operation) if {
	operation.kind == "http"
	operation.method != "OPTIONS"
	operation.authorization == "NONE"
}

is_unauthenticated_route(operation) if {
	operation.kind == "websocket"
	operation.path == "$connect"
	operation.authorization == "NONE"
}

# METADATA
# scope: document
# title: is_unauthenticated
# description: A REST method or an HTTP / WebSocket route anyone can call.
is_unauthenticated(operation) if is_unauthenticated_rest(operation)

is_unauthenticated(operation) if is_unauthenticated_route(operation)
