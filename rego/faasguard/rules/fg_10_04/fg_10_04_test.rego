package faasguard.rules.fg_10_04_test

import data.faasguard.rules.fg_10_04

_level(resource, value) := {
	"resource": resource, "kind": "stage", "setting": "execution_logging",
	"value": value, "functions": [],
}

test_error_and_off_pass if {
	count(fg_10_04.deny) == 0 with data.faasguard.model.api_settings as {_level("Prod", "ERROR"), _level("Dev", "OFF")}
		with data.faasguard.model.format as "cloudformation"
}

test_info_fails if {
	results := fg_10_04.deny with data.faasguard.model.api_settings as {_level("provider", "INFO"), _level("Dev", "ERROR")}
		with data.faasguard.model.format as "serverless"
	{r.resource | some r in results} == {"provider"}
	some r in results
	contains(r.msg, "REST API stage provider logs execution at INFO")
}

# another setting of the stage at INFO is not the execution logging level
test_only_execution_logging if {
	record := object.union(_level("Prod", "INFO"), {"setting": "log_level"})
	count(fg_10_04.deny) == 0 with data.faasguard.model.api_settings as {record}
		with data.faasguard.model.format as "cloudformation"
}
