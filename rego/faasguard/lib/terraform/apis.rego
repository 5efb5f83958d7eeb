# The SAS-2 views of lib/terraform (this package, terraform.rego): api_operations, lambda_permissions,
# authorizers and cognito of the normalized Terraform resources, read as docs/formats/terraform_apis.md
# says. src/faasguard/model/terraform_apis.py is the Python twin, rule for rule.
#
# The adapters hand these rules the resources of api_resource_types with one more field,
# `unknown_paths`: the paths (arrays) of the nested values only deployment settles (HCL: an expression
# the adapter cannot settle; plan: after_unknown, attributes the configuration does not set left out).
# A normalized resource leaves such a value out of `values`, where it would look absent (a password
# policy's `minimum_length = var.min` is not AWS's default 8).
package faasguard.lib.terraform

import data.faasguard.lib.graphs

# METADATA
# title: api_resource_types
# description: The resource types the API views read (adapters add their unknown_paths).
api_resource_types := {
	"aws_api_gateway_method", "aws_api_gateway_resource", "aws_api_gateway_integration",
	"aws_api_gateway_rest_api", "aws_api_gateway_authorizer",
	"aws_apigatewayv2_api", "aws_apigatewayv2_route", "aws_apigatewayv2_integration",
	"aws_apigatewayv2_authorizer", "aws_lambda_permission",
	"aws_cognito_user_pool", "aws_cognito_user_pool_client", "aws_cognito_identity_pool",
}

# METADATA
# title: api_function_types
# description: The resource types the API views name functions by (adapters pass them as they are).
api_function_types := {"aws_lambda_function", "aws_lambda_alias"}

# METADATA
# title: api_views
# description: The API views of the normalized resources, as an object of sets.
api_views := {
	"api_operations": (((_rest_operations | _route_operations) | _quick_create_operations) | _body_operations),
	"lambda_permissions": _permission_records,
	"authorizers": _authorizer_records,
	"cognito": _cognito_records,
}

# A value that is set but that only deployment settles, where a view needs to know that it is set
# (a JWT issuer naming a user pool's id): set, so the rule does not take it for missing.
_set_at_deployment := "(set at deployment)"

# ------------------------------------------------------------------------------------- values

# The value at path, or a value holding it, is one only deployment settles.
_api_unknown(r, path) if path[0] in r.unknown

_api_unknown(r, path) if {
	some p in object.get(r, "unknown_paths", set())
	count(p) <= count(path)
	array.slice(path, 0, count(p)) == p
}

# Some value inside the one at path (a list entry, a block attribute) is unknown.
_api_unknown_inside(r, path) if {
	some p in object.get(r, "unknown_paths", set())
	count(p) > count(path)
	array.slice(p, 0, count(path)) == path
}

_api_value(r, path) := object.get(r.values, path, null)

# Set to anything: a value, a choice or an unknown value (null and "" are unset).
_api_is_set(r, attr) if attr in r.unknown

_api_is_set(r, attr) if not _api_value(r, [attr]) in {null, ""}

# A value a setting can use: not unknown, not a choice (these views have no choice records).
_api_settled(r, path) if {
	not _api_unknown(r, path)
	not _is_choice(_api_value(r, path))
}

_api_strings(value) := [s | some s in value; is_string(s)] if is_array(value)

else := [value] if is_string(value)

else := []

_api_true(true)

_api_true("true")

_api_flag(value) if _api_true(value)

else := false

# The resources of a type an attribute of r references (in r's module).
_api_referenced(r, attr, type) := [t |
	some key in object.get(r.refs, attr, [])
	some t in _referenced(r.scope, key)
	t.type == type
]

# ---------------------------------------------------------------------------------- functions

# The functions an attribute names: by reference (to a function, or an alias of one), or by a known
# name or ARN.
_api_functions_named(r, attr) := _api_function_targets(array.concat(
	_api_referenced(r, attr, "aws_lambda_function"),
	_api_referenced(r, attr, "aws_lambda_alias"),
)) | {f |
	some text in _api_strings(_api_value(r, [attr]))
	some f in _api_functions_in(r, text)
}

# The functions a string names: its whole value as a function name or ARN, the function ARNs inside
# it (an API integration URI), and its "${…}" references (a JSON body as the loader wrote it).
_api_functions_in(r, text) := {a |
	some id in ({text} | _api_function_arn_ids(text))
	some a in object.get(_by_id, [["aws_lambda_function", id]], set())
} | _api_function_targets([t |
	contains(text, "${")
	some key in reference_keys(text)
	some t in _referenced(r.scope, key)
	t.type in api_function_types
])

# "function:<name>" of each function ARN in a string (an integration URI holds one).
_api_function_arn_ids(text) := {sprintf("function:%s", [m[1]]) |
	some m in regex.find_all_string_submatch_n(`arn:[^:]+:lambda:[^:]*:[0-9]*:function:([A-Za-z0-9_-]+)`, text, -1)
}

# Functions among the targets, an alias standing for the function it names.
_api_function_targets(targets) := {t.address | some t in targets; t.type == "aws_lambda_function"} | {f.address |
	some alias in targets
	alias.type == "aws_lambda_alias"
	some f in _api_referenced(alias, "function_name", "aws_lambda_function")
}

# The API of the document an attribute references ("" when it is elsewhere).
_api_of(r, attr, type) := min(apis) if {
	apis := {api.address | some api in _api_referenced(r, attr, type)}
	count(apis) > 0
} else := ""

# Authorization as written: the value or choice; NONE when unset; undefined when unknown.
_api_authorization(r, attr) := "NONE" if {
	not attr in r.unknown
	_api_value(r, [attr]) == null
} else := r.values[attr] if not attr in r.unknown

