# The CORS settings of lib/terraform (this package, terraform.rego): the `cors_*` settings of
# api_settings (docs/model.md "CORS settings") of `response_parameters` of REST integration and
# gateway responses (quoted header literals), `cors_configuration` of aws_apigatewayv2_api, `cors` of
# aws_lambda_function_url and `cors_rule` of aws_s3_bucket_cors_configuration (and the legacy inline
# aws_s3_bucket.cors_rule). src/faasguard/model/terraform_cors.py is the Python twin. The adapters hand
# these rules the resources of cors_resource_types as `views` reads them.
package faasguard.lib.terraform

import data.faasguard.lib.cors

# METADATA
# title: cors_resource_types
# description: The resource types the CORS settings read (adapters pass them as they are).
cors_resource_types := {
	"aws_api_gateway_integration_response", "aws_api_gateway_gateway_response", "aws_api_gateway_rest_api",
	"aws_apigatewayv2_api", "aws_lambda_function_url", "aws_s3_bucket_cors_configuration", "aws_s3_bucket",
}

# METADATA
# title: cors_views
# description: The CORS settings of the normalized resources, as an object of sets (api_settings).
cors_views := {"api_settings": _cors_settings}

_cors_settings contains r if some r in _cors_responses

_cors_settings contains r if some r in _cors_blocks

_cors_settings contains r if some r in _cors_buckets

_cors_base(r, kind) := {"resource": r.address, "kind": kind, "functions": []}

# the records of a value: one per known alternative, read by `read` ("text" or "literal")
_cors_records(base, setting, value, read) := {object.union(_cors_record(base, setting, text), choice) |
	some [member, choice] in _alternatives(value, sprintf("%s#%s:%s", [base.resource, base.kind, setting]))
	text := _cors_read(read, member)
}

_cors_record(base, setting, value) := cors.record(base.resource, base.kind, [], setting, value)

_cors_read("text", member) := cors.text(member)

_cors_read("literal", member) := cors.header_literal(member)

_cors_read("method", member) := upper(member) if is_string(member)

_cors_list(base, setting, value, read) := {r |
	some entry in _items(value)
	entry != null
	some r in _cors_records(base, setting, entry, read)
}

# ------------------------------------------------------------------------ REST responses

_cors_prefixes := {
	"aws_api_gateway_integration_response": "method.response.header.",
	"aws_api_gateway_gateway_response": "gatewayresponse.header.",
}

_cors_headers := {"access-control-allow-origin": "origin", "access-control-allow-credentials": "credentials"}

_cors_responses contains record if {
	some type, prefix in _cors_prefixes
	some r in _of_type(type)
	base := _cors_base(r, cors.kinds.rest)
	headers := [[name, value] |
		some parameters in _blocks(r.values, "response_parameters")
		some key, value in parameters
		startswith(lower(key), prefix)
		name := _cors_headers[trim_prefix(lower(key), prefix)]
	]
	count(headers) > 0
	found := {x | some [name, value] in headers; some x in _cors_records(base, cors.settings[name], value, "literal")}
	api := _api_of(r, "rest_api_id", "aws_api_gateway_rest_api")
	some record in (found | {cors.record(r.address, base.kind, [], cors.settings.api, api) | api != ""})
}

# ------------------------------------------------------------------- HTTP APIs, function URLs

_cors_block_types := {
	"aws_apigatewayv2_api": ["cors_configuration", "http"],
	"aws_lambda_function_url": ["cors", "url"],
}

_cors_blocks contains record if {
	some type, [name, kind] in _cors_block_types
	some r in _of_type(type)
	blocks := _blocks(r.values, name)
	count(blocks) > 0
	base := _cors_base(r, cors.kinds[kind])
	block := blocks[0]
	origins := _cors_list(base, cors.settings.origin, object.get(block, "allow_origins", null), "text")
	methods := _cors_list(base, cors.settings.method, object.get(block, "allow_methods", null), "method")
	credentials := _cors_list(base, cors.settings.credentials, object.get(block, "allow_credentials", null), "text")
	api := {cors.record(r.address, base.kind, [], cors.settings.api, r.address) | kind == "http"}
	some record in (((origins | methods) | credentials) | api)
}

# ------------------------------------------------------------------------------- buckets

_cors_bucket_types := {"aws_s3_bucket_cors_configuration", "aws_s3_bucket"}

_cors_buckets contains record if {
	some type in _cors_bucket_types
	some r in _of_type(type)
	some rule in _blocks(r.values, "cors_rule")
	some record in _cors_rule(_cors_base(r, cors.kinds.bucket), rule)
}

# an S3 CORS rule: its origins, its methods, and its origins as write origins when a method is known
# to be PUT, POST or DELETE
_cors_rule(base, rule) := (origins | methods) | writes if {
	origins := _cors_list(base, cors.settings.origin, object.get(rule, "allowed_origins", null), "text")
	methods := _cors_list(base, cors.settings.method, object.get(rule, "allowed_methods", null), "method")
	writes := {x |
		some m in _items(object.get(rule, "allowed_methods", null))
		cors.is_write_method(m)
		some x in _cors_list(base, cors.settings.write_origin, object.get(rule, "allowed_origins", null), "text")
	}
}
