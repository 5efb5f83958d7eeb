# Serverless Framework adapter, usage records (docs/model.md, "Usage"; the package's METADATA is in
# serverless.rego): `invoked_by` of each function key (its `events`, its `url`, the resources and
# Outputs of `resources` naming its logical id, `stepFunctions` naming it by key or logical id, any other
# setting naming its logical id; `provider.iam` and `iamRoleStatements` invoke nothing), `referenced_by`
# of the roles of `resources.Resources`, `concurrency_disabled` of `reservedConcurrency`, and the
# retention policies of `resources.extensions.<F>LambdaFunction` (else `resources.Resources.<F>…`). The
# twin of src/faasguard/model/serverless_usage.py. Uses `_doc`, `_functions`, `_resources` and
# `_lambda_logical_id` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.usage

_usage_logical[_lambda_logical_id(name)] := name if some name, _ in _functions

_usage_types := object.union_n([
	usage.types(_resources, _usage_logical),
	{"provider": usage.serverless_provider},
	{name: usage.serverless_function | some name, _ in _functions},
])

function_settings contains r if {
	some r in usage.records(
		_usage_types, usage.triples(_resources, _usage_logical) | _usage_outside,
		object.keys(_functions),
		{id | some id, r in _usage_created; r.Type == "AWS::IAM::Role"},
		{name: _usage_own_paths(fn) | some name, fn in _functions}, _usage_unsettled,
	)
}

function_settings contains r if {
	some name, fn in _functions
	fn.reservedConcurrency != null
	value := usage.concurrency_disabled(sls.resolve(_doc, fn.reservedConcurrency))
	r := {"resource": name, "kind": "function", "setting": "concurrency_disabled", "value": value, "functions": [name]}
}

function_settings contains r if {
	some name, _ in _functions
	written := {attribute: sls.resolve(_doc, policy) |
		some attribute, _ in usage.retention_attributes
		policy := _usage_policy(_lambda_logical_id(name), attribute)
	}
	some r in usage.function_records(_resources, name, {}, written)
}

_usage_own_paths(fn) := {"events" | _usage_has_events(fn)} | {"url" | _usage_has_url(fn)}

_usage_has_events(fn) if {
	events := sls.resolve(_doc, fn.events)
	is_array(events)
	count(events) > 0
}

# a url only deployment settles is set too
_usage_has_url(fn) if {
	fn.url != null
	not _usage_resolves_to(fn.url, false)
	not _usage_resolves_to(fn.url, null)
}

_usage_resolves_to(value, resolved) if sls.resolve(_doc, value) == resolved

_usage_unsettled := object.union(
	{"*": true | usage.unsettled(_resources)},
	{name: true | some name, fn in _functions; fn.events != null; not _usage_resolves(fn.events)},
)

_usage_resolves(value) if sls.resolve(_doc, value)

_usage_resolves(value) if sls.resolve(_doc, value) == false

# the names the sections outside `resources` hold: [function key / provider / section, setting, target]
_usage_outside contains [owner, attribute, target] if {
	some section, value in _doc
	section != "resources"
	some [owner, body] in _usage_owners(section, value)
	is_object(body)
	some attribute, setting in body
	some name in usage.names(setting)
	target := _usage_target(section, name)
}

_usage_owners("functions", _) := [[name, fn] | some name, fn in _functions]

_usage_owners("provider", value) := [["provider", value]]

_usage_owners(section, value) := [[section, {"": value}]] if not section in {"functions", "provider"}

_usage_target(_, name) := _usage_logical[name]

_usage_target(section, name) := name if {
	not _usage_logical[name]
	_usage_declared(section, name)
}

_usage_declared(_, name) if _usage_created[name]

# serverless-step-functions: `Fn::GetAtt: [hello, Arn]` names the function key
_usage_declared("stepFunctions", name) if _functions[name]

_usage_created := cfn.created(_resources)

_usage_policy(logical, attribute) := policy if {
	policy := _resources.extensions[logical][attribute]
	policy != null
} else := policy if {
	policy := _resources.Resources[logical][attribute]
	policy != null
}
