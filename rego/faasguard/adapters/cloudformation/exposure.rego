# CloudFormation adapter, exposure records
# api_settings (default_endpoint, custom_domain, data_trace, state machine logging) and the resource
# policies of REST APIs in source_policies (docs/model.md, "API exposure"; lib/cloudformation_exposure).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_exposure as exposure

_exposure_views := exposure.resource_views(input) if _cloudformation

api_settings contains r if some r in _exposure_views.api_settings

source_policies contains r if some r in _exposure_views.source_policies
