# METADATA
# title: CloudFormation exposure records
# description: |
#   The exposure records (docs/model.md, "API exposure") of a template: api_settings of APIs
#   (default_endpoint, custom_domain), stages (data_trace) and state machines (include_execution_data,
#   log_level), and the resource policies of REST APIs in source_policies (target the API), read through
#   lib/cloudformation_triggers. `resource_views` reads the plain CloudFormation types of any object
#   with a `Resources` map (Serverless `resources.Resources` too); `sam_views` the SAM resources.
#   The Python twin is src/faasguard/model/cloudformation_exposure.py.
package faasguard.lib.cloudformation_exposure

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_triggers as triggers
import data.faasguard.lib.values

_rest_api := "AWS::ApiGateway::RestApi"

_v2_api := "AWS::ApiGatewayV2::Api"

_sam_api := "AWS::Serverless::Api"

_sam_http_api := "AWS::Serverless::HttpApi"

# a custom domain's mapping type → the property naming the API and the API types it can name
_mappings := {
	"AWS::ApiGateway::BasePathMapping": {"key": "RestApiId", "types": {_rest_api, _sam_api}},
	"AWS::ApiGatewayV2::ApiMapping": {"key": "ApiId", "types": {_v2_api, _sam_http_api}},
}

_invoke := "execute-api:Invoke"

# SAM Auth.ResourcePolicy lists → the effect, and the condition operator and key ("" for a principal list)
_sam_lists := {
	"AwsAccountWhitelist": {"effect": "Allow", "operator": "", "key": ""},
	"AwsAccountBlacklist": {"effect": "Deny", "operator": "", "key": ""},
	"IpRangeWhitelist": {"effect": "Allow", "operator": "NotIpAddress", "key": "aws:SourceIp"},
	"IpRangeBlacklist": {"effect": "Allow", "operator": "IpAddress", "key": "aws:SourceIp"},
	"SourceVpcWhitelist": {"effect": "Allow", "operator": "StringNotEquals", "key": "aws:SourceVpce"},
	"SourceVpcBlacklist": {"effect": "Allow", "operator": "StringEquals", "key": "aws:SourceVpce"},
	"IntrinsicVpcWhitelist": {"effect": "Allow", "operator": "StringNotEquals", "key": "aws:SourceVpc"},
	"IntrinsicVpceWhitelist": {"effect": "Allow", "operator": "StringNotEquals", "key": "aws:SourceVpce"},
	"IntrinsicVpcBlacklist": {"effect": "Allow", "operator": "StringEquals", "key": "aws:SourceVpc"},
	"IntrinsicVpceBlacklist": {"effect": "Allow", "operator": "StringEquals", "key": "aws:SourceVpce"},
}

# METADATA
# title: resource_views
# description: "{api_settings, source_policies} of the plain CloudFormation resources of a template."
resource_views(doc) := {
	"api_settings": (((_api_records(doc) | _domain_records(doc)) | _stage_records(doc)) | _machine_records(doc)),
	"source_policies": {r |
		some id, api in cfn.resources_of_type(doc, _rest_api)
		some r in triggers.policy_records(doc, id, id, _get(cfn.properties(api), "Policy"))
	},
}

# METADATA
# title: sam_views
# description: "{api_settings, source_policies} of the declared SAM APIs (Globals merged) and state machines."
sam_views(doc) := {
	"api_settings": (_sam_api_records(doc) | {r |
		some id, machine in cfn.resources_of_type(doc, "AWS::Serverless::StateMachine")
		some r in _machine(doc, id, cfn.properties(machine), "Logging")
	}),
	"source_policies": {r |
		some id, api in apis.declared_apis(doc)
		api.kind == "rest"
		policy := cfn.branch(doc, _get(api.auth, "ResourcePolicy"))
		values.is_map(policy)
		some r in triggers.policy_records(doc, id, id, {"Statement": sam_resource_policy(policy)})
	},
}

_get(obj, key) := object.get(obj, key, null)

# --- settings as the views hold them ---------------------------------------------------------------

# METADATA
# title: records
# description: |
#   The api_settings records of a setting whose alternatives are `members` (lib/cloudformation
#   alternatives, already mapped by `members`).
records(resource, kind, setting, members) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": setting, "functions": []},
	"value", sprintf("%s#api_settings:%s:%s", [resource, kind, setting]),
	members,
)

# METADATA
# title: members
# description: |
#   The alternatives of obj[path…] (one or two keys) as a settings view holds them: unset is
#   `unset`, a known value mapped by `known` ("flag", "endpoint" or "upper"), anything else unknown.
members(doc, obj, path, unset, known) := {_mapped(m, unset, known) | some m in cfn.alternatives_at(doc, obj, path)}

_mapped(m, unset, known) := {"value": unset} if m.absent

else := {"value": text} if {
	text := text_of(known, m.value)
} else := {"unknown": true}

# METADATA
# scope: document
# title: text_of
# description: |
#   A known value as text: "flag" a boolean ("true"/"false", or those strings in any case),
#   "endpoint" DisableExecuteApiEndpoint as "disabled"/"enabled", "upper" an upper-cased string.
text_of("flag", value) := _flag(value)

text_of("endpoint", value) := "disabled" if _flag(value) == "true"

text_of("endpoint", value) := "enabled" if _flag(value) == "false"

text_of("upper", value) := upper(value) if is_string(value)

_flag(true) := "true"

_flag(false) := "false"

_flag(value) := lower(value) if {
	is_string(value)
	lower(value) in {"true", "false"}
}

