# References across module boundaries in a plan (docs/formats/terraform.md, "Plans"): a reference in a
# module instance to `var.<x>` names what the module call's argument references in the calling module
# (module_calls.<m>.expressions.<x>.references), and a reference to `module.<m>[<k>].<out>` names what
# that output references inside the module instance (module_calls.<m>.module.outputs.<out>.expression).
# Each planned resource carries the [module instance, key] pairs by which such references name it
# ("aliases", indexed beside its own key by lib/terraform's _by_ref). The Python twin is _link_modules
# in src/faasguard/model/terraform.py.
package faasguard.adapters.plan

import data.faasguard.lib.groups
import data.faasguard.lib.terraform

# A reference to a module output, `module.<call>[<key>].<output>` (the Python model's _MODULE_OUTPUT), at
# the start of a reference, and as a whole key.
_module_output_start := `^module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?\.[A-Za-z_][A-Za-z0-9_-]*`

_module_output_key := concat("", [_module_output_start, "$"])

# The keys of a configuration reference: reference_keys, and a module output reference kept whole
# (reference_keys keeps only `module.<call>`, which names neither the instance nor the output).
_plan_keys(ref) := terraform.reference_keys(ref) | _module_output_keys(ref)

# (startswith first: this runs for every reference of every resource, the regex only for module ones)
_module_output_keys(ref) := {m | some m in regex.find_n(_module_output_start, ref, 1)} if {
	startswith(ref, "module.")
} else := set()

# The keys of every reference in a configuration expression.
_expression_keys(expression) := {key |
	walk(expression, [path, refs])
	path[count(path) - 1] == "references"
	some ref in refs
	is_string(ref)
	some key in _plan_keys(ref)
}

_crosses_module(key) if startswith(key, "var.")

_crosses_module(key) if {
	startswith(key, "module.")
	regex.match(_module_output_key, key)
}

# Configuration modules by module path ("" for the root module, module.a.module.b).
# regal ignore:prefer-set-or-object-rule
_config_modules := {module: node |
	walk(input.configuration.root_module, [path, node])
	_is_config_module(path)
	module := concat(".", [sprintf("module.%s", [name]) | some i, name in path; i % 3 == 1])
}

# The last module call of a module instance address: [calling instance, call name, `[<key>]` or ""].
_last_call := `^(?:(.*)\.)?module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?$`

# What a path names in the configuration modules ({} when nothing).
_config_at(path) := object.get(_config_modules, path, {})

# The configuration module path of a module instance: module.a["x"].module.b[0] -> module.a.module.b.
_config_path(instance) := regex.replace(instance, `\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]`, "")

# [module instance, key, instance key] of what a crossing key in a module instance stands for, one module
# boundary away. The instance key, when not null, is the module call's: its argument reads each.key,
# each.value or count.index, so it names the instance of a resource with that key.
_module_hops(scope, key) := {[parent, k, same] | some k in keys} if {
	startswith(key, "var.")
	[_, parent, name, instance] := regex.find_all_string_submatch_n(_last_call, scope, 1)[0]
	call := _config_at([_config_path(parent), "module_calls", name])
	argument := _expression_keys(object.get(call, ["expressions", substring(key, 4, -1)], {}))
	keys := argument | _for_each_keys(argument, call)
	same := _call_instance(keys, instance)
} else := {[child, k, null] | some k in _expression_keys(expression)} if {
	regex.match(_module_output_key, key)
	[_, instance, output] := regex.find_all_string_submatch_n(`^(.*)\.([A-Za-z_][A-Za-z0-9_-]*)$`, key, 1)[0]
	child := concat(".", [part | some part in [scope, instance]; part != ""])
	expression := _config_at([_config_path(child), "outputs", output, "expression"])
} else := set()

# each.value stands for what the module call's for_each references.
_for_each_keys(argument, call) := _expression_keys(object.get(call, "for_each_expression", {})) if {
	"each.value" in argument
} else := set()

_call_instance(keys, instance) := json.unmarshal(substring(instance, 1, count(instance) - 2)) if {
	instance != ""
	some key in keys
	key in {"each.key", "each.value", "count.index"}
} else := null

_module_step(nodes) := {hop | some [scope, key, _] in nodes; some hop in _module_hops(scope, key)}

# Everything a crossing key stands for within 8 module boundaries (the Python model's MODULE_DEPTH:
# chains through modules in modules; Terraform allows no cycle, and the bound keeps a malformed plan finite).
_module_reach([scope, key]) := ((((((h1 | h2) | h3) | h4) | h5) | h6) | h7) | h8 if {
	h1 := _module_step({[scope, key, null]})
	h2 := _module_step(h1)
	h3 := _module_step(h2)
	h4 := _module_step(h3)
	h5 := _module_step(h4)
	h6 := _module_step(h5)
	h7 := _module_step(h6)
	h8 := _module_step(h7)
}

# The key a reference in the configuration names a planned resource or data source by.
_reference_key(r) := sprintf("data.%s.%s", [r.type, r.name]) if r.mode == "data"

else := _config_address(r)

# [module instance, key] of each crossing reference of a planned resource's configuration.
_module_starts contains [_scope(rc), key] if {
	some rc in input.resource_changes
	_planned(rc)
	some key in object.get(_crossing_keys, [[_module_path(rc), _reference_key(rc)]], set())
}

# [module path, address] -> the crossing keys of that configuration resource (once per block, not per instance).
# regal ignore:prefer-set-or-object-rule
_crossing_keys := {[module, address]: keys |
	some [module, address], config in _configuration
	keys := {key | some refs in _references(config); some key in refs; _crosses_module(key)}
	count(keys) > 0
}

# start -> what it stands for (_module_reach), once per start.
# regal ignore:prefer-set-or-object-rule
_module_reached := {start: _module_reach(start) | some start in _module_starts}

# [module instance, key] of what the starts stand for: the only keys _module_targets indexes.
# regal ignore:prefer-set-or-object-rule
_module_wanted := {[scope, key] | some reached in _module_reached; some [scope, key, _] in reached}

# [module instance, key] -> [address, index] of the planned resources and data sources a reference names.
_module_targets := groups.by_key(array.concat(
	[[wanted, [rc.address, object.get(rc, "index", null)]] |
		some rc in input.resource_changes
		rc.mode in {"managed", "data"}
		wanted := [_scope(rc), _reference_key(rc)]
		wanted in _module_wanted
		_planned(rc)
	],
	[[wanted, [r.address, object.get(r, "index", null)]] |
		some [r, scope] in _state_data_sources
		wanted := [scope, _reference_key(r)]
		wanted in _module_wanted
	],
))

# address -> the [module instance, key] pairs by which references in other modules name it.
_module_aliases := groups.by_key([[address, start] |
	some start, reached in _module_reached
	some [scope, key, instance] in reached
	some [address, _] in _instance_targets(object.get(_module_targets, [[scope, key]], set()), instance)
])

# The targets with the module instance's key when some have it (decidable), else all of them.
_instance_targets(targets, instance) := same if {
	instance != null
	same := {t | some t in targets; t[1] == instance}
	count(same) > 0
} else := targets

_aliases(address) := {"aliases": _module_aliases[address]} if _module_aliases[address]

else := {}
