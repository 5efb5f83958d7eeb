# Serverless Framework adapter, deployment records (docs/model.md, "Container images and runtime
# updates"; the package's METADATA is in serverless.rego): `image_uri_digest` of each function with an
# `image` (images the Framework builds, `image.name` or a name of `provider.ecr.images`, are deployed by
# digest), `update_runtime_on` of `provider.runtimeManagement` (on `provider`, for the functions without
# their own) and `functions.<f>.runtimeManagement`, and the repositories and registry scanning of
# `resources.Resources` (lib/deployment). The twin of src/faasguard/model/serverless_deployment.py. Uses
# `_doc`, `_provider`, `_functions` and `_resources` (storage.rego) of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.deployment
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

# `runtimeManagement` modes as Lambda's UpdateRuntimeOn (upper-cased)
_deployment_modes := {"auto": "AUTO", "onfunctionupdate": "FUNCTIONUPDATE", "manual": "MANUAL"}

function_settings contains deployment.setting(name, "function", "image_uri_digest", value, [name]) if {
	some name, fn in _functions
	fn.image != null
	value := _deployment_digest(sls.resolve(_doc, fn.image))
}

function_settings contains deployment.setting(name, "function", "update_runtime_on", mode, [name]) if {
	some name, fn in _functions
	mode := _deployment_mode(fn.runtimeManagement)
}

function_settings contains deployment.setting("provider", "function", "update_runtime_on", mode, inheriting) if {
	mode := _deployment_mode(_provider.runtimeManagement)
	inheriting := sort({name | some name, fn in _functions; values.is_unset(fn, "runtimeManagement")})
	count(inheriting) > 0
}

store_settings contains r if some r in deployment.resource_views(_resources)

# the names of provider.ecr.images: images the Framework builds and deploys by digest
_deployment_built contains name if {
	ecr := sls.resolve(_doc, _provider.ecr)
	some name, _ in sls.resolve(_doc, ecr.images)
}

_deployment_digest(image) := "true" if {
	is_object(image)
	values.is_unset(image, "uri")
	image.name != null
} else := _deployment_uri_digest(sls.resolve(_doc, image.uri)) if {
	is_object(image)
} else := _deployment_uri_digest(image)

_deployment_uri_digest(image_uri) := "true" if {
	values.is_literal(image_uri)
	image_uri in _deployment_built
} else := deployment.uri_digest([image_uri]) if values.is_literal(image_uri)

# `{mode, arn}` read after its variable is resolved (`runtimeManagement: ${self:custom.runtimeUpdates}`)
_deployment_mode(written) := _deployment_mode_text(sls.resolve(_doc, resolved.mode)) if {
	resolved := sls.resolve(_doc, written)
	values.is_map(resolved)
} else := _deployment_mode_text(sls.resolve(_doc, written))

_deployment_mode_text(text) := object.get(_deployment_modes, lower(text), upper(text)) if values.is_literal(text)
