# The OpenAPI bodies of lib/terraform's API views (this package, apis.rego): one operation per method
# of each path of an aws_api_gateway_rest_api's or HTTP aws_apigatewayv2_api's JSON `body`.
package faasguard.lib.terraform

_api_bodies contains [api, "rest"] if some api in _of_type("aws_api_gateway_rest_api")

_api_bodies contains [api, "http"] if {
	some api in _of_type("aws_apigatewayv2_api")
	_api_protocol(api) == "http"
}

# One operation per method of each path of a JSON body; none while the body is unknown or not JSON.
_body_operations contains _api_operation(api, api.address, kind, method, path, auth, key, functions) if {
	some [api, kind] in _api_bodies
	body := api.values.body
	is_string(body)
	json.is_valid(body)
	document := json.unmarshal(body)
	is_object(document)
	some [path, method, operation] in _openapi_operations(document)
	[auth, key] := _openapi_security(document, operation)
	auth != "?"
	functions := {f |
		target := operation["x-amazon-apigateway-integration"].uri
		is_string(target)
		some f in _api_functions_in(api, target)
	}
}

_openapi_operations(document) := {[path, method, operation] |
	is_object(document.paths)
	some path, item in document.paths
	is_object(item)
	some key, operation in item
	method := _openapi_method(lower(key))
}

_openapi_method(key) := upper(key) if key in {"get", "put", "post", "delete", "options", "head", "patch"}

_openapi_method("x-amazon-apigateway-any-method") := "ANY"

# A part of a JSON body the loader left as an expression (jsonencode of a variable, a reference).
_api_unsettled(value) if {
	is_string(value)
	contains(value, "${")
}

# [authorization, API key required] of an operation: its `security` (an empty list: none), else the
# document's; each named scheme gives its type. "?" when the body leaves it to deployment.
_openapi_security(document, operation) := ["?", false] if {
	_api_unsettled(operation)
} else := ["?", false] if {
	_api_unsettled(_openapi_requirements(document, operation))
} else := ["?", false] if {
	some requirement in _openapi_list(_openapi_requirements(document, operation))
	_api_unsettled(requirement)
} else := ["?", false] if {
	"?" in _openapi_types(document, operation)
} else := [_openapi_authorization(types), "API_KEY" in types] if {
	types := _openapi_types(document, operation)
}

_openapi_requirements(document, operation) := operation.security if {
	is_object(operation)
	"security" in object.keys(operation)
} else := object.get(document, "security", null)

_openapi_list(value) := value if is_array(value)

else := []

_openapi_types(document, operation) := {_openapi_scheme_type(document, name) |
	some requirement in _openapi_list(_openapi_requirements(document, operation))
	is_object(requirement)
	some name, _ in requirement
}

_openapi_authorization(types) := auths[0] if {
	auths := sort([t | some t in types; not t in {"API_KEY", ""}])
	count(auths) > 0
} else := "NONE"

# The scheme containers: Swagger 2 securityDefinitions, OpenAPI 3 components.securitySchemes.
_openapi_containers(document) := [object.get(document, "securityDefinitions", null), _openapi_components(document)]

_openapi_components(document) := document.components if {
	_api_unsettled(document.components)
} else := object.get(document, ["components", "securitySchemes"], null)

# The definition of a scheme; an unsettled container it may be in stands for it.
_openapi_scheme(document, name) := schemes[0] if {
	schemes := [c[name] | some c in _openapi_containers(document); is_object(c); name in object.keys(c)]
	count(schemes) > 0
} else := unsettled[0] if {
	unsettled := [c | some c in _openapi_containers(document); _api_unsettled(c)]
	count(unsettled) > 0
} else := null

# What a scheme's type is read from: the scheme, its authtype, its authorizer and its authorizer's type, its type.
_openapi_scheme_fields(scheme) := ({scheme} | {v |
	some key in ["x-amazon-apigateway-authtype", "x-amazon-apigateway-authorizer", "type"]
	v := scheme[key]
}) | {v | v := scheme["x-amazon-apigateway-authorizer"].type}

# The authorization a scheme stands for, API_KEY for a bare API key, "" for a scheme API Gateway does
# not enforce (or one not defined), "?" when the body leaves it to deployment.
_openapi_scheme_type(document, name) := "?" if {
	some field in _openapi_scheme_fields(_openapi_scheme(document, name))
	_api_unsettled(field)
} else := type if {
	type := _openapi_mapped_type(_openapi_scheme(document, name))
} else := ""

_openapi_mapped_type(scheme) := _openapi_authtype(lower(authtype)) if {
	authtype := scheme["x-amazon-apigateway-authtype"]
	is_string(authtype)
	_openapi_authtype(lower(authtype))
} else := _openapi_authorizer_type(lower(authorizer)) if {
	authorizer := scheme["x-amazon-apigateway-authorizer"].type
	is_string(authorizer)
	_openapi_authorizer_type(lower(authorizer))
} else := "API_KEY" if {
	is_string(scheme.type)
	lower(scheme.type) == "apikey"
}

# x-amazon-apigateway-authtype, lower-cased -> authorization.
_openapi_authtype("cognito_user_pools") := "COGNITO_USER_POOLS"

_openapi_authtype("awssigv4") := "AWS_IAM"

_openapi_authtype("custom") := "CUSTOM"

# x-amazon-apigateway-authorizer type, lower-cased -> authorization.
_openapi_authorizer_type(type) := "CUSTOM" if type in {"token", "request"}

_openapi_authorizer_type("cognito_user_pools") := "COGNITO_USER_POOLS"

_openapi_authorizer_type("jwt") := "JWT"
