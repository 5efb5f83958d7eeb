# Serverless Framework adapter, limit records (docs/model.md, "Function limits"; the package's METADATA is
# in serverless.rego). As the Framework compiles a function: `timeout` and `memorySize` are the function's
# own (the function key), else the provider's (`provider`, for the functions without their own), else the
# Framework's 6 s and 1024 MB (the function key); `reservedConcurrency`, `ephemeralStorageSize` (default
# 512) and `recursiveLoop` are function keys only; the subnets are `functions.<f>.vpc.subnetIds`, else
# `provider.vpc.subnetIds` (attached only when security groups are set too); tags are `provider.tags` and
# `functions.<f>.tags`. The twin of src/faasguard/model/serverless_limits.py. Uses `_doc`, `_provider` and
# `_functions` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.limits
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

# setting → key of the function and the provider, the Framework's default
_limits_inherited := {
	"timeout_seconds": {"key": "timeout", "default": limits.defaults.serverless_timeout},
	"memory_mb": {"key": "memorySize", "default": limits.defaults.serverless_memory},
}

# setting → function key, value when unset
_limits_own := {
	"reserved_concurrency": {"key": "reservedConcurrency", "unset": "absent"},
	"ephemeral_storage_mb": {"key": "ephemeralStorageSize", "unset": limits.defaults.ephemeral_storage},
}

function_settings contains limits.record(name, setting, value, [name]) if {
	some setting, spec in _limits_inherited
	some name, fn in _functions
	not values.is_unset(fn, spec.key)
	value := limits.whole_number(sls.resolve(_doc, fn[spec.key]))
}

function_settings contains limits.record("provider", setting, value, inheriting) if {
	some setting, spec in _limits_inherited
	inheriting := _limits_inheriting(spec.key)
	count(inheriting) > 0
	not values.is_unset(_provider, spec.key)
	value := limits.whole_number(sls.resolve(_doc, _provider[spec.key]))
}

function_settings contains limits.record(name, setting, spec.default, [name]) if {
	some setting, spec in _limits_inherited
	values.is_unset(_provider, spec.key)
	some name in _limits_inheriting(spec.key)
}

function_settings contains limits.record(name, setting, value, [name]) if {
	some setting, spec in _limits_own
	some name, fn in _functions
	value := _limits_own_value(fn, spec)
}

function_settings contains limits.record(name, "recursive_loop", mode, [name]) if {
	some name, fn in _functions
	not values.is_unset(fn, "recursiveLoop")
	mode := limits.text_of("text", sls.resolve(_doc, fn.recursiveLoop))
}

function_settings contains limits.record(name, "subnet_count", number, [name]) if {
	some name, fn in _functions
	own := _limits_vpc(fn)
	not values.is_unset(own, "subnetIds")
	_limits_has_groups(own)
	number := _limits_subnets(own.subnetIds)
}

function_settings contains limits.record("provider", "subnet_count", number, inheriting) if {
	provider_vpc := _limits_vpc(_provider)
	inheriting := sort({name |
		some name, fn in _functions
		own := _limits_vpc(fn)
		values.is_unset(own, "subnetIds")
		_limits_has_groups(own)
	})
	count(inheriting) > 0
	not values.is_unset(provider_vpc, "subnetIds")
	number := _limits_subnets(provider_vpc.subnetIds)
}

function_settings contains r if {
	some name, fn in _functions
	some r in limits.tag_records(name, sls.resolve(_doc, fn.tags), [name])
}

function_settings contains r if {
	some r in limits.tag_records("provider", sls.resolve(_doc, _provider.tags), sort(object.keys(_functions)))
}

_limits_inheriting(key) := sort({name | some name, fn in _functions; values.is_unset(fn, key)})

_limits_own_value(fn, spec) := spec.unset if {
	values.is_unset(fn, spec.key)
} else := limits.whole_number(sls.resolve(_doc, fn[spec.key]))

_limits_vpc(owner) := vpc if {
	vpc := sls.resolve(_doc, owner.vpc)
	values.is_map(vpc)
} else := {}

# the Framework sets a VpcConfig only when both security groups and subnets are set
_limits_has_groups(own) if not values.is_unset(own, "securityGroupIds")

_limits_has_groups(_) if not values.is_unset(_limits_vpc(_provider), "securityGroupIds")

# the count of a known list of subnets, when it attaches any
_limits_subnets(written) := number if {
	listed := sls.resolve(_doc, written)
	is_array(listed)
	number := limits.count_of(listed)
	number != "0"
}
