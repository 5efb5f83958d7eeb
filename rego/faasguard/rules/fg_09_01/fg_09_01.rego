# METADATA
# title: FG_09_01 a service may invoke a function on behalf of any resource
# description: |
#   A Lambda permission for a service principal (`*.amazonaws.com`) without SourceArn, or for
#   `s3.amazonaws.com` without SourceAccount too (a bucket ARN names no account): the confused deputy.
package faasguard.rules.fg_09_01

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_09_01"

_s3_service := "s3.amazonaws.com"

_missing(p) := {m | some m in ["SourceArn", "SourceAccount"]; _lacks(p, m)}

_lacks(p, "SourceArn") if {
	_is_service(p.principal)
	not p.source_arn
}

_lacks(p, "SourceAccount") if {
	lower(p.principal) == _s3_service
	not p.source_account
}

_is_service(principal) if endswith(lower(principal), ".amazonaws.com")

_by_resource[p.resource] contains p if {
	some p in model.lambda_permissions
	count(_missing(p)) > 0
}

# METADATA
# title: deny
# description: One result per permission not bound to its source.
deny contains result if {
	some resource, records in _by_resource
	principals := findings.join({p.principal | some p in records})
	missing := concat(" and ", sort({m | some p in records; some m in _missing(p)}))
	problem := sprintf("%s lets %s invoke the function on behalf of any resource (no %s)", [resource, principals, missing])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
