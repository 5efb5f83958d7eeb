# METADATA
# title: AWS SAM
# description: SAM `Globals.Function` merging, as the SAM translator does it.
package faasguard.lib.sam

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: functions
# description: |
#   The AWS::Serverless::Function resources of a template, as logical id → Properties merged with
#   `Globals.Function` (less the resource's `IgnoreGlobals`: "*" or a list of property names).
functions(doc) := {id: merge(_globals(doc, r), cfn.properties(r)) |
	some id, r in cfn.resources_of_type(doc, "AWS::Serverless::Function")
}

_globals(doc, resource) := {} if {
	resource.IgnoreGlobals == "*"
} else := object.remove(_function_globals(doc), _ignored(resource))

_function_globals(doc) := g if {
	g := doc.Globals.Function
	values.is_map(g)
} else := {}

_ignored(resource) := names if {
	names := resource.IgnoreGlobals
	is_array(names)
} else := []

# METADATA
# title: merge
# description: |
#   SAM's merge of global and local properties: the local value wins, except that two maps merge key
#   by key (recursively) and two lists concatenate (globals first). Intrinsic function objects are
#   values, never merged.
merge(globals, local) := json.patch(local, [op |
	walk(globals, [path, global_value])
	count(path) > 0
	_maps_along(globals, local, path)
	op := _merge_op(local, path, global_value)
])

# every proper prefix of path is a map (not an intrinsic) on both sides
_maps_along(globals, local, path) if {
	every i in numbers.range(0, count(path) - 1) {
		values.is_map(object.get(globals, array.slice(path, 0, i), null))
		values.is_map(object.get(local, array.slice(path, 0, i), null))
	}
}

# a key only the globals have is added
_merge_op(local, path, global_value) := {"op": "add", "path": path, "value": global_value} if {
	parent := object.get(local, array.slice(path, 0, count(path) - 1), {})
	not path[count(path) - 1] in object.keys(parent)
}

# two lists concatenate
_merge_op(local, path, global_value) := {"op": "replace", "path": path, "value": merged} if {
	is_array(global_value)
	local_value := object.get(local, path, null)
	is_array(local_value)
	merged := array.concat(global_value, local_value)
}
