# METADATA
# title: CloudFormation CORS settings
# description: |
#   The CORS settings of api_settings (docs/model.md "CORS settings") of a template: the plain
#   CloudFormation resources of any Resources object (`resource_views`, also read for a Serverless
#   service's `resources.Resources`) and the SAM APIs and function URLs (`sam_views`). Every function
#   takes the template document first (lib/cloudformation). The Python twin is
#   src/faasguard/model/cloudformation_cors.py.
package faasguard.lib.cloudformation_cors

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cors
import data.faasguard.lib.values

_no_value := {"Ref": "AWS::NoValue"}

_get(obj, key) := object.get(obj, key, null)

_base(resource, kind, functions) := {"resource": resource, "kind": kind, "functions": functions}

# the records of one setting from a value as written: one per known alternative (text), with the
# choice fields of lib/cloudformation when there are several
_records(doc, base, setting, written) := _member_records(
	base, setting,
	{_text(m) | some m in cfn.alternatives(doc, written)},
)

_member_records(base, setting, members) := cfn.choice_records(
	object.union(base, {"setting": setting}),
	"value", sprintf("%s#%s:%s", [base.resource, base.kind, setting]),
	members,
)

_text(member) := {"value": text} if {
	text := cors.text(member.value)
} else := member

# a quoted header literal, each alternative read as `cors.header_literal`, anything else unknown
_header_records(doc, base, setting, written) := _member_records(
	base, setting,
	{_literal(m) | some m in cfn.alternatives(doc, written)},
)

_literal(member) := {"value": text} if {
	text := cors.header_literal(member.value)
} else := {"unknown": true}

# every entry of a list setting (a single value is one entry)
_list_records(doc, base, setting, written) := {r |
	some entry in _entries(doc, written)
	some r in _records(doc, base, setting, entry)
}

_method_records(doc, base, written) := {object.union(r, {"value": upper(r.value)}) |
	some r in _list_records(doc, base, cors.settings.method, written)
}

_entries(doc, v) := entries if {
	entries := cfn.entries(doc, v)
} else := []

_api_record(base, api) := {cors.record(base.resource, base.kind, base.functions, cors.settings.api, api) | api != ""}

# METADATA
# title: resource_views
# description: The CORS records (api_settings) of the plain CloudFormation resources of a template.
resource_views(doc) := ((_responses_of(doc) | _http_apis(doc)) | _urls(doc)) | _buckets(doc)

_responses_of(doc) := _method_responses(doc) | _gateway_responses(doc)

# --- REST responses -----------------------------------------------------------------------------

_headers := {"access-control-allow-origin": "origin", "access-control-allow-credentials": "credentials"}

_method_responses(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::ApiGateway::Method")
	props := cfn.properties(resource)
	integration := cfn.branch(doc, _get(props, "Integration"))
	values.is_map(integration)
	parameters := [p |
		some entry in _entries(doc, _get(integration, "IntegrationResponses"))
		response := cfn.branch(doc, entry)
		values.is_map(response)
		p := cfn.branch(doc, _get(response, "ResponseParameters"))
	]
	some r in _responses(doc, id, props, parameters, "method.response.header.")
}

_gateway_responses(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::ApiGateway::GatewayResponse")
	props := cfn.properties(resource)
	parameters := [cfn.branch(doc, _get(props, "ResponseParameters"))]
	some r in _responses(doc, id, props, parameters, "gatewayresponse.header.")
}

_responses(doc, id, props, parameters, prefix) := found | _api_record(base, api) if {
	base := _base(id, cors.kinds.rest, [])
	headers := [[name, value] |
		some p in parameters
		values.is_map(p)
		some key, value in p
		is_string(key)
		name := _headers[trim_prefix(lower(key), prefix)]
		startswith(lower(key), prefix)
	]
	found := {r | some [name, value] in headers; some r in _header_records(doc, base, cors.settings[name], value)}
	api := _rest_api(doc, props, count(headers))
}

_rest_api(doc, props, n) := api if {
	n > 0
	api := apis.one(doc, _get(props, "RestApiId"), {"AWS::ApiGateway::RestApi"})
} else := ""

# --- CORS blocks: HTTP APIs, function URLs, SAM HttpApi -----------------------------------------

_http_apis(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::Api")
	base := _base(id, cors.kinds.http, [])
	found := _block(doc, base, _get(cfn.properties(resource), "CorsConfiguration"))
	some r in (found | _api_record(base, id))
}

_urls(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::Lambda::Url")
	some r in _block(doc, _base(id, cors.kinds.url, []), _get(cfn.properties(resource), "Cors"))
}

# METADATA
# title: block
# scope: document
# description: |
#   The records of a CORS block {AllowOrigins, AllowCredentials, AllowMethods} (`true`, SAM HttpApi's
#   shorthand, allows any origin); undefined when no block is set.
_block(doc, base, written) := {cors.record(base.resource, base.kind, base.functions, cors.settings.origin, "*")} if {
	cfn.branch(doc, written) == true
}

