# METADATA
# title: CloudFormation and SAM templates
# description: |
#   The views (docs/model.md) of the plain CloudFormation resources of a template (AWS::Lambda::Function,
#   AWS::Lambda::Url, AWS::IAM::*), and the role graph every function of the template takes part in,
#   SAM functions and their generated roles included (function roles, the policies reaching them).
#   Shared by the cloudformation and sam adapters, which expose these records for their own format
#   only. Built from lib/cloudformation; grouping is done by rules, once.
package faasguard.lib.template

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.format
import data.faasguard.lib.iam
import data.faasguard.lib.sam
import data.faasguard.lib.values

_doc := input if format.format in {"cloudformation", "sam"}

# METADATA
# title: lambda_functions
# description: The AWS::Lambda::Function resources, as logical id → Properties.
lambda_functions[id] := cfn.properties(r) if some id, r in cfn.resources_of_type(_doc, "AWS::Lambda::Function")

# METADATA
# title: sam_functions
# description: In a SAM template, the AWS::Serverless::Function resources, as logical id → merged Properties.
sam_functions := sam.functions(_doc) if format.format == "sam"

functions contains cfn.function_record(_doc, id, p) if some id, p in lambda_functions

runtimes contains r if {
	some id, p in lambda_functions
	some r in cfn.runtime_records(_doc, id, p)
}

tracing contains r if {
	some id, p in lambda_functions
	some r in cfn.tracing_records(_doc, id, p, ["TracingConfig", "Mode"])
}

function_urls contains r if {
	some id, url in cfn.resources_of_type(_doc, "AWS::Lambda::Url")
	some r in cfn.url_records(_doc, id, url)
}

environment contains r if {
	some id, p in lambda_functions
	some r in cfn.environment_records(_doc, id, p)
}

# every function of the template (logical ids are unique): id → properties
_function_properties[id] := p if some id, p in lambda_functions

_function_properties[id] := p if some id, p in sam_functions

# AWS::IAM::Role → the functions whose Role references it
_role_users[role] contains id if {
	some id, p in _function_properties
	some role in cfn.role_ids(_doc, p)
}

# METADATA
# title: generated_roles
# description: |
#   The SAM functions without Role (SAM generates a role for each, whose id here is the function's),
#   as id → merged Properties.
generated_roles[id] := p if {
	some id, p in sam_functions
	cfn.without_role(_doc, p)
}

# the AWS::IAM::Role resources that are function roles: some function uses it, or it trusts Lambda
_declared_roles[id] := cfn.properties(r) if {
	some id, r in cfn.resources_of_type(_doc, "AWS::IAM::Role")
	_is_function_role(id, r)
}

_is_function_role(id, _) if _role_users[id]

_is_function_role(_, r) if cfn.trusts_lambda(_doc, cfn.properties(r))

# METADATA
# scope: document
# title: function_roles
# description: |
#   The function roles of the template (docs/model.md), as id → the sorted ids of the functions using
#   it: AWS::IAM::Role resources some function uses or that trust lambda.amazonaws.com, and the
#   roles SAM generates for functions without Role.
function_roles[id] := sort(object.get(_role_users, id, set())) if some id, _ in _declared_roles

function_roles[id] := [id] if some id, _ in generated_roles

_role_properties[id] := p if some id, p in _declared_roles

_role_properties[id] := p if some id, p in generated_roles

# METADATA
# title: roles
# description: One record per function role, {resource, functions, permissions_boundary}.
roles contains {"resource": id, "functions": functions, "permissions_boundary": boundary} if {
	some id, functions in function_roles
	boundary := _boundary(_role_properties[id])
}

_boundary(props) if cfn.permissions_boundary(_doc, props)

else := false

# [function id, entry as written]: the `Policies` entries of SAM functions without Role (SAM ignores
# them when a function has a Role)
_sam_policies contains [id, entry] if {
	some id, p in generated_roles
	some entry in cfn.entries(_doc, object.get(p, "Policies", null))
}

