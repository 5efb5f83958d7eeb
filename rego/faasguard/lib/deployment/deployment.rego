# METADATA
# title: Deployment records
# description: |
#   Container images, ECR scanning and runtime updates (docs/model.md, "Container images and runtime
#   updates"; FG_06_04, FG_06_05): function_settings `image_uri_digest` and `update_runtime_on` of
#   CloudFormation and SAM functions, store_settings `scan_on_push` of ECR repositories and
#   `scans_all_repositories` of registry scanning configurations (read by the cloudformation, sam and
#   serverless adapters), and what every format's reading shares. The Python twins are
#   src/faasguard/model/deployment.py and cloudformation_deployment.py.
package faasguard.lib.deployment

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_exposure as exposure

# METADATA
# title: default_update
# description: Lambda's runtime update mode when none is set (modes are upper-cased).
default_update := "AUTO"

# registry scanning frequencies that scan an image when it is pushed (continuous scanning does too)
_scanning_on_push := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

# the intrinsics an image URI may be assembled with that cannot bring a digest in by themselves
_assembling := {"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join"}

# METADATA
# title: setting
# description: A settings-view record.
setting(resource, kind, name, value, functions) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": functions,
}

# METADATA
# title: scans_all
# description: A registry scanning rule that scans every repository on push (a wildcard filter `*`).
scans_all(frequency, filters) if {
	upper(frequency) in _scanning_on_push
	"*" in filters
}

# METADATA
# title: uri_digest
# description: '"true" when one of an image URI''s strings holds a digest (`…@sha256:…`), else "false".'
uri_digest(texts) := "true" if {
	some t in texts
	contains(t, "@")
} else := "false"

# METADATA
# title: function_records
# description: |
#   The function_settings records of the functions given as logical id → (effective) Properties;
#   `sam` the ids of those that are AWS::Serverless::Function (ImageUri).
function_records(doc, functions, sam) := {r |
	some id, props in functions
	some r in (_image_records(doc, id, props, id in sam) | _runtime_records(doc, id, props))
}

_image_records(doc, id, props, is_sam) := {setting(id, "function", "image_uri_digest", value, [id]) |
	written := _image_uri(props, is_sam)
	_is_image(doc, props, is_sam, written)
	value := image_digest(doc, written)
}

_image_uri(props, true) := object.get(props, "ImageUri", null)

_image_uri(props, false) := object.get(props.Code, "ImageUri", null) if is_object(props.Code)

else := null

_is_image(doc, props, _, _) if cfn.known_string(doc, object.get(props, "PackageType", null)) == "Image"

_is_image(_, _, true, written) if written != null

_runtime_records(doc, id, props) := _records(
	"function_settings", setting(id, "function", "update_runtime_on", null, [id]),
	exposure.members(doc, props, ["RuntimeManagementConfig", "UpdateRuntimeOn"], default_update, "upper"),
) if {
	props.RuntimeManagementConfig != null
} else := set()

# the records of a setting's alternatives (fields: the record without its value), choices as in Python
_records(view, fields, members) := cfn.choice_records(
	fields, "value",
	sprintf("%s#%s:%s:%s", [fields.resource, view, fields.kind, fields.setting]),
	members,
)

# METADATA
# title: image_digest
# description: |
#   "true" when a digest pins an image URI (`@` in one of its strings), "false" for a known URI without
#   one or one assembled from resource attributes and literals; undefined when only deployment settles
#   it (a parameter without default, an import, an unsettled condition).
image_digest(doc, written) := "true" if {
	settled := cfn.branch(doc, written)
	_has_digest(doc, settled)
} else := "false" if {
	is_string(cfn.known_string(doc, cfn.branch(doc, written)))
} else := "false" if {
	settled := cfn.branch(doc, written)
	settled != null
	not _foreign(doc, settled)
}

_has_digest(_, settled) if {
	walk(settled, [_, leaf])
	is_string(leaf)
	contains(leaf, "@")
}

_has_digest(doc, settled) if contains(cfn.known_string(doc, settled), "@")

# a part only deployment settles: another intrinsic, or a parameter
_foreign(_, value) if {
	walk(value, [_, node])
	is_object(node)
	not _assembling_call(node)
}

_foreign(doc, value) if {
	walk(value, [_, leaf])
	is_string(leaf)
	some name in _names(leaf)
	is_object(doc.Parameters[name])
}

_assembling_call(node) if {
	count(node) == 1
	some key, _ in node
	key in _assembling
}

# the logical ids a string may name: a whole `R` / `R.Attr` and every `${R}` / `${R.Attr}`
_names(text) := {m[1] |
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$`, text, 1)
} | {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}`, text, -1)
}

# METADATA
# title: resource_views
# description: |
#   The store_settings records of the ECR repositories and registry scanning configurations of a
#   template (or any object with a `Resources` map).
resource_views(doc) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::ECR::Repository")
	some r in _records(
		"store_settings", setting(id, "ecr_repository", "scan_on_push", null, []),
		exposure.members(doc, cfn.properties(resource), ["ImageScanningConfiguration", "ScanOnPush"], "false", "flag"),
	)
} | {setting(id, "ecr_registry", "scans_all_repositories", value, []) |
	some id, resource in cfn.resources_of_type(doc, "AWS::ECR::RegistryScanningConfiguration")
	value := _registry_scans_all(doc, object.get(cfn.properties(resource), "Rules", null))
}

_registry_scans_all(doc, written) := "true" if {
	some rule in _rules(doc, written)
	_rule_scans_all(doc, rule)
} else := "false" if {
	rules := _rules(doc, written)
	every rule in rules {
		is_object(rule)
	}
}

_rules(doc, written) := [] if cfn.branch(doc, written) == null

_rules(doc, written) := rules if {
	rules := cfn.branch(doc, written)
	is_array(rules)
}

_rule_scans_all(doc, rule) if {
	is_object(rule)
	filters := {cfn.known_string(doc, f.Filter) | some f in cfn.entries(doc, object.get(rule, "RepositoryFilters", null))}
	scans_all(cfn.known_string(doc, object.get(rule, "ScanFrequency", null)), filters)
}
