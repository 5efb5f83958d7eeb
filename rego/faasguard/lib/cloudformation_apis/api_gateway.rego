package faasguard.lib.cloudformation_apis

import data.faasguard.lib.apis
import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.graphs
import data.faasguard.lib.values

_rest_api := "AWS::ApiGateway::RestApi"

_rest_resource := "AWS::ApiGateway::Resource"

_rest_method := "AWS::ApiGateway::Method"

_rest_authorizer := "AWS::ApiGateway::Authorizer"

_v2_api := "AWS::ApiGatewayV2::Api"

_v2_route := "AWS::ApiGatewayV2::Route"

_v2_authorizer := "AWS::ApiGatewayV2::Authorizer"

# METADATA
# title: resource_views
# description: |
#   The API views of the plain CloudFormation resources of a template (or of any object with a
#   `Resources` map): {api_operations, lambda_permissions, authorizers, cognito}. `host` as `no_host`.
resource_views(doc, host) := {
	"api_operations": ((_rest_operations(doc, host) | _route_operations(doc, host)) | _definition_operations(doc, host)),
	"lambda_permissions": _permissions(doc, host),
	"authorizers": _authorizers(doc, host),
	"cognito": _cognito(doc),
}

_get(obj, key) := object.get(obj, key, null)

_operation_fields(id, api, kind, call, api_key, functions) := {
	"resource": id, "api": api, "kind": kind, "method": call[0], "path": call[1],
	"api_key_required": api_key, "functions": functions,
}

# the records of an operation whose authorization has alternatives (members as lib/cloudformation gives them)
_operation_records(fields, members) := cfn.choice_records(
	fields, "authorization",
	sprintf("%s#authorization:%s:%s:%s", [fields.resource, fields.kind, fields.method, fields.path]),
	members,
)

_truth(v) if is_true(v)

else := false

# --- REST APIs (API Gateway v1) ------------------------------------------------------------------

_rest_operations(doc, host) := {r |
	some id, resource in cfn.resources_of_type(doc, _rest_method)
	props := cfn.properties(resource)
	method := upper(cfn.known_string(doc, _get(props, "HttpMethod")))
	call := [method, _rest_path(doc, _get(props, "ResourceId"))]
	fields := _operation_fields(
		id, _one_or_empty(doc, _get(props, "RestApiId"), {_rest_api}), "rest", call,
		_truth(known_or_null(doc, _get(props, "ApiKeyRequired"))),
		functions(doc, object.get(props, ["Integration", "Uri"], null), host),
	)
	some r in _operation_records(fields, absent_is_none(doc, props, "AuthorizationType"))
}

# `!GetAtt Api.RootResourceId` (or conftest's plain `Api.RootResourceId`)
_is_root(v) if {
	is_string(v)
	endswith(v, ".RootResourceId")
}

_is_root(v) if {
	count(v) == 1
	[_, "RootResourceId"] = v["Fn::GetAtt"]
}

_is_root(v) if {
	count(v) == 1
	endswith(v["Fn::GetAtt"], ".RootResourceId")
}

# each AWS::ApiGateway::Resource → its parent resource (when ParentId names exactly one)
_parents(doc) := {id: {parent | parent := one(doc, _get(cfn.properties(r), "ParentId"), {_rest_resource})} |
	some id, r in cfn.resources_of_type(doc, _rest_resource)
}

_path_part(doc, id) := cfn.known_string(doc, _get(cfn.properties(cfn.created(doc)[id]), "PathPart"))

# the path of a method's resource, from the chain of resources up to the root; "" when a part or a
# parent is not in the template (or the chain loops)
_rest_path(doc, resource_id) := "/" if _is_root(_settled(doc, resource_id))

else := concat("/", ["", concat("/", parts)]) if {
	chain := graphs.chain(_parents(doc), one(doc, resource_id, {_rest_resource}))
	_is_root(_settled(doc, _get(cfn.properties(cfn.created(doc)[chain[0]]), "ParentId")))
	parts := [part | some id in chain; part := _path_part(doc, id)]
	count(parts) == count(chain)
} else := ""

