# The secret views of lib/terraform (this package): which expressions read a secret from a data
# source at plan or apply time (docs/model.md, "Secrets"). The adapters build the records
# (adapters/terraform/secrets.rego, adapters/plan/secrets.rego); the Python twin is
# src/faasguard/model/terraform_secrets.py.
package faasguard.lib.terraform

import data.faasguard.lib.cloudformation_secrets as cfn_secrets

_secret_sources := {
	"secretsmanager": `data\.aws_secretsmanager_secret_version\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.secret_(string|binary)`,
	"ssm": `data\.aws_ssm_parameter\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.value([^A-Za-z0-9_]|$)`,
}

# METADATA
# title: resolved_secrets
# description: The kinds of secret data source values an expression reads ("secretsmanager", "ssm").
resolved_secrets(text) := {kind |
	is_string(text)
	some kind, pattern in _secret_sources
	regex.match(pattern, text)
}

# METADATA
# title: secret_record
# description: A secret_settings record of kind "environment" on a function.
secret_record(address, setting, value) := {
	"resource": address, "kind": "environment", "setting": setting, "value": value,
	"functions": [address],
}

# METADATA
# title: secret_consumers
# description: |
#   The resource types a variable's secret default is reported on (FG_07_07's catalog entry lists
#   them; Checkov calls a check on those only). Python: terraform_secrets.SECRET_CONSUMERS.
secret_consumers := {
	"aws_lambda_function", "aws_db_instance", "aws_rds_cluster",
	"aws_secretsmanager_secret_version", "aws_ssm_parameter",
}

# `var.<name>` / `local.<name>` in an expression (not `x.var.y`); Python: terraform._VARIABLE_REFERENCE
_variable_pattern := `(?:^|[^A-Za-z0-9_.-])var\.([A-Za-z_][A-Za-z0-9_-]*)`

_local_pattern := `(?:^|[^A-Za-z0-9_.-])local\.([A-Za-z_][A-Za-z0-9_-]*)`

_expression_names(value, pattern) := {m[1] |
	walk(value, [_, s])
	is_string(s)
	contains(s, "${")
	some m in regex.find_all_string_submatch_n(pattern, s, -1)
}

# METADATA
# title: variable_names
# description: |
#   The variables a block's `${…}` expressions reference: `var.x`, and those of the locals it
#   references (one level: `local.x` whose expression is or holds `var.y`). `locals` is the
#   document's `locals` (a list of blocks). Python: terraform.variable_names.
variable_names(block, locals) := _expression_names(block, _variable_pattern) | {name |
	some local in _expression_names(block, _local_pattern)
	some b in _locals_list(locals)
	is_object(b)
	some name in _expression_names(object.get(b, local, null), _variable_pattern)
}

_locals_list(value) := value if is_array(value)

else := [value]

# METADATA
# title: variable_record
# description: |
#   A secret_settings record of kind "variable": the variable `name`, referenced by the resource
#   `address` of `type`, whose default is `value` (functions: the resource, when it is a function).
variable_record(address, type, name, value) := {
	"resource": address, "kind": "variable", "setting": name, "value": value,
	"functions": _consumer_functions(address, type),
}

_consumer_functions(address, "aws_lambda_function") := [address]

_consumer_functions(_, type) := [] if type != "aws_lambda_function"

# METADATA
# title: variable_default
# description: |
#   The default of a variable block as text, when it is a known scalar and the variable is not
#   `sensitive = true`; undefined otherwise.
variable_default(variable) := cfn_secrets.setting_text(variable.default) if {
	not variable.sensitive == true
	not is_object(variable.default)
	not is_array(variable.default)
}
