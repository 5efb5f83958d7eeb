# CloudFormation adapter, trigger views
# The trigger views (docs/model.md) of a CloudFormation template: event source mappings, bucket
# notifications, SNS subscriptions, EventBridge rules, and the resource policies of buckets, topics
# and queues (lib/cloudformation_triggers).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_triggers as triggers

_trigger_views := triggers.resource_views(input, apis.no_host) if _cloudformation

event_sources contains r if some r in _trigger_views.event_sources

source_policies contains r if some r in _trigger_views.source_policies
