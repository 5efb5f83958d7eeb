# When a declared bucket is public (this package, storage.rego): FG_03_01's criteria over store_settings
# and source_policies, shared by FG_03_01 and FG_03_06. The Python twins are public_reasons and
# carried_buckets in src/faasguard/rules/sas03.py.
package faasguard.lib.storage

# canned ACLs that grant everyone (or every AWS account) access, lower-cased without dashes
_public_acls := {"publicread", "publicreadwrite", "authenticatedread"}

# METADATA
# title: public_candidates
# description: |
#   The s3_bucket records of `settings` that make a bucket public in their alternative; a rule keeps
#   those model.decided keeps.
public_candidates(settings) := {r | some r in settings; r.kind == "s3_bucket"; public_reason(r)}

# METADATA
# scope: document
# title: public_reason
# description: Why a bucket setting makes the bucket public (undefined when it does not).
public_reason(r) := sprintf("%s is false", [r.setting]) if {
	r.setting in public_access_flags
	lower(r.value) == "false"
}

public_reason(r) := sprintf("ACL %s grants access to everyone", [r.value]) if {
	r.setting == "acl"
	replace(lower(r.value), "-", "") in _public_acls
}

public_reason(r) := "static website hosting is configured" if {
	r.setting == "website"
	r.value == "true"
}

# METADATA
# title: public_entries
# description: |
#   [resource, reason, functions] of each decided public setting (`decided`, public_candidates kept by
#   model.decided) and each Allow statement of `policies` that makes a bucket declared in `settings`
#   public (principal everyone, no narrowing condition), with the functions the bucket triggers.
public_entries(decided, settings, policies) := {[r.resource, public_reason(r), r.functions] | some r in decided} | {[
	s.resource,
	_statement_reason(s),
	declared[s.target],
] |
	declared := {r.resource: r.functions | some r in settings; r.kind == "s3_bucket"; r.setting == "declared"}
	some s in policies
	declared[s.target]
	s.public
	not s.constrained
	s.effect == "Allow"
}

_statement_reason(s) := sprintf("a policy statement allows everyone %s on %s with no narrowing condition", [
	_actions(s.actions),
	s.target,
])

_actions(actions) := concat(", ", actions) if count(actions) > 0

else := "its actions"

# METADATA
# title: carried_buckets
# description: |
#   [resource, bucket] pairs: the declared buckets whose settings or policy a resource carries (a bucket
#   itself, a Terraform bucket resource's `bucket` records, a bucket policy's statement targets).
carried_buckets(settings, policies) := {[r.resource, _carried(r)] |
	some r in settings
	r.kind == "s3_bucket"
	r.setting in {"declared", "bucket"}
} | {[s.resource, s.target] | some s in policies}

_carried(r) := r.resource if r.setting == "declared"

_carried(r) := r.value if r.setting == "bucket"
