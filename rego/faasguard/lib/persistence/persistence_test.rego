package faasguard.lib.persistence_test

import data.faasguard.model

# [resource, setting, value] of the persistence records of an input
_records(records) := {[r.resource, r.setting, r.value] |
	some r in records
	_persistence(r.setting)
}

_persistence(setting) if setting in {"snap_start", "tenant_isolation", "durable_kms_key"}

_persistence(setting) if startswith(setting, "tag:")

test_cloudformation_records if {
	records := model.function_settings with input as {"Resources": {
		"Quotes": {"Type": "AWS::Lambda::Function", "Properties": {
			"SnapStart": {"ApplyOn": "PublishedVersions"},
			"Tags": [{"Key": "tenancy", "Value": "multi-tenant"}],
			"DurableConfig": {"ExecutionTimeout": 60},
		}},
		"Docs": {"Type": "AWS::Lambda::Function", "Properties": {
			"TenancyConfig": {"TenantIsolationMode": "PER_TENANT"},
			"DurableConfig": {"ExecutionTimeout": 60, "KMSKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/k"},
		}},
	}}
	_records(records) == {
		["Quotes", "snap_start", "PUBLISHEDVERSIONS"], ["Quotes", "tenant_isolation", "absent"],
		["Quotes", "tag:tenancy", "MULTI-TENANT"], ["Quotes", "durable_kms_key", "false"],
		["Docs", "tenant_isolation", "PER_TENANT"], ["Docs", "durable_kms_key", "true"],
	}
}

test_sam_tags_are_a_map_merged_with_globals if {
	records := model.function_settings with input as {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"Tags": {"tenancy": "multi-tenant"}}},
		"Resources": {"Api": {"Type": "AWS::Serverless::Function", "Properties": {"Tags": {"owner": "me"}}}},
	}
	_records(records) == {
		["Api", "tenant_isolation", "absent"],
		["Api", "tag:tenancy", "MULTI-TENANT"],
		["Api", "tag:owner", "ME"],
	}
}

test_terraform_records if {
	records := model.function_settings with input as {"resource": {"aws_lambda_function": {"quotes": [{
		"function_name": "quotes",
		"snap_start": [{"apply_on": "PublishedVersions"}],
		"tenancy_config": [{"tenant_isolation_mode": "PER_TENANT"}],
		"tags": [{"tenancy": "multi-tenant"}],
	}]}}}
	_records(records) == {
		["aws_lambda_function.quotes", "snap_start", "PUBLISHEDVERSIONS"],
		["aws_lambda_function.quotes", "tenant_isolation", "PER_TENANT"],
		["aws_lambda_function.quotes", "tag:tenancy", "MULTI-TENANT"],
	}
}

test_serverless_records if {
	records := model.function_settings with input as {
		"service": "saas",
		"provider": {"name": "aws", "tags": {"tenancy": "multi-tenant"}},
		"functions": {
			"render": {"handler": "r.h", "snapStart": true, "tenancy": {"mode": "PER_TENANT"}},
			"audit": {"handler": "a.h", "snapStart": false, "tags": {"tenancy": "internal"}, "tenancy": "${ssm:/m}"},
		},
	}
	_records(records) == {
		["render", "snap_start", "PUBLISHEDVERSIONS"], ["render", "tenant_isolation", "PER_TENANT"],
		["render", "tag:tenancy", "MULTI-TENANT"], ["audit", "snap_start", "NONE"],
		["audit", "tag:tenancy", "INTERNAL"],
	}
}