_block(doc, base, written) := (origins | methods) | credentials if {
	block := cfn.branch(doc, written)
	values.is_map(block)
	origins := _list_records(doc, base, cors.settings.origin, _get(block, "AllowOrigins"))
	methods := _method_records(doc, base, _get(block, "AllowMethods"))
	credentials := _optional(doc, base, cors.settings.credentials, _get(block, "AllowCredentials"))
}

# a block only deployment settles: no record (the Python model notes it), but a block is set
_block(doc, _, written) := set() if {
	block := _settled_or_unknown(doc, written)
	not block in {null, _no_value, true, false}
	not values.is_map(block)
}

_settled_or_unknown(doc, v) := settled if {
	settled := cfn.branch(doc, v)
} else := "unknown"

_optional(_, _, _, null) := set()

_optional(doc, base, setting, written) := _records(doc, base, setting, written) if written != null

# --- S3 buckets ---------------------------------------------------------------------------------

_buckets(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::S3::Bucket")
	configuration := cfn.branch(doc, _get(cfn.properties(resource), "CorsConfiguration"))
	values.is_map(configuration)
	some entry in _entries(doc, _get(configuration, "CorsRules"))
	rule := cfn.branch(doc, entry)
	values.is_map(rule)
	some r in _rule(doc, _base(id, cors.kinds.bucket, []), rule)
}

_rule(doc, base, rule) := (origins | _method_records(doc, base, methods)) | writes if {
	origins := _list_records(doc, base, cors.settings.origin, _get(rule, "AllowedOrigins"))
	methods := _get(rule, "AllowedMethods")
	writes := {r |
		some entry in _entries(doc, methods)
		cors.is_write_method(cfn.value(doc, entry))
		some r in _list_records(doc, base, cors.settings.write_origin, _get(rule, "AllowedOrigins"))
	}
}

# --- SAM ----------------------------------------------------------------------------------------

# METADATA
# title: sam_views
# description: |
#   The CORS records of SAM: AWS::Serverless::Api `Cors` and HttpApi `CorsConfiguration` with their
#   Globals (an implicit API's at the functions whose events create it: the `resource` of the
#   `api_operations` records of that API), and `FunctionUrlConfig.Cors` of the functions (`functions`,
#   logical id → merged Properties).
sam_views(doc, functions, operations) := (_sam_urls(doc, functions) | _declared_apis(doc)) | _implicit_apis(
	doc,
	operations,
)

_sam_urls(doc, functions) := {r |
	some id, props in functions
	url := cfn.branch(doc, _get(props, "FunctionUrlConfig"))
	values.is_map(url)
	some r in _block(doc, _base(id, cors.kinds.url, [id]), _get(url, "Cors"))
}

_sam_apis := {
	"rest": {"type": "AWS::Serverless::Api", "key": "Cors", "implicit": "ServerlessRestApi"},
	"http": {"type": "AWS::Serverless::HttpApi", "key": "CorsConfiguration", "implicit": "ServerlessHttpApi"},
}

_declared_apis(doc) := {r |
	some kind, spec in _sam_apis
	some id, resource in cfn.resources_of_type(doc, spec.type)
	written := _get(apis.sam_api_properties(doc, kind, resource), spec.key)
	some r in _sam_api(doc, kind, _base(id, cors.kinds[kind], []), written, id)
}

_implicit_apis(doc, operations) := {r |
	some kind, spec in _sam_apis
	not cfn.created(doc)[spec.implicit]
	written := _get(apis.sam_api_properties(doc, kind, {}), spec.key)
	some id in {op.resource | some op in operations; op.api == spec.implicit}
	some r in _sam_api(doc, kind, _base(id, cors.kinds[kind], [id]), written, spec.implicit)
}

_sam_api(doc, kind, base, written, api) := found | _api_record(base, api) if {
	found := _sam_api_cors(doc, kind, base, written)
}

_sam_api_cors(doc, "http", base, written) := _block(doc, base, written)

# `Cors: "'origin'"` or {AllowOrigin: "'origin'", AllowCredentials: true} (quoted literals)
_sam_api_cors(doc, "rest", base, written) := origin | credentials if {
	settings := cfn.branch(doc, written)
	values.is_map(settings)
	origin := _optional_header(doc, base, _get(settings, "AllowOrigin"))
	credentials := _optional(doc, base, cors.settings.credentials, _get(settings, "AllowCredentials"))
}

# a string (or what only deployment settles: no record, but CORS is on)
_sam_api_cors(doc, "rest", base, written) := _header_records(doc, base, cors.settings.origin, settings) if {
	settings := _settled_or_unknown(doc, written)
	not settings in {null, _no_value}
	not values.is_map(settings)
}

_optional_header(_, _, null) := set()

_optional_header(doc, base, written) := _header_records(doc, base, cors.settings.origin, written) if written != null
