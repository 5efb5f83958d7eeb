# METADATA
# title: FG_06_04 a container image deployed by tag, or an ECR repository without scan on push
# description: |
#   An image function whose image URI has no digest (function_settings `image_uri_digest` false), and a
#   declared ECR repository whose `scan_on_push` is false unless a registry scanning rule of the
#   document covers every repository.
package faasguard.rules.fg_06_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_06_04"

_by_tag := model.decided({s |
	some s in model.function_settings
	s.kind == "function"
	s.setting == "image_uri_digest"
	s.value == "false"
})

_registry_scans_all if {
	some s in model.store_settings
	s.kind == "ecr_registry"
	s.setting == "scans_all_repositories"
	s.value == "true"
}

_unscanned := model.decided({s |
	some s in model.store_settings
	s.kind == "ecr_repository"
	s.setting == "scan_on_push"
	s.value == "false"
})

_functions_by_resource[s.resource] contains s if some s in _by_tag

_repositories_by_resource[s.resource] contains s if {
	not _registry_scans_all
	some s in _unscanned
}

# METADATA
# scope: document
# title: deny
# description: One result per function deployed by tag and per repository without scan on push.
deny contains result if {
	some resource, records in _functions_by_resource
	problem := sprintf("%s deploys its container image by tag, not by digest", [resource])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some resource, records in _repositories_by_resource
	problem := sprintf(
		"%s does not scan images on push (and no registry scanning rule covers every repository)",
		[resource],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
