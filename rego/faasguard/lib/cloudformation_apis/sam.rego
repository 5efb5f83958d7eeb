package faasguard.lib.cloudformation_apis

import data.faasguard.lib.apis
import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.sam
import data.faasguard.lib.values

_sam_api_types := {"rest": "AWS::Serverless::Api", "http": "AWS::Serverless::HttpApi"}

_implicit := {"rest": "ServerlessRestApi", "http": "ServerlessHttpApi"}

_implicit_id("rest") := "ServerlessRestApi"

_implicit_id("http") := "ServerlessHttpApi"

_api_id_property("rest") := "RestApiId"

_api_id_property("http") := "ApiId"

_sam_api_type("rest") := "AWS::Serverless::Api"

_sam_api_type("http") := "AWS::Serverless::HttpApi"

_globals_section := {"rest": "Api", "http": "HttpApi"}

_event_kinds := {"Api": "rest", "HttpApi": "http"}

_iam := "AWS_IAM"

_api_key_scheme := "api_key"

# METADATA
# title: sam_views
# description: |
#   What the SAM transform generates from AWS::Serverless::Api / HttpApi (Globals.Api / Globals.HttpApi
#   merged, their Auth and DefinitionBody) and from the Api / HttpApi events of `functions` (logical id
#   → merged properties; the implicit ServerlessRestApi / ServerlessHttpApi when an event names no
#   API): {api_operations, authorizers}.
sam_views(doc, functions) := {
	"api_operations": (_event_operations(doc, functions) | _sam_definition_operations(doc)),
	"authorizers": _sam_authorizers(doc, functions),
}

# an Auth setting as SAM reads it, as written: a plain string, null when unset, else unknown
_unknown_setting := {"faasguard:unknown": true}

_auth_setting(v) := null if _unset(v)

else := v if values.is_literal(v)

else := _unknown_setting

_map_or_empty(v) := v if values.is_map(v)

else := {}

_api(kind, id, props, declared) := {
	"id": id, "kind": kind, "props": props, "declared": declared, "auth": auth,
	"authorizers": {name: c | some name, c in _map_or_empty(_get(auth, "Authorizers")); values.is_map(c)},
	"default": _auth_setting(_get(auth, "DefaultAuthorizer")),
} if {
	auth := _map_or_empty(_get(props, "Auth"))
}

# every SAM API by id: the implicit ones, and the declared ones (which win on a shared id)
_sam_apis(doc) := object.union(
	{id: _api(kind, id, _api_properties(doc, kind, {}), false) | some kind, id in _implicit},
	{id: _api(kind, id, _api_properties(doc, kind, r), true) |
		some kind, type in _sam_api_types
		some id, r in cfn.resources_of_type(doc, type)
	},
)

# an API's properties with Globals.Api / Globals.HttpApi merged (IgnoreGlobals honoured)
_api_properties(doc, kind, resource) := cfn.properties(resource) if {
	not values.is_map(object.get(doc, ["Globals", _globals_section[kind]], null))
} else := cfn.properties(resource) if {
	resource.IgnoreGlobals == "*"
} else := sam.merge(object.remove(doc.Globals[_globals_section[kind]], _ignored(resource)), cfn.properties(resource))

_ignored(resource) := resource.IgnoreGlobals if is_array(resource.IgnoreGlobals)

else := []

_flag(api, name, fallback) := fallback if _get(api.auth, name) == null

else := _truth(api.auth[name])

# the authorization an authorizer name gives: AWS_IAM, or by the authorizer's settings; undefined when unknown
_authorization(_, null) := "NONE"

_authorization(api, name) := "AWS_IAM" if {
	name == _iam
	_iam_enabled(api)
} else := kind if {
	is_string(name)
	kind := _authorizer_authorization(api.kind, api.authorizers[name])
}

_iam_enabled(api) if api.kind == "rest"

_iam_enabled(api) if _flag(api, "EnableIamAuthorizer", false)

_authorizer_authorization(kind, config) := "COGNITO_USER_POOLS" if {
	kind == "rest"
	_get(config, "UserPoolArn") != null
} else := "JWT" if {
	kind == "http"
	_get(config, "JwtConfiguration") != null
} else := "CUSTOM" if {
	_get(config, "FunctionArn") != null
}

