# SAM policy templates: expands a SAM policy template (`DynamoDBCrudPolicy: {TableName: orders}`) into
# the IAM statements SAM writes for it (mirrors src/faasguard/model/sam_policy_templates.py). The
# templates are the ones aws-sam-translator ships (data.faasguard.lib.iam_data.sam_policy_templates).
package faasguard.lib.iam

import data.faasguard.lib.iam_data

# METADATA
# scope: document
# title: sam_policy_template
# description: |
#   The statements ({Effect, Action, Resource}) of the SAM policy template `name` with `parameters`
#   (name → known string, or null when unknown) substituted; undefined when `name` is no SAM template.
#   A Resource entry that depends on an unknown or missing parameter is left out: it names a resource
#   chosen at deployment. So is an unscoped entry of a statement with a Condition: the template names
#   the resource there (AWSSecretsManagerRotationPolicy grants `secret:*` only for the secrets this
#   function rotates). Region and account are `*`, the partition `aws`; runs of `*` count as one.
sam_policy_template(name, parameters) := [_expand_statement(statement, _object_or_empty(parameters)) |
	some statement in template.statements
] if {
	template := iam_data.sam_policy_templates[name]
}

_object_or_empty(value) := value if is_object(value)

_object_or_empty(value) := {} if not is_object(value)

_expand_statement(statement, parameters) := {
	"Effect": statement.Effect,
	"Action": statement.Action,
	"Resource": [value |
		some entry in _as_list(object.get(statement, "Resource", []))
		value := _collapse_stars(_template_value(entry, parameters))
		not _named_by_condition(statement, value)
	],
}

_named_by_condition(statement, value) if {
	statement.Condition
	is_unscoped(value)
}

_as_list(value) := value if is_array(value)

_as_list(value) := [value] if not is_array(value)

# The shapes the templates use, without recursion (Rego has none): a value is a leaf (a string or a
# Ref), an Fn::Sub whose variables are leaves, or an Fn::Join of leaves and such Fn::Subs.
_template_value(value, parameters) := _leaf_value(value, parameters)

_template_value(value, parameters) := _sub_value(value, parameters)

_template_value(value, parameters) := concat(value["Fn::Join"][0], parts) if {
	is_array(value["Fn::Join"][1])
	parts := [part |
		some item in value["Fn::Join"][1]
		part := _join_part(item, parameters)
	]
	count(parts) == count(value["Fn::Join"][1])
}

_join_part(item, parameters) := _leaf_value(item, parameters)

_join_part(item, parameters) := _sub_value(item, parameters)

_leaf_value(value, _) := value if is_string(value)

_leaf_value(value, parameters) := _named_value(value.Ref, parameters)

_sub_value(value, parameters) := _substitute(value["Fn::Sub"], {}, parameters) if is_string(value["Fn::Sub"])

_sub_value(value, parameters) := _substitute(value["Fn::Sub"][0], value["Fn::Sub"][1], parameters) if {
	is_array(value["Fn::Sub"])
	is_object(value["Fn::Sub"][1])
}

# `${name}` replaced by its variable (a leaf), pseudo parameter or parameter; undefined if any is unknown.
_substitute(text, variables, parameters) := strings.replace_n(replacements, text) if {
	is_string(text)
	names := {match[1] | some match in regex.find_all_string_submatch_n(`\$\{([^}]*)\}`, text, -1)}
	replacements := {sprintf("${%s}", [name]): value |
		some name in names
		value := _variable_value(name, variables, parameters)
	}
	count(replacements) == count(names)
}

_variable_value(name, variables, parameters) := _leaf_value(variables[name], parameters)

_variable_value(name, variables, parameters) := _named_value(name, parameters) if not name in object.keys(variables)

# Pseudo parameters as a template for any account and region says them.
_pseudo_parameters := {"AWS::Partition": "aws", "AWS::Region": "*", "AWS::AccountId": "*"}

_named_value(name, _) := _pseudo_parameters[name]

_named_value(name, parameters) := parameters[name] if {
	not _pseudo_parameters[name]
	is_string(parameters[name])
}
