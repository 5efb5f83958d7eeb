# Serverless Framework adapter, trigger views (the package's METADATA is in serverless.rego):
# event_sources from the `s3`, `sns`, `sqs`, `stream` and `eventBridge` events of each function
# (lib/serverless_triggers reads them as the Framework compiles them); the twin of
# src/faasguard/model/serverless_triggers.py; and the trigger views of `resources.Resources`
# (lib/cloudformation_triggers). Uses `_doc` and `_functions` of serverless.rego, `_lambda_logical_id` of apis.rego.
# Empty unless the input is a Serverless document.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_triggers as cfn_triggers
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.serverless_triggers as triggers

_declared_sources := triggers.declared_ids(_doc)

# METADATA
# title: event_sources
# scope: document
# description: |
#   {resource, kind, source, functions}: one per trigger event of a function (resource the function
#   key); source the logical id of the bucket, topic, queue or stream when the service declares it.
event_sources contains {"resource": name, "kind": kind, "source": source, "functions": [name]} if {
	some name, fn in _functions
	some [key, value] in triggers.events(_doc, fn)
	[kind, source] := triggers.record(_doc, key, value, _declared_sources)
}

event_sources contains record if some record in _embedded_triggers.event_sources

# METADATA
# title: source_policies
# scope: document
# description: |
#   {resource, target, effect, actions, public, constrained}: the bucket, topic and queue policies and
#   bucket ACLs of `resources.Resources`, read as in a template (lib/cloudformation_triggers).
source_policies contains record if some record in _embedded_triggers.source_policies

# the trigger views of the CloudFormation resources the service embeds: the functions' generated
# logical ids name the service's functions
_embedded_triggers := cfn_triggers.resource_views(resources, {
	"functions": {_lambda_logical_id(name): name | some name, _ in _functions},
	"attached": [],
}) if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}
