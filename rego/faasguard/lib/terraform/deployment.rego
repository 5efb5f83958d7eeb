# The deployment records of lib/terraform (this package, terraform.rego; docs/model.md, "Container
# images and runtime updates"): function_settings `image_uri_digest` of image functions and
# `update_runtime_on` of aws_lambda_runtime_management_config, store_settings `scan_on_push` of ECR
# repositories and `scans_all_repositories` of aws_ecr_registry_scanning_configuration (FG_06_04,
# FG_06_05). The Python twin is src/faasguard/model/terraform_deployment.py.
#
# The adapters hand these rules the resources of deployment_resource_types, each function with
# `image_pinned` (a digest in its image_uri as written, or a reference to an image_digest; storage.rego).
package faasguard.lib.terraform

import data.faasguard.lib.deployment

# METADATA
# title: deployment_resource_types
# description: The resource types the deployment records read (functions and aliases name functions).
deployment_resource_types := {
	"aws_lambda_function", "aws_lambda_alias", "aws_lambda_runtime_management_config",
	"aws_ecr_repository", "aws_ecr_registry_scanning_configuration",
}

# METADATA
# title: deployment_views
# description: The deployment records of the normalized resources, as an object of sets.
deployment_views := {
	"function_settings": (_deployment_digests | _deployment_runtime_updates),
	"store_settings": (_deployment_scan_on_push | _deployment_registry_scanning),
}

_deployment_digests contains deployment.setting(f.address, "function", "image_uri_digest", value, [f.address]) if {
	some f in _of_type("aws_lambda_function")
	f.values.package_type == "Image"
	value := _deployment_digest(f)
}

# a digest pins the image; a known URI without one, or one built only from managed resources'
# attributes (a repository URL never holds a digest), does not; else only deployment settles it
_deployment_digest(f) := "true" if {
	f.image_pinned
} else := deployment.uri_digest([f.values.image_uri]) if {
	is_string(f.values.image_uri)
} else := "false" if {
	"image_uri" in f.unknown
	keys := object.get(f.refs, "image_uri", [])
	count(keys) > 0
	every key in keys {
		startswith(key, "aws_")
	}
}

_deployment_runtime_updates contains object.union(
	deployment.setting(r.address, "function", "update_runtime_on", upper(value), functions),
	choice,
) if {
	some r in _of_type("aws_lambda_runtime_management_config")
	not "update_runtime_on" in r.unknown
	functions := sort(_api_functions_named(r, "function_name"))
	choice_id := sprintf("%s#function_settings:function:update_runtime_on", [r.address])
	some [value, choice] in _alternatives(object.get(r.values, "update_runtime_on", deployment.default_update), choice_id)
	is_string(value)
}

_deployment_scan_on_push contains deployment.setting(r.address, "ecr_repository", "scan_on_push", value, []) if {
	some r in _of_type("aws_ecr_repository")
	not "image_scanning_configuration" in r.unknown

	# the first block decides, as in Python: a first block that leaves scan_on_push unset reads false
	blocks := _blocks(r.values, "image_scanning_configuration")
	value := _deployment_flag([object.get(b, "scan_on_push", null) | some b in blocks])
}

_deployment_flag([]) := "false"

_deployment_flag(flags) := "false" if flags[0] == null

_deployment_flag(flags) := lower(sprintf("%v", [flags[0]])) if lower(sprintf("%v", [flags[0]])) in {"true", "false"}

_deployment_registry_scanning contains deployment.setting(
	r.address, "ecr_registry", "scans_all_repositories",
	_deployment_scans_all(r), [],
) if {
	some r in _of_type("aws_ecr_registry_scanning_configuration")
	not "rule" in r.unknown
}

_deployment_scans_all(r) := "true" if {
	some rule in _blocks(r.values, "rule")
	filters := {f.filter | some f in _blocks(rule, "repository_filter")}
	deployment.scans_all(rule.scan_frequency, filters)
} else := "false"
