# Request validation in CloudFormation and SAM (package METADATA in validation.rego).
# `resource_views`: AWS::ApiGateway::Method (RequestValidatorId → AWS::ApiGateway::RequestValidator,
# RequestModels, RequestParameters) and the OpenAPI Body of AWS::ApiGateway::RestApi, of any object
# with a `Resources` map (a Serverless `resources.Resources` too). `sam_views`: SAM `Api` events
# (RequestModel, RequestParameters; on the function) and AWS::Serverless::Api DefinitionBody (on the API).
package faasguard.lib.validation

import data.faasguard.lib.apis
import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.values

_rest_api := "AWS::ApiGateway::RestApi"

_rest_method := "AWS::ApiGateway::Method"

_validator_type := "AWS::ApiGateway::RequestValidator"

_empty_model_name := "Empty"

# a value an unknown condition leaves undecided (neither unset, a string nor a map)
_undecided := ["faasguard:undecided"]

# METADATA
# title: resource_views
# description: |
#   The request records of the plain CloudFormation resources of a template (`host` as
#   cloudformation_apis.no_host).
resource_views(doc, host) := {r |
	some id, resource in cfn.resources_of_type(doc, _rest_method)
	props := cfn.properties(resource)
	method := upper(cfn.known_string(doc, object.get(props, "HttpMethod", null)))
	functions := cfn_apis.functions(doc, object.get(props, ["Integration", "Uri"], null), host)
	some r in records(id, functions, _method_request(doc, method, props))
} | {r |
	some id, api in cfn.resources_of_type(doc, _rest_api)
	some r in definition_records(doc, host, id, object.get(cfn.properties(api), "Body", null))
}

# METADATA
# title: sam_views
# description: |
#   The request records of SAM Api events (`functions`, logical id → merged properties) and of the
#   SAM API definitions.
sam_views(doc, functions) := {r |
	some id, props in functions
	some event in _map_or_empty(object.get(props, "Events", null))
	values.is_map(event)
	event.Type == "Api"
	some r in records(id, [id], _event_request(doc, _map_or_empty(object.get(event, "Properties", null))))
} | {r |
	some id, api in cfn_apis.declared_apis(doc)
	api.kind == "rest"
	some r in definition_records(doc, cfn_apis.no_host, id, object.get(api.props, "DefinitionBody", null))
}

# METADATA
# title: definition_records
# description: The records of the operations of an API's inline OpenAPI definition, on the API.
definition_records(doc, host, api, body) := {r |
	definition := cfn.branch(doc, body)
	values.is_map(definition)
	some [operation, integration_uri] in definition_requests(definition)
	some r in records(api, cfn_apis.functions(doc, integration_uri, host), operation)
}

_map_or_empty(v) := v if values.is_map(v)

else := {}

_branch(doc, v) := b if {
	b := cfn.branch(doc, v)
} else := _undecided

_unset(null)

_unset({"Ref": "AWS::NoValue"})

_known_flag(doc, v) := f if {
	f := flag(cfn.value(doc, v))
} else := unknown

# --- AWS::ApiGateway::Method ---------------------------------------------------------------------

_method_request(doc, method, props) := {
	"method": method, "path": "",
	"model": _models(doc, object.get(props, "RequestModels", null)),
	"validates_body": flags[0], "validates_parameters": flags[1],
	"required_parameters": _required(doc, object.get(props, "RequestParameters", null)),
} if {
	flags := _validator(doc, object.get(props, "RequestValidatorId", null))
}

# [validates body, validates parameters] of the RequestValidator a method names (AWS defaults false)
_validator(doc, written) := [false, false] if {
	_unset(_branch(doc, written))
} else := [
	_validator_flag(doc, props, "ValidateRequestBody"),
	_validator_flag(doc, props, "ValidateRequestParameters"),
] if {
	id := cfn_apis.one(doc, written, {_validator_type})
	props := cfn.properties(cfn.created(doc)[id])
} else := [unknown, unknown]

_validator_flag(doc, props, key) := false if {
	not key in object.keys(props)
} else := _known_flag(doc, props[key])

# RequestModels names a model other than `Empty` (a reference to a model counts)
_models(doc, written) := false if {
	_unset(_branch(doc, written))
} else := unknown if {
	not values.is_map(_branch(doc, written))
} else if {
	some m in _branch(doc, written)
	not _empty_model(doc, m)
} else := false

_empty_model(doc, m) if cfn.value(doc, m) == _empty_model_name

# RequestParameters marks a parameter required (`true`)
_required(doc, written) := false if {
	_unset(_branch(doc, written))
} else := unknown if {
	not values.is_map(_branch(doc, written))
} else := any_true({_known_flag(doc, v) | some v in _branch(doc, written)})

# --- SAM events ----------------------------------------------------------------------------------

# SAM adds a model for RequestModel.Model, and a validator only when ValidateBody or ValidateParameters
# is set (the other one false)
_event_request(doc, props) := {
	"method": apis.method_name(_string_or_empty(object.get(props, "Method", null))),
	"path": _string_or_empty(object.get(props, "Path", null)),
	"model": has_model, "validates_body": flags[0], "validates_parameters": flags[1],
	"required_parameters": _event_required(doc, object.get(props, "RequestParameters", null)),
} if {
	model := _map_or_empty(_branch(doc, object.get(props, "RequestModel", null)))
	has_model := _has_event_model(model)
	flags := _event_flags(doc, model, has_model)
}

_has_event_model(model) := false if {
	_unset(object.get(model, "Model", null))
} else := true

_event_flags(_, _, false) := [false, false]

_event_flags(doc, model, true) := [
	_known_flag(doc, object.get(model, "ValidateBody", false)),
	_known_flag(doc, object.get(model, "ValidateParameters", false)),
]

_string_or_empty(v) := v if is_string(v)

else := ""

# RequestParameters entries: a name (not required) or {name: {Required: true}}
_event_required(doc, written) := false if {
	_unset(_branch(doc, written))
} else := unknown if {
	_unreadable_parameters(doc, written)
} else := any_true({_parameter_flag(doc, settings) |
	some e in cfn.entries(doc, written)
	entry := _branch(doc, e)
	values.is_map(entry)
	some settings in entry
})

_unreadable_parameters(doc, written) if _branch(doc, written) == _undecided

_unreadable_parameters(doc, written) if {
	some e in cfn.entries(doc, written)
	not _parameter_entry(_branch(doc, e))
}

_parameter_entry(e) if is_string(e)

_parameter_entry(e) if values.is_map(e)

_parameter_flag(doc, settings) := _known_flag(doc, object.get(settings, "Required", false)) if {
	values.is_map(settings)
} else := unknown
