# METADATA
# title: Serverless Framework API events
# description: |
#   How the Framework compiles `http` (REST API), `httpApi` (HTTP API) and `websocket` events and
#   `provider.httpApi.authorizers` (docs/formats/serverless_apis.md); the twin of
#   src/faasguard/model/serverless_apis.py. Every function takes the document `doc` to resolve
#   variables with lib/serverless. A value only deployment settles is `unknown`; an authorization
#   the files do not settle is undefined (no record).
package faasguard.lib.serverless_apis

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

# METADATA
# title: unknown
# description: The marker of a value only deployment settles (sls.resolve is undefined for it).
unknown := {"faasguard_unknown": true}

# METADATA
# title: value
# description: "`v` resolved, or `unknown`."
value(doc, v) := resolved if {
	resolved := sls.resolve(doc, v)
} else := unknown

# METADATA
# title: setting
# scope: document
# description: "`obj[key]` resolved (null when absent or when `obj` is not a map), or `unknown`."
setting(doc, obj, key) := value(doc, object.get(obj, key, null)) if is_map(obj)

setting(_, obj, _) := null if not is_map(obj)

# METADATA
# title: is_map
# description: A plain map, neither an intrinsic function nor `unknown`.
is_map(v) if {
	values.is_map(v)
	v != unknown
}

# METADATA
# title: unsettled
# scope: document
# description: A value only deployment settles, an intrinsic function included.
unsettled(v) if v == unknown

unsettled(v) if values.is_intrinsic(v)

# METADATA
# title: falsy
# description: Falsy in JavaScript, as the Framework tests these settings (`if (http.authorizer)`).
falsy(v) if v in {null, false, "", 0}

_user_pool_arn(arn) if {
	is_string(arn)
	regex.match(`^arn:[a-zA-Z-]*:cognito-idp`, arn)
}

_upper(v) := upper(v) if is_string(v)

_upper(v) := "" if not is_string(v)

_lower(v) := lower(v) if is_string(v)

_lower(v) := "" if not is_string(v)

# METADATA
# title: resource_path
# description: The Framework strips one leading and one trailing slash; the API's path starts with one.
resource_path(path) := concat("", ["/", trim_suffix(trim_prefix(path, "/"), "/")])

# METADATA
# title: rest_route
# scope: document
# description: "[method, resource path] of an `http` event: the `GET /users` shorthand (split on spaces) or a map."
rest_route(_, event) := [parts[0], resource_path(parts[1])] if {
	is_string(event)
	parts := split(event, " ")
	count(parts) > 1
}

rest_route(doc, event) := [method, resource_path(path)] if {
	method := setting(doc, event, "method")
	path := setting(doc, event, "path")
	is_string(method)
	is_string(path)
}

# METADATA
# title: rest_authorization
# description: |
#   [authorization alternatives, kind of the authorizer the event declares ("" for none)] of an
#   `http.authorizer` (api-gateway/lib/validate.js getAuthorizer, method/authorization.js).
rest_authorization(doc, authorizer) := [["NONE"], ""] if {
	falsy(authorizer)
} else := [["AWS_IAM"], ""] if {
	_upper(authorizer) == "AWS_IAM"
} else := [["COGNITO_USER_POOLS"], "COGNITO_USER_POOLS"] if {
	_user_pool_arn(authorizer)
} else := [["CUSTOM"], "TOKEN"] if {
	is_string(authorizer)
} else := _rest_map_authorization(doc, authorizer, setting(doc, authorizer, "type")) if {
	is_map(authorizer)
}

_rest_map_authorization(doc, authorizer, declared_type) := _rest_typed(doc, authorizer, _upper(declared_type)) if {
	not unsettled(declared_type)
}

# an authorizerId is an authorizer managed elsewhere; the Framework refuses neither name nor arn
_rest_typed(doc, authorizer, kind) := [[_external_authorization(kind)], ""] if {
	kind != ""
	not falsy(setting(doc, authorizer, "authorizerId"))
} else := [["AWS_IAM"], ""] if {
	kind == "AWS_IAM"
} else := _rest_arn_authorization(kind, setting(doc, authorizer, "arn")) if {
	not _nameless(doc, authorizer)
}

_nameless(doc, authorizer) if {
	falsy(setting(doc, authorizer, "arn"))
	falsy(setting(doc, authorizer, "name"))
}

