# Serverless Framework adapter, API views (the package's METADATA is in serverless.rego):
# api_operations and authorizers from the `http`, `httpApi` and `websocket` events of each function
# and `provider.httpApi.authorizers` (lib/serverless_apis reads them as the Framework compiles them),
# and every view of the CloudFormation resources of `resources.Resources` (lib/cloudformation_apis);
# the twin of src/faasguard/model/serverless_apis.py. Uses `_doc`, `_provider` and `_functions` of
# serverless.rego. Empty unless the input is a Serverless document.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.values

# the logical ids the Framework gives the APIs it creates
_api_ids := {"http": "ApiGatewayRestApi", "httpApi": "HttpApi", "websocket": "WebsocketsApi"}

# {function, kind, value}: each API event of a function, its value resolved (or apis.unknown)
_api_events contains {"function": name, "kind": kind, "value": event} if {
	some name, fn in _functions
	events := apis.setting(_doc, fn, "events")
	is_array(events)
	some raw in events
	entry := apis.value(_doc, raw)
	apis.is_map(entry)
	some kind, _ in _api_ids
	event := apis.setting(_doc, entry, kind)
	not apis.falsy(event)
}

# an events list or entry only deployment settles: it may be any event
_api_events_unsettled if {
	some fn in _functions
	apis.unsettled(apis.setting(_doc, fn, "events"))
}

_api_events_unsettled if {
	some fn in _functions
	events := apis.setting(_doc, fn, "events")
	is_array(events)
	some raw in events
	apis.unsettled(apis.value(_doc, raw))
}

_api_authorizer(event) := apis.setting(_doc, event.value, "authorizer")

# METADATA
# title: api_operations
# scope: document
# description: |
#   {resource, api, kind, method, path, authorization, api_key_required, functions}: one per API event
#   (resource the function key); none when the route or the authorization is unsettled.
api_operations contains record if {
	some event in _api_events
	event.kind == "http"
	route := apis.rest_route(_doc, event.value)
	[authorizations, _] := apis.rest_authorization(_doc, _api_authorizer(event))
	private := apis.setting(_doc, event.value, "private") == true
	some record in apis.operation_records(event.function, _api_ids.http, "rest", route, authorizations, private)
}

api_operations contains record if {
	some event in _api_events
	event.kind == "httpApi"
	route := apis.http_api_route(_doc, event.value)
	authorization := apis.http_api_authorization(_doc, _api_authorizer(event), _declared_authorizers)
	some record in apis.operation_records(event.function, _api_ids.httpApi, "http", route, [authorization], false)
}

api_operations contains record if {
	some event in _api_events
	event.kind == "websocket"
	route := apis.websocket_route(_doc, event.value)
	authorization := apis.websocket_authorization(_api_authorizer(event))
	some record in apis.operation_records(
		event.function, _api_ids.websocket, "websocket", ["", route],
		[authorization], false,
	)
}

api_operations contains record if some record in _embedded.api_operations

_declared_authorizers := apis.declared_authorizers(_doc, _provider)

# METADATA
# title: authorizers
# scope: document
# description: |
#   {resource, name, kind, attached, jwt_issuer, jwt_audiences}: the authorizer an `http` or
#   `websocket` event declares (on the function, attached by definition), and each
#   `provider.httpApi.authorizers.<name>` (on `provider`, attached when an httpApi event names it).
authorizers contains _declared_by_event(event, authorizer, kind) if {
	some event in _api_events
	event.kind == "http"
	authorizer := _api_authorizer(event)
	[_, kind] := apis.rest_authorization(_doc, authorizer)
	kind != ""
}

authorizers contains _declared_by_event(event, authorizer, "REQUEST") if {
	some event in _api_events
	event.kind == "websocket"
	authorizer := _api_authorizer(event)
	apis.websocket_authorization(authorizer) == "CUSTOM"
	not apis.unsettled(authorizer)
}

authorizers contains record if {
	apis.is_map(_declared_authorizers)
	some name, written in _declared_authorizers
	config := apis.value(_doc, written)
	apis.is_map(config)
	attached := _attached(name)
	record := apis.declared_authorizer(_doc, name, config, attached)
}

authorizers contains record if some record in _embedded.authorizers

# an authorizer an event declares is attached by definition
_declared_by_event(event, authorizer, kind) := apis.authorizer_record(
	event.function,
	apis.authorizer_name(_doc, authorizer), kind, true, "", [],
)

# undefined when an event the files do not settle may name it
_attached(name) if {
	name in _http_api_references
} else := false if {
	not _http_api_references_unsettled
}

_http_api_references contains name if {
	some event in _api_events
	event.kind == "httpApi"
	name := apis.http_api_reference(_doc, _api_authorizer(event))
	is_string(name)
}

_http_api_references_unsettled if _api_events_unsettled

_http_api_references_unsettled if {
	some event in _api_events
	event.kind == "httpApi"
	event.value == apis.unknown
}

_http_api_references_unsettled if {
	some event in _api_events
	event.kind == "httpApi"
	apis.http_api_reference(_doc, _api_authorizer(event)) == apis.unknown
}

# ---- resources.Resources ------------------------------------------------------------------------

# the views of the CloudFormation resources the service embeds, read as in a template: the functions'
# generated logical ids name the service's functions, and an authorizer an event names by
# `authorizerId` / `id` is attached
_embedded := cfn_apis.resource_views(resources, {
	"functions": {_lambda_logical_id(name): name | some name, _ in _functions},
	"attached": sort(_attached_ids),
}) if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}

# the logical id the Framework gives a function (naming.js getLambdaLogicalId)
_lambda_logical_id(name) := concat("", [first, rest, "LambdaFunction"]) if {
	normalized := replace(replace(name, "-", "Dash"), "_", "Underscore")
	first := upper(substring(normalized, 0, 1))
	rest := substring(normalized, 1, -1)
}

_attached_ids contains split(target, ".")[0] if {
	some event in _api_events
	key := {"http": "authorizerId", "httpApi": "id"}[event.kind]
	target := _reference_target(apis.setting(_doc, _api_authorizer(event), key))
	is_string(target)
}

# `!Ref X`, `!GetAtt X.Arn` (a string or a list) or a plain string
_reference_target(given) := _first(object.get(given, "Ref", object.get(given, "Fn::GetAtt", null))) if {
	values.is_intrinsic(given)
} else := _first(given)

_first(v) := v[0] if {
	is_array(v)
	count(v) > 0
} else := v

# METADATA
# title: lambda_permissions
# description: |
#   {resource, principal, constrained, function_url_auth_type, functions}: the AWS::Lambda::Permission
#   resources of `resources.Resources`.
lambda_permissions contains record if some record in _embedded.lambda_permissions

# METADATA
# title: cognito
# description: "{resource, kind, setting, value}: the Cognito resources of `resources.Resources`."
cognito contains record if some record in _embedded.cognito
