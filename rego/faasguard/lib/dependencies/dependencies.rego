# METADATA
# title: Dependency manifests
# description: |
#   The function_settings records of the input field `faasguard_dependencies` (docs/model.md,
#   "Dependency manifests"), which the faasguard loader writes after reading the manifests of the code
#   folders functions deploy from. The same for every format; an input without the field (a bare
#   `opa eval` or conftest) has none. The twin of src/faasguard/model/cloudformation_dependencies.py.
package faasguard.lib.dependencies

# METADATA
# title: function_settings
# description: |
#   {resource, kind, setting, value, functions} of a document: `dependency_manifest` (a manifest read
#   in a code folder) and `dependency_problem` ("<manifest>: <what is not locked or pinned>").
function_settings(document) := _manifest_records(document) | _problem_records(document)

_manifest_records(document) := {_record(entry, "dependency_manifest", manifest.file) |
	some entry in _entries(document)
	some manifest in _manifests(entry)
}

_problem_records(document) := {_record(entry, "dependency_problem", sprintf("%s: %s", [manifest.file, problem])) |
	some entry in _entries(document)
	some manifest in _manifests(entry)
	some problem in object.get(manifest, "problems", [])
}

_record(entry, setting, value) := {
	"resource": entry.resource,
	"kind": "function",
	"setting": setting,
	"value": value,
	"functions": [f | some f in object.get(entry, "functions", []); is_string(f)],
}

_entries(document) := [entry |
	some entry in object.get(document, "faasguard_dependencies", [])
	is_string(entry.resource)
]

_manifests(entry) := [manifest |
	some manifest in object.get(entry, "manifests", [])
	is_string(manifest.file)
]
