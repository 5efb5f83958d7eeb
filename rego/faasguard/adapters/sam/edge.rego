# AWS SAM adapter, edge records
# api_settings of REST API stages (endpoint_type, waf), custom domains (tls_policy) and REST API
# definitions (openapi_scheme) (docs/model.md, "Edge settings") of the plain CloudFormation resources and
# of the SAM APIs: declared Apis with Globals merged, and the implicit ServerlessRestApi at the functions
# whose events create it (api_operations names them) (lib/edge).
package faasguard.adapters.sam

import data.faasguard.lib.edge

_edge_views := edge.resource_views(input) if _sam

_edge_sam_views := edge.sam_views(input, api_operations) if _sam

api_settings contains r if some r in _edge_views.api_settings

api_settings contains r if some r in _edge_sam_views.api_settings
