# METADATA
# title: FG_06_03 layers of accounts that are not allowed, or public layer permissions
# description: |
#   A layer of an account outside the document, the deploying account and the setting layer_accounts
#   (on the resource listing it: function, Serverless provider or function key), and a layer version
#   permission granting principal `*` without an organization id (on the permission).
package faasguard.rules.fg_06_03

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_06_03"

# METADATA
# title: layer_account
# description: The account of a `layer` setting that is an ARN (undefined for document and own_account).
layer_account(value) := split(value, ":")[4]

_foreign := model.decided({s |
	some s in model.function_settings
	s.setting == "layer"
	not layer_account(s.value) in config.layer_accounts
	layer_account(s.value)
})

_open_to_all contains s.resource if {
	some s in model.function_settings
	s.setting == "layer_organization_id"
	s.value == "absent"
}

_public := model.decided({s |
	some s in model.function_settings
	s.setting == "layer_principal"
	s.value == "*"
	s.resource in _open_to_all
})

_foreign_by_resource[s.resource] contains s if some s in _foreign

# METADATA
# title: deny
# scope: document
# description: One result per resource listing layers of other accounts, and per public permission.
deny contains result if {
	some resource, records in _foreign_by_resource
	layers := {sprintf("%s (account %s)", [s.value, layer_account(s.value)]) | some s in records}
	problem := sprintf("layers of accounts that are not allowed: %s", [findings.join(layers)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some s in _public
	problem := sprintf(
		"layer version permission %s grants every AWS account (principal * without an organization id)",
		[s.resource],
	)
	result := findings.result(_id, model.format, s.resource, [], problem)
}
