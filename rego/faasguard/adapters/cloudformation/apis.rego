# CloudFormation adapter, API views
# The API views (docs/model.md) of a CloudFormation template: API Gateway methods, routes, OpenAPI
# bodies and authorizers, Lambda permissions and Cognito (lib/cloudformation_apis).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_apis as apis

_api_views := apis.resource_views(input, apis.no_host) if _cloudformation

api_operations contains r if some r in _api_views.api_operations

lambda_permissions contains r if some r in _api_views.lambda_permissions

authorizers contains r if some r in _api_views.authorizers

cognito contains r if some r in _api_views.cognito
