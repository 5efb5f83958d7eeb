# AWS SAM adapter, trigger views
# The trigger views (docs/model.md) of a SAM template: the Events of functions that are triggers
# (S3, SNS, SQS, Kinesis, DynamoDB, EventBridgeRule, CloudWatchEvent), plus the plain CloudFormation
# resources of the template (lib/cloudformation_triggers).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_triggers as triggers
import data.faasguard.lib.template

_trigger_views := triggers.resource_views(input, apis.no_host) if _sam

_sam_trigger_views := triggers.sam_views(input, template.sam_functions) if _sam

event_sources contains r if some r in _trigger_views.event_sources

event_sources contains r if some r in _sam_trigger_views.event_sources

source_policies contains r if some r in _trigger_views.source_policies
