# The edge records of lib/terraform (this package, terraform.rego; docs/model.md, "Edge settings"), in
# api_settings: each aws_api_gateway_stage's endpoint_type (the first endpoint_configuration type of the
# REST API its rest_api_id references, EDGE when unset) and waf (each aws_wafv2_web_acl_association whose
# resource_arn references it, else absent), each custom domain's tls_policy, and one openapi_scheme per
# Swagger 2 scheme of a REST API's JSON body. The Python twin is src/faasguard/model/terraform_edge.py.
#
# The adapters hand these rules the resources of edge_resource_types with their unknown_paths (apis.rego).
package faasguard.lib.terraform

import data.faasguard.lib.edge

# METADATA
# title: edge_resource_types
# description: The resource types the edge records read (adapters add their unknown_paths).
edge_resource_types := {
	"aws_api_gateway_stage", "aws_api_gateway_rest_api", "aws_wafv2_web_acl_association",
	"aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name",
}

# METADATA
# title: edge_views
# description: The edge records of the normalized resources, as an object of sets.
edge_views := {"api_settings": _edge_records}

_edge_records contains r if some r in _edge_endpoint_records

_edge_records contains r if some r in _edge_waf_records

_edge_records contains r if some r in _edge_tls_records

_edge_records contains r if some r in _edge_scheme_records

# the alternatives of the setting at path: unset is `unset`, known values mapped by lib/edge `text_of`
_edge_members(r, path, unset, known) := {{"unknown": true}} if _api_unknown(r, path)

else := {_edge_member(v, unset, known) |
	some [v, _] in _alternatives(_api_value(r, path), "")
} | _unknown_choice(_api_value(r, path))

_edge_member(v, unset, known) := {"value": unset} if v == null

else := {"value": text} if {
	text := edge.text_of({}, known, v)
} else := {"unknown": true}

_edge_stages := _of_type("aws_api_gateway_stage")

_edge_endpoint_records contains r if {
	some stage in _edge_stages
	some r in edge.records(stage.address, "stage", "endpoint_type", [], _edge_endpoint_members(stage))
}

# an API of another configuration: its endpoint type is not in these files
_edge_endpoint_members(stage) := _edge_members(apis[0], _edge_types_path, edge.public_default, "types") if {
	apis := _api_referenced(stage, "rest_api_id", "aws_api_gateway_rest_api")
	count(apis) == 1
} else := {{"unknown": true}}

_edge_types_path := ["endpoint_configuration", 0, "types"]

_edge_associations := _of_type("aws_wafv2_web_acl_association")

_edge_named contains [stage.address, a.address] if {
	some a in _edge_associations
	some stage in _api_referenced(a, "resource_arn", "aws_api_gateway_stage")
}

# an association whose target only deployment settles (a variable, a module output) may name any stage
_edge_unsettled if {
	some a in _edge_associations
	_api_unknown(a, ["resource_arn"])
	count([t | some key in object.get(a.refs, "resource_arn", []); some t in _referenced(a.scope, key)]) == 0
}

_edge_waf_records contains _edge_waf(stage, association) if {
	some stage in _edge_stages
	some [address, association] in _edge_named
	address == stage.address
}

_edge_waf_records contains _edge_waf(stage, "absent") if {
	some stage in _edge_stages
	count({a | some [address, a] in _edge_named; address == stage.address}) == 0
	not _edge_unsettled
}

_edge_waf(stage, value) := {
	"resource": stage.address, "kind": "stage", "setting": "waf",
	"value": value, "functions": [],
}

# API Gateway's defaults: TLS_1_0 for REST domains; v2 domains require the policy (TLS_1_2)
_edge_domains := {
	"aws_api_gateway_domain_name": {"path": ["security_policy"], "default": "TLS_1_0"},
	"aws_apigatewayv2_domain_name": {"path": ["domain_name_configuration", 0, "security_policy"], "default": "TLS_1_2"},
}

_edge_tls_records contains r if {
	some type, spec in _edge_domains
	some domain in _of_type(type)
	members := _edge_members(domain, spec.path, spec.default, "upper")
	some r in edge.records(domain.address, "domain_name", "tls_policy", [], members)
}

_edge_scheme_records contains record if {
	some api in _of_type("aws_api_gateway_rest_api")
	is_string(api.values.body)
	json.is_valid(api.values.body)
	document := json.unmarshal(api.values.body)
	is_array(document.schemes)
	some scheme in document.schemes
	is_string(scheme)
	record := {
		"resource": api.address, "kind": "rest_api", "setting": "openapi_scheme",
		"value": lower(scheme), "functions": [],
	}
}
