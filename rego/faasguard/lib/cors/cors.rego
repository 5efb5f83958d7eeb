# METADATA
# title: CORS settings
# description: |
#   What every format's CORS reader shares (the `cors_*` settings of api_settings, docs/model.md
#   "CORS settings"): setting names, kinds, the text of a known value, API Gateway's quoted header
#   literals, and the records of one resource. The Python twin is src/faasguard/model/cors.py.
package faasguard.lib.cors

# METADATA
# title: kinds
# description: The kinds of resource that carry CORS settings.
kinds := {"rest": "rest_api", "http": "http_api", "url": "function_url", "bucket": "s3_bucket"}

# METADATA
# title: settings
# description: |
#   The setting names: allowed origin, credentials flag, allowed method, S3 write origin (an origin of a
#   rule allowing PUT, POST or DELETE) and the API (as api_operations name it) a REST or HTTP setting is of.
settings := {
	"origin": "cors_allow_origin", "credentials": "cors_allow_credentials",
	"method": "cors_allow_method", "write_origin": "cors_write_origin", "api": "cors_api",
}

# METADATA
# title: write_methods
# description: The S3 methods that change objects.
write_methods := {"PUT", "POST", "DELETE"}

# METADATA
# title: record
# description: A Setting record of api_settings.
record(resource, kind, functions, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": functions,
}

# METADATA
# scope: document
# title: text
# description: A known scalar as a settings view holds it (booleans "true"/"false"); undefined otherwise.
text(v) := v if is_string(v)

text(v) := sprintf("%v", [v]) if is_boolean(v)

text(v) := format_int(v, 10) if {
	is_number(v)
	v == floor(v)
}

text(v) := sprintf("%v", [v]) if {
	is_number(v)
	v != floor(v)
}

# METADATA
# title: header_literal
# description: |
#   A header value as API Gateway and SAM write it, a quoted literal (`'*'`) → its text; undefined for
#   anything else (a mapping expression such as `method.request.header.Origin` is known only at run time).
header_literal(v) := substring(v, 1, count(v) - 2) if {
	is_string(v)
	count(v) >= 2
	startswith(v, "'")
	endswith(v, "'")
}

# METADATA
# title: is_write_method
# description: A method string that is PUT, POST or DELETE (any case).
is_write_method(m) if {
	is_string(m)
	upper(m) in write_methods
}

# METADATA
# title: upper_text
# description: A method as the views hold it, upper-cased.
upper_text(m) := upper(m) if is_string(m)
