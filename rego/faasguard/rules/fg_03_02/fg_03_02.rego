# METADATA
# title: FG_03_02 a queue, topic, log group or file system is not encrypted at rest
# description: |
#   A topic or log group without a KMS key, a file system with Encrypted false, a queue with neither a
#   KMS key nor SSE-SQS (store_settings).
package faasguard.rules.fg_03_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_03_02"

# stores whose only encryption at rest is a KMS key
_kms_only := {"sns_topic", "log_group"}

_stores contains r if {
	some r in model.store_settings
	r.kind in (_kms_only | {"sqs_queue", "efs_file_system"})
}

_unencrypted := model.decided({r | some r in _stores; _violates(r)})

_violates(r) if {
	r.setting == "kms_key"
	r.value == "absent"
	r.kind in _kms_only
}

_violates(r) if {
	r.setting == "encrypted"
	lower(r.value) == "false"
}

# a queue is unencrypted only when it has no KMS key and SSE-SQS is switched off
_queues contains r if {
	some r in _stores
	r.kind == "sqs_queue"
}

_keyless := model.decided({r | some r in _queues; r.setting == "kms_key"; r.value == "absent"})

_without_key contains r.resource if some r in _keyless

_sse_off := model.decided({r | some r in _queues; r.setting == "sqs_managed_sse"; lower(r.value) == "false"})

_found := _unencrypted | {r | some r in _sse_off; r.resource in _without_key}

_by_resource[r.resource] contains r if some r in _found

# METADATA
# title: deny
# description: One result per store (or Serverless function creating a topic) that is not encrypted at rest.
deny contains result if {
	some resource, records in _by_resource
	kinds := concat(", ", sort({r.kind | some r in records}))
	problem := sprintf("%s (%s) is not encrypted at rest with a KMS key", [resource, kinds])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
