# CloudFormation adapter, function logs
# function_settings `log_group` of each function and store_settings `retention_days` of the log groups
# functions log to (docs/model.md, "Function logs"; lib/logging).
package faasguard.adapters.cloudformation

import data.faasguard.lib.logging
import data.faasguard.lib.template

_logging_views := logging.resource_views(input, template.lambda_functions) if _cloudformation

function_settings contains r if some r in _logging_views.function_settings

store_settings contains r if some r in _logging_views.store_settings
