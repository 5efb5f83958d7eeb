# METADATA
# title: FG_03_01 a bucket the document declares is public
# description: |
#   A bucket setting that makes it public (a public access block flag false, a public canned ACL, a
#   website configuration) on the resource that carries it, and a bucket policy statement that allows
#   everyone with no narrowing condition on the policy resource (source_policies); the criteria are
#   lib/storage's (public.rego), which FG_03_06 shares.
package faasguard.rules.fg_03_01

import data.faasguard.lib.findings
import data.faasguard.lib.storage
import data.faasguard.model

_id := "FG_03_01"

_public := model.decided(storage.public_candidates(model.store_settings))

# resource → [reason, functions] entries
_entries[resource] contains [reason, functions] if {
	some [resource, reason, functions] in storage.public_entries(_public, model.store_settings, model.source_policies)
}

# METADATA
# title: deny
# description: One result per resource carrying a setting or statement that makes a bucket public.
deny contains result if {
	some resource, entries in _entries
	reasons := concat("; ", sort({reason | some [reason, _] in entries}))
	functions := sort({f | some [_, fns] in entries; some f in fns})
	problem := sprintf("%s makes a bucket public: %s", [resource, reasons])
	result := findings.result(_id, model.format, resource, functions, problem)
}
