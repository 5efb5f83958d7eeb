# AWS SAM adapter, API views
# The API views (docs/model.md) of a SAM template: what the transform generates from
# AWS::Serverless::Api / HttpApi and the Api / HttpApi events of functions, plus the plain
# CloudFormation resources of the template (lib/cloudformation_apis).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.template

_api_views := apis.resource_views(input, apis.no_host) if _sam

_sam_api_views := apis.sam_views(input, template.sam_functions) if _sam

api_operations contains r if some r in _api_views.api_operations

api_operations contains r if some r in _sam_api_views.api_operations

lambda_permissions contains r if some r in _api_views.lambda_permissions

authorizers contains r if some r in _api_views.authorizers

authorizers contains r if some r in _sam_api_views.authorizers

cognito contains r if some r in _api_views.cognito
