package faasguard.rules.fg_06_06_test

import data.faasguard.model
import data.faasguard.rules.fg_06_06

_entry(resource, functions, manifests) := {
	"resource": resource, "functions": functions, "folder": "src/",
	"manifests": manifests, "unknown": "",
}

_template := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Resources": {
		"OrdersFunction": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/"}},
		"ExportFunction": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "export/"}},
	},
	"faasguard_dependencies": [
		_entry("OrdersFunction", ["OrdersFunction"], [{"file": "src/package.json", "problems": []}]),
		_entry("ExportFunction", ["ExportFunction"], [{
			"file": "export/requirements.txt",
			"problems": ["unpinned: requests>=2"],
		}]),
	],
}

test_a_manifest_with_a_problem_is_denied_on_its_resource if {
	denied := {r.resource | some r in fg_06_06.deny} with input as _template
	denied == {"ExportFunction"}
}

test_the_message_names_the_manifest_and_the_packages if {
	some result in fg_06_06.deny with input as _template
	contains(result.msg, "export/requirements.txt: unpinned: requests>=2")
}

test_every_manifest_is_a_record if {
	records := {[s.resource, s.setting, s.value] |
		some s in model.function_settings
		startswith(s.setting, "dependency_")
	} with input as _template
	records == {
		["OrdersFunction", "dependency_manifest", "src/package.json"],
		["ExportFunction", "dependency_manifest", "export/requirements.txt"],
		["ExportFunction", "dependency_problem", "export/requirements.txt: unpinned: requests>=2"],
	}
}

# a bare opa eval / conftest input has no field: nothing is judged
test_an_input_without_the_field_judges_nothing if {
	denied := {r.resource | some r in fg_06_06.deny} with input as object.remove(_template, ["faasguard_dependencies"])
	denied == set()
}

test_serverless_provider_and_function_keys if {
	service := {
		"service": "checkout",
		"provider": {"name": "aws", "runtime": "nodejs22.x"},
		"functions": {"create": {"handler": "handler.create"}, "report": {"handler": "reports/app.handler"}},
		"faasguard_dependencies": [
			_entry("provider", ["create", "report"], [{"file": "package.json", "problems": ["no lock file"]}]),
			_entry("report", ["report"], [{"file": "reports/requirements.txt", "problems": ["unpinned: pandas"]}]),
		],
	}
	denied := {r.resource | some r in fg_06_06.deny} with input as service
	denied == {"provider", "report"}
}

test_terraform_module_records if {
	module := {
		"resource": {"aws_lambda_function": {"webhook": [{"filename": "${data.archive_file.webhook.output_path}"}]}},
		"faasguard_dependencies": [_entry(
			"aws_lambda_function.webhook", ["aws_lambda_function.webhook"],
			[{"file": "src/go.mod", "problems": ["no go.sum beside go.mod"]}],
		)],
	}
	denied := {r.resource | some r in fg_06_06.deny} with input as module
	denied == {"aws_lambda_function.webhook"}
}

# an entry the loader could not read (unknown) gives no record: undecided, never a finding
test_an_unknown_folder_is_no_finding if {
	unread := object.union(
		_entry("OrdersFunction", ["OrdersFunction"], []),
		{"unknown": "the code folder src/ does not exist"},
	)
	unread_template := object.union(_template, {"faasguard_dependencies": [unread]})
	denied := {r.resource | some r in fg_06_06.deny} with input as unread_template
	denied == set()
}

test_plan_instances if {
	plan := {
		"format_version": "1.2",
		"resource_changes": [],
		"faasguard_dependencies": [_entry(
			"aws_lambda_function.api[0]", ["aws_lambda_function.api[0]"],
			[{"file": "src/Gemfile", "problems": ["no Gemfile.lock beside Gemfile"]}],
		)],
	}
	denied := {r.resource | some r in fg_06_06.deny} with input as plan
	denied == {"aws_lambda_function.api[0]"}
}
