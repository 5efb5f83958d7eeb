# The trigger views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# trigger_views over the resources of its trigger_resource_types as `views` reads them, and each
# data.aws_iam_policy_document with its block as written (`written`): a source policy needs the
# principals and conditions the normalized document leaves out.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: trigger_views
# scope: document
# description: |
#   The trigger views (event_sources, source_policies) of this input, as an object of sets keyed by
#   view name; empty for other inputs.
default trigger_views := {}

trigger_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.trigger_views with terraform.resources as _trigger_resources
}

_trigger_resources := {r | some r in _resources; r.type in terraform.trigger_resource_types} | _written_documents

# The first block of each name, as the Python loader reads it.
_written_documents contains {
	"address": concat("", [_prefix, key]),
	"type": "data.aws_iam_policy_document",
	"key": key,
	"scope": _scope,
	"values": {},
	"unknown": set(),
	"refs": {},
	"written": block,
} if {
	some name, blocks in input.data.aws_iam_policy_document
	block := [b | some b in _as_list(blocks); is_object(b)][0]
	key := sprintf("data.aws_iam_policy_document.%s", [name])
}
