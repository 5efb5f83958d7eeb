# The usage records of lib/terraform (this package, terraform.rego; docs/model.md, "Usage"; FG_11_03,
# FG_11_04): `invoked_by` of each aws_lambda_function, `referenced_by` of each aws_iam_role, and
# `concurrency_disabled` of functions whose reserved_concurrent_executions is written. The references are
# those of the managed resources' expressions (`refs`), and of the outputs and module calls the adapters
# hand in as usage_outside, resolved in the module they are written in; data sources do not count. The
# Python twin is src/faasguard/model/terraform_usage.py.
package faasguard.lib.terraform

import data.faasguard.lib.groups

import data.faasguard.lib.deployment
import data.faasguard.lib.usage

# METADATA
# title: usage_outside
# description: |
#   [referrer, module path, reference keys] of each output and module call: none here; the adapters
#   evaluate usage_views `with usage_outside as <theirs>` (a builtin gives it the type `any`, see resources).
usage_outside := json.unmarshal("[]")

# METADATA
# title: usage_views
# description: The usage records of the normalized resources, as an object of sets.
usage_views := {"function_settings": (usage.records(
	{r.address: r.type | some r in _usage_managed},
	_usage_triples,
	{f.address | some f in _of_type("aws_lambda_function")},
	{r.address | some r in _of_type("aws_iam_role")},
	{}, _usage_unsettled,
) | _usage_concurrency)}

_usage_managed := [r | some r in _live; not startswith(r.type, "data.")]

# module.a["x"].module.b[0] -> module.a.module.b (the configuration module of an instance)
_usage_module_path(scope) := regex.replace(scope, `\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]`, "")

# A resource's reference names a resource of its own module instance (module.app["a"] reaches only its
# own role); an output or a module call is written once for every instance of its module, so its
# reference names the resource in each of them.
_usage_keyed := [[r.scope, _usage_module_path(r.scope), r.key, r.address] | some r in _usage_managed]

# [module instance, key] -> the addresses of the managed resources a reference there names (a grouping
# built in one pass: terraform.rego, "Indexes and groupings").
_usage_in_instance := groups.by_key([[[scope, key], address] | some [scope, _, key, address] in _usage_keyed])

# [module path, key] -> the same in every instance of the module
_usage_in_module := groups.by_key([[[path, key], address] | some [_, path, key, address] in _usage_keyed])

_usage_targets(scope, key) := object.get(_usage_in_instance, [[scope, key]], set())

_usage_triples contains [r.address, attribute, target] if {
	some r in _usage_managed
	some attribute, keys in r.refs
	some key in keys
	some target in _usage_targets(r.scope, key)
}

_usage_triples contains [referrer, "", target] if {
	some [referrer, path, keys] in usage_outside
	some key in keys
	some target in object.get(_usage_in_module, [[path, key]], set())
}

# an invoker whose function_name is neither known nor a reference to a managed resource (a variable
# without default, a module output) may invoke any function of the document
default _usage_unsettled := {}

_usage_unsettled := {"*": true} if {
	some type, attribute in usage.invokers
	some r in _of_type(type)
	attribute in r.unknown
	not _usage_names_managed(r, attribute)
}

# as an unknown, any other value that is not a name (a list, a map, a conditional's alternatives)
_usage_unsettled := {"*": true} if {
	some type, attribute in usage.invokers
	some r in _of_type(type)
	value := object.get(r.values, attribute, null)
	value != null
	not is_string(value)
	not _usage_names_managed(r, attribute)
}

_usage_names_managed(r, attribute) if {
	some key in object.get(r.refs, attribute, [])
	count(_usage_targets(r.scope, key)) > 0
}

_usage_concurrency contains object.union(
	deployment.setting(f.address, "function", "concurrency_disabled", value, [f.address]),
	choice,
) if {
	some f in _of_type("aws_lambda_function")
	written := f.values.reserved_concurrent_executions
	written != null
	choice_id := sprintf("%s#function_settings:function:concurrency_disabled", [f.address])
	some [alternative, choice] in _alternatives(written, choice_id)
	value := usage.concurrency_disabled(alternative)
}