# the security schemes SAM adds to a definition for an API's Auth
_sam_schemes(api) := object.union(_added_schemes(api), {name: kind |
	some name, config in api.authorizers
	kind := _authorizer_authorization(api.kind, config)
})

_added_schemes(api) := {"AWS_IAM": "AWS_IAM", "api_key": "API_KEY"} if {
	api.kind == "rest"
} else := {"AWS_IAM": "AWS_IAM"} if {
	_flag(api, "EnableIamAuthorizer", false)
} else := {}

# --- Events --------------------------------------------------------------------------------------

_events(functions) := {{"function": id, "name": name, "kind": kind, "props": _map_or_empty(_get(event, "Properties"))} |
	some id, props in functions
	some name, event in _map_or_empty(_get(props, "Events"))
	values.is_map(event)
	kind := _event_kinds[_get(event, "Type")]
}

# the API an event adds to: the one its RestApiId / ApiId names, else the implicit one
_event_api(doc, sam_apis, event) := api if {
	_get(event.props, _api_id_property(event.kind)) == null
	api := sam_apis[_implicit_id(event.kind)]
} else := api if {
	api := sam_apis[one(doc, event.props[_api_id_property(event.kind)], {_sam_api_type(event.kind)})]
}

_event_auth(event) := _map_or_empty(_get(event.props, "Auth"))

# [method, path]; an HttpApi event without both is the $default route for any method
_event_call(event) := ["ANY", "$default"] if {
	event.kind == "http"
	_get(event.props, "Method") == null
	_get(event.props, "Path") == null
} else := [apis.method_name(_string_or_empty(_get(event.props, "Method"))), _string_or_empty(_get(event.props, "Path"))]

_string_or_empty(v) := v if is_string(v)

else := ""

_event_operations(doc, functions) := {r |
	sam_apis := _sam_apis(doc)
	some event in _events(functions)
	api := _event_api(doc, sam_apis, event)
	call := _event_call(event)
	authorization := _authorization(api, _event_authorizer(api, event, call[0]))
	r := object.union(
		_operation_fields(event.function, api.id, event.kind, call, _event_api_key(api, event, call[0]), [event.function]),
		{"authorization": authorization},
	)
}

# the authorizer name an event uses (null for none; `Auth: {Authorizer: NONE}` overrides the default)
_event_authorizer(api, event, method) := null if _auth_setting(_get(_event_auth(event), "Authorizer")) == "NONE"

else := name if {
	name := _auth_setting(_get(_event_auth(event), "Authorizer"))
	name != null
} else := api.default if {
	_default_applies(api, method, true)
} else := null

# whether SAM gives an operation the API's DefaultAuthorizer: REST APIs skip OPTIONS only when
# AddDefaultAuthorizerToCorsPreflight is false; HTTP APIs skip OPTIONS and operations without integration
_default_applies(api, method, _) if {
	api.kind == "rest"
	api.default != null
	_rest_default_method(api, method)
}

_default_applies(api, method, integrated) if {
	api.kind == "http"
	api.default != null
	method != "OPTIONS"
	integrated == true
}

_rest_default_method(_, method) if method != "OPTIONS"

_rest_default_method(api, _) if _flag(api, "AddDefaultAuthorizerToCorsPreflight", true)

_api_key_applies(api, method) if {
	api.kind == "rest"
	_flag(api, "ApiKeyRequired", false)
	_api_key_method(api, method)
}

_api_key_method(_, method) if method != "OPTIONS"

_api_key_method(api, _) if _flag(api, "AddApiKeyRequiredToCorsPreflight", true)

_event_api_key(api, event, method) := _truth(_event_auth(event).ApiKeyRequired) if {
	api.kind == "rest"
	_get(_event_auth(event), "ApiKeyRequired") != null
} else if {
	_api_key_applies(api, method)
} else := false

# --- DefinitionBody ------------------------------------------------------------------------------

_sam_definition_operations(doc) := {r |
	some api in _sam_apis(doc)
	api.declared
	definition := readable_definition(doc, _get(api.props, "DefinitionBody"))
	schemes := _definition_schemes(api, definition)
	some op in apis.operations(definition)
	security := apis.effective_security(_sam_security(api, op), definition)
	r := definition_record(doc, no_host, api.id, api.kind, op, security, schemes)
}

