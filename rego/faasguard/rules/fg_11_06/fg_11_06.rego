# METADATA
# title: FG_11_06 function without the required ownership tags
# description: |
#   A function missing a key of the setting `required_tags` among the `tag` records (lib/limits,
#   lib/lifecycle) of its own tags and those it inherits; a `*` key (tags only deployment settles) may be
#   any key, so the function does not fail.
package faasguard.rules.fg_11_06

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.lib.lifecycle
import data.faasguard.model

_id := "FG_11_06"

# function → the tag keys it carries, its own and inherited
_keys[f] contains s.value if {
	some s in model.function_settings
	s.setting == "tag"
	some f in s.functions
}

_missing(function) := [key |
	some key in config.setting("required_tags")
	not key in object.get(_keys, function, set())
]

# METADATA
# title: deny
# description: One result per function missing a required tag.
deny contains result if {
	some function in model.functions
	not lifecycle.any_key in object.get(_keys, function.resource, set())
	missing := _missing(function.resource)
	count(missing) > 0
	problem := sprintf(
		"%s has no %s tag: no one can tell who owns it, what data it handles or when it may be retired",
		[function.resource, concat(", ", missing)],
	)
	result := findings.result(_id, model.format, function.resource, [function.resource], problem)
}
