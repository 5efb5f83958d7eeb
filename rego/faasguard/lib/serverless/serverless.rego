# METADATA
# title: Serverless Framework variables
# description: |
#   Resolution of `${…}` variables in a parsed serverless.yml, the same rule as the Python engine:
#   a string is resolved only when it is exactly one variable. `${self:a.b.c}` is the value at that
#   path of the document; `${source, 'lit'}` / `${source, "lit"}` is the self value when the source is
#   `self:` and the path is set, else the quoted literal. A value that is itself such a variable is
#   resolved again, at most 5 resolutions in all. Any other string containing `${` is unknown.
#   Non-strings are themselves.
package faasguard.lib.serverless

import data.faasguard.lib.values

# METADATA
# title: resolve
# description: The known value of `v` in the Serverless document `doc`; undefined when unknown.
resolve(doc, v) := resolved if {
	resolved := _step(doc, _step(doc, _step(doc, _step(doc, _step(doc, v)))))
	not _has_variable(resolved)
}

# METADATA
# title: field
# description: The known value of `obj[key]` (resolved); undefined when absent (or null) or unknown.
field(doc, obj, key) := v if {
	not values.is_unset(obj, key)
	v := resolve(doc, obj[key])
	v != null
}

_has_variable(v) if contains(v, "${")

# not a variable: the value itself (a string with `${` that is not exactly one variable stays unknown)
_step(_, v) := v if not _variable(v)

# ${self:path} and ${self:path, 'lit'} with the path set
_step(doc, v) := _self_value(doc, _variable(v).source) if _self_set(doc, _variable(v).source)

# ${source, 'lit'} when the source does not resolve
_step(doc, v) := literal if {
	variable := _variable(v)
	not _self_set(doc, variable.source)
	literal := _quoted(variable.fallback)
}

_variable(v) := {"source": m[1], "fallback": m[2]} if {
	is_string(v)
	some m in regex.find_all_string_submatch_n(`^\$\{\s*([^,{}]*?)\s*(?:,\s*([^{}]*?))?\s*\}$`, v, 1)
}

_self_value(doc, source) := object.get(doc, path, null) if {
	startswith(source, "self:")
	path := [_segment(s) | some s in split(trim_prefix(source, "self:"), ".")]
}

_self_set(doc, source) if _self_value(doc, source) != null

# numeric segments index lists (e.g. `${self:custom.list.0}`)
_segment(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

_segment(s) := s if not regex.match(`^[0-9]+$`, s)

_quoted(text) := m[1] if some m in regex.find_all_string_submatch_n(`^'([^']*)'$`, text, 1)

_quoted(text) := m[1] if some m in regex.find_all_string_submatch_n(`^"([^"]*)"$`, text, 1)
