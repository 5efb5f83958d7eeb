# CloudFormation adapter, persistence records (docs/model.md, "Function state and tenancy"):
# function_settings `snap_start`, `tenant_isolation`, `tag:<key>`, `durable_kms_key` and
# `ephemeral_storage_mb` of functions (lib/persistence).
package faasguard.adapters.cloudformation

import data.faasguard.lib.persistence
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in persistence.function_records(input, template.lambda_functions, set())
}
