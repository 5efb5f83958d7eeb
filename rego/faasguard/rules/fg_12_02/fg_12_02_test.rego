package faasguard.rules.fg_12_02_test

import data.faasguard.rules.fg_12_02

_link(function, value) := {
	"resource": function, "kind": "function", "setting": "efs_access_point",
	"value": value, "functions": [function],
}

_arn := "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0a1b2c3d4e5f60718"

test_declared_access_point_is_reported_on_itself if {
	results := fg_12_02.deny with data.faasguard.model.function_settings as {
		_link("Ingest", "Staging"), _link("Publish", "Staging"), _link("Archive", "Archive"),
	}
		with data.faasguard.model.format as "cloudformation"
	{[r.resource, r.functions] | some r in results} == {["Staging", ["Ingest", "Publish"]]}
}

test_external_arn_is_reported_on_the_functions if {
	denied := {r.resource | some r in fg_12_02.deny} with data.faasguard.model.function_settings as {
		_link("render", _arn), _link("importUpload", _arn),
	}
		with data.faasguard.model.format as "serverless"
	denied == {"render", "importUpload"}
}

test_one_function_per_access_point_passes if {
	count(fg_12_02.deny) == 0 with data.faasguard.model.function_settings as {
		_link("Ingest", "IngestPoint"), _link("Publish", "PublishPoint"),
		object.union(_link("Publish", "IngestPoint"), {"setting": "code_bucket"}),
	}
		with data.faasguard.model.format as "sam"
}
