# The lifecycle records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# lifecycle_views over the resources of its lifecycle_resource_types with the paths of their nested values
# the adapter cannot settle (apis.rego), each function with `lifecycle_tags`: the keys of its `tags` as
# written (a `${…}` value still has its key) and of the `default_tags` of the aws provider block it uses.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.lifecycle
import data.faasguard.lib.terraform

# METADATA
# title: lifecycle_views
# scope: document
# description: |
#   The lifecycle records (function_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default lifecycle_views := {}

lifecycle_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.lifecycle_views with terraform.resources as _lifecycle_resources
}

_lifecycle_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
	"lifecycle_tags": _lifecycle_tags(type, block),
}]) if {
	some type in terraform.lifecycle_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}

_lifecycle_tags("aws_lambda_function", block) := [tags |
	some tags in [_lifecycle_own_tags(block), _lifecycle_default_tags(block)]
	tags != null
]

_lifecycle_tags(type, _) := [] if type != "aws_lambda_function"

_lifecycle_own_tags(block) := {"resource": "", "keys": _lifecycle_keys(block.tags)} if block.tags != null

else := null

_lifecycle_default_tags(block) := tags if {
	tags := _lifecycle_providers[_lifecycle_alias(block)]
} else := null

# a tags map (a one-element list in the loader's shape): its keys; a known list of another shape (which
# Terraform rejects) the keys of its first entry when that is a map, else none, as Python's first_object
# reads it; anything else (a variable without default, a merge(…)) is settled at deployment
_lifecycle_keys(written) := object.keys(tags) if {
	tags := _lifecycle_map(_value(written))
} else := [] if {
	is_array(_value(written))
} else := [lifecycle.any_key]

# a choice (a conditional on an unknown condition) has text or number branches, never a map: as Python
# reads it, tags only deployment settles
_lifecycle_map(value) := value if {
	is_object(value)
	not "faasguard_choice" in object.keys(value)
}

_lifecycle_map(value) := value[0] if {
	is_array(value)
	is_object(value[0])
}

# alias ("" for the default aws provider) → the resource and keys of its default_tags
_lifecycle_providers[alias] := {"resource": _lifecycle_provider_address(alias), "keys": _lifecycle_keys(written)} if {
	some block in _as_list(input.provider.aws)
	written := _as_list(block.default_tags)[0].tags
	written != null
	alias := _lifecycle_provider_alias(object.get(block, "alias", ""))
}

# an alias that is not text names no provider a function can use: the block is read as the default one,
# as the Python model reads it
_lifecycle_provider_alias(alias) := alias if is_string(alias)

else := ""

_lifecycle_provider_address("") := "provider.aws"

_lifecycle_provider_address(alias) := concat(".", ["provider.aws", alias]) if alias != ""

# the alias of the aws provider a function uses ("" for the default one)
_lifecycle_alias(block) := "" if not block.provider

_lifecycle_alias(block) := m[1] if {
	some m in regex.find_all_string_submatch_n(`^\$\{\s*aws\.([A-Za-z0-9_-]+)\s*\}$`, block.provider, 1)
}