_default_endpoint(doc, id, kind, props) := records(
	id, kind, "default_endpoint",
	members(doc, props, ["DisableExecuteApiEndpoint"], "enabled", "endpoint"),
)

# --- APIs and custom domains ---------------------------------------------------------------------

_api_records(doc) := {r |
	some id, api in cfn.resources_of_type(doc, _rest_api)
	some r in _default_endpoint(doc, id, "rest_api", cfn.properties(api))
} | {r |
	some id, api in cfn.resources_of_type(doc, _v2_api)
	props := cfn.properties(api)
	some r in _default_endpoint(doc, id, _v2_kind(doc, props), props)
}

_v2_kind(doc, props) := "websocket_api" if cfn.known_string(doc, _get(props, "ProtocolType")) == "WEBSOCKET"

else := "http_api"

_api_kind(doc, id) := "rest_api" if doc.Resources[id].Type in {_rest_api, _sam_api}

else := _v2_kind(doc, cfn.properties(doc.Resources[id]))

_domain_records(doc) := {domain(api, _api_kind(doc, api), mapping_id) |
	some type, spec in _mappings
	some mapping_id, mapping in cfn.resources_of_type(doc, type)
	some api in apis.ids(doc, _get(cfn.properties(mapping), spec.key), spec.types)
}

# METADATA
# title: domain
# description: The custom_domain record of an API (`value` the mapping or domain that serves it).
domain(api, kind, value) := {"resource": api, "kind": kind, "setting": "custom_domain", "value": value, "functions": []}

# --- stages and state machines -------------------------------------------------------------------

# DataTraceEnabled of a settings map that writes it (AWS's default is off)
_data_trace(doc, id, settings) := records(
	id, "stage", "data_trace",
	members(doc, settings, ["DataTraceEnabled"], "false", "flag"),
) if {
	"DataTraceEnabled" in object.keys(settings)
} else := set()

_method_settings(doc, id, listed) := {r |
	some entry in cfn.entries(doc, listed)
	settings := cfn.branch(doc, entry)
	values.is_map(settings)
	some r in _data_trace(doc, id, settings)
}

_stage_records(doc) := (({r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGateway::Stage")
	some r in _method_settings(doc, id, _get(cfn.properties(stage), "MethodSettings"))
} | {r |
	some id, deployment in cfn.resources_of_type(doc, "AWS::ApiGateway::Deployment")
	description := cfn.branch(doc, _get(cfn.properties(deployment), "StageDescription"))
	values.is_map(description)
	some r in (_data_trace(doc, id, description) | _method_settings(doc, id, _get(description, "MethodSettings")))
}) | {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::Stage")
	route_default := cfn.branch(doc, _get(cfn.properties(stage), "DefaultRouteSettings"))
	values.is_map(route_default)
	some r in _data_trace(doc, id, route_default)
}) | {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::Stage")
	routes := cfn.branch(doc, _get(cfn.properties(stage), "RouteSettings"))
	values.is_map(routes)
	some entry in routes
	settings := cfn.branch(doc, entry)
	values.is_map(settings)
	some r in _data_trace(doc, id, settings)
}

_machine_records(doc) := {r |
	some id, machine in cfn.resources_of_type(doc, "AWS::StepFunctions::StateMachine")
	some r in _machine(doc, id, cfn.properties(machine), "LoggingConfiguration")
}

# a state machine's logging, when written (AWS's defaults: IncludeExecutionData false, Level OFF)
_machine(doc, id, props, key) := records(
	id, "state_machine", "include_execution_data",
	members(doc, props, [key, "IncludeExecutionData"], "false", "flag"),
) | records(id, "state_machine", "log_level", members(doc, props, [key, "Level"], "OFF", "upper")) if {
	not values.is_unset(props, key)
} else := set()

# --- SAM -------------------------------------------------------------------------------------------

_sam_kinds := {"rest": "rest_api", "http": "http_api"}

_sam_api_records(doc) := ({r |
	some id, api in apis.declared_apis(doc)
	some r in _default_endpoint(doc, id, _sam_kinds[api.kind], api.props)
} | {domain(id, _sam_kinds[api.kind], _domain_name(doc, config, id)) |
	some id, api in apis.declared_apis(doc)
	config := cfn.branch(doc, _get(api.props, "Domain"))
	values.is_map(config)
}) | {r |
	some id, api in apis.declared_apis(doc)
	api.kind == "rest"
	some r in _method_settings(doc, id, _get(api.props, "MethodSettings"))
}

_domain_name(doc, config, id) := name if {
	name := cfn.known_string(doc, _get(config, "DomainName"))
	name != ""
} else := id

# METADATA
# title: sam_resource_policy
# description: |
#   The statements the SAM transform writes for Auth.ResourcePolicy (samtranslator's SwaggerEditor):
#   a principal list gives one statement for those accounts; an IP or VPC list an Allow to everyone
#   and a public Deny conditioned on the list; CustomStatements as written.
sam_resource_policy(policy) := array.concat(
	[s |
		some name, spec in _sam_lists
		listed := policy[name]
		not listed in {null, []}
		some s in _sam_statements(spec, listed)
	],
	values.as_list(object.get(policy, "CustomStatements", null)),
)

_sam_statements(spec, listed) := [{"Effect": spec.effect, "Principal": {"AWS": listed}, "Action": _invoke}] if {
	spec.operator == ""
}

_sam_statements(spec, listed) := [
	{"Effect": "Allow", "Principal": "*", "Action": _invoke},
	{"Effect": "Deny", "Principal": "*", "Action": _invoke, "Condition": {spec.operator: {spec.key: listed}}},
] if {
	spec.operator != ""
}
