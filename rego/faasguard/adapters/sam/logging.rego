# AWS SAM adapter, function logs
# As CloudFormation (SAM creates no log group for a function): function_settings `log_group` of each
# function, SAM properties merged with Globals.Function (LoggingConfig), and store_settings
# `retention_days` of the log groups functions log to (docs/model.md, "Function logs"; lib/logging).
package faasguard.adapters.sam

import data.faasguard.lib.logging
import data.faasguard.lib.template

_logging_functions := object.union(template.lambda_functions, template.sam_functions)

_logging_views := logging.resource_views(input, _logging_functions) if _sam

function_settings contains r if some r in _logging_views.function_settings

store_settings contains r if some r in _logging_views.store_settings
