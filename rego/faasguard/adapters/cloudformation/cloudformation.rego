# METADATA
# title: CloudFormation adapter
# description: |
#   The views (docs/model.md) of a CloudFormation template: AWS::Lambda::Function, AWS::Lambda::Url and
#   the function roles with the AWS::IAM::* resources that reach them (lib/template). Empty unless the input is a
#   CloudFormation template (faasguard.lib.format).
package faasguard.adapters.cloudformation

import data.faasguard.lib.format
import data.faasguard.lib.template

_cloudformation if format.format == "cloudformation"

functions contains r if {
	_cloudformation
	some r in template.functions
}

runtimes contains r if {
	_cloudformation
	some r in template.runtimes
}

tracing contains r if {
	_cloudformation
	some r in template.tracing
}

function_urls contains r if {
	_cloudformation
	some r in template.function_urls
}

environment contains r if {
	_cloudformation
	some r in template.environment
}

policy_statements contains r if {
	_cloudformation
	some r in template.policy_statements
}

managed_policies contains r if {
	_cloudformation
	some r in template.managed_policies
}

roles contains r if {
	_cloudformation
	some r in template.roles
}

not_created contains r if {
	_cloudformation
	some r in template.not_created
}
