package faasguard.lib.format_test

import data.faasguard.lib.format

test_terraform_plan if {
	format.format == "terraform_plan" with input as {"format_version": "1.2", "planned_values": {"root_module": {}}}
	format.format == "terraform_plan" with input as {"resource_changes": []}
}

test_plan_wins_over_other_keys if {
	format.format == "terraform_plan" with input as {"resource_changes": [], "variable": {}, "Resources": {}}
}

test_sam_transform_string if {
	format.format == "sam" with input as {"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}
}

test_sam_transform_list if {
	format.format == "sam" with input as {
		"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"],
		"Resources": {},
	}
}

# as Checkov reads them: AWS::Serverless::* resources make a SAM template even without the Transform
test_sam_resources_without_transform if {
	format.format == "sam" with input as {"Resources": {"Fn": {"Type": "AWS::Serverless::Function"}}}
	format.format == "sam" with input as {
		"Transform": "AWS::LanguageExtensions",
		"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, "Api": {"Type": "AWS::Serverless::HttpApi"}},
	}
	plain := {"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}, "X": {"Type": 1}, "Y": "text"}}
	format.format == "cloudformation" with input as plain
}

test_cloudformation if {
	format.format == "cloudformation" with input as {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}
	format.format == "cloudformation" with input as {"Transform": "AWS::LanguageExtensions", "Resources": {}}
}

test_resources_must_be_an_object if {
	not format.format with input as {"Resources": []}
}

test_serverless if {
	format.format == "serverless" with input as {"service": "svc", "provider": {"name": "aws"}}
}

test_serverless_needs_provider_object if {
	not format.format with input as {"service": "svc", "provider": "aws"}
}

test_terraform if {
	every key in ["resource", "module", "data", "variable", "locals"] {
		format.format == "terraform" with input as {key: {}}
	}
}

test_unknown_documents if {
	not format.format with input as {"kind": "Deployment"}
	not format.format with input as [{"Resources": {}}]
	not format.format with input as "text"
}
