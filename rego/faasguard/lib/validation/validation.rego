# METADATA
# title: Request validation of REST API methods
# description: |
#   The request settings of api_settings (docs/model.md, "Request validation"): one request per REST
#   method, {method, path, model, validates_body, required_parameters, validates_parameters} (each
#   fact true, false or `unknown`), written as records of kind `rest_method <METHOD> <path>`:
#   request_body_validated (POST, PUT, PATCH, ANY) and request_parameters_validated (a required
#   parameter). An unknown fact gives no record. Format-neutral: OpenAPI definitions here, the
#   formats in this package's other files. The Python twin is src/faasguard/model/cloudformation_validation.py.
package faasguard.lib.validation

import data.faasguard.lib.apis
import data.faasguard.lib.values

# METADATA
# title: unknown
# description: The marker of a fact only deployment settles.
unknown := "unknown"

# the HTTP methods whose requests carry a body API Gateway can validate
_body_methods := {"POST", "PUT", "PATCH", "ANY"}

_validators_key := "x-amazon-apigateway-request-validators"

_validator_key := "x-amazon-apigateway-request-validator"

_parameter_places := {"query", "header", "path"}

# METADATA
# title: records
# description: The api_settings records of a request (OPTIONS, the CORS preflight, is not judged).
records(resource, functions, request) := {r |
	request.method != "OPTIONS"
	some setting, value in _settings(request)
	is_boolean(value)
	r := {
		"resource": resource, "kind": _kind(request), "setting": setting,
		"value": sprintf("%v", [value]), "functions": functions,
	}
}

_kind(request) := trim_right(sprintf("rest_method %s %s", [request.method, request.path]), " ")

_settings(request) := object.union(_body_setting(request), _parameters_setting(request))

_body_setting(request) := {"request_body_validated": both(request.model, request.validates_body)} if {
	request.method in _body_methods
} else := {}

_parameters_setting(request) := {} if {
	request.required_parameters == false
} else := {"request_parameters_validated": true} if {
	request.validates_parameters == true
} else := {"request_parameters_validated": request.validates_parameters} if {
	request.required_parameters == true
} else := {"request_parameters_validated": unknown}

# METADATA
# title: both
# description: Two facts together (false wins over unknown).
both(a, b) := false if {
	false in {a, b}
} else := unknown if {
	unknown in {a, b}
} else := true

# METADATA
# scope: document
# title: flag
# description: A known boolean (true, "true", "False"); `unknown` for anything else.
flag(v) := v if {
	is_boolean(v)
} else if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := unknown

# METADATA
# title: any_true
# description: true when some fact is true, else `unknown` when some is unknown, else false.
any_true(facts) if {
	true in facts
} else := unknown if {
	unknown in facts
} else := false

# --- OpenAPI definitions --------------------------------------------------------------------------

# METADATA
# title: definition_requests
# description: |
#   [request, integration URI as written] of each operation of an OpenAPI definition; the operation's
#   x-amazon-apigateway-request-validator, else the document's, names the validator.
definition_requests(definition) := {[_definition_request(definition, op), op.integration_uri] |
	some op in apis.operations(definition)
}

_unknown_request(op) := object.union({"method": op.method, "path": op.path}, _unknown_facts)

_unknown_facts := {
	"model": unknown, "validates_body": unknown,
	"required_parameters": unknown, "validates_parameters": unknown,
}

_definition_request(definition, op) := request if {
	item := definition.paths[op.path]
	raws := [raw | some key, raw in item; is_string(key); apis.method_name(key) == op.method]
	raw := raws[0]
	values.is_map(raw)
	flags := _validator_flags(definition, object.get(raw, _validator_key, object.get(definition, _validator_key, null)))
	listed := _listed_parameters(item, raw)
	request := {
		"method": op.method, "path": op.path, "model": _definition_model(raw, listed),
		"validates_body": flags[0], "required_parameters": _definition_required(listed),
		"validates_parameters": flags[1],
	}
} else := _unknown_request(op)

_validator_flags(definition, name) := [false, false] if {
	name == null
} else := [
	flag(object.get(v, "validateRequestBody", false)),
	flag(object.get(v, "validateRequestParameters", false)),
] if {
	is_string(name)
	v := object.get(definition, [_validators_key, name], null)
	values.is_map(v)
} else := [unknown, unknown]

_parameters_of(obj) := [] if {
	object.get(obj, "parameters", null) == null
} else := obj.parameters

_listed_parameters(item, raw) := array.concat(_parameters_of(item), _parameters_of(raw)) if {
	is_array(_parameters_of(item))
	is_array(_parameters_of(raw))
} else := [unknown]

# an OpenAPI 3 requestBody with content, or a Swagger 2 `in: body` parameter with a schema
_definition_model(raw, listed) if {
	_has_model(raw, listed)
} else := false

_has_model(raw, _) if {
	values.is_map(raw.requestBody)
	object.get(raw.requestBody, "$ref", null) != null
}

_has_model(raw, _) if {
	values.is_map(raw.requestBody.content)
	count(raw.requestBody.content) > 0
}

_has_model(_, listed) if {
	some p in listed
	values.is_map(p)
	p["in"] == "body"
	object.get(p, "schema", null) != null
}

# a query, header or path parameter is required (`$ref` parameters: unknown)
_definition_required(listed) if {
	some p in listed
	values.is_map(p)
	p["in"] in _parameter_places
	p.required == true
} else := unknown if {
	some p in listed
	not _plain_parameter(p)
} else := false

_plain_parameter(p) if {
	values.is_map(p)
	not "$ref" in object.keys(p)
}
