# Serverless Framework adapter, request validation (the package's METADATA is in serverless.rego)
# Each `http` event is a REST method on its function key (docs/model.md, "Request validation"): the
# Framework creates a model per `request.schemas` entry and one request validator that validates the
# body and the parameters, for an event with `request.schemas` or with `request.parameters`.
# `resources.Resources` is read as a template (lib/validation). The twin of
# src/faasguard/model/serverless_validation.py. Uses `_doc`, `_functions`, `_api_events` and
# `_lambda_logical_id` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.validation

_validation_places := ["querystrings", "headers", "paths"]

api_settings contains r if {
	some event in _api_events
	event.kind == "http"
	route := apis.rest_route(_doc, event.value)
	some r in validation.records(event.function, [event.function], _validation_request(event.value, route))
}

api_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
	host := {"functions": {_lambda_logical_id(name): name | some name, _ in _functions}, "attached": []}
	some r in validation.resource_views(resources, host)
}

_validation_request(event_value, route) := {
	"method": upper(route[0]), "path": route[1], "model": model, "validates_body": validator,
	"required_parameters": _validation_required(parameters), "validates_parameters": validator,
} if {
	request := apis.setting(_doc, event_value, "request")
	model := _validation_declared(apis.setting(_doc, request, "schemas"))
	parameters := apis.setting(_doc, request, "parameters")
	validator := _validation_either(model, _validation_declared(parameters))
}

# a request.schemas / request.parameters map with an entry (the Framework acts on it)
_validation_declared(v) := validation.unknown if {
	apis.unsettled(v)
} else if {
	apis.is_map(v)
	some entry in v
	not apis.falsy(entry)
} else := false

_validation_either(a, b) if {
	true in {a, b}
} else := validation.unknown if {
	validation.unknown in {a, b}
} else := false

# a query string, header or path parameter is required (`name: true` or `{required: true}`)
_validation_required(parameters) := validation.unknown if {
	apis.unsettled(parameters)
} else := validation.any_true({_validation_parameter_required(v) |
	some place in _validation_places
	some v in _validation_values(apis.setting(_doc, parameters, place))
})

_validation_values(place) := [validation.unknown] if {
	apis.unsettled(place)
} else := [v | some v in place] if {
	apis.is_map(place)
} else := []

_validation_parameter_required(v) := validation.unknown if {
	v == validation.unknown
} else := _validation_settled_required(_validation_required_value(apis.value(_doc, v)))

_validation_required_value(resolved) := apis.setting(_doc, resolved, "required") if {
	apis.is_map(resolved)
} else := resolved

_validation_settled_required(v) := validation.unknown if {
	apis.unsettled(v)
} else := v == true