# METADATA
# title: role_grants
# description: |
#   [resource carrying a policy document, the document, a role it reaches] for a set of AWS::IAM::Role
#   ids: each role's Policies, the template managed policies of its ManagedPolicyArns, and the
#   AWS::IAM::Policy / ManagedPolicy / RolePolicy resources attached to it.
role_grants(role_ids) := ({[role, document, role] |
	some role in role_ids
	some document in cfn.role_policy_documents(_doc, role)
} | {[policy, cfn.policy_document(_doc, policy), role] |
	some role in role_ids
	some entry in cfn.managed_policy_arns(_doc, role)
	some policy in cfn.managed_policy_ids(_doc, entry)
}) | {[id, cfn.policy_document(_doc, id), role] |
	some id, resource in cfn.created(_doc)
	some role in cfn.attached_roles(_doc, resource)
	role in role_ids
}

# [resource carrying a policy document, the document, a function role it reaches]
_grants contains grant if some grant in role_grants(object.keys(_declared_roles))

# a template AWS::IAM::ManagedPolicy in a SAM function's Policies: SAM attaches it to the generated role
_grants contains [policy, cfn.policy_document(_doc, policy), id] if {
	some [id, entry] in _sam_policies
	some policy in cfn.managed_policy_ids(_doc, entry)
}

# an inline statement document in a SAM function's Policies
_grants contains [id, entry, id] if {
	some [id, written] in _sam_policies
	entry := cfn.branch(_doc, written)
	values.is_map(entry)
	"Statement" in object.keys(entry)
}

# [resource, document] → the function roles it reaches
_reached[[resource, document]] contains role if some [resource, document, role] in _grants

_reach(resource, role_ids) := {
	"resource": resource,
	"roles": sort(role_ids),
	"functions": sort({f | some role in role_ids; some f in function_roles[role]}),
}

# METADATA
# scope: document
# title: policy_statements
# description: |
#   The statements of the policy documents reaching function roles, each once with every role it
#   reaches, and of the SAM policy templates of functions without Role (expanded as aws-sam-translator does).
policy_statements contains object.union(s, _reach(resource, role_ids)) if {
	some [resource, document], role_ids in _reached
	some s in cfn.document_statements(_doc, document)
}

policy_statements contains object.union(cfn.literal_statement(s), _reach(id, {id})) if {
	some [id, written] in _sam_policies
	some s in _expanded_template(cfn.branch(_doc, written))
}

# a SAM policy template entry ({DynamoDBCrudPolicy: {TableName: …}}) as its statements
_expanded_template(entry) := statements if {
	values.is_map(entry)
	count(entry) == 1
	not "Statement" in object.keys(entry)
	some name, arguments in entry
	statements := iam.sam_policy_template(name, cfn.template_arguments(_doc, arguments))
}

# METADATA
# scope: document
# title: managed_policies
# description: |
#   The managed policies (known ARNs or names, not template resources) of function roles: a role's
#   ManagedPolicyArns, a SAM function's Policies names and ARNs.
managed_policies contains r if {
	some role, _ in _declared_roles
	some entry in cfn.managed_policy_arns(_doc, role)
	some r in cfn.managed_policy_records(_doc, role, entry, function_roles[role])
}

managed_policies contains r if {
	some [id, entry] in _sam_policies
	not _is_map_entry(entry)
	some r in cfn.managed_policy_records(_doc, id, entry, [id])
}

# an inline statement document or a SAM policy template, not a managed policy (a helper rule, so that an
# entry whose Fn::If is undecided counts as not a map)
_is_map_entry(entry) if values.is_map(cfn.branch(_doc, entry))

# METADATA
# title: not_created
# description: The resources faasguard reads whose Condition is false with the parameter defaults.
not_created contains {"resource": id, "reason": reason} if {
	some id, reason in cfn.not_created(_doc)
	_doc.Resources[id].Type in cfn.read_types
}