# the definition's schemes with SAM's: its authorizers replace a scheme of the same name, AWS_IAM and
# api_key are added only when the definition lacks them
_definition_schemes(api, definition) := object.union_n([
	_sam_schemes(api), apis.scheme_types(definition),
	{name: kind | some name, kind in _sam_schemes(api); api.authorizers[name]},
])

# an operation's own security after SAM applied the API's DefaultAuthorizer and ApiKeyRequired
# (undefined when unknown)
_sam_security(api, op) := with_key if {
	op.readable
	_readable_security(op.security)
	with_default := _with_default_if(api, op)
	with_key := _with_api_key_if(api, op.method, with_default)
}

_readable_security(null)

_readable_security(security) if apis.security_names(security)

_or_empty(null) := []

_or_empty(security) := security if security != null

_with_default_if(api, op) := op.security if {
	not _default_applies(api, op.method, op.integrated)
} else := _with_default(api, _or_empty(op.security)) if {
	is_string(api.default)
}

# REST: the default is added unless an authorizer (AWS_IAM or one of Auth.Authorizers) is named;
# HTTP: the default is the security of an operation that has none
_with_default(api, security) := [{api.default: []}] if {
	api.kind == "http"
	count(security) == 0
} else := security if {
	api.kind == "http"
} else := security if {
	_names_any(security, {_iam} | object.keys(api.authorizers))
} else := array.concat(security, [{api.default: []}])

_names_any(security, names) if {
	some entry in security
	some name, _ in entry
	name in names
}

_with_api_key_if(api, method, security) := array.concat(_or_empty(security), [{_api_key_scheme: []}]) if {
	_api_key_applies(api, method)
	not _names_any(_or_empty(security), {_api_key_scheme, "api_key_false"})
} else := security

# --- Authorizers ---------------------------------------------------------------------------------

_sam_authorizers(doc, functions) := {r |
	sam_apis := _sam_apis(doc)
	some api in sam_apis
	api.declared
	used := _used_names(doc, sam_apis, api, functions)
	some name, config in api.authorizers

	# lower-case keys, as SAM reads them
	[issuer, audiences] := jwt_settings(doc, _jwt_configuration(api, config), "issuer", "audience")
	r := {
		"resource": api.id, "name": name, "kind": upper(_sam_authorizer_kind(api.kind, config)),
		"attached": name in used, "jwt_issuer": issuer, "jwt_audiences": sort({a | some a in audiences}),
	}
}

_jwt_configuration(api, config) := _get(config, "JwtConfiguration") if api.kind == "http"

else := null

# the authorizer names the API's default, its events and its definition's security use
_used_names(doc, sam_apis, api, functions) := {name |
	some name in (({api.default} | _event_names(doc, sam_apis, api, functions)) | _definition_names(doc, api))
	is_string(name)
}

_event_names(doc, sam_apis, api, functions) := {_auth_setting(_get(_event_auth(event), "Authorizer")) |
	some event in _events(functions)
	_event_api(doc, sam_apis, event).id == api.id
}

_definition_names(doc, api) := {name |
	definition := cfn.branch(doc, _get(api.props, "DefinitionBody"))
	values.is_map(definition)
	some security in array.concat([_get(definition, "security")], [op.security | some op in apis.operations(definition)])
	some name in apis.security_names(security)
}

_sam_authorizer_kind("http", config) := "JWT" if {
	_get(config, "JwtConfiguration") != null
} else := "REQUEST" if {
	_get(config, "FunctionArn") != null
} else := ""

_sam_authorizer_kind("rest", config) := "COGNITO_USER_POOLS" if {
	_get(config, "UserPoolArn") != null
} else := _payload_type(_auth_setting(_get(config, "FunctionPayloadType"))) if {
	_get(config, "FunctionArn") != null
} else := ""

_payload_type(payload) := payload if is_string(payload)

else := "TOKEN"

# METADATA
# title: declared_apis
# description: The APIs a SAM template declares (AWS::Serverless::Api / HttpApi), id → API with Globals merged.
declared_apis(doc) := {id: api | some id, api in _sam_apis(doc); api.declared}

# METADATA
# title: sam_api_properties
# description: |
#   The Properties of a SAM API resource of `kind` (rest, http; `{}` for the implicit API) with
#   Globals.Api / Globals.HttpApi merged, IgnoreGlobals honoured.
sam_api_properties(doc, kind, resource) := _api_properties(doc, kind, resource)
