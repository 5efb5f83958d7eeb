# The secret views of the Terraform HCL adapter (this package, terraform.rego): environment values
# of each created aws_lambda_function (its first block, as the Python loader reads it) that read a
# secret data source (lib/terraform/secrets.rego), one record per variable.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: secret_views
# scope: document
# description: |
#   The secret views (secret_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default secret_views := {}

secret_views := {"secret_settings": _secret_settings} if format.format == "terraform"

_secret_settings contains terraform.secret_record(address, setting, kind) if {
	some name, blocks in input.resource.aws_lambda_function
	block := [b | some b in _as_list(blocks); is_object(b)][0]
	_existence(block) == {}
	address := concat("", [_prefix, "aws_lambda_function.", name])
	some [setting, text] in _environment_texts(block)
	some kind in terraform.resolved_secrets(text)
}

# The variables with a known, not sensitive default that each created resource of a secret consumer
# type references (lib/terraform variable_names), with those the loader replaced by their values
# (its faasguard_variable_references; Python: terraform.VARIABLE_REFERENCES).
_secret_settings contains terraform.variable_record(address, type, variable, text) if {
	some type in terraform.secret_consumers
	some name, blocks in input.resource[type]
	block := [b | some b in _as_list(blocks); is_object(b)][0]
	_existence(block) == {}
	key := sprintf("%s.%s", [type, name])
	address := concat("", [_prefix, key])
	some variable in _variables_used(key, block)
	text := terraform.variable_default(_variable_block(variable))
}

_environment_texts(block) := {[setting, text] |
	some environment in _as_list(object.get(block, "environment", []))
	is_object(environment)
	some variables in _as_list(object.get(environment, "variables", []))
	some [setting, value] in _variable_entries(variables)
	walk(value, [_, text])
	is_string(text)
}

_variable_entries(variables) := {[sprintf("environment.%s", [name]), value] | some name, value in variables} if {
	is_object(variables)
} else := {["environment", variables]}

_variables_used(key, block) := _replaced_variables(key) | terraform.variable_names(block, _locals)

_locals := object.get(input, "locals", [])

_replaced_variables(key) := {v | some v in object.get(input, ["faasguard_variable_references", key], [])}

_variable_block(name) := [v | some v in _as_list(input.variable[name]); is_object(v)][0]
