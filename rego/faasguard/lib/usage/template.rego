# The usage triples and records of a CloudFormation Resources object (docs/model.md, "Usage"; this
# package, usage.rego): every name a resource's Properties or an Output's value holds (`Ref`, `Fn::GetAtt`,
# `${X}` in `Fn::Sub`, conftest's plain names, through every Fn::If branch) that is a created resource;
# functions whose reserved concurrency is 0; their DeletionPolicy / UpdateReplacePolicy. Read by the
# cloudformation, sam and serverless adapters. The Python twin is src/faasguard/model/cloudformation_usage.py.
package faasguard.lib.usage

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.values

# METADATA
# title: names
# description: Every name the strings of a value may stand for (`X`, `X.Arn`, `${X}`, `${X.Arn}`).
names(value) := {name |
	walk(value, [_, x])
	is_string(x)
	some name in _string_names(x)
}

_string_names(s) := {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}`, s, -1)
} | {m[1] |
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$`, s, 1)
}

# METADATA
# title: types
# description: Logical id (or its alias) -> type of the created resources of a template document.
types(doc, aliases) := {object.get(aliases, id, id): r.Type | some id, r in cfn.created(doc)}

# METADATA
# title: triples
# description: |
#   [referrer, property, target] for every created resource a resource's Properties or an Output of a
#   template document names; `aliases` maps names a host document gives its own resources (a Serverless
#   function's logical id) to their ids, for targets and referrers alike.
triples(doc, aliases) := resource_triples | output_triples if {
	created := cfn.created(doc)
	resource_triples := {[object.get(aliases, id, id), attribute, target] |
		some id, r in created
		is_object(r.Properties)
		not values.is_intrinsic(r.Properties) # as Python's is_map: an intrinsic is no property map
		some attribute, value in r.Properties
		some name in names(value)
		target := _target(created, aliases, name)
	}
	output_triples := {[concat(".", ["Outputs", output]), "", target] |
		some output, value in object.get(doc, "Outputs", {})
		some name in names(value)
		target := _target(created, aliases, name)
	}
}

_target(_, aliases, name) := aliases[name]

_target(created, aliases, name) := name if {
	not aliases[name]
	created[name]
}

# METADATA
# title: unsettled
# description: |
#   An invoker (a permission, event source mapping, URL) of a template document names a function only
#   deployment settles (no resource of the template, no known name or ARN): it may invoke any function.
unsettled(doc) if {
	created := cfn.created(doc)
	some r in created
	attribute := invokers[r.Type]
	value := r.Properties[attribute]
	value != null
	count({name | some name in names(value); created[name]}) == 0
	not _known_string(doc, value)
}

_known_string(doc, value) if is_string(cfn.known_string(doc, value))

# METADATA
# title: sam_paths
# description: A SAM function's own invocation paths, `Events` (not empty) and `FunctionUrlConfig`.
sam_paths(props) := {"Events" | _has_events(props)} | {"FunctionUrlConfig" |
	object.get(props, "FunctionUrlConfig", null) != null
}

_has_events(props) if not object.get(props, "Events", null) in {null, {}}

# METADATA
# title: function_records
# description: |
#   `concurrency_disabled` of a function (properties `props`) when ReservedConcurrentExecutions is
#   written, and the retention policies written on its resource.
function_records(doc, id, props, resource) := _concurrency(doc, id, props) | {r |
	some attribute, name in retention_attributes
	resource[attribute] != null
	some r in _choices(id, name, exposure.members(doc, resource, [attribute], default_policy, "upper"))
}

_concurrency(doc, id, props) := _choices(id, "concurrency_disabled", {_disabled(m) |
	some m in cfn.alternatives_at(doc, props, ["ReservedConcurrentExecutions"])
}) if {
	props.ReservedConcurrentExecutions != null
} else := set()

_disabled(m) := {"value": "false"} if m.absent

else := {"value": concurrency_disabled(m.value)} if {
	concurrency_disabled(m.value)
} else := {"unknown": true}

_choices(id, name, members) := cfn.choice_records(
	{"resource": id, "kind": "function", "setting": name, "functions": [id]}, "value",
	sprintf("%s#function_settings:function:%s", [id, name]), members,
)
