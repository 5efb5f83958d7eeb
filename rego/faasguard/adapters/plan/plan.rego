# METADATA
# title: Terraform plan adapter
# description: |
#   The model views (docs/model.md) of a `terraform show -json` plan. Resources come from
#   resource_changes (not the ones only deleted or forgotten), values from change.after without the
#   paths after_unknown marks; references come from the configuration, where a resource inside a module
#   is found under module_calls.<m>.module by its address relative to the module, and are followed across
#   module inputs and outputs (modules.rego).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: views
# description: |
#   The model views (docs/model.md) of this input, as an object of sets keyed by view name: the shared
#   rules of lib/terraform evaluated once on this input's resources; empty views for other inputs.
views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.views with terraform.resources as _resources
} else := terraform.no_views

_resources contains _resource(rc, object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	_planned(rc)
}

# Policy documents read at plan time are in prior_state; documents read at apply time (their json unknown,
# their statement blocks known) are resource_changes.
_resources contains _data_source(rc, _scope(rc), _planned_document(rc.change)) if {
	some rc in input.resource_changes
	_is_policy_document(rc)
	_planned(rc)
}

_resources contains _data_source(r, scope, terraform.json_document(r.values.json)) if {
	some [r, scope] in _state_data_sources
	_is_policy_document(r)
	is_string(r.values.json)
}

# data "aws_iam_policy": the managed policy an attachment references (read at apply time: its name).
_resources contains _data_source(rc, _scope(rc), _known(rc.change)) if {
	some rc in input.resource_changes
	rc.mode == "data"
	rc.type == "aws_iam_policy"
	_planned(rc)
}

_resources contains _data_source(r, scope, r.values) if {
	some [r, scope] in _state_data_sources
	r.type == "aws_iam_policy"
	is_object(r.values)
}

# [data source, module address] read while planning (prior_state) and not read again at apply time.
_state_data_sources contains [r, object.get(module, "address", "")] if {
	walk(input.prior_state.values.root_module, [path, module])
	is_array(module.resources)
	_is_state_module(path)
	some r in module.resources
	r.mode == "data"
	not r.address in _changed_data_sources
}

_is_policy_document(r) if {
	r.mode == "data"
	r.type == "aws_iam_policy_document"
}

_changed_data_sources contains rc.address if {
	some rc in input.resource_changes
	rc.mode == "data"
}

_planned(rc) if {
	some action in rc.change.actions
	not action in {"delete", "forget"}
}

_resource(rc, config) := object.union_n([_index(rc), _aliases(rc.address), {
	"address": rc.address,
	"type": rc.type,
	"key": _config_address(rc),
	"scope": _scope(rc),
	"values": object.union(_known(rc.change), absent),
	"unknown": _unknown(rc.change) - object.keys(absent),
	"refs": _references(config),
}]) if {
	absent := _absent_blocks(rc.change, config)
}

_index(rc) := {"index": rc.index} if "index" in object.keys(rc)

else := {}

_unknown(change) := {key | some key in object.keys(unknown); unknown[key] == true} if {
	unknown := object.get(change, "after_unknown", {})
}

_known(change) := {key: value |
	some key, value in change.after
	value != null
	not change.after_unknown[key] == true
}

# A computed block the configuration of the resource does not set (the AWS provider plans an unset
# tracing_config as "known after apply") is absent. (A `dynamic` block is not in the configuration JSON.)
_absent_blocks(change, config) := {"tracing_config": []} if {
	change.after_unknown.tracing_config == true
	is_object(config.expressions)
	not config.expressions.tracing_config
} else := {}

_data_source(r, scope, values) := object.union(
	terraform.data_source(
		r.address, concat(".", ["data", r.type]), sprintf("data.%s.%s", [r.type, r.name]),
		scope, values,
	),
	_aliases(r.address),
)

_planned_document(change) := terraform.json_document(change.after.json) if {
	is_string(change.after.json)
} else := terraform.block_document([block |
	some i, block in change.after.statement
	not change.after_unknown.statement[i].effect == true
])

# Attribute -> keys of the resources its expression references; "for_each" for the for_each expression.
_references(config) := {attr: keys |
	some attr, expression in object.union(
		object.get(config, "expressions", {}),
		{"for_each": object.get(config, "for_each_expression", {})},
	)
	keys := _expression_keys(expression)
	count(keys) > 0
}

# The module instance a resource change is in ("" for the root module).
_scope(rc) := object.get(rc, "module_address", "")

_config_address(rc) := sprintf("%s.%s", [rc.type, rc.name])

# The configuration module of a module instance: module.a["x"].module.b[0] -> module.a.module.b.
_module_path(rc) := _config_path(_scope(rc))

# Configuration resources by [module path ("" for the root module), address relative to the module].
# A complete rule: looked up once per resource change, it must be evaluated only once.
# regal ignore:prefer-set-or-object-rule
_configuration := {[module, r.address]: r |
	some module, node in _config_modules
	is_array(node.resources)
	some r in node.resources
}

# A path from the root module to a module of the configuration: module_calls/<name>/module, repeated.
_is_config_module(path) if {
	count(path) % 3 == 0
	every i, step in path {
		_config_step(i % 3, step)
	}
}

_config_step(0, "module_calls")

_config_step(1, _)

_config_step(2, "module")

# A path from the root module to a module of a state: child_modules/<index>, repeated.
_is_state_module(path) if {
	count(path) % 2 == 0
	every i, step in path {
		_state_step(i % 2, step)
	}
}

_state_step(0, "child_modules")

_state_step(1, _)
