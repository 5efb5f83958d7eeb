package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_deployment_digest := "sha256:4b1a7f3e6c2d9e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"

_deployment_service := {
	"service": "catalog",
	"provider": {
		"name": "aws",
		"runtimeManagement": {"mode": "manual", "arn": "arn:aws:lambda:::runtime:1"},
		"ecr": {"images": {"catalog": {"path": "./"}}},
	},
	"functions": {
		"built": {"image": {"name": "catalog"}},
		"named": {"image": "catalog"},
		"tagged": {"image": {"uri": "r.dkr.ecr.eu-west-1.amazonaws.com/search:v2"}, "runtimeManagement": "onFunctionUpdate"},
		"pinned": {"image": concat("", ["r.dkr.ecr.eu-west-1.amazonaws.com/search@", _deployment_digest])},
		"unknown": {"image": "${ssm:/catalog/image}", "runtimeManagement": "${env:MODE}"},
	},
	"resources": {"Resources": {"Repo": {
		"Type": "AWS::ECR::Repository",
		"Properties": {"ImageScanningConfiguration": {"ScanOnPush": "true"}},
	}}},
}

test_deployment_records if {
	{[r.resource, r.setting, r.value, r.functions] |
		some r in serverless.function_settings
		r.setting in {"image_uri_digest", "update_runtime_on"}
	} == {
		["built", "image_uri_digest", "true", ["built"]],
		["named", "image_uri_digest", "true", ["named"]],
		["tagged", "image_uri_digest", "false", ["tagged"]],
		["tagged", "update_runtime_on", "FUNCTIONUPDATE", ["tagged"]],
		["pinned", "image_uri_digest", "true", ["pinned"]],
		["provider", "update_runtime_on", "MANUAL", ["built", "named", "pinned"]],
	} with input as _deployment_service
	scanning := {[r.resource, r.value] | some r in serverless.store_settings; r.setting == "scan_on_push"}
		with input as _deployment_service
	scanning == {["Repo", "true"]}
}
