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

tracing contains r if {
	some id, p in template.sam_functions
	some r in cfn.tracing_records(input, id, p, ["Tracing"])
}

function_urls contains r if {
	_sam
	some r in template.function_urls
}

function_urls contains r if {
	some id, p in template.sam_functions
	some r in cfn.sam_url_records(input, id, p)
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
	some [id, written] in template.sam_policies
	entry := cfn.branch(input, written)
	values.is_map(entry)
	entry.Statement
	some s in cfn.document_statements(input, entry)
}

managed_policies contains r if {
	_sam
	some r in template.managed_policies
}

# managed policy names and ARNs in a function's Policies (no Role) → the function
managed_policies contains r if {
	some [id, entry] in template.sam_policies
	not _is_map_entry(entry)
	some r in cfn.managed_policy_records(input, id, entry, [id])
}

# an inline statement document or a SAM policy template, not a managed policy (a helper rule, so that an
# entry whose Fn::If is undecided counts as not a map)
_is_map_entry(entry) if values.is_map(cfn.branch(input, entry))

not_created contains r if {
	_sam
	some r in template.not_created
}
