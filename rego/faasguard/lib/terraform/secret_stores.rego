# The secret-store views of lib/terraform (this package, terraform.rego), read as docs/model.md ("Secret
# stores") says: function_settings (kms_key, environment_variables of aws_lambda_function) and
# secret_settings (aws_secretsmanager_secret: kms_key, rotation; aws_ssm_parameter: type, name, value).
# src/faasguard/model/terraform_secret_stores.py is the Python twin, rule for rule.
#
# The adapters hand these rules the resources of secret_store_resource_types as `views` reads them;
# the HCL adapter adds to each its block as written (`written`) and the attributes whose value is a
# conditional the files do not settle (`unsettled`), the plan adapter whether a function's variables
# map is after_unknown (`variables_unknown`).
package faasguard.lib.terraform

import data.faasguard.lib.cloudformation_secret_stores as stores

# METADATA
# title: secret_store_resource_types
# description: The resource types the secret-store views read (adapters pass them as they are).
secret_store_resource_types := {
	"aws_lambda_function", "aws_secretsmanager_secret",
	"aws_secretsmanager_secret_rotation", "aws_ssm_parameter",
}

# METADATA
# title: secret_store_views
# description: The secret-store views of the normalized resources, as an object of sets.
secret_store_views := {
	"function_settings": _ss_function_settings,
	"secret_settings": (_ss_secret_settings | _ss_parameter_settings),
}

_ss_function_settings contains r if {
	some f in _of_type("aws_lambda_function")
	some r in _ss_key_records(f, "function_settings", "function", "kms_key_arn", [f.address])
}

_ss_function_settings contains r if {
	some f in _of_type("aws_lambda_function")
	some r in _ss_records(f, "function_settings", "function", "environment_variables", _ss_variables(f), [f.address])
}

_ss_secret_settings contains r if {
	some s in _of_type("aws_secretsmanager_secret")
	some r in _ss_key_records(s, "secret_settings", "secret", "kms_key_id", [])
}

_ss_secret_settings contains _ss_record(s, "secret", "rotation", {"value": "true"}, []) if {
	some s in _of_type("aws_secretsmanager_secret")
	s.address in _ss_rotated
}

_ss_secret_settings contains _ss_record(s, "secret", "rotation", {"value": "false"}, []) if {
	count(_ss_open_rotations) == 0
	some s in _of_type("aws_secretsmanager_secret")
	not s.address in _ss_rotated
}

_ss_record(r, kind, setting, fields, functions) := object.union(
	{"resource": r.address, "kind": kind, "setting": setting, "functions": functions},
	fields,
)

# Records of one setting from a value: a known text, or a choice object (terraform.choice).
_ss_records(r, view, kind, setting, value, functions) := {object.union_n([base, {"value": v}, choice]) |
	base := {"resource": r.address, "kind": kind, "setting": setting, "functions": functions}
	some [v, choice] in _alternatives(value, sprintf("%s#%s:%s:%s", [r.address, view, kind, setting]))
	is_string(v)
}

# `kms_key`: set to anything (a reference, a variable) is "true"; a conditional the files do not
# settle is unknown (no record), unless its branches are literals (a choice).
_ss_key_records(r, view, kind, attr, functions) := _ss_records(r, view, kind, "kms_key", "true", functions) if {
	attr in r.unknown
	not attr in object.get(r, "unsettled", set())
} else := _ss_records(r, view, kind, "kms_key", _ss_key_flag(object.get(r.values, attr, null)), functions) if {
	not attr in r.unknown
}

_ss_key_flag(value) := choice({stores.key_flag({"value": v}) | some v in value.faasguard_choice}, unknowns) if {
	_is_choice(value)
	unknowns := value.choices - count(value.faasguard_choice)
} else := stores.key_flag({"value": value})

# Whether the environment block has variables (their values may be unknown: the names are known);
# undefined when only deployment settles it. HCL reads the block as written, a plan its values.
_ss_variables(f) := flag if {
	not "environment" in f.unknown
	not f.variables_unknown
	blocks := [b | some b in _items(object.get(object.get(f, "written", f.values), "environment", [])); is_object(b)]
	listed := [b.variables | some b in blocks; b.variables != null]
	flag := _ss_variables_flag(listed)
}

_ss_variables_flag(listed) := "false" if {
	count(listed) == 0
} else := _ss_map_flag(listed[0][0]) if {
	is_array(listed[0])
	count(listed[0]) > 0
} else := _ss_map_flag(listed[0])

_ss_map_flag(variables) := "true" if {
	is_object(variables)
	count(variables) > 0
} else := "false" if is_object(variables)

# the secrets a rotation names: by reference, or by a known name or ARN
_ss_rotated contains address if {
	some rotation in _of_type("aws_secretsmanager_secret_rotation")
	some address in _ss_rotation_targets(rotation)
}

_ss_rotation_targets(rotation) := _ss_referenced_secrets(rotation) | {s.address |
	secret_id := rotation.values.secret_id
	is_string(secret_id)
	some s in _of_type("aws_secretsmanager_secret")
	some attr in ["name", "arn"]
	s.values[attr] == secret_id
}

_ss_referenced_secrets(rotation) := {t.address |
	some t in _api_referenced(rotation, "secret_id", "aws_secretsmanager_secret")
}

# rotations that name no secret of the configuration and whose secret_id is not a known string
_ss_open_rotations contains rotation.address if {
	some rotation in _of_type("aws_secretsmanager_secret_rotation")
	count(_ss_rotation_targets(rotation)) == 0
	not is_string(object.get(rotation.values, "secret_id", null))
}

# each setting apart: one only deployment settles (undefined) leaves the others
_ss_parameter_settings contains r if {
	some p in _of_type("aws_ssm_parameter")
	some r in _ss_records(p, "secret_settings", "ssm_parameter", "type", _ss_type(_ss_absent(p, "type")), [])
}

_ss_parameter_settings contains r if {
	some p in _of_type("aws_ssm_parameter")
	some r in _ss_records(p, "secret_settings", "ssm_parameter", "name", _ss_name(p), [])
}

_ss_parameter_settings contains _ss_record(p, "ssm_parameter", "value", {"value": value}, []) if {
	some p in _of_type("aws_ssm_parameter")
	some attr in ["value", "insecure_value"]
	value := p.values[attr]
	is_string(value)
}

# a known value, "absent" when unset; undefined when unknown
# a known number or boolean type is the text Terraform turns it into (not SecureString), as the Python
# model reads it
_ss_type(value) := json.marshal(value) if {
	_ss_scalar(value)
} else := value

_ss_scalar(value) if is_number(value)

_ss_scalar(value) if is_boolean(value)

_ss_absent(r, attr) := "absent" if {
	not attr in r.unknown
	object.get(r.values, attr, null) == null
} else := r.values[attr] if not attr in r.unknown

# the name; a name as written whose `${…}` parts only deployment settles keeps its literal parts
_ss_name(p) := _ss_absent(p, "name") if {
	not "name" in p.unknown
} else := m.value if {
	some m in stores.pattern_members(p.written.name)
}
