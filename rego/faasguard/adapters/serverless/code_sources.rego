# Serverless Framework adapter, code-source records (docs/model.md, "Code sources"); the twin of
# src/faasguard/model/serverless_code_sources.py. Uses `_doc`, `_provider`, `_functions` and
# `_lambda_logical_id` of this package.
#
# The Framework has no code-signing key: a function's config is the CodeSigningConfigArn of
# `resources.extensions.<F>LambdaFunction.Properties` (or the same path under `resources.Resources`).
# A function's `layers` replace `provider.layers`; `{Ref: <Layer>LambdaLayer}` names a layer of the
# top-level `layers:`. The configs and layer permissions of `resources.Resources` are read as in a
# template (lib/code_sources).
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_apis as refs
import data.faasguard.lib.code_sources
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

default _cs_resources := {}

_cs_resources := resources if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	values.is_map(resources)
}

# function key → the code-signing config value of each zip function
_cs_linked[name] := _cs_code_signing(name) if {
	some name, fn in _functions
	values.is_unset(fn, "image")
}

# the config the first section that sets CodeSigningConfigArn names
_cs_code_signing(name) := _cs_config_of(written[0]) if {
	written := [w |
		some section in ["extensions", "Resources"]
		w := object.get(_cs_resources, [section, _lambda_logical_id(name), "Properties", "CodeSigningConfigArn"], null)
		w != null
	]
	count(written) > 0
} else := "absent"

_cs_config_of(written) := min(found) if {
	found := refs.ids(_cs_resources, written, {"AWS::Lambda::CodeSigningConfig"})
	count(found) > 0
} else := "external"

function_settings contains code_sources.setting(name, "function", "code_signing_config", value, [name]) if {
	some name, value in _cs_linked
}

function_settings contains r if {
	_doc
	some r in code_sources.resource_records(_cs_resources, _cs_linked)
}

function_settings contains code_sources.setting(name, "function", "layer", value, [name]) if {
	some name, fn in _functions
	not values.is_unset(fn, "layers")
	some value in _cs_layers(fn.layers)
}

function_settings contains code_sources.setting("provider", "function", "layer", value, _cs_layer_inheritors) if {
	count(_cs_layer_inheritors) > 0
	some value in _cs_layers(object.get(_provider, "layers", null))
}

# the logical ids the Framework gives the service's own layers (naming.getLambdaLayerLogicalId)
_cs_own_layers contains concat("", [trim_suffix(_lambda_logical_id(name), "LambdaFunction"), "LambdaLayer"]) if {
	declared := sls.resolve(_doc, object.get(_doc, "layers", {}))
	values.is_map(declared) # a map of layers; any other value declares none
	some name, _ in declared
}

_cs_layer_inheritors := sort({name |
	some name, fn in _functions
	values.is_unset(fn, "layers")
	values.is_unset(fn, "image")
})

_cs_layers(written) := {value |
	listed := sls.resolve(_doc, written)
	is_array(listed)
	some entry in listed
	value := _cs_layer(entry)
}

_cs_layer(entry) := "document" if {
	_cs_declared_layer(entry)
} else := code_sources.layer_value(_cs_entry_text(entry))

_cs_declared_layer(entry) if entry.Ref in _cs_own_layers

_cs_declared_layer(entry) if count(refs.ids(_cs_resources, entry, code_sources.layer_types)) > 0

_cs_entry_text(entry) := entry["Fn::Sub"] if {
	is_string(entry["Fn::Sub"])
} else := entry["Fn::Sub"][0] if {
	is_array(entry["Fn::Sub"])
} else := resolved if {
	is_string(entry)
	resolved := sls.resolve(_doc, entry)
	is_string(resolved)
} else := entry if {
	is_string(entry)
	not _cs_resolves(entry)
}

_cs_resolves(entry) if sls.resolve(_doc, entry)
