# The network views of lib/terraform (this package, terraform.rego; docs/model.md, "Network settings"):
# network_settings, the egress rules of the security groups functions use (their vpc_config references):
# a group's own `egress` blocks on the group, aws_vpc_security_group_egress_rule and aws_security_group_rule
# (type egress) on themselves. Terraform removes AWS's default allow-all egress from the groups it
# creates: a group without egress rules has no record. src/faasguard/model/terraform_network.py is the
# Python twin.
#
# The adapters hand these rules the resources of network_resource_types with their unknown_paths (apis.rego).
package faasguard.lib.terraform

import data.faasguard.lib.groups

import data.faasguard.lib.network

# METADATA
# title: network_resource_types
# description: The resource types the network views read (adapters add their unknown_paths).
network_resource_types := {
	"aws_lambda_function", "aws_security_group",
	"aws_vpc_security_group_egress_rule", "aws_security_group_rule",
}

# METADATA
# title: network_views
# description: The network views of the normalized resources, as an object of sets.
network_views := {"network_settings": _network_settings}

_network_settings := _group_egress | _rule_egress

# [function, security group] of each security group a function's vpc_config references
_function_groups contains [f.address, group.address] if {
	some f in _of_type("aws_lambda_function")
	some group in _api_referenced(f, "vpc_config", "aws_security_group")
}

# security group address → the sorted functions that use it
# (a complete rule, built once: terraform.rego, "Indexes and groupings")
# regal ignore:prefer-set-or-object-rule
_group_users := {group: sort(functions) |
	some group, functions in groups.by_key({[g, f] | some [f, g] in _function_groups})
}

_block_cidrs := ["cidr_blocks", "ipv6_cidr_blocks"]

_group_egress contains r if {
	some group in _of_type("aws_security_group")
	not _api_unknown(group, ["egress"])
	is_array(group.values.egress)
	some i, block in group.values.egress
	is_object(block)
	some r in _egress_records(group, ["egress", i], "protocol", _block_cidrs, _group_users[group.address])
}

# the egress rule resources: type → protocol attribute and CIDR attributes (each a list or a string)
_egress_rule_types := {
	"aws_vpc_security_group_egress_rule": {"protocol": "ip_protocol", "cidrs": ["cidr_ipv4", "cidr_ipv6"]},
	"aws_security_group_rule": {"protocol": "protocol", "cidrs": ["cidr_blocks", "ipv6_cidr_blocks"]},
}

_rule_egress contains r if {
	some type, spec in _egress_rule_types
	some rule in _of_type(type)
	_is_egress(rule)
	functions := sort({f |
		some group in _api_referenced(rule, "security_group_id", "aws_security_group")
		some f in object.get(_group_users, group.address, [])
	})
	count(functions) > 0
	some r in _egress_records(rule, [], spec.protocol, spec.cidrs, functions)
}

_is_egress(rule) if rule.type == "aws_vpc_security_group_egress_rule"

_is_egress(rule) if rule.values.type == "egress"

# the records of one egress rule at `at` (the path of a group's egress block): its protocol with each
# known CIDR of its CIDR attributes
_egress_records(r, at, protocol_attr, cidr_attrs, functions) := {record |
	protocol_path := array.concat(at, [protocol_attr])
	not _api_unknown(r, protocol_path)
	protocol := network.protocol(_api_value(r, protocol_path))
	some attr in cidr_attrs
	path := array.concat(at, [attr])
	not _api_unknown(r, path)
	some cidr in _api_strings(_api_value(r, path))
	_known_string(cidr)
	record := network.egress_record(r.address, protocol, cidr, functions)
}
