# METADATA
# title: Edge records of templates
# description: |
#   The edge records (docs/model.md, "Edge settings") of CloudFormation and SAM templates, in api_settings:
#   each REST API stage's `endpoint_type` (its API's first endpoint type, EDGE when unset) and `waf` (each
#   AWS::WAFv2::WebACLAssociation whose ResourceArn names the stage, else absent), each custom domain's
#   `tls_policy`, and one `openapi_scheme` per Swagger 2 scheme of a REST API definition. `resource_views`
#   reads the plain CloudFormation types of any object with a `Resources` map (Serverless
#   `resources.Resources` too); `sam_views` the SAM APIs. The Python twin is
#   src/faasguard/model/cloudformation_edge.py.
package faasguard.lib.edge

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.values

_rest_api := "AWS::ApiGateway::RestApi"

# METADATA
# title: association_type
# description: The WAFv2 association resource type.
association_type := "AWS::WAFv2::WebACLAssociation"

# METADATA
# title: public_default
# description: The endpoint type of a REST API that does not set one.
public_default := "EDGE"

# AWS's security policy of a custom domain that sets none: REST domains TLS_1_0 (API Gateway's
# CreateDomainName default), HTTP/WebSocket (v2) domains TLS_1_2
_tls_defaults := {"rest": "TLS_1_0", "http": "TLS_1_2"}

_implicit_stage := "Prod"

# METADATA
# title: resource_views
# description: "{api_settings} of the plain CloudFormation resources of a template."
resource_views(doc) := {"api_settings": ((stage_records | _domain_records(doc)) | _scheme_records(doc, bodies))} if {
	stages := _stages(doc)
	stage_records := _endpoint_records(doc, stages) | waf_records(doc, stages)
	bodies := _rest_bodies(doc)
}

# METADATA
# title: sam_views
# description: |
#   {api_settings} of the SAM APIs (Globals merged): the stage of each declared REST Api and the Prod
#   stage of the implicit ServerlessRestApi at each function whose events create it (the `resource` of
#   the `operations` naming it), their Domain's policy and the Api's DefinitionBody schemes.
sam_views(doc, operations) := {"api_settings": ((stage_records | domain_records) | _scheme_records(doc, bodies))} if {
	stages := _sam_stages(doc, operations)
	stage_records := _sam_endpoint_records(doc, stages) | waf_records(doc, stages)
	domain_records := _sam_domain_records(doc, operations)
	bodies := _sam_bodies(doc)
}

_get(obj, key) := object.get(obj, key, null)

# --- settings as the views hold them ---------------------------------------------------------------

# METADATA
# title: records
# description: The api_settings records of a setting whose alternatives are `members`.
records(resource, kind, setting, functions, members) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": setting, "functions": functions},
	"value", sprintf("%s#api_settings:%s:%s", [resource, kind, setting]),
	members,
)

# the alternatives of obj[path…] (one or two keys): unset is `unset`, a known value mapped by `known`
_members(doc, obj, path, unset, known) := {_mapped(doc, m, unset, known) |
	some m in cfn.alternatives_at(doc, obj, path)
}

_mapped(doc, m, unset, known) := {"value": unset} if m.absent

else := {"value": text} if {
	text := text_of(doc, known, m.value)
} else := {"unknown": true}

# METADATA
# scope: document
# title: text_of
# description: |
#   A known value as text: "upper" an upper-cased string; "types" the first entry of an endpoint types
#   list, upper-cased (EDGE for an empty list); "sam_endpoint" SAM's EndpointConfiguration, a string or
#   {Type: …} (EDGE without Type).
text_of(_, "upper", value) := upper(value) if is_string(value)

text_of(doc, "types", value) := first_type(doc, values.as_list(value))

text_of(doc, "sam_endpoint", value) := upper(cfn.known_string(doc, object.get(value, "Type", public_default))) if {
	values.is_map(value)
}

text_of(doc, "sam_endpoint", value) := upper(cfn.known_string(doc, value)) if not values.is_map(value)

# METADATA
# scope: document
# title: first_type
# description: The first endpoint type of a list, upper-cased; EDGE for an empty list.
first_type(_, []) := public_default

first_type(doc, types) := upper(cfn.known_string(doc, types[0])) if count(types) > 0

# --- stages and their WAF associations -------------------------------------------------------------

# a stage: the resource carrying its findings, its REST API, its name ("" when unknown), the functions
# (an implicit API's), and what `${…}` in an ARN names it by
_stage(resource, api, name, functions, aliases) := {
	"resource": resource, "api": api, "name": name,
	"functions": functions, "aliases": aliases,
}

