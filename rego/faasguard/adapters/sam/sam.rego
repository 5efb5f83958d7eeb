# METADATA
# title: AWS SAM adapter
# description: |
#   The views (docs/model.md) of a SAM template: AWS::Serverless::Function with `Globals.Function`
#   merged (lib/sam), plus the plain CloudFormation resources and the role graph of the template,
#   handled by the same code as the cloudformation adapter (lib/template). Empty unless the input is
#   a SAM template.
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.format
import data.faasguard.lib.template
import data.faasguard.lib.values

_sam if format.format == "sam"

functions contains r if {
	_sam
	some r in template.functions
}

functions contains cfn.function_record(input, id, p) if some id, p in template.sam_functions

runtimes contains r if {
	_sam
	some r in template.runtimes
}

runtimes contains r if {
	some id, p in template.sam_functions
	some r in cfn.runtime_records(input, id, p)
}

tracing contains r if {
	_sam
	some r in template.tracing
}

tracing contains {"resource": id, "mode": mode, "functions": [id]} if {
	some id, p in template.sam_functions
	mode := _tracing_mode(p)
}

function_urls contains r if {
	_sam
	some r in template.function_urls
}

function_urls contains {"resource": id, "auth_type": auth_type, "functions": [id]} if {
	some id, p in template.sam_functions
	values.is_map(p.FunctionUrlConfig)
	auth_type := cfn.known_string(input, p.FunctionUrlConfig.AuthType)
}

environment contains r if {
	_sam
	some r in template.environment
}

environment contains r if {
	some id, p in template.sam_functions
	some r in cfn.environment_records(input, id, p)
}

policy_statements contains r if {
	_sam
	some r in template.policy_statements
}

# inline statement documents in a function's Policies (no Role) → the function
policy_statements contains object.union(s, {"resource": id, "functions": [id]}) if {
	some [id, entry] in template.sam_policies
	values.is_map(entry)
	entry.Statement
	some s in cfn.document_statements(input, entry)
}

managed_policies contains r if {
	_sam
	some r in template.managed_policies
}

# managed policy names and ARNs in a function's Policies (no Role) → the function
managed_policies contains {"resource": id, "policy": name, "functions": [id]} if {
	some [id, entry] in template.sam_policies
	name := cfn.managed_policy_name(input, entry)
}

_tracing_mode(p) := "absent" if values.is_unset(p, "Tracing")

_tracing_mode(p) := cfn.known_string(input, p.Tracing)
