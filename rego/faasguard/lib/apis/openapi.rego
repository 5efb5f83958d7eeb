# METADATA
# title: OpenAPI definitions of API Gateway APIs
# description: |
#   Swagger 2 and OpenAPI 3 definitions → operations and their authorization, format-neutral: the
#   caller hands over the definition as an object and maps integration URIs to functions itself.
#   An operation's own `security`, else the document's, names schemes; an API key scheme only makes
#   a key required, any other scheme is the operation's authorization by its API Gateway extensions.
#   The Python twin is src/faasguard/model/openapi.py.
package faasguard.lib.apis

import data.faasguard.lib.values

_any_method := "x-amazon-apigateway-any-method"

_methods := {"get", "put", "post", "delete", "patch", "head", "options", _any_method}

# METADATA
# title: api_key
# description: The scheme type of a scheme that only requires an API key (not authentication).
api_key := "API_KEY"

# METADATA
# title: method_name
# description: An OpenAPI method key upper-cased; x-amazon-apigateway-any-method is ANY.
method_name(key) := "ANY" if lower(key) == _any_method

else := upper(key)

# METADATA
# scope: document
# title: operations
# description: |
#   The operations of a definition's `paths`: {method, path, security, readable, integration_uri,
#   integrated}. `security` is the operation's own (null when it has none); `readable` is false for a
#   `paths`, path item or operation that is not a plain map (its authorization is unknown).
operations(body) := {_unreadable("", "")} if _unreadable_paths(body)

operations(body) := {op |
	some path, item in object.get(body, "paths", {})
	some op in _path_operations(path, item)
} if {
	not _unreadable_paths(body)
}

_unreadable_paths(body) if {
	body.paths != null
	not values.is_map(body.paths)
}

_path_operations(path, item) := {_unreadable("", path)} if not values.is_map(item)

_path_operations(path, item) := {_operation(method_name(key), path, definition) |
	some key, definition in item
	is_string(key)
	lower(key) in _methods
} if {
	values.is_map(item)
}

_unreadable(method, path) := {
	"method": method, "path": path, "security": null, "readable": false,
	"integration_uri": null, "integrated": false,
}

_operation(method, path, definition) := _unreadable(method, path) if not values.is_map(definition)

_operation(method, path, definition) := {
	"method": method, "path": path, "security": object.get(definition, "security", null), "readable": true,
	"integration_uri": object.get(definition, ["x-amazon-apigateway-integration", "uri"], null),
	"integrated": object.get(definition, "x-amazon-apigateway-integration", null) != null,
} if {
	values.is_map(definition)
}

# METADATA
# scope: document
# title: effective_security
# description: An operation's own `security` (as written, or as SAM rewrites it), else the document's, else [].
effective_security(own, _) := own if own != null

effective_security(null, body) := object.get(body, "security", []) if body.security != null

effective_security(null, body) := [] if object.get(body, "security", null) == null

# METADATA
# title: scheme_types
# description: |
#   Scheme name → AWS_IAM / COGNITO_USER_POOLS / CUSTOM / JWT / API_KEY for the schemes API Gateway
#   enforces, from securityDefinitions and components.securitySchemes (a name declared twice with
#   different types is left out: unknown).
scheme_types(body) := {name: kind |
	pairs := _scheme_pairs(body)
	some [name, kind] in pairs
	count({pair[1] | some pair in pairs; pair[0] == name}) == 1
}

_scheme_pairs(body) := {[name, kind] |
	some section in [
		object.get(body, "securityDefinitions", null),
		object.get(body, ["components", "securitySchemes"], null),
	]
	values.is_map(section)
	some name, scheme in section
	kind := scheme_type(scheme)
}

_lower(value) := lower(value) if is_string(value)

else := ""

# METADATA
# title: scheme_type
# description: What API Gateway makes of a security scheme, by its extensions; undefined when nothing we know.
scheme_type(scheme) := kind if {
	values.is_map(scheme)
	authtype := _lower(object.get(scheme, "x-amazon-apigateway-authtype", null))
	kind := _kind(authtype, _authorizer_type(scheme), scheme)
}

_authorizer_type(scheme) := _lower(scheme["x-amazon-apigateway-authorizer"].type) if {
	values.is_map(scheme["x-amazon-apigateway-authorizer"])
} else := ""

_kind(authtype, authorizer_type, scheme) := "AWS_IAM" if authtype == "awssigv4"

else := "COGNITO_USER_POOLS" if "cognito_user_pools" in {authorizer_type, authtype}

else := "JWT" if authorizer_type == "jwt"

else := "CUSTOM" if _custom(authtype, authorizer_type)

else := api_key if {
	not "x-amazon-apigateway-authtype" in object.keys(scheme)
	not "x-amazon-apigateway-authorizer" in object.keys(scheme)
	_lower(object.get(scheme, "type", null)) == "apikey"
}

_custom("custom", _)

_custom(_, authorizer_type) if authorizer_type in {"token", "request"}

# METADATA
# title: security_names
# description: The scheme names of a `security` list of requirement maps; undefined when it is not one.
security_names(security) := [name | some entry in security; some name, _ in entry] if {
	is_array(security)
	every entry in security {
		values.is_map(entry)
	}
}

# METADATA
# title: authorization
# description: |
#   {authorization, api_key_required} of an effective `security`: NONE when it names no authorizing
#   scheme; undefined (unknown) when it is unreadable, names a scheme `schemes` lacks, or mixes two kinds.
authorization(security, schemes) := {
	"authorization": _only_or_none(kinds - {api_key}),
	"api_key_required": api_key in kinds,
} if {
	names := security_names(security)
	every name in names {
		schemes[name]
	}
	kinds := {schemes[name] | some name in names}
	count(kinds - {api_key}) <= 1
}

_only_or_none(kinds) := "NONE" if count(kinds) == 0

_only_or_none(kinds) := kind if {
	count(kinds) == 1
	some kind in kinds
}
