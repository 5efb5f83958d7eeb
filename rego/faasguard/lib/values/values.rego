# METADATA
# title: Known, absent and unknown values
# description: |
#   Format-independent value helpers (docs/semantics.md, "Values: known, absent, unknown").
#   Format-specific resolution (CloudFormation parameters, Serverless variables) builds on these.
package faasguard.lib.values

# METADATA
# title: is_literal
# description: |
#   True for a string that needs no resolution: it contains no `${…}` expression or variable
#   and no `{{resolve:…}}` dynamic reference.
is_literal(value) if {
	is_string(value)
	not contains(value, "${")
	not contains(value, "{{resolve:")
}

# METADATA
# title: is_intrinsic
# description: |
#   True for a CloudFormation intrinsic function object: a one-key object whose key is `Ref`,
#   `Condition` or starts with `Fn::` (the test SAM and cfn-lint use).
is_intrinsic(value) if {
	is_object(value)
	count(value) == 1
	some key in object.keys(value)
	_intrinsic_key(key)
}

_intrinsic_key(key) if key in {"Ref", "Condition"}

_intrinsic_key(key) if startswith(key, "Fn::")

# METADATA
# title: is_unset
# description: True when the key is absent from the object or set to null (YAML `key:` with no value).
is_unset(obj, key) if not _has_value(obj, key)

_has_value(obj, key) if obj[key] != null

# METADATA
# title: is_map
# description: True for an object that is a plain map, not an intrinsic function.
is_map(value) if {
	is_object(value)
	not is_intrinsic(value)
}

# METADATA
# scope: document
# title: as_list
# description: A list as itself; any other value as a one-element list; null as an empty list.
as_list(value) := value if is_array(value)

as_list(value) := [value] if {
	not is_array(value)
	value != null
}

as_list(null) := []
