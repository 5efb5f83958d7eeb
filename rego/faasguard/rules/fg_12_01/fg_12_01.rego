# METADATA
# title: FG_12_01 EFS mounted into a function is open (root, whole file system, no encryption, TLS or IAM)
# description: |
#   An access point some function mounts without a non-root POSIX user or its own root directory; a
#   file system it reaches that is not encrypted, or whose policy (none, or one that does not deny
#   non-TLS mounts or lets anyone mount unconditioned) does not require TLS and IAM (store_settings).
package faasguard.rules.fg_12_01

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_12_01"

# setting → offending value → what it means, where the fix goes (a value not listed does not offend)
_problems := {
	"efs_posix_uid": {
		"absent": "sets no POSIX user, so each client's own (possibly root) identity is used",
		"0": "makes every client root (POSIX uid 0)",
	},
	"efs_root_directory": {
		"absent": "exposes the whole file system (no root directory, so /)",
		"/": "exposes the whole file system (root directory /)",
	},
	"efs_encrypted": {"false": "is not encrypted at rest (Encrypted false or unset)"},
	"efs_tls_enforced": {
		"absent": concat(" ", [
			"has no file-system policy, so any client that reaches a mount target may mount it",
			"without IAM authorization and without TLS",
		]),
		"false": "does not deny mounting without TLS (a Deny when aws:SecureTransport is false)",
	},
	"efs_iam_required": {"false": "lets anyone mount without IAM authorization (an Allow to * without a condition)"},
}

_problem(r) := _problems[r.setting][lower(r.value)] if r.setting == "efs_encrypted"

else := _problems[r.setting][r.value]

_offending := model.decided({r |
	some r in model.store_settings
	_problem(r)
})

_by_resource[r.resource] contains r if some r in _offending

# METADATA
# title: deny
# description: One result per access point, file system or file-system policy to fix.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s %s", [resource, concat("; ", sort({_problem(r) | some r in records}))])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
