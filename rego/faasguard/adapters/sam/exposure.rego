# AWS SAM adapter, exposure records
# api_settings and REST API resource policies (docs/model.md, "API exposure") of the plain CloudFormation
# resources of the template and of the declared SAM APIs (Globals merged, Auth.ResourcePolicy as the
# transform writes it) and state machines (lib/cloudformation_exposure).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_exposure as exposure

_exposure_views := exposure.resource_views(input) if _sam

_sam_exposure_views := exposure.sam_views(input) if _sam

api_settings contains r if some r in _exposure_views.api_settings

api_settings contains r if some r in _sam_exposure_views.api_settings

source_policies contains r if some r in _exposure_views.source_policies

source_policies contains r if some r in _sam_exposure_views.source_policies
