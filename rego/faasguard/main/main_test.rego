package faasguard.main_test

import data.faasguard.main

# 2026-01-01T00:00:00Z
_now := 1767225600000000000

_result(id, resource, severity) := {"id": id, "resource": resource, "severity": severity, "msg": id}

_rules := {
	"fg_a": {"deny": {_result("FG_A", "b", "HIGH"), _result("FG_A", "a", "CRITICAL")}},
	"fg_b": {"deny": {_result("FG_B", "x", "MEDIUM"), _result("FG_B", "y", "LOW")}},
	"fg_c": {"deny": {_result("FG_C", "z", "INFO")}},
	"fg_c_test": {"test_something": true},
}

test_deny_and_warn_split_by_severity if {
	{[r.id, r.resource] | some r in main.deny} == {["FG_A", "a"], ["FG_A", "b"], ["FG_B", "x"]}
		with data.faasguard.rules as _rules
	{[r.id, r.resource] | some r in main.warn} == {["FG_B", "y"], ["FG_C", "z"]} with data.faasguard.rules as _rules
}

test_findings_sorted_by_rule_then_resource if {
	[[r.id, r.resource] | some r in main.findings] == [
		["FG_A", "a"], ["FG_A", "b"],
		["FG_B", "x"], ["FG_B", "y"],
		["FG_C", "z"],
	] with data.faasguard.rules as _rules
}

test_nothing_for_other_documents if {
	count(main.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap"}
	main.findings == [] with input as {"apiVersion": "v1", "kind": "ConfigMap"}
}

_pairs(results) := {[r.id, r.resource] | some r in results}

_cloudformation := {
	"AWSTemplateFormatVersion": "2010-09-09",
	"Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
			"Runtime": "python3.7",
			"Role": {"Fn::GetAtt": ["Role", "Arn"]},
			"TracingConfig": {"Mode": "Active"},
			"Environment": {"Variables": {"SLACK_TOKEN": "xoxb-1234567890-abcdefghij"}},
		}},
		"Role": {"Type": "AWS::IAM::Role", "Properties": {
			"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
		}},
		"Url": {"Type": "AWS::Lambda::Url", "Properties": {
			"AuthType": "NONE",
			"TargetFunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]},
		}},
	},
}

test_cloudformation_end_to_end if {
	results := main.deny with input as _cloudformation with time.now_ns as _now
	_pairs(results) == {
		["FG_00_01", "Fn"], # a function URL anyone can call, and AdministratorAccess
		["FG_06_01", "Fn"], ["FG_07_01", "Fn"], ["FG_04_01", "Role"], ["FG_04_04", "Role"],
		["FG_02_03", "Url"], ["FG_09_03", "Role"], ["FG_07_03", "Fn"],
		["FG_05_02", "Fn"], ["FG_06_02", "Fn"], # no log group with a retention, no code signing
		["FG_08_01", "Fn"], ["FG_11_01", "Fn"], # no reserved concurrency; python3.7 is an obsolete runtime
	}
	every r in results {
		r.format == "cloudformation"
		r.functions == ["Fn"]
	}
}

# conftest reads YAML with !Ref/!GetAtt dropped to plain strings
test_sam_conftest_plain_strings_end_to_end if {
	template := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Parameters": {"Runtime": {"Type": "String", "Default": "nodejs16.x"}},
		"Globals": {"Function": {"Runtime": "Runtime", "Tracing": "Active"}},
		"Resources": {
			"Api": {"Type": "AWS::Serverless::Function", "Properties": {
				"Role": "ApiRole.Arn",
				"Environment": {"Variables": {"DB_SECRET": "DbSecret", "API_TOKEN": "ApiRole.RoleId"}},
			}},
			"DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {}},
			"ApiRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{
				"PolicyName": "all",
				"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
			}]}},
		},
	}
	_pairs(main.deny) == {
		["FG_06_01", "Api"], ["FG_04_01", "ApiRole"], ["FG_04_03", "ApiRole"],
		["FG_04_06", "ApiRole"], ["FG_07_06", "ApiRole"], ["FG_09_03", "ApiRole"],
		["FG_07_03", "Api"], ["FG_07_04", "DbSecret"],
		["FG_05_02", "Api"], ["FG_06_02", "Api"], # no log group with a retention, no code signing
		["FG_08_01", "Api"], ["FG_11_01", "Api"], # no reserved concurrency; nodejs16.x is obsolete
	} with input as template with time.now_ns as _now
}

_service := {
	"service": "orders",
	"provider": {
		"name": "aws",
		"runtime": "${opt:runtime, 'python3.8'}",
		"environment": {"DB_PASSWORD": "${ssm:/db/pw}"},
	},
	"functions": {"create": {"handler": "h.create", "tracing": true}, "get": {"handler": "h.get", "url": true}},
}

test_serverless_end_to_end if {
	_pairs(main.deny) == {
		["FG_06_01", "provider"],
		["FG_05_01", "get"],
		["FG_02_03", "get"],
		["FG_07_02", "provider"], # ${ssm:} is resolved into the template at deployment
		["FG_07_03", "create"], ["FG_07_03", "get"],
		["FG_05_02", "create"], ["FG_05_02", "get"], # no log group with a retention
		["FG_06_02", "create"], ["FG_06_02", "get"], # no code signing
		["FG_08_01", "create"], ["FG_08_01", "get"], # no reserved concurrency
		["FG_11_01", "provider"], # python3.8 is an obsolete runtime
	} with input as _service
		with time.now_ns as _now
}

# the faasguard loader adds what it read in the code folders, as it writes it for the service folder's
# package.json without a lock file (packaged for both functions); a bare input has no such field and
# FG_06_06 judges nothing there
test_serverless_loader_dependencies_end_to_end if {
	service := object.union(_service, {"faasguard_dependencies": [{
		"resource": "provider", "functions": ["create", "get"], "folder": ".", "unknown": "",
		"manifests": [{"file": "package.json", "problems": [
			"no lock file (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml) and unpinned: uuid ^10.0.0",
		]}],
	}]})
	with_field := main.warn with input as service with time.now_ns as _now
	{[r.resource, r.format, r.functions, r.severity] | some r in with_field; r.id == "FG_06_06"} == {
		["provider", "serverless", ["create", "get"], "LOW"],
	}
	bare := main.findings with input as _service with time.now_ns as _now
	[r | some r in bare; r.id == "FG_06_06"] == []
}
