# The usage records of the plan adapter (this package, plan.rego): lib/terraform's usage_views over the
# planned resources, with the references of the configuration's outputs and module calls, child modules'
# included (referrers `output.<name>`, `module.<name>`, prefixed with their module path).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: usage_views
# scope: document
# description: |
#   The usage records (function_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default usage_views := {}

usage_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.usage_views with terraform.resources as _resources with terraform.usage_outside as _outside
}

_outside contains [_usage_referrer(module, "output", name), module, _usage_keys(output)] if {
	some [module, node] in _usage_modules
	some name, output in object.get(node, "outputs", {})
}

_outside contains [_usage_referrer(module, "module", name), module, _usage_keys(call.expressions)] if {
	some [module, node] in _usage_modules
	some name, call in object.get(node, "module_calls", {})
}

# [module path, configuration module] of the root module and every module it calls
_usage_modules contains [module, node] if some module, node in _config_modules

# output.<name> / module.<name>, prefixed with the module path
_usage_referrer("", kind, name) := concat(".", [kind, name])

_usage_referrer(module, kind, name) := concat(".", [module, kind, name]) if module != ""

# the resource keys of every `references` list in a configuration expression
_usage_keys(expression) := {key |
	walk(expression, [path, refs])
	count(path) > 0
	path[count(path) - 1] == "references"
	some ref in refs
	some key in terraform.reference_keys(ref)
}