_external_authorization(kind) := "CUSTOM" if {
	kind in {"TOKEN", "REQUEST"}
} else := kind

# an ARN we cannot read is a Lambda or a user pool: CUSTOM or COGNITO_USER_POOLS
_rest_arn_authorization(kind, arn) := [["COGNITO_USER_POOLS"], "COGNITO_USER_POOLS"] if {
	_user_pool(kind, arn)
} else := [["CUSTOM", "COGNITO_USER_POOLS"], ""] if {
	arn == unknown
} else := [["CUSTOM"], _lambda_kind(kind)]

_user_pool("COGNITO_USER_POOLS", _)

_user_pool(_, arn) if _user_pool_arn(arn)

_lambda_kind(kind) := kind if {
	kind in {"TOKEN", "REQUEST"}
} else := "TOKEN"

# METADATA
# title: authorizer_name
# description: The name an event gives its authorizer, the string itself, else `name`, else a string `arn`.
authorizer_name(doc, authorizer) := authorizer if {
	is_string(authorizer)
} else := name if {
	name := setting(doc, authorizer, "name")
	is_string(name)
} else := arn if {
	arn := setting(doc, authorizer, "arn")
	is_string(arn)
} else := ""

_http_api_methods := {"ANY", "GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE"}

# METADATA
# title: http_api_route
# scope: document
# description: "[method, path] of an `httpApi` event (`'*'` is the `$default` route), as http-api.js reads it."
http_api_route(_, "*") := ["ANY", "$default"]

http_api_route(_, event) := [upper(m[1]), m[2]] if {
	is_string(event)
	some m in regex.find_all_string_submatch_n(`^(?i:(ANY|GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE)) (/\S*)$`, event, 1)
}

http_api_route(doc, event) := route if {
	is_map(event)
	route := _http_api_map_route(setting(doc, event, "method"), setting(doc, event, "path"))
}

_http_api_map_route(method, "*") := ["ANY", "$default"] if method in {null, "*"}

_http_api_map_route(method, path) := [_any(upper(method)), path] if {
	path != "*"
	is_string(method)
	is_string(path)
	_any(upper(method)) in _http_api_methods
}

_any("*") := "ANY"

_any(method) := method if method != "*"

# a string authorizer is `{name: …}`
_http_api_authorizer(authorizer) := {"name": authorizer} if is_string(authorizer)

_http_api_authorizer(authorizer) := authorizer if is_map(authorizer)

# METADATA
# title: http_api_reference
# description: |
#   The `provider.httpApi.authorizers` entry an `httpApi.authorizer` names: its name, null when it
#   names none (none, `id`, `type: aws_iam`), `unknown` when the files do not settle it.
http_api_reference(doc, authorizer) := null if {
	falsy(authorizer)
} else := unknown if {
	not _http_api_authorizer(authorizer)
} else := null if {
	_lower(setting(doc, _http_api_authorizer(authorizer), "type")) == "aws_iam"
} else := _named(doc, _http_api_authorizer(authorizer))

_named(doc, authorizer) := null if {
	not falsy(setting(doc, authorizer, "id"))
} else := null if {
	falsy(setting(doc, authorizer, "name"))
} else := name if {
	name := setting(doc, authorizer, "name")
	is_string(name)
} else := unknown

# METADATA
# title: http_api_authorization
# description: |
#   The authorization of an `httpApi` route (http-api.js compileEndpoints): NONE, AWS_IAM, CUSTOM
#   (`type: request`) or JWT; `declared` is `provider.httpApi.authorizers` (see declared_authorizers).
http_api_authorization(doc, authorizer, declared) := "NONE" if {
	falsy(authorizer)
} else := authorization if {
	settings := _http_api_authorizer(authorizer)
	authorizer_type := setting(doc, settings, "type")
	not unsettled(authorizer_type)
	authorization := _http_api_typed(doc, settings, _lower(authorizer_type), declared)
}

_http_api_typed(doc, settings, authorizer_type, declared) := object.get(
	{"request": "CUSTOM", "aws_iam": "AWS_IAM"},
	authorizer_type,
	"JWT",
) if {
	not falsy(setting(doc, settings, "id"))
} else := "AWS_IAM" if {
	authorizer_type == "aws_iam"
} else := declared_authorization(doc, declared, name) if {
	name := setting(doc, settings, "name")
	is_string(name)
	name != ""
}

