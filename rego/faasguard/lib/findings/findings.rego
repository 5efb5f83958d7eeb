# METADATA
# title: Findings
# description: |
#   Builds rule results from the catalog (lib/metadata): severity, CSA risks, title and the
#   fix for the input's format are never written in a rule.
package faasguard.lib.findings

import data.faasguard.lib.metadata

# METADATA
# title: result
# description: |
#   The result object of rule `id` on `resource`: {id, msg, severity, sas, resource, format, functions}.
#   `problem` says what is wrong; the message adds the affected functions and the catalog's fix.
result(id, format, resource, functions, problem) := {
	"id": id,
	"msg": sprintf("%s %s: %s; %s. Fix: %s", [id, rule.title, problem, _affects(functions), fix(id, format)]),
	"severity": rule.severity,
	"sas": rule.sas,
	"resource": resource,
	"format": format,
	"functions": functions,
} if {
	rule := metadata.catalog[id]
}

_affects([]) := "no function in this document uses it"

_affects(functions) := sprintf("affects %s", [concat(", ", functions)]) if count(functions) > 0

# METADATA
# title: fix
# description: The catalog's fix of rule `id` for a format (a plan uses the terraform fix).
fix(id, format) := object.get(metadata.catalog[id].fix, _fix_key(format), metadata.catalog[id].guideline)

_fix_key("terraform_plan") := "terraform"

_fix_key(format) := format if format != "terraform_plan"

# METADATA
# title: functions_of
# description: The sorted functions of a set of view records.
functions_of(records) := sort({f | some r in records; some f in r.functions})

# METADATA
# title: join
# description: Texts sorted and comma-separated.
join(texts) := concat(", ", sort(texts))

# METADATA
# title: unauthenticated
# description: |
#   The result of rule `id` on a resource carrying API operations (model.api_operations records)
#   that can be called without authentication: their "METHOD path" in the message.
unauthenticated(id, format, resource, operations) := result(id, format, resource, functions, problem) if {
	calls := {trim_space(sprintf("%s %s", [o.method, o.path])) | some o in operations}
	problem := sprintf("%s can be called without authentication: %s", [resource, join(calls)])
	functions := functions_of(operations)
}
