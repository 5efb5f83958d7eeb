package faasguard.lib.throttling_test

import data.faasguard.lib.throttling

test_limit_member if {
	throttling.limit_member({"value": 5000}) == {"value": "5000"}
	throttling.limit_member({"value": 12.5}) == {"value": "12.5"}
	throttling.limit_member({"value": "200"}) == {"value": "200"}
	throttling.limit_member({"value": -1}) == {"value": "absent"}
	throttling.limit_member({"absent": true}) == {"value": "absent"}
	throttling.limit_member({"value": "fast"}) == {"unknown": true}
	throttling.limit_member({"value": true}) == {"unknown": true}
	throttling.limit_member({"unknown": true}) == {"unknown": true}
}

_record(setting, value) := {"resource": "S", "kind": "rest_stage", "setting": setting, "value": value, "functions": []}

test_limit_records_one_per_place_absent_when_none if {
	records := throttling.limit_records("S", "rest_stage", [], {
		["throttle_burst", {{"value": "10"}}],
		["throttle_burst", {{"value": "absent"}}],
		["throttle_burst", {{"value": "20"}}],
	})
	records == {
		_record("throttle_burst", "10"), _record("throttle_burst", "20"),
		_record("throttle_rate", "absent"),
	}
}

# a place only deployment settles: the limit is unknown (no record), whatever the other places write
test_limit_records_unknown_place if {
	records := throttling.limit_records("S", "rest_stage", [], {
		["throttle_rate", {{"unknown": true}}],
		["throttle_rate", {{"value": "10"}}],
		["throttle_burst", {{"value": "10"}}],
	})
	records == {_record("throttle_burst", "10")}
}

test_response_records if {
	records := throttling.response_records("Api", [], {"DEFAULT_4XX", "ACCESS_DENIED"}, false)
	{[r.setting, r.value] | some r in records} == {["default_4xx_response", "true"], ["default_5xx_response", "false"]}
	unknown := throttling.response_records("Api", [], {"DEFAULT_4XX"}, true)
	{[r.setting, r.value] | some r in unknown} == {["default_4xx_response", "true"]}
}

test_map_sources if {
	doc := {"Parameters": {"Rate": {"Type": "Number", "Default": 50}}, "Resources": {}}
	throttling.map_sources(doc, {"ThrottlingRateLimit": {"Ref": "Rate"}}, throttling.stage_keys) == {
		["throttle_rate", {{"value": "50"}}],
	}
	throttling.map_sources(doc, null, throttling.stage_keys) == set()
	throttling.map_sources(doc, {"Ref": "Settings"}, throttling.stage_keys) == {
		["throttle_burst", {{"unknown": true}}],
		["throttle_rate", {{"unknown": true}}],
	}
}
