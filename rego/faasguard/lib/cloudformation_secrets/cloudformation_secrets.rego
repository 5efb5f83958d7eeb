# METADATA
# title: CloudFormation secret settings
# description: |
#   The secret_settings records (docs/model.md, "Secrets") of a function of a CloudFormation or SAM
#   template: environment values holding a `{{resolve:secretsmanager:…}}` dynamic reference (kind
#   "environment"), and the Parameters its properties reference that show a literal Default without
#   `NoEcho: true` (kind "parameter"); the same parameters for the resources of secret_consumers.
#   The Python twin is faasguard.model.cloudformation_secrets.
package faasguard.lib.cloudformation_secrets

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: records
# description: The secret_settings records of function `id` with (merged) properties `props`.
records(doc, id, props) := _environment(doc, id, props) | _parameters(doc, id, props)

# METADATA
# title: secret_consumers
# description: |
#   Beside functions, the resource types a parameter's secret default is reported on (FG_07_07's
#   catalog entry lists them). Python: cloudformation_secrets.SECRET_CONSUMERS.
secret_consumers := {
	"AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
	"AWS::SecretsManager::Secret", "AWS::SSM::Parameter",
}

# METADATA
# title: consumer_records
# description: The parameter records of the created resources of secret_consumers (functions none).
consumer_records(doc) := {object.union(r, {"functions": []}) |
	some id, resource in cfn.created(doc)
	resource.Type in secret_consumers
	some r in _parameters(doc, id, cfn.properties(resource))
}

_environment(doc, id, props) := {r |
	environment := cfn.branch(doc, object.get(props, "Environment", null))
	values.is_map(environment)
	variables := cfn.branch(doc, object.get(environment, "Variables", null))
	values.is_map(variables)
	some name, written in variables
	_resolves_secret(cfn.branch(doc, written))
	r := _record(id, "environment", sprintf("environment.%s", [name]), "secretsmanager")
}

_resolves_secret(value) if {
	walk(value, [_, s])
	is_string(s)
	contains(s, "{{resolve:secretsmanager:")
}

_parameters(doc, id, props) := {_record(id, "parameter", name, text) |
	some name in _named(props)
	parameter := doc.Parameters[name]
	is_object(parameter)
	not _no_echo(object.get(parameter, "NoEcho", false))
	not startswith(object.get(parameter, "Type", ""), "AWS::SSM::Parameter::Value")
	text := setting_text(parameter.Default)
}

# every string of the properties, and the `${Name}` of Fn::Sub texts
_named(props) := {name |
	walk(props, [_, s])
	is_string(s)
	some name in ({s} | {m[1] | some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)\}`, s, -1)})
}

_no_echo(true)

_no_echo(value) if lower(value) == "true"

_record(id, kind, setting, value) := {
	"resource": id, "kind": kind, "setting": setting, "value": value,
	"functions": [id],
}

# METADATA
# scope: document
# title: setting_text
# description: A known scalar as a settings view holds it (booleans "true"/"false", numbers as written).
setting_text(value) := value if values.is_literal(value)

setting_text(value) := sprintf("%v", [value]) if is_boolean(value)

setting_text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

setting_text(value) := sprintf("%v", [value]) if {
	is_number(value)
	value != floor(value)
}
