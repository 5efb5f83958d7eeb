package faasguard.rules.fg_05_07_test

import data.faasguard.rules.fg_05_07

_trail(resource, value) := {
	"resource": resource, "kind": "trail", "setting": "lambda_data_events",
	"value": value, "functions": [],
}

test_trail_without_lambda_data_events if {
	denied := {r.resource | some r in fg_05_07.deny} with data.faasguard.model.monitoring_settings as {
		_trail("aws_cloudtrail.audit", "false"),
		_trail("aws_cloudtrail.invocations", "true"),
	}
		with data.faasguard.model.format as "terraform"
	denied == {"aws_cloudtrail.audit"}
}

test_no_trail_no_finding if {
	count(fg_05_07.deny) == 0 with data.faasguard.model.monitoring_settings as set()
		with data.faasguard.model.format as "terraform"
}

_alternative(value, i) := object.union(_trail("AuditTrail", value), {
	"choice": "AuditTrail#trail", "choices": 2, "alternative": i,
})

# an Fn::If between selectors with and without Lambda: undecided, not a violation
test_alternatives_violate_only_together if {
	denied := {r.resource | some r in fg_05_07.deny} with data.faasguard.model.monitoring_settings as {
		_alternative("false", 0),
		_alternative("true", 1),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_every_alternative_without_lambda if {
	denied := {r.resource | some r in fg_05_07.deny} with data.faasguard.model.monitoring_settings as {
		_alternative("false", 0),
		_alternative("false", 1),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == {"AuditTrail"}
}