_stages(doc) := {_stage(id, api, _name(doc, props), [], {id}) |
	some type in ["AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment"]
	some id, resource in cfn.resources_of_type(doc, type)
	props := cfn.properties(resource)
	_creates_stage(type, props)
	api := apis.one(doc, _get(props, "RestApiId"), {_rest_api})
}

_creates_stage("AWS::ApiGateway::Stage", _)

_creates_stage("AWS::ApiGateway::Deployment", props) if _get(props, "StageName") != null

_name(doc, props) := name if {
	name := cfn.known_string(doc, _get(props, "StageName"))
} else := ""

_sam_stages(doc, operations) := {_stage(id, id, name, [], _sam_aliases(id, name)) |
	some id, api in apis.declared_apis(doc)
	api.kind == "rest"
	name := _name(doc, api.props)
} | {_stage(id, "ServerlessRestApi", _implicit_stage, [id], _sam_aliases("ServerlessRestApi", _implicit_stage)) |
	not cfn.created(doc).ServerlessRestApi
	some op in operations
	op.api == "ServerlessRestApi"
	id := op.resource
}

# `${Api.Stage}` and the logical id SAM gives the stage (`<api><stage name>Stage`)
_sam_aliases(api, "") := {sprintf("%s.Stage", [api])}

_sam_aliases(api, name) := {sprintf("%s.Stage", [api]), sprintf("%s%sStage", [api, alphanumeric])} if {
	name != ""
	alphanumeric := regex.replace(name, `[^A-Za-z0-9]`, "")
}

# METADATA
# title: waf_records
# description: |
#   One `waf` record per association naming a stage; `absent` for a stage none names, none (unknown)
#   when an association names the stage's API with a stage name only deployment settles.
waf_records(doc, stages) := {_waf(stage, id) |
	some stage in stages
	some id in _naming(doc, stage)
} | {_waf(stage, "absent") |
	some stage in stages
	count(_naming(doc, stage)) == 0
	not _unsettled_for(doc, stages, stage)
	not _conftest_list_arn(doc)
}

# conftest drops the !Sub / !Join tags: a ResourceArn left a plain list may name any stage (unknown)
_conftest_list_arn(doc) if {
	some association in cfn.resources_of_type(doc, association_type)
	is_array(_get(cfn.properties(association), "ResourceArn"))
}

_waf(stage, value) := {
	"resource": stage.resource, "kind": "stage", "setting": "waf",
	"value": value, "functions": stage.functions,
}

_naming(doc, stage) := {id |
	some id, [api, part] in _targets(doc)
	api == stage.api
	_names(doc, stage, part)
}

_unsettled_for(doc, stages, stage) if {
	some [api, part] in _targets(doc)
	api == stage.api
	every other in stages {
		not _names_api_stage(doc, other, api, part)
	}
	_unsettled(doc, part)
}

_names_api_stage(doc, stage, api, part) if {
	stage.api == api
	_names(doc, stage, part)
}

_targets(doc) := {id: target |
	some id, association in cfn.resources_of_type(doc, association_type)
	target := stage_target(doc, _get(cfn.properties(association), "ResourceArn"))
}

# METADATA
# title: stage_target
# description: |
#   [API reference name, stage part] of an ARN of an API Gateway stage written with references
#   (`…/restapis/${Api}/stages/${Stage}` in an Fn::Sub, an Fn::Join, conftest's plain Sub string).
stage_target(doc, written) := [api[1], match[2]] if {
	some match in regex.find_all_string_submatch_n(`/restapis/([^/]+)/stages/([^/]+)$`, arn_text(doc, written), 1)
	some api in regex.find_all_string_submatch_n(`^\$\{([^}]+)\}$`, match[1], 1)
}

# METADATA
# title: arn_text
# description: An ARN as text, each reference written `${Name}` / `${Name.Attribute}`.
arn_text(doc, written) := _text(cfn.branch(doc, written))

_text(value) := value if is_string(value)

_text(value) := _sub_text(value["Fn::Sub"]) if is_object(value)

_text(value) := concat(value["Fn::Join"][0], [_part(p) | some p in value["Fn::Join"][1]]) if {
	is_object(value)
	is_string(value["Fn::Join"][0])
	is_array(value["Fn::Join"][1])
}

_text(value) := _leaf(value) if {
	is_object(value)
	some function in ["Ref", "Fn::GetAtt"]
	value[function]
}

_part(value) := _sub_text(value["Fn::Sub"]) if is_object(value)

else := _leaf(value)

_sub_text(argument) := argument if is_string(argument)

_sub_text(argument) := strings.replace_n({sprintf("${%s}", [k]): _leaf(v) | some k, v in argument[1]}, argument[0]) if {
	is_array(argument)
	is_string(argument[0])
	is_object(argument[1])
}

_sub_text(argument) := argument[0] if {
	is_array(argument)
	count(argument) == 1
	is_string(argument[0])
}

