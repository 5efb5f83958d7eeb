# METADATA
# title: AWS SAM adapter
# description: |
#   The views (docs/model.md) of a SAM template: AWS::Serverless::Function with `Globals.Function`
#   merged (lib/sam), plus the plain CloudFormation resources and the role graph of the template (SAM
#   functions' Policies and generated roles included), handled by the same code as the cloudformation
#   adapter (lib/template). Empty unless the input is
#   a SAM template.
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.format
import data.faasguard.lib.template

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

managed_policies contains r if {
	_sam
	some r in template.managed_policies
}

roles contains r if {
	_sam
	some r in template.roles
}

not_created contains r if {
	_sam
	some r in template.not_created
}
