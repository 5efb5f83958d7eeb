package faasguard.lib.network_test

import data.faasguard.lib.network

_group(egress) := {"Type": "AWS::EC2::SecurityGroup", "Properties": object.union(
	{"GroupDescription": "functions"},
	egress,
)}

_template := {"Resources": {
	"Default": _group({}),
	"Empty": _group({"SecurityGroupEgress": []}),
	"Listed": _group({"SecurityGroupEgress": [
		{"IpProtocol": -1, "CidrIpv6": "::/0"},
		{"IpProtocol": "TCP", "CidrIp": "0.0.0.0/0"},
		{"IpProtocol": "-1", "DestinationPrefixListId": "pl-0a1b2c3d"},
	]}),
	"Unused": _group({}),
	"ListedAll": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
		"GroupId": {"Fn::GetAtt": ["Listed", "GroupId"]},
		"IpProtocol": "-1", "CidrIp": "0.0.0.0/0",
	}},
	"UnusedAll": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
		"GroupId": {"Ref": "Unused"},
		"IpProtocol": "-1", "CidrIp": "0.0.0.0/0",
	}},
}}

_vpc_configs := {
	"Api": {"SecurityGroupIds": [{"Ref": "Default"}, "Listed"]},
	"Worker": {"SecurityGroupIds": [{"Fn::GetAtt": ["Empty", "GroupId"]}, {"Ref": "Listed"}]},
	"Outside": null,
}

test_the_groups_functions_use_with_the_default_egress if {
	found := {[r.resource, r.value, r.functions] | some r in network.resource_views(_template, _vpc_configs)}
	found == {
		["Default", "-1 0.0.0.0/0", ["Api"]],
		["Empty", "-1 0.0.0.0/0", ["Worker"]],
		["Listed", "-1 ::/0", ["Api", "Worker"]],
		["Listed", "tcp 0.0.0.0/0", ["Api", "Worker"]],
		["ListedAll", "-1 0.0.0.0/0", ["Api", "Worker"]],
	}
}

test_protocols_are_normalised if {
	network.protocol("all") == "-1"
	network.protocol(-1) == "-1"
	network.protocol("UDP") == "udp"
	not network.protocol("${var.protocol}")
}
