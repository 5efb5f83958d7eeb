# The identity_pool_statements view of a SAM template (lib/template, identity_pools.rego).
package faasguard.adapters.sam

import data.faasguard.lib.template

# METADATA
# title: identity_pool_statements
# description: Statements of the roles Cognito identity pools give their users (docs/model.md).
identity_pool_statements contains r if {
	_sam
	some r in template.identity_pool_statements
}
