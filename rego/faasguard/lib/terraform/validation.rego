# The request validation records of lib/terraform (this package, terraform.rego; docs/model.md, "Request
# validation"): aws_api_gateway_method (request_validator_id → aws_api_gateway_request_validator,
# request_models, request_parameters) on the method, and each operation of the JSON OpenAPI `body` of an
# aws_api_gateway_rest_api on the API, written by lib/validation. A value only deployment settles, or a
# conditional, is unknown (no record). The Python twin is src/faasguard/model/terraform_validation.py.
#
# The adapters hand these rules the resources of validation_resource_types with their unknown_paths
# (apis.rego) and the functions and aliases as they are.
package faasguard.lib.terraform

import data.faasguard.lib.validation

# METADATA
# title: validation_resource_types
# description: The resource types the request validation records read (adapters add their unknown_paths).
validation_resource_types := {
	"aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_rest_api",
	"aws_api_gateway_request_validator",
}

# METADATA
# title: validation_views
# description: The request validation records of the normalized resources, as an object of sets.
validation_views := {"api_settings": _validation_records}

_validation_records contains r if some r in _validation_method_records

_validation_records contains r if some r in _validation_body_records

_validation_method_records contains r if {
	some m in _of_type("aws_api_gateway_method")
	verb := m.values.http_method
	is_string(verb)
	functions := sort(_api_method_functions(m))
	some r in validation.records(m.address, functions, _validation_request(m, upper(verb)))
}

_validation_request(m, verb) := {
	"method": verb, "path": "",
	"model": _validation_entries(m, "request_models", "model"),
	"validates_body": flags[0], "validates_parameters": flags[1],
	"required_parameters": _validation_entries(m, "request_parameters", "flag"),
} if {
	flags := _validation_validator(m)
}

# [validates body, validates parameters] of the validator the method references (provider defaults
# false); no validator when request_validator_id is unset
_validation_validator(m) := [false, false] if {
	not _api_is_set(m, "request_validator_id")
} else := [_validation_flag(v, "validate_request_body"), _validation_flag(v, "validate_request_parameters")] if {
	referenced := _api_referenced(m, "request_validator_id", "aws_api_gateway_request_validator")
	validators := {v.address: v | some v in referenced}
	count(validators) == 1
	some v in validators
} else := [validation.unknown, validation.unknown]

_validation_flag(r, attr) := validation.unknown if {
	_api_unknown(r, [attr])
} else := false if {
	_api_value(r, [attr]) == null
} else := validation.flag(_api_value(r, [attr]))

# whether some entry of a map attribute has the fact: true, else unknown when the map is unknown, else
# the facts with `unknown` for an entry only deployment settles (a model it names counts)
_validation_entries(r, attr, fact) := validation.unknown if {
	_api_unknown(r, [attr])
} else := validation.unknown if {
	_validation_map(_api_value(r, [attr])) != null
	not _validation_plain_map(_validation_map(_api_value(r, [attr])))
} else := validation.any_true(_validation_facts(r, attr, fact) | _validation_inside(r, attr, fact))

_validation_facts(r, attr, fact) := {_validation_fact(fact, v) | some v in _validation_map_or_empty(r, attr)}

# HCL writes a map attribute as a one-map list; any list is read by its first entry, no keys unless that
# is a map (a choice of texts is none), as Python's first_block reads it: docs/formats/terraform.md
_validation_map(value) := _validation_first_map(value) if is_array(value)

else := value

_validation_first_map(entries) := entries[0] if _validation_plain_map(entries[0])

else := {}

_validation_map_or_empty(r, attr) := m if {
	m := _validation_map(_api_value(r, [attr]))
	_validation_plain_map(m)
} else := {}

_validation_plain_map(entries) if {
	is_object(entries)
	not _is_choice(entries)
}

_validation_inside(r, attr, fact) := {_validation_unknown_entry[fact]} if _api_unknown_inside(r, [attr])

else := set()

_validation_unknown_entry := {"model": true, "flag": validation.unknown}

# a request_models entry: any model but the built-in `Empty`
_validation_fact("model", "Empty") := false

_validation_fact("model", v) if not v in {null, "Empty"}

_validation_fact("flag", v) := validation.flag(v)

_validation_body_records contains r if {
	some api in _of_type("aws_api_gateway_rest_api")
	body := api.values.body
	is_string(body)
	json.is_valid(body)
	document := json.unmarshal(body)
	is_object(document)
	some [operation, integration_uri] in validation.definition_requests(document)
	functions := sort(_validation_uri_functions(api, integration_uri))
	some r in validation.records(api.address, functions, operation)
}

_validation_uri_functions(api, text) := _api_functions_in(api, text) if is_string(text)

else := set()