# METADATA
# title: declared_authorization
# description: |
#   A named HTTP API authorizer's route authorization: CUSTOM for `type: request`, else JWT;
#   undefined when the name is not declared (the Framework refuses the service) or its type is unsettled.
declared_authorization(doc, declared, name) := authorization if {
	config := value(doc, declared[name])
	is_map(config)
	authorizer_type := setting(doc, config, "type")
	not unsettled(authorizer_type)
	authorization := _request_or_jwt(authorizer_type)
}

_request_or_jwt(authorizer_type) := "CUSTOM" if {
	_lower(authorizer_type) == "request"
} else := "JWT"

# METADATA
# title: declared_authorizers
# description: "`provider.httpApi.authorizers` resolved: a map ({} when unset), or `unknown`."
declared_authorizers(doc, provider) := _authorizers_of(doc, value(doc, object.get(provider, "httpApi", null)))

_authorizers_of(doc, http_api) := unknown if {
	unsettled(http_api)
} else := authorizers if {
	authorizers := setting(doc, http_api, "authorizers")
	is_map(authorizers)
} else := unknown if {
	unsettled(setting(doc, http_api, "authorizers"))
} else := {}

# METADATA
# title: declared_authorizer
# description: |
#   The authorizers record of a `provider.httpApi.authorizers.<name>` entry; undefined when its type
#   is set to a value only deployment settles.
declared_authorizer(doc, name, config, attached) := authorizer_record(
	"provider", name, "REQUEST", attached,
	"", [],
) if {
	_lower(setting(doc, config, "type")) == "request"
} else := authorizer_record(
	"provider", name, "JWT", attached,
	_set_string(setting(doc, config, "issuerUrl")),
	_set_strings(doc, setting(doc, config, "audience")),
) if {
	not unsettled(setting(doc, config, "type"))
}

# set to a value only deployment settles: present, so never missing (as the CloudFormation views read it)
_set_string(v) := cfn_apis.set_at_deployment if {
	unsettled(v)
} else := v if {
	is_string(v)
} else := ""

# the non-empty entries of a string or list setting, as _set_string reads them
_set_strings(doc, v) := sort({s | some entry in _entries(v); s := _set_string(value(doc, entry)); s != ""})

_entries(v) := v if {
	is_array(v)
} else := [] if {
	falsy(v)
} else := [v]

# METADATA
# title: websocket_route
# scope: document
# description: The route key of a `websocket` event (a string, or a map's `route`).
websocket_route(_, event) := event if is_string(event)

websocket_route(doc, event) := route if {
	route := setting(doc, event, "route")
	is_string(route)
}

# METADATA
# title: websocket_authorization
# description: Any authorizer of a WebSocket route is a Lambda REQUEST authorizer (websockets/lib/routes.js).
websocket_authorization(authorizer) := "NONE" if {
	falsy(authorizer)
} else := "CUSTOM" if {
	is_string(authorizer)
} else := "CUSTOM" if {
	is_object(authorizer)
	authorizer != unknown
}

# METADATA
# title: operation_records
# description: |
#   The api_operations records of one event, one per authorization alternative; alternatives carry
#   `choice`, `choices` and `alternative` (docs/model.md).
operation_records(resource, api, kind, [method, path], authorizations, api_key_required) := {record |
	some i, authorization in authorizations
	base := {
		"resource": resource, "api": api, "kind": kind, "method": upper(method), "path": path,
		"authorization": upper(authorization), "api_key_required": api_key_required, "functions": [resource],
	}
	record := object.union(base, _alternative(base, count(authorizations), i))
}

_alternative(_, 1, _) := {}

_alternative(base, choices, i) := {
	"choice": sprintf("%s#authorization:%s:%s:%s", [base.resource, base.kind, base.method, base.path]),
	"choices": choices,
	"alternative": i,
} if {
	choices > 1
}

# METADATA
# title: authorizer_record
# description: "An authorizers record: {resource, name, kind, attached, jwt_issuer, jwt_audiences}."
authorizer_record(resource, name, kind, attached, jwt_issuer, jwt_audiences) := {
	"resource": resource, "name": name, "kind": kind, "attached": attached,
	"jwt_issuer": jwt_issuer, "jwt_audiences": jwt_audiences,
}
