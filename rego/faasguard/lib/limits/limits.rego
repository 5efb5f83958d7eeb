# METADATA
# title: Limit records
# description: |
#   The limits a function runs within (docs/model.md, "Function limits"; FG_08_01, FG_08_02, FG_08_03,
#   FG_08_05, FG_08_07): function_settings records of kind `function` holding the reserved concurrency,
#   timeout, memory, /tmp size, recursive-loop mode, subnet count and tag keys of each function, with the
#   format's default where nothing is written. `function_records` reads CloudFormation and SAM functions
#   (the cloudformation and sam adapters); the other helpers are what every format's reading shares. The
#   Python twins are src/faasguard/model/limits.py and cloudformation_limits.py.
package faasguard.lib.limits

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: defaults
# description: |
#   Lambda's defaults (CloudFormation, SAM, Terraform) and the Serverless Framework's, as the records
#   hold them.
defaults := {
	"lambda_timeout": "3", "lambda_memory": "128",
	"serverless_timeout": "6", "serverless_memory": "1024",
	"ephemeral_storage": "512", "recursive_loop": "Terminate",
}

# METADATA
# title: record
# description: A limit record (function_settings, kind `function`).
record(resource, setting, value, functions) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": functions,
}

# METADATA
# title: whole_number
# description: A known whole number (or its text, CloudFormation takes "30") as text; undefined otherwise.
whole_number(value) := _whole_text(value) if is_number(value)

else := _whole_text(to_number(trim_space(value))) if {
	is_string(value)
	regex.match(`^\s*-?[0-9]+(\.0+)?\s*$`, value)
}

_whole_text(number) := format_int(number, 10) if number == floor(number)

# METADATA
# title: concurrency
# description: Reserved concurrency as text; Terraform's -1 (nothing reserved) is `absent`.
concurrency(value) := "absent" if whole_number(value) == "-1"

else := whole_number(value)

# METADATA
# title: count_of
# description: How many subnets a known list, or a CommaDelimitedList default ("a,b"), names, as text.
count_of(value) := format_int(count(value), 10) if is_array(value)

else := format_int(count([p | some p in split(value, ","); trim_space(p) != ""]), 10) if {
	is_string(value)
	not contains(value, "${")
}

# METADATA
# scope: document
# title: text_of
# description: A known value read as `known` says ("number", "concurrency", "count", "text").
text_of("number", value) := whole_number(value)

text_of("concurrency", value) := concurrency(value)

text_of("count", value) := count_of(value)

text_of("text", value) := value if is_string(value)

text_of("text", value) := format_int(value, 10) if is_number(value)

text_of("text", value) := sprintf("%v", [value]) if is_boolean(value)

# METADATA
# title: tag_records
# description: One `tag` record per known key of a tag map (or list or set of keys).
tag_records(resource, keys, functions) := {record(resource, "tag", key, functions) |
	some key in _keys(keys)
	is_string(key)
	not contains(key, "${")
}

_keys(tags) := object.keys(tags) if is_object(tags)

else := tags if is_array(tags)

else := tags if is_set(tags)

# --- CloudFormation and SAM -------------------------------------------------------------------------

# setting → property path, value when unset, how a known value reads
_numbers := {
	"reserved_concurrency": {"path": ["ReservedConcurrentExecutions"], "unset": "absent", "known": "number"},
	"timeout_seconds": {"path": ["Timeout"], "unset": defaults.lambda_timeout, "known": "number"},
	"memory_mb": {"path": ["MemorySize"], "unset": defaults.lambda_memory, "known": "number"},
	"ephemeral_storage_mb": {"path": ["EphemeralStorage", "Size"], "unset": defaults.ephemeral_storage, "known": "number"},
}

# METADATA
# title: function_records
# description: |
#   The limit records of the functions given as logical id → (effective) Properties; `sam` the ids of
#   those that are AWS::Serverless::Function (Tags a map, not a list of {Key, Value}).
function_records(doc, functions, sam) := {r |
	some id, props in functions
	some r in ((_number_records(doc, id, props) | _loop_records(doc, id, props)) | _subnet_records(doc, id, props))
} | {r |
	some id, props in functions
	some r in tag_records(id, _tag_keys(doc, props, id in sam), [id])
}

_number_records(doc, id, props) := {r |
	some setting, spec in _numbers
	some r in _records(doc, record(id, setting, null, [id]), props, spec.path, spec.unset, spec.known)
}

_loop_records(doc, id, props) := _records(
	doc, record(id, "recursive_loop", null, [id]),
	props, ["RecursiveLoop"], defaults.recursive_loop, "text",
) if {
	props.RecursiveLoop != null
} else := set()

# the subnets of a VPC-attached function (an empty list, or no VpcConfig, attaches none)
_subnet_records(doc, id, props) := {r |
	members := _members(doc, props, ["VpcConfig", "SubnetIds"], "0", "count")
	members != {{"value": "0"}}
	some r in _choice_records(record(id, "subnet_count", null, [id]), members)
}

_tag_keys(doc, props, true) := object.keys(tags) if {
	tags := cfn.branch(doc, props.Tags)
	is_object(tags)
	not values.is_intrinsic(tags) # `!Ref AWS::NoValue` is no tag map
} else := []

_tag_keys(doc, props, false) := [cfn.known_string(doc, t.Key) |
	some t in cfn.branch(doc, props.Tags)
	is_object(t)
] if {
	is_array(cfn.branch(doc, props.Tags))
} else := []

_records(doc, fields, obj, path, unset, known) := _choice_records(fields, _members(doc, obj, path, unset, known))

# the records of a setting's alternatives (fields: the record without its value), choices as in Python
_choice_records(fields, members) := cfn.choice_records(
	fields, "value",
	sprintf("%s#function_settings:function:%s", [fields.resource, fields.setting]),
	members,
)

# the alternatives of obj[path…] as the records hold them: unset is `unset`, known ones read by `known`
_members(doc, obj, path, unset, known) := {_mapped(m, unset, known) | some m in cfn.alternatives_at(doc, obj, path)}

_mapped(m, unset, known) := {"value": unset} if m.absent

else := {"value": text} if {
	text := text_of(known, m.value)
} else := {"unknown": true}

# --- what the rules share ---------------------------------------------------------------------------

# METADATA
# title: of
# description: The limit records of one setting among function_settings records.
of(records, setting) := {r |
	some r in records
	r.kind == "function"
	r.setting == setting
}

# METADATA
# title: number
# description: A limit record's whole number (the records hold whole-number text, or `absent`, read as 0).
number(r) := to_number(r.value) if regex.match(`^-?[0-9]+$`, r.value)

else := 0
