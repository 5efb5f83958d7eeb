# Serverless Framework adapter, edge records (the package's METADATA is in serverless.rego), on `provider`
# (docs/model.md, "Edge settings"): when some function has `http` events, the stage's endpoint_type
# (provider.endpointType, EDGE when unset; unknown with provider.apiGateway.restApiId) and waf
# (serverless-associate-waf's custom.associateWaf with a name or arn, or a resources.Resources association
# naming ApiGatewayRestApi; else absent); the tls_policy of each serverless-domain-manager domain (the
# plugin's default TLS_1_2); and the records of `resources.Resources` read as in a template (lib/edge).
# The twin of src/faasguard/model/serverless_edge.py. Uses `_doc`, `_custom`, `_domain_configs`,
# `_api_event_keys`, `_sls_members` (exposure.rego) and `_functions` of serverless.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.edge
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

api_settings contains r if {
	"http" in _api_event_keys
	not _edge_external_api
	written := object.get(_doc, ["provider", "endpointType"], null)
	some r in exposure.records("provider", "stage", "endpoint_type", _sls_members(written, edge.public_default, "upper"))
}

api_settings contains _edge_waf(waf) if {
	"http" in _api_event_keys
	some waf in _edge_wafs
}

api_settings contains _edge_waf("absent") if {
	"http" in _api_event_keys
	count(_edge_wafs) == 0
}

api_settings contains r if {
	some config in _domain_configs
	members := _sls_members(object.get(config, "securityPolicy", null), "TLS_1_2", "upper")
	some r in exposure.records("provider", "domain_name", "tls_policy", members)
}

api_settings contains r if some r in _edge_embedded.api_settings

# the REST API of another stack: its endpoint type is not in this file
_edge_external_api if sls.resolve(_doc, object.get(_doc, ["provider", "apiGateway", "restApiId"], null)) != null

_edge_waf(value) := {"resource": "provider", "kind": "stage", "setting": "waf", "value": value, "functions": []}

_edge_wafs contains "custom.associateWaf" if {
	plugin := sls.resolve(_doc, object.get(_custom, "associateWaf", null))
	apis.is_map(plugin)
	some key in ["name", "arn"]
	object.get(plugin, key, null) != null
}

_edge_wafs contains id if {
	some id, association in cfn.resources_of_type(_edge_resources, edge.association_type)
	[api, _] := edge.stage_target(_edge_resources, object.get(cfn.properties(association), "ResourceArn", null))
	split(api, ".")[0] == "ApiGatewayRestApi"
}

_edge_resources := resources if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}

_edge_embedded := edge.resource_views(_edge_resources)