# --- HTTP and WebSocket APIs (API Gateway v2) ----------------------------------------------------

_route_operations(doc, host) := {r |
	some id, resource in cfn.resources_of_type(doc, _v2_route)
	props := cfn.properties(resource)
	route_key := cfn.known_string(doc, _get(props, "RouteKey"))
	api := _one_or_empty(doc, _get(props, "ApiId"), {_v2_api})
	kind := _route_kind(doc, api, route_key)
	fields := _operation_fields(
		id, api, kind, route_call(kind, route_key),
		_truth(known_or_null(doc, _get(props, "ApiKeyRequired"))),
		_integration_functions(doc, _get(props, "Target"), host),
	)
	some r in _operation_records(fields, absent_is_none(doc, props, "AuthorizationType"))
}

# http / websocket by the API's ProtocolType, else by the route key's shape
_route_kind(doc, api, route_key) := lower(protocol) if {
	protocol := upper(cfn.known_string(doc, _get(cfn.properties(cfn.created(doc)[api]), "ProtocolType")))
	protocol in {"HTTP", "WEBSOCKET"}
} else := "websocket" if {
	route_key in {"$connect", "$disconnect"}
} else := "http" if {
	i := indexof(route_key, " ")
	i >= 0
	regex.match(`^[A-Za-z]+$`, substring(route_key, 0, i))
}

# METADATA
# scope: document
# title: route_call
# description: |
#   [method, path] of a route key: "GET /orders" → ["GET", "/orders"]; an HTTP key without a method
#   (`$default`) takes any method; WebSocket routes have none.
route_call("websocket", route_key) := ["", route_key]

route_call("http", route_key) := [upper(substring(route_key, 0, i)), path] if {
	i := indexof(route_key, " ")
	i >= 0
	path := substring(route_key, i + 1, -1)
	path != ""
} else := ["ANY", route_key]

# the functions behind a route's Target (`integrations/<id>`): its integrations' IntegrationUri
_integration_functions(doc, target, host) := sort({f |
	some integration in ids(doc, target, {"AWS::ApiGatewayV2::Integration"})
	some f in functions(doc, _get(cfn.properties(cfn.created(doc)[integration]), "IntegrationUri"), host)
})

# --- OpenAPI definitions and quick-create APIs ---------------------------------------------------

_definition_operations(doc, host) := {r |
	some kind, type in {"rest": _rest_api, "http": _v2_api}
	some id, resource in cfn.resources_of_type(doc, type)
	definition := readable_definition(doc, _get(cfn.properties(resource), "Body"))
	schemes := apis.scheme_types(definition)
	some op in apis.operations(definition)
	r := definition_record(doc, host, id, kind, op, apis.effective_security(own_security(op), definition), schemes)
} | {r |
	some id, resource in cfn.resources_of_type(doc, _v2_api)
	props := cfn.properties(resource)
	_get(props, "Target") != null
	r := object.union(
		_operation_fields(
			id, id, "http", route_call("http", _quick_route_key(doc, props)), false,
			functions(doc, props.Target, host),
		),
		{"authorization": "NONE"},
	)
}

_quick_route_key(doc, props) := "$default" if _get(props, "RouteKey") == null

else := cfn.known_string(doc, props.RouteKey)

# METADATA
# title: readable_definition
# description: An API's inline OpenAPI definition as a map (undefined when absent or not a map the template settles).
readable_definition(doc, body) := definition if {
	body != null
	definition := cfn.branch(doc, body)
	values.is_map(definition)
}

# METADATA
# title: own_security
# description: An operation's own security as written (null when none; undefined when the operation is unreadable).
own_security(op) := op.security if op.readable