_leaf(value) := value if is_string(value)

else := sprintf("${%s}", [value.Ref]) if is_string(value.Ref)

else := sprintf("${%s.%s}", value["Fn::GetAtt"]) if count(value["Fn::GetAtt"]) == 2

else := sprintf("${%s}", [value["Fn::GetAtt"]]) if is_string(value["Fn::GetAtt"])

else := "${?}"

_variable(part) := m[1] if some m in regex.find_all_string_submatch_n(`^\$\{([^}]+)\}$`, part, 1)

# the stage part of an ARN names the stage: by reference, or by its name (literal, parameter default)
_names(_, stage, part) if _variable(part) in stage.aliases

_names(doc, stage, part) if {
	stage.name != ""
	_stage_name(doc, part) == stage.name
}

_stage_name(_, part) := part if {
	not _variable(part)
	not contains(part, "${")
}

_stage_name(doc, part) := cfn.known_string(doc, {"Ref": name}) if {
	name := _variable(part)
	doc.Parameters[name]
}

# a stage part that names no stage of the template and that only deployment settles
_unsettled(_, part) if {
	not _variable(part)
	contains(part, "${")
}

_unsettled(doc, part) if {
	name := _variable(part)
	not cfn.created(doc)[split(name, ".")[0]]
	not _stage_name(doc, part)
}

# --- endpoint types ---------------------------------------------------------------------------------

_endpoint_records(doc, stages) := {r |
	some stage in stages
	props := cfn.properties(doc.Resources[stage.api])
	members := _members(doc, props, ["EndpointConfiguration", "Types"], public_default, "types")
	some r in records(stage.resource, "stage", "endpoint_type", stage.functions, members)
}

_sam_endpoint_records(doc, stages) := {r |
	some stage in stages
	props := apis.sam_api_properties(doc, "rest", _sam_resource(doc, stage.api))
	members := _members(doc, props, ["EndpointConfiguration"], public_default, "sam_endpoint")
	some r in records(stage.resource, "stage", "endpoint_type", stage.functions, members)
}

_sam_resource(doc, api) := object.get(cfn.created(doc), api, {})

# --- custom domains and OpenAPI schemes --------------------------------------------------------------

_domain_records(doc) := {r |
	some id, domain in cfn.resources_of_type(doc, "AWS::ApiGateway::DomainName")
	some r in tls_records(doc, id, "rest", [], cfn.properties(domain))
} | {r |
	some id, domain in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::DomainName")
	some config in _v2_configurations(doc, cfn.properties(domain))
	some r in tls_records(doc, id, "http", [], config)
}

# each DomainNameConfigurations entry (one with AWS's default when none is written)
_v2_configurations(doc, props) := [{}] if count(cfn.entries(doc, _get(props, "DomainNameConfigurations"))) == 0

else := [config |
	some entry in cfn.entries(doc, _get(props, "DomainNameConfigurations"))
	config := cfn.branch(doc, entry)
	values.is_map(config)
]

# METADATA
# title: tls_records
# description: The `tls_policy` records of a domain configuration map of a REST ("rest") or v2 ("http") domain.
tls_records(doc, id, kind, functions, config) := records(
	id, "domain_name", "tls_policy", functions,
	_members(doc, config, ["SecurityPolicy"], _tls_defaults[kind], "upper"),
)

_sam_domain_records(doc, operations) := {r |
	some id, api in apis.declared_apis(doc)
	some r in _sam_domain(doc, id, api.kind, [], api.props)
} | {r |
	some kind, implicit in {"rest": "ServerlessRestApi", "http": "ServerlessHttpApi"}
	not cfn.created(doc)[implicit]
	props := apis.sam_api_properties(doc, kind, {})
	some id in {op.resource | some op in operations; op.api == implicit}
	some r in _sam_domain(doc, id, kind, [id], props)
}

_sam_domain(doc, id, kind, functions, props) := tls_records(doc, id, kind, functions, domain) if {
	domain := cfn.branch(doc, _get(props, "Domain"))
	values.is_map(domain)
} else := set()

_rest_bodies(doc) := {id: _get(cfn.properties(api), "Body") | some id, api in cfn.resources_of_type(doc, _rest_api)}

_sam_bodies(doc) := {id: _get(api.props, "DefinitionBody") |
	some id, api in apis.declared_apis(doc)
	api.kind == "rest"
}

_scheme_records(doc, bodies) := {{
	"resource": id, "kind": "rest_api", "setting": "openapi_scheme",
	"value": lower(scheme), "functions": [],
} |
	some id, body in bodies
	definition := cfn.branch(doc, body)
	values.is_map(definition)
	not values.is_unset(definition, "schemes")
	some entry in cfn.entries(doc, definition.schemes)
	scheme := cfn.known_string(doc, entry)
}
