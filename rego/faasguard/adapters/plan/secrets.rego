# The secret views of the plan adapter (this package, plan.rego): the references of the environment
# expression of each planned aws_lambda_function that read a secret data source
# (lib/terraform/secrets.rego). A plan keeps the references of the `variables` expression as a
# whole: setting "environment".
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: secret_views
# scope: document
# description: |
#   The secret views (secret_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default secret_views := {}

secret_views := {"secret_settings": _secret_settings} if format.format == "terraform_plan"

_secret_settings contains terraform.secret_record(rc.address, "environment", kind) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type == "aws_lambda_function"
	_planned(rc)
	is_object(rc.change.after)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	some text in _reference_texts(object.get(config, ["expressions", "environment"], []))
	some kind in terraform.resolved_secrets(text)
}

# The variables with a known, not sensitive default (the configuration's, not the plan's values) that
# the configuration of each planned resource of a secret consumer type references.
_secret_settings contains terraform.variable_record(rc.address, rc.type, name, text) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.secret_consumers
	_planned(rc)
	is_object(rc.change.after)
	module := _module_path(rc)
	config := object.get(_configuration, [[module, _config_address(rc)]], {})
	some name in _referenced_variables(config)
	text := terraform.variable_default(_configuration_variables[[module, name]])
}

# the references anywhere in an expression of the configuration
_reference_texts(expression) := {text |
	walk(expression, [path, refs])
	path[count(path) - 1] == "references"
	some text in refs
}

_referenced_variables(config) := {substring(key, 4, -1) |
	some keys in _references(config)
	some key in keys
	startswith(key, "var.")
}

# Variables of the configuration by [module path, name] (module path as in _configuration).
# regal ignore:prefer-set-or-object-rule
_configuration_variables := {[module, name]: v |
	some module, node in _config_modules
	is_object(node.variables)
	some name, v in node.variables
	is_object(v)
}
