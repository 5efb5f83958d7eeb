# METADATA
# title: FG_03_06 a function is deployed from a public bucket or a mutable-tag repository
# description: |
#   A `code_bucket` link (function_settings) to a declared bucket that is public by FG_03_01's criteria
#   (lib/storage public.rego), on the link's resource (the function, or Serverless `provider`); an
#   `image_repository` link to a declared ECR repository whose image_tag_mutability is MUTABLE, on the
#   repository.
package faasguard.rules.fg_03_06

import data.faasguard.lib.findings
import data.faasguard.lib.storage
import data.faasguard.model

_id := "FG_03_06"

_code_links contains r if {
	some r in model.function_settings
	r.kind == "function"
	r.setting == "code_bucket"
}

_image_links contains r if {
	some r in model.function_settings
	r.kind == "function"
	r.setting == "image_repository"
}

# --------------------------------------------------------------------------------- code buckets

_linked contains l.value if some l in _code_links

# [carrier, bucket]: the resources carrying settings or policies of a linked bucket
_carried contains [c, b] if {
	some [c, b] in storage.carried_buckets(model.store_settings, model.source_policies)
	b in _linked
}

_carriers contains c if some [c, _] in _carried

_settings contains r if {
	some r in model.store_settings
	r.resource in _carriers
}

_policies contains s if {
	some s in model.source_policies
	s.target in _linked
}

_public_entries := storage.public_entries(model.decided(storage.public_candidates(_settings)), _settings, _policies)

_problems[bucket] contains sprintf("it is public: %s", [concat("; ", sort(reasons))]) if {
	some [carrier, bucket] in _carried
	reasons := {e[1] | some e in _public_entries; e[0] == carrier}
	count(reasons) > 0
}

_label("provider") := "the deployment bucket the Framework creates"

_label(bucket) := sprintf("bucket %s", [bucket]) if bucket != "provider"

_part(bucket) := sprintf("%s (%s)", [_label(bucket), concat(", ", sort(_problems[bucket]))])

# --------------------------------------------------------------------------------- repositories

_users[l.value] contains f if {
	some l in _image_links
	some f in l.functions
}

_mutable := model.decided({r |
	some r in model.store_settings
	r.kind == "ecr_repository"
	r.setting == "image_tag_mutability"
	_users[r.resource]
	upper(r.value) == "MUTABLE"
})

# METADATA
# scope: document
# title: deny
# description: |
#   One result per resource carrying code_bucket links to a bucket with a problem, and one per mutable
#   repository that image functions are deployed from.
deny contains result if {
	some resource in {l.resource | some l in _code_links; _problems[l.value]}
	records := {l | some l in _code_links; l.resource == resource; _problems[l.value]}
	parts := [_part(b) | some b in sort({l.value | some l in records})]
	problem := sprintf(
		"%s deploys its code from %s: anyone who replaces the object changes what the next deployment ships",
		[resource, concat("; ", parts)],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some repository in {r.resource | some r in _mutable}
	problem := sprintf(
		"%s keeps mutable image tags and image functions deploy from it by tag: %s",
		[repository, "a tag re-pointed after review changes what the next deployment ships"],
	)
	result := findings.result(_id, model.format, repository, sort(_users[repository]), problem)
}
