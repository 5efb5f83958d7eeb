# METADATA
# title: Network settings
# description: |
#   The network_settings view (docs/model.md, "Network settings"): one `security_group` record per
#   egress rule (protocol and destination CIDR) of a security group some function uses. What every
#   format's reading shares (`egress_record`, `protocol`), and the reading of CloudFormation resources
#   (`resource_views`, read by the cloudformation, sam and serverless adapters). The Python twins are
#   src/faasguard/model/network.py and cloudformation_network.py.
package faasguard.lib.network

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as references
import data.faasguard.lib.values

# METADATA
# title: egress_record
# description: The record of one protocol and destination CIDR of an egress rule.
egress_record(resource, protocol, cidr, functions) := {
	"resource": resource, "kind": "security_group", "setting": "egress",
	"value": concat(" ", [protocol, cidr]), "functions": functions,
}

# METADATA
# title: protocol
# description: |
#   A known protocol as the view holds it: lower-cased text (`TCP` is `tcp`), `all` as `-1` (EC2's all
#   protocols); undefined when unknown.
protocol(value) := "-1" if _protocol_text(value) == "all"

else := _protocol_text(value)

_protocol_text(value) := lower(value) if values.is_literal(value)

_protocol_text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

_group_type := "AWS::EC2::SecurityGroup"

# METADATA
# title: resource_views
# description: |
#   The records of the security groups of a template (or any object with a `Resources` map) that the
#   functions use; `vpc_configs`: function id → its VpcConfig as written. A group's
#   `SecurityGroupEgress` entries (omitted, empty or AWS::NoValue: AWS's default `-1 0.0.0.0/0`) on the
#   group; the AWS::EC2::SecurityGroupEgress resources whose GroupId names it on themselves.
resource_views(doc, vpc_configs) := _group_records(doc, users) | _egress_resource_records(doc, users) if {
	users := _users(doc, vpc_configs)
}

# security group → the sorted functions whose VpcConfig (through the Fn::If the template settles) names it
_users(doc, vpc_configs) := {group: sort({f | some f, groups in named; group in groups}) |
	named := {f: _named_groups(doc, written) | some f, written in vpc_configs}
	some groups in named
	some group in groups
}

_named_groups(doc, written) := references.ids(doc, object.get(vpc, "SecurityGroupIds", null), {_group_type}) if {
	vpc := cfn.branch(doc, written)
	values.is_map(vpc)
} else := set()

_group_records(doc, users) := {r |
	some id, resource in cfn.resources_of_type(doc, _group_type)
	functions := users[id]
	some r in _inline_rules(doc, id, cfn.properties(resource), functions)
}

_inline_rules(doc, id, props, functions) := {egress_record(id, "-1", "0.0.0.0/0", functions)} if {
	values.is_unset(props, "SecurityGroupEgress")
} else := {egress_record(id, "-1", "0.0.0.0/0", functions)} if {
	cfn.branch(doc, props.SecurityGroupEgress) in [{"Ref": "AWS::NoValue"}, []]
} else := {r |
	rules := cfn.branch(doc, props.SecurityGroupEgress)
	is_array(rules)
	some entry in rules
	rule := cfn.branch(doc, entry)
	values.is_map(rule)
	some r in _rule_records(doc, id, rule, functions)
}

# a record per CIDR an egress rule (an inline entry, an AWS::EC2::SecurityGroupEgress's properties) sets
_rule_records(doc, id, rule, functions) := {egress_record(id, known_protocol, cidr, functions) |
	known_protocol := protocol(cfn.value(doc, object.get(rule, "IpProtocol", null)))
	some key in ["CidrIp", "CidrIpv6"]
	not values.is_unset(rule, key)
	cidr := cfn.value(doc, rule[key])
	values.is_literal(cidr)
}

_egress_resource_records(doc, users) := {r |
	some id, resource in cfn.resources_of_type(doc, "AWS::EC2::SecurityGroupEgress")
	props := cfn.properties(resource)
	groups := references.ids(doc, object.get(props, "GroupId", null), {_group_type})
	functions := sort({f | some group in groups; some f in object.get(users, group, [])})
	count(functions) > 0
	some r in _rule_records(doc, id, props, functions)
}