_api_operation(r, api, kind, method, path, authorization, api_key, functions) := {
	"resource": r.address, "api": api, "kind": kind, "method": upper(method), "path": path,
	"authorization": upper(authorization), "api_key_required": api_key, "functions": sort(functions),
}

# ---------------------------------------------------------------------------------- REST APIs

_rest_operations contains object.union(_api_operation(m, api, "rest", verb, path, auth, key, functions), choice) if {
	some m in _of_type("aws_api_gateway_method")
	verb := m.values.http_method
	is_string(verb)
	path := _api_rest_path(m)
	id := sprintf("%s#authorization:rest:%s:%s", [m.address, verb, path])
	some [auth, choice] in _alternatives(_api_authorization(m, "authorization"), id)
	is_string(auth)
	api := _api_of(m, "rest_api_id", "aws_api_gateway_rest_api")
	key := _api_flag(_api_value(m, ["api_key_required"]))
	functions := _api_method_functions(m)
}

# The one aws_api_gateway_resource an attribute references.
_api_parent(r, attr) := parents[0] if {
	parents := [p | some p in {t | some t in _api_referenced(r, attr, "aws_api_gateway_resource")}]
	count(parents) == 1
}

# aws_api_gateway_resource address -> {its parent's address} (lib/graphs walks it).
# (a complete rule, built once: terraform.rego, "Indexes and groupings")
# regal ignore:prefer-set-or-object-rule
_api_resource_graph := {r.address: {p.address | p := _api_parent(r, "parent_id")} |
	some r in _of_type("aws_api_gateway_resource")
}

# The path of a method's resource from the path_parts of it and its parents ("*" for an unknown
# part); "/" for the API's root resource; "" when the resource is elsewhere.
_api_rest_path(m) := concat("", ["/", concat("/", parts)]) if {
	start := _api_parent(m, "resource_id")
	chain := graphs.chain(_api_resource_graph, start.address)
	parts := [_api_path_part(address) | some address in chain]
} else := "/" if {
	count(_api_referenced(m, "resource_id", "aws_api_gateway_rest_api")) > 0
} else := ""

_api_path_part(address) := part if {
	parts := {r.values.path_part | some r in _of_type("aws_api_gateway_resource"); r.address == address}
	count(parts) == 1
	some part in parts
	is_string(part)
} else := "*"

# The functions of a method's integrations: an integration whose http_method references the method,
# or that names the same resource (the same references) and the same HTTP method.
_api_method_functions(m) := {f |
	some i in _of_type("aws_api_gateway_integration")
	_api_integrates(i, m)
	some f in _api_functions_named(i, "uri")
}

_api_integrates(i, m) if {
	some t in _api_referenced(i, "http_method", "aws_api_gateway_method")
	t.address == m.address
}

_api_integrates(i, m) if _api_place(i) == _api_place(m)

_api_place(r) := [r.scope, {key | some key in r.refs.resource_id}, upper(r.values.http_method)] if {
	count(object.get(r.refs, "resource_id", [])) > 0
	is_string(r.values.http_method)
}

# ------------------------------------------------------------------- HTTP and WebSocket APIs

_route_operations contains object.union(_api_operation(r, api, kind, method, path, auth, key, functions), choice) if {
	some r in _of_type("aws_apigatewayv2_route")
	route_key := r.values.route_key
	is_string(route_key)
	kind := _api_route_kind(r, route_key)
	[method, path] := _api_route_method_path(kind, route_key)
	id := sprintf("%s#authorization:%s:%s:%s", [r.address, kind, method, path])
	some [auth, choice] in _alternatives(_api_authorization(r, "authorization_type"), id)
	is_string(auth)
	api := _api_of(r, "api_id", "aws_apigatewayv2_api")
	key := _api_flag(_api_value(r, ["api_key_required"]))
	functions := {f |
		some integration in _api_referenced(r, "target", "aws_apigatewayv2_integration")
		some f in _api_functions_named(integration, "integration_uri")
	}
}

# Quick create: an HTTP API with a target has a `$default` route (or its route_key) without authorization.
_quick_create_operations contains _api_operation(api, api.address, "http", method, path, "NONE", false, functions) if {
	some api in _of_type("aws_apigatewayv2_api")
	_api_is_set(api, "target")
	_api_protocol(api) == "http"
	[method, path] := _api_route_method_path("http", _api_quick_route_key(api))
	functions := _api_functions_named(api, "target")
}

_api_quick_route_key(api) := api.values.route_key if is_string(api.values.route_key)

else := "$default"

_api_protocol(api) := lower(protocol) if {
	protocol := api.values.protocol_type
	is_string(protocol)
	upper(protocol) in {"HTTP", "WEBSOCKET"}
}

# The API's protocol; without a known one, the route key's form ("$connect", "GET /orders", …); none
# for a "$default" route of an API defined elsewhere (HTTP or WebSocket: no one can say).
_api_route_kind(r, key) := kind if {
	protocols := {p | some api in _api_referenced(r, "api_id", "aws_apigatewayv2_api"); p := _api_protocol(api)}
	count(protocols) == 1
	some kind in protocols
} else := "http" if {
	contains(key, " ")
} else := "websocket" if {
	key != "$default"
}

# ("GET", "/orders") of "GET /orders"; an HTTP "$default" matches every method ("ANY").
_api_route_method_path("websocket", key) := ["", key]

_api_route_method_path("http", "$default") := ["ANY", "$default"]

_api_route_method_path("http", key) := [substring(key, 0, i), path] if {
	key != "$default"
	i := indexof(key, " ")
	i >= 0
	path := substring(key, i + 1, -1)
	path != ""
} else := ["", key] if {
	key != "$default"
}
