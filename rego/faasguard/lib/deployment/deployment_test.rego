package faasguard.lib.deployment_test

import data.faasguard.lib.deployment

_digest := "sha256:4b1a7f3e6c2d9e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"

_doc := {
	"Parameters": {
		"Uri": {"Type": "String"},
		"Tag": {"Type": "String", "Default": "r.dkr.ecr.eu-west-1.amazonaws.com/app:v1"},
	},
	"Resources": {
		"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageScanningConfiguration": {"ScanOnPush": "True"}}},
		"Bare": {"Type": "AWS::ECR::Repository"},
		"Registry": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {"Rules": [{
			"ScanFrequency": "CONTINUOUS_SCAN",
			"RepositoryFilters": [{"Filter": "*", "FilterType": "WILDCARD"}],
		}]}},
	},
}

test_a_digest_anywhere_in_the_uri_pins_it if {
	deployment.image_digest(_doc, {"Fn::Sub": concat("", ["${Repo.RepositoryUri}@", _digest])}) == "true"
	deployment.image_digest(_doc, {"Fn::Sub": "${Repo.RepositoryUri}@${Uri}"}) == "true"
}

test_a_tag_assembled_from_resources_or_a_default_is_not_pinned if {
	deployment.image_digest(_doc, {"Fn::Sub": "${Repo.RepositoryUri}:v1"}) == "false"
	deployment.image_digest(_doc, {"Ref": "Tag"}) == "false"
	deployment.image_digest(_doc, "Tag") == "false" # conftest's dropped !Ref
}

test_what_only_deployment_settles_gives_no_value if {
	not deployment.image_digest(_doc, {"Ref": "Uri"})
	not deployment.image_digest(_doc, {"Fn::Sub": "${Uri}"})
	not deployment.image_digest(_doc, {"Fn::ImportValue": "shared-image"})
}

test_repositories_and_registry_scanning if {
	{[r.resource, r.setting, r.value] | some r in deployment.resource_views(_doc)} == {
		["Repo", "scan_on_push", "true"],
		["Bare", "scan_on_push", "false"],
		["Registry", "scans_all_repositories", "true"],
	}
}

test_runtime_updates_and_images_of_functions if {
	functions := {
		"Api": {"PackageType": "Image", "Code": {"ImageUri": "r.dkr.ecr.eu-west-1.amazonaws.com/api:latest"}},
		"Sam": {"ImageUri": concat("", ["r/api@", _digest]), "RuntimeManagementConfig": {"UpdateRuntimeOn": "Manual"}},
		"Zip": {"Runtime": "python3.13"},
	}
	{[r.resource, r.setting, r.value] | some r in deployment.function_records(_doc, functions, {"Sam"})} == {
		["Api", "image_uri_digest", "false"],
		["Sam", "image_uri_digest", "true"],
		["Sam", "update_runtime_on", "MANUAL"],
	}
}