# METADATA
# title: definition_record
# description: The api_operations record of an operation of an API's definition, on the API (undefined when unknown).
definition_record(doc, host, api, kind, op, security, schemes) := object.union(
	_operation_fields(
		api, api, kind, [op.method, op.path], auth.api_key_required,
		functions(doc, op.integration_uri, host),
	),
	{"authorization": auth.authorization},
) if {
	auth := apis.authorization(security, schemes)
}

# --- Authorizers ---------------------------------------------------------------------------------

# the authorizers methods and routes reference (AuthorizerId), and those the host's events use
_attached(doc, host) := {id |
	some resource in cfn.created(doc)
	resource.Type in {_rest_method, _v2_route}
	some id in ids(doc, _get(cfn.properties(resource), "AuthorizerId"), {_rest_authorizer, _v2_authorizer})
} | {id | some id in host.attached}

_authorizers(doc, host) := {r |
	attached := _attached(doc, host)
	some id, resource in cfn.created(doc)
	resource.Type in {_rest_authorizer, _v2_authorizer}
	props := cfn.properties(resource)
	[issuer, audiences] := jwt_settings(doc, _get(props, "JwtConfiguration"), "Issuer", "Audience")
	r := {
		"resource": id, "name": _authorizer_name(doc, props, id),
		"kind": upper(_authorizer_kind(doc, resource.Type, props)), "attached": id in attached,
		"jwt_issuer": issuer, "jwt_audiences": sort({a | some a in audiences}),
	}
}

_authorizer_name(doc, props, id) := name if {
	name := cfn.known_string(doc, _get(props, "Name"))
} else := id

_authorizer_kind(doc, type, props) := "TOKEN" if {
	type == _rest_authorizer
	_get(props, "Type") == null
} else := kind if {
	kind := cfn.known_string(doc, _get(props, _kind_property[type]))
} else := ""

_kind_property := {_rest_authorizer: "Type", _v2_authorizer: "AuthorizerType"}

# --- Lambda permissions --------------------------------------------------------------------------

_permissions(doc, host) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::Lambda::Permission")
	props := cfn.properties(resource)
	r := {
		"resource": id, "principal": _principal(doc, _get(props, "Principal")),
		"constrained": _constrained(doc, props), "function_url_auth_type": _url_auth_type(doc, props),
		"functions": functions(doc, _get(props, "FunctionName"), host),
		"source_arn": _presence(doc, props, "SourceArn"), "source_account": _presence(doc, props, "SourceAccount"),
	}
}

# the known principal; {"AWS": "*"} is "*"
_principal(doc, v) := p if {
	p := cfn.value(doc, v)
	is_string(p)
} else := p if {
	m := cfn.value(doc, v)
	values.is_map(m)
	count(m) == 1
	p := cfn.known_string(doc, m.AWS)
}

_constraints := ["SourceArn", "SourceAccount", "PrincipalOrgID"]

# whether a property is set in every alternative (true) or in none (false); undefined when in some only
_presence(doc, props, key) := false if {
	every m in cfn.alternatives_at(doc, props, [key]) {
		m.absent
	}
} else if {
	every m in cfn.alternatives_at(doc, props, [key]) {
		not m.absent
	}
}

_constrained(doc, props) if {
	some key in _constraints
	_presence(doc, props, key) == true
} else := false if {
	every key in _constraints {
		_presence(doc, props, key) == false
	}
}

# the upper-cased FunctionUrlAuthType ("" when not a function-URL permission; undefined when unknown);
# `InvokedViaFunctionUrl: true` alone makes it one: it is what a public (NONE) URL needs
_url_auth_type(doc, props) := "NONE" if {
	set_string(doc, _get(props, "FunctionUrlAuthType")) == ""
	is_true(known_or_null(doc, _get(props, "InvokedViaFunctionUrl")))
} else := upper(auth_type) if {
	auth_type := set_string(doc, _get(props, "FunctionUrlAuthType"))
	auth_type != set_at_deployment
}
