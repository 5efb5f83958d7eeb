# CloudFormation adapter, edge records
# api_settings of REST API stages (endpoint_type, waf), custom domains (tls_policy) and REST API
# definitions (openapi_scheme) (docs/model.md, "Edge settings"; lib/edge).
package faasguard.adapters.cloudformation

import data.faasguard.lib.edge

_edge_views := edge.resource_views(input) if _cloudformation

api_settings contains r if some r in _edge_views.api_settings
