# Serverless adapter, secret settings
# The secret_settings records (docs/model.md, "Secrets") of a serverless.yml: environment values that
# hold an SSM variable the Framework resolves at package time (kind "environment"), and the literal
# `custom` values and `params` that functions and the provider reference (kind "custom"). The Python
# twin is faasguard.model.serverless_secrets.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_secrets as cfn_secrets

secret_settings contains _record("provider", "environment", sprintf("environment.%s", [name]), source, users) if {
	some name, written in _followed_map(object.get(_provider, "environment", null))
	source := _resolved_secret(_followed(written))
	users := sort({key | some key, fn in _functions; not _sets(fn, name)})
}

secret_settings contains _record(key, "environment", sprintf("environment.%s", [name]), source, [key]) if {
	some key, fn in _functions
	some name, written in _followed_map(object.get(fn, "environment", null))
	source := _resolved_secret(_followed(written))
}

secret_settings contains r if {
	some r in _custom_records("provider", _provider, sort(object.keys(_functions)))
}

secret_settings contains r if {
	some key, fn in _functions
	some r in _custom_records(key, fn, [key])
}

_record(resource, kind, setting, value, functions) := {
	"resource": resource, "kind": kind, "setting": setting, "value": value, "functions": functions,
}

_sets(fn, name) if name in object.keys(_followed_map(object.get(fn, "environment", null)))

_followed_map(value) := m if {
	m := _followed(value)
	is_object(m)
} else := {}

# the value a whole `${self:…}` names, followed at most 5 times (Rego has no recursion)
_followed(value) := _follow(_follow(_follow(_follow(_follow(value)))))

_follow(value) := found if {
	some m in regex.find_all_string_submatch_n(`^\$\{\s*self:([^,{}\s]+)\s*(?:,[^{}]*)?\}$`, value, 1)
	found := object.get(_doc, _segments(m[1]), null)
	found != null
} else := value

_segments(address) := [_segment(s) | some s in split(address, ".")]

_segment(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

else := s

_ssm_paths(text) := [trim_space(m[1]) |
	is_string(text)
	some m in regex.find_all_string_submatch_n(`\$\{\s*(?:ssm(?:\([^)]*\))?|[A-Za-z0-9_-]+:ssm)\s*:\s*([^,}]*)`, text, -1)
]

_resolved_secret(text) := "secretsmanager" if {
	some path in _ssm_paths(text)
	startswith(path, "/aws/reference/secretsmanager/")
} else := "ssm" if count(_ssm_paths(text)) > 0

_custom_records(resource, body, functions) := {r |
	walk(body, [_, s])
	is_string(s)
	some m in regex.find_all_string_submatch_n(`\$\{\s*self:custom\.([A-Za-z0-9_.-]+)\s*[,}]`, s, -1)
	path := m[1]
	text := _literal_text(object.get(_doc, array.concat(["custom"], _segments(path)), null))
	r := _record(resource, "custom", sprintf("custom.%s", [path]), text, functions)
} | {_record(resource, "custom", setting, text, functions) |
	walk(body, [_, s])
	is_string(s)
	some m in regex.find_all_string_submatch_n(`\$\{\s*param:([A-Za-z0-9_-]+)\s*[,}]`, s, -1)
	some [setting, value] in _params(m[1])
	text := _literal_text(value)
}

_params(name) := {[sprintf("params.%s.%s", [stage, name]), values[name]] |
	some stage, values in object.get(_doc, "params", {})
	is_object(values)
	name in object.keys(values)
} | {[sprintf("stages.%s.params.%s", [stage, name]), config.params[name]] |
	some stage, config in object.get(_doc, "stages", {})
	is_object(config.params)
	name in object.keys(config.params)
}

_literal_text(value) := cfn_secrets.setting_text(value) if not is_object(value)
