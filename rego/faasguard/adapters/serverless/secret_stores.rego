# Serverless Framework adapter, secret-store views (docs/model.md, "Secret stores"); the twin of
# src/faasguard/model/serverless_secret_stores.py. Uses `_doc`, `_provider` and `_functions` of
# serverless.rego.
#
# The Framework deploys `functions.<f>.kmsKeyArn || provider.kmsKeyArn`: a function's own set value,
# else the provider's (one record on `provider` for the functions inheriting it), else none (a record
# on the function). A function has environment variables when its `environment` or the provider's
# (merged into it) has a key.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_secret_stores as stores
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

function_settings contains _ss_function_setting(name, "kms_key", "true", [name]) if {
	some name, fn in _functions
	_ss_key_set(fn)
}

function_settings contains _ss_function_setting("provider", "kms_key", "true", _ss_key_inheritors) if {
	_ss_key_set(_provider)
	count(_ss_key_inheritors) > 0
}

function_settings contains _ss_function_setting(name, "kms_key", "false", [name]) if {
	not _ss_provider_key_set
	some name in _ss_key_inheritors
}

function_settings contains _ss_function_setting(name, "environment_variables", flag, [name]) if {
	some name, fn in _functions
	flag := _ss_with_provider(_ss_variables(fn), _ss_variables(_provider))
	flag != "unknown"
}

_ss_function_setting(resource, setting, value, functions) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": functions,
}

_ss_provider_key_set if _ss_key_set(_provider)

_ss_key_inheritors := sort({name | some name, fn in _functions; not _ss_key_set(fn)})

# set to anything but null, "" or false (a variable only deployment settles included)
_ss_key_set(obj) if {
	not values.is_unset(obj, "kmsKeyArn")
	not _ss_resolves_unset(obj)
}

_ss_resolves_unset(obj) if stores.unset_value(sls.resolve(_doc, obj.kmsKeyArn))

# "true" / "false" / "unknown": whether a function's or the provider's `environment` has a key
_ss_variables(obj) := "false" if {
	values.is_unset(obj, "environment")
} else := "true" if {
	variables := sls.resolve(_doc, obj.environment)
	is_object(variables)
	count(variables) > 0
} else := "false" if {
	sls.resolve(_doc, obj.environment) == null
} else := "false" if {
	is_object(sls.resolve(_doc, obj.environment))
} else := "unknown"

_ss_with_provider(own, provider) := "true" if {
	some flag in [own, provider]
	flag == "true"
} else := "unknown" if {
	some flag in [own, provider]
	flag == "unknown"
} else := "false"

secret_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	values.is_map(resources)
	some r in stores.resource_records(resources)
}
