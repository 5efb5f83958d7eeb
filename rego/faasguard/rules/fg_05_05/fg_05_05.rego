# METADATA
# title: FG_05_05 state machine does not log errors or is not traced
# description: |
#   A state machine whose log level is OFF or FATAL (unset: OFF) or whose X-Ray tracing is off (unset:
#   off). The level is api_settings' log_level where a logging configuration is written, else the
#   monitoring_settings record; serverless-step-functions machines are on `provider`, their settings
#   named `stateMachines.<m>.<setting>`.
package faasguard.rules.fg_05_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_05"

_machine_settings(name) := {s |
	some s in (model.api_settings | model.monitoring_settings)
	s.kind == "state_machine"
	_last(s.setting) == name
}

_last(setting) := parts[count(parts) - 1] if parts := split(setting, ".")

# the state machine a record describes: its resource, or the plugin's key in its setting
_machine(s) := split(s.setting, ".")[1] if count(split(s.setting, ".")) > 2

else := s.resource

_quiet := model.decided({s | some s in _machine_settings("log_level"); s.value in {"OFF", "FATAL"}})

_untraced := model.decided({s | some s in _machine_settings("tracing"); s.value != "true"})

_problems contains [s.resource, sprintf("state machine %s logs at level %s", [_machine(s), s.value])] if {
	some s in _quiet
}

_problems contains [s.resource, sprintf("state machine %s has no X-Ray tracing", [_machine(s)])] if some s in _untraced

# METADATA
# title: deny
# description: One result per state machine (Serverless plugin machines together, on `provider`).
deny contains result if {
	some resource in {p[0] | some p in _problems}
	what := concat("; ", sort({p[1] | some p in _problems; p[0] == resource}))
	result := findings.result(_id, model.format, resource, [], what)
}
