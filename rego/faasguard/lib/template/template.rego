# METADATA
# title: CloudFormation and SAM templates
# description: |
#   The views (docs/model.md) of the plain CloudFormation resources of a template (AWS::Lambda::Function,
#   AWS::Lambda::Url, AWS::IAM::*), and the role graph every function of the template takes part in,
#   SAM functions included. Shared by the cloudformation and sam adapters, which expose these records
#   for their own format only. Built from lib/cloudformation; grouping is done by rules, once.
package faasguard.lib.template

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.format
import data.faasguard.lib.sam

_doc := input if format.format in {"cloudformation", "sam"}

# METADATA
# title: lambda_functions
# description: The AWS::Lambda::Function resources, as logical id → Properties.
lambda_functions[id] := cfn.properties(r) if some id, r in cfn.resources_of_type(_doc, "AWS::Lambda::Function")

# METADATA
# title: sam_functions
# description: In a SAM template, the AWS::Serverless::Function resources, as logical id → merged Properties.
sam_functions := sam.functions(_doc) if format.format == "sam"

# METADATA
# title: sam_policies
# description: |
#   [function id, entry]: the `Policies` entries of SAM functions without `Role` (SAM ignores them
#   when a function has a Role), as written.
sam_policies contains [id, entry] if {
	some id, p in sam_functions
	cfn.without_role(_doc, p)
	some entry in cfn.entries(_doc, object.get(p, "Policies", null))
}

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

# [function id, target]: the AWS::IAM::Role a function uses (`Role`), or an AWS::IAM::ManagedPolicy
# a SAM function attaches through `Policies` (the role SAM generates carries it)
_links contains [id, role] if {
	some id, p in _function_properties
	some role in cfn.role_ids(_doc, p)
}

_links contains [id, policy] if {
	some [id, entry] in sam_policies
	some policy in cfn.managed_policy_ids(_doc, entry)
}

# every function of the template (logical ids are unique): id → properties
_function_properties[id] := p if some id, p in lambda_functions

_function_properties[id] := p if some id, p in sam_functions

# target → sorted ids of the functions that use it
_users[target] := sort(functions) if some target, functions in _functions_of_target

_functions_of_target[target] contains f if some [f, target] in _links

# [resource carrying the statements, policy document, target through which functions use it]
_sources contains [role, document, role] if {
	some role, _ in _users
	some document in cfn.role_policy_documents(_doc, role)
}

_sources contains [policy, cfn.policy_document(_doc, policy), role] if {
	some role, _ in _users
	some entry in cfn.managed_policy_arns(_doc, role)
	some policy in cfn.managed_policy_ids(_doc, entry)
}

_sources contains [policy, cfn.policy_document(_doc, policy), policy] if {
	some policy, _ in _users
	_doc.Resources[policy].Type == "AWS::IAM::ManagedPolicy"
}

_sources contains [id, cfn.policy_document(_doc, id), role] if {
	some id, resource in cfn.created(_doc)
	some role in cfn.attached_roles(_doc, resource)
	_users[role]
}

# [resource, policy document] → sorted ids of the functions whose role uses it
_source_functions[source] := sort(functions) if some source, functions in _functions_of_source

_functions_of_source[[resource, document]] contains f if {
	some [resource, document, target] in _sources
	some f in _users[target]
}

# METADATA
# title: policy_statements
# description: The statements of the policies of the roles the template's functions use.
policy_statements contains object.union(s, {"resource": resource, "functions": functions}) if {
	some [resource, document], functions in _source_functions
	some s in cfn.document_statements(_doc, document)
}

# METADATA
# title: managed_policies
# description: The managed policies (known ARNs, not template resources) of the roles functions use.
managed_policies contains r if {
	some role, functions in _users
	some entry in cfn.managed_policy_arns(_doc, role)
	some r in cfn.managed_policy_records(_doc, role, entry, functions)
}

# METADATA
# title: not_created
# description: The resources faasguard reads whose Condition is false with the parameter defaults.
not_created contains {"resource": id, "reason": reason} if {
	some id, reason in cfn.not_created(_doc)
	_doc.Resources[id].Type in cfn.read_types
}
