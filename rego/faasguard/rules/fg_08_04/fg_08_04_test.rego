package faasguard.rules.fg_08_04_test

import data.faasguard.rules.fg_08_04

_limit(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

_throttled(resource, kind) := {
	_limit(resource, kind, "throttle_burst", "500"),
	_limit(resource, kind, "throttle_rate", "250"),
}

test_throttled_stage_passes if {
	count(fg_08_04.deny) == 0 with data.faasguard.model.api_settings as _throttled("ProdStage", "rest_stage")
		with data.faasguard.model.format as "cloudformation"
}

test_absent_limits_fail if {
	results := fg_08_04.deny with data.faasguard.model.api_settings as {
		_limit("ProdStage", "rest_stage", "throttle_burst", "absent"),
		_limit("ProdStage", "rest_stage", "throttle_rate", "100"),
	}
		with data.faasguard.model.format as "cloudformation"
	{r.resource | some r in results} == {"ProdStage"}
	some r in results
	contains(r.msg, "REST API stage ProdStage: no burst limit")
	not contains(r.msg, "rate limit")
}

# a usage plan's good limit is enough, whatever the stage-wide settings write
test_one_good_place_is_enough if {
	stage := _throttled("Api", "rest_stage") | {_limit("Api", "rest_stage", "throttle_rate", "20000")}
	count(fg_08_04.deny) == 0 with data.faasguard.model.api_settings as stage
		with data.faasguard.model.format as "sam"
}

test_above_the_ceiling if {
	stage := {
		_limit("provider", "http_stage", "throttle_burst", "100"),
		_limit("provider", "http_stage", "throttle_rate", "10000.5"),
	}
	results := fg_08_04.deny with data.faasguard.model.api_settings as stage
		with data.faasguard.model.format as "serverless"
	some r in results
	contains(r.msg, "HTTP API stage provider: rate limit 10000.5 above 10000")
}

test_ceiling_from_the_settings if {
	count(fg_08_04.deny) == 1 with data.faasguard.model.api_settings as _throttled("s", "websocket_stage")
		with data.faasguard.model.format as "terraform"
		with data.faasguard.config as {"api_throttle_max_burst": 100}
}

# one result per resource, naming each of its stages
test_one_result_per_resource if {
	stages := {
		_limit("Fn", "rest_stage", "throttle_burst", "absent"),
		_limit("Fn", "rest_stage", "throttle_rate", "absent"),
		_limit("Fn", "http_stage", "throttle_burst", "absent"),
		_limit("Fn", "http_stage", "throttle_rate", "1"),
	}
	results := fg_08_04.deny with data.faasguard.model.api_settings as stages
		with data.faasguard.model.format as "sam"
	count(results) == 1
	some r in results
	contains(r.msg, "HTTP API stage Fn: no burst limit; REST API stage Fn: no burst limit, no rate limit")
}

_choice(value, i) := object.union(
	_limit("V1", "rest_stage", "throttle_burst", value),
	{"choice": "c", "choices": 2, "alternative": i},
)

# alternatives: a finding only when every alternative violates
test_alternatives if {
	rate := _limit("V1", "rest_stage", "throttle_rate", "10")
	count(fg_08_04.deny) == 0 with data.faasguard.model.api_settings as {rate, _choice("100", 0), _choice("9000", 1)}
		with data.faasguard.model.format as "cloudformation"
	count(fg_08_04.deny) == 1 with data.faasguard.model.api_settings as {rate, _choice("absent", 0), _choice("9000", 1)}
		with data.faasguard.model.format as "cloudformation"
}
