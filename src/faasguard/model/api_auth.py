"""Which API operations anyone can call: shared by FG_02_01 / FG_02_02 (reported on the operation) and
the attack paths (an entry point of the functions behind it). The Rego twin is lib/api_auth."""
from __future__ import annotations

from faasguard.model.views import ApiOperation


def is_unauthenticated_rest(operation: ApiOperation) -> bool:
    """A REST method other than OPTIONS (CORS preflight) without authorization; an API key is no
    authentication."""
    return operation.kind == "rest" and operation.method != "OPTIONS" and operation.authorization == "NONE"


def is_unauthenticated_route(operation: ApiOperation) -> bool:
    """An HTTP API route other than OPTIONS without authorization, or a WebSocket `$connect` route without
    one (only `$connect` carries the authorization of a WebSocket API)."""
    if operation.authorization != "NONE":
        return False
    if operation.kind == "websocket":
        return operation.path == "$connect"
    return operation.kind == "http" and operation.method != "OPTIONS"


def is_unauthenticated(operation: ApiOperation) -> bool:
    return is_unauthenticated_rest(operation) or is_unauthenticated_route(operation)
