package faasguard.lib.cloudformation

import data.faasguard.lib.iam
import data.faasguard.lib.values

# METADATA
# title: function_record
# description: The `functions` view record of a function resource (FunctionName when known).
function_record(doc, id, props) := {"resource": id, "name": name} if {
	name := known_string(doc, props.FunctionName)
} else := {"resource": id, "name": id}

# METADATA
# title: runtime_records
# description: The `runtimes` view records of a function with properties `props` (its known Runtime).
runtime_records(doc, id, props) := {_record(id, {"value": runtime}) |
	runtime := known_string(doc, props.Runtime)
}

# METADATA
# title: environment_records
# description: The `environment` view records of a function (its `Environment.Variables` with known string values).
environment_records(doc, id, props) := {_record(id, {"name": name, "value": v}) |
	values.is_map(props.Environment)
	values.is_map(props.Environment.Variables)
	some name, raw in props.Environment.Variables
	v := known_string(doc, raw)
}

_record(id, fields) := object.union(fields, {"resource": id, "functions": [id]})

# METADATA
# scope: document
# title: tracing_config_mode
# description: |
#   The tracing mode of an AWS::Lambda::Function: its known `TracingConfig.Mode`, "absent" when
#   TracingConfig or its Mode is not set; undefined when unknown.
tracing_config_mode(_, props) := "absent" if values.is_unset(props, "TracingConfig")

tracing_config_mode(_, props) := "absent" if {
	values.is_map(props.TracingConfig)
	values.is_unset(props.TracingConfig, "Mode")
}

tracing_config_mode(doc, props) := known_string(doc, props.TracingConfig.Mode) if values.is_map(props.TracingConfig)

# METADATA
# title: url_record
# description: The `function_urls` record of an AWS::Lambda::Url (known AuthType; the functions it targets).
url_record(doc, id, url) := {"resource": id, "auth_type": auth_type, "functions": functions} if {
	p := properties(url)
	auth_type := known_string(doc, p.AuthType)
	functions := sort(referenced_of_type(doc, object.get(p, "TargetFunctionArn", null), function_types))
}

# METADATA
# title: role_ids
# description: The template AWS::IAM::Role resources a function's `Role` property references.
role_ids(doc, props) := referenced_of_type(doc, object.get(props, "Role", null), {"AWS::IAM::Role"})

# METADATA
# title: role_policy_documents
# description: The policy documents of an AWS::IAM::Role's own `Policies` list.
role_policy_documents(doc, role) := {entry.PolicyDocument |
	some entry in values.as_list(object.get(_role_properties(doc, role), "Policies", []))
	values.is_map(entry)
	entry.PolicyDocument
}

# METADATA
# title: managed_policy_arns
# description: The entries of an AWS::IAM::Role's `ManagedPolicyArns` ([] for other resources).
managed_policy_arns(doc, role) := values.as_list(object.get(_role_properties(doc, role), "ManagedPolicyArns", []))

_role_properties(doc, role) := properties(doc.Resources[role]) if doc.Resources[role].Type == "AWS::IAM::Role"

# METADATA
# title: managed_policy_ids
# description: The AWS::IAM::ManagedPolicy resources a managed-policy entry (ARN, Ref, name) references.
managed_policy_ids(doc, entry) := referenced_of_type(doc, entry, {"AWS::IAM::ManagedPolicy"})

# METADATA
# title: managed_policy_name
# description: The known ARN or name of a managed-policy entry that is not a template resource.
managed_policy_name(doc, entry) := name if {
	count(referenced(doc, entry)) == 0
	name := known_string(doc, entry)
}

# METADATA
# title: policy_document
# description: The `PolicyDocument` of an IAM policy resource.
policy_document(doc, id) := properties(doc.Resources[id]).PolicyDocument

# METADATA
# title: attached_roles
# description: |
#   The roles an IAM policy resource is attached to: the `Roles` list of AWS::IAM::Policy and
#   AWS::IAM::ManagedPolicy, the `RoleName` of AWS::IAM::RolePolicy.
attached_roles(doc, resource) := {role |
	resource.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	some entry in values.as_list(object.get(properties(resource), "Roles", []))
	some role in referenced(doc, entry)
} | {role |
	resource.Type == "AWS::IAM::RolePolicy"
	some role in referenced(doc, object.get(properties(resource), "RoleName", null))
}

# METADATA
# title: document_statements
# description: |
#   The normalized statements (lib/iam) of a policy document, with Effect, Action and NotAction resolved
#   (Parameter defaults) and unknown entries dropped.
document_statements(doc, document) := iam.statements({"Statement": [_known_statement(doc, s) |
	some s in iam.statement_list(document)
]})

_known_statement(doc, statement) := {key: v |
	some key in ["Effect", "Action", "NotAction"]
	v := _known_strings(doc, statement[key])
}

_known_strings(doc, v) := [s | some entry in v; s := known_string(doc, entry)] if is_array(v)

_known_strings(doc, v) := known_string(doc, v) if not is_array(v)
