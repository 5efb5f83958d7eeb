# METADATA
# title: Scan settings
# description: |
#   Settings a caller may give the bundle under data.faasguard.config. `today` is the date rules judge
#   by (YYYY-MM-DD): `faasguard scan --today` passes it (`with data.faasguard.config.today as …`, or as
#   data); without it, today in UTC, the day the Python engine uses by default. The tunable settings
#   (docs/settings.md) have the defaults of data.faasguard.defaults; a value of another type than its
#   default is ignored (the Python engine refuses it).
package faasguard.lib.config

import data.faasguard.lib.metadata

# METADATA
# title: today
# description: The scan's date as YYYY-MM-DD.
today := data.faasguard.config.today if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, data.faasguard.config.today)
} else := sprintf("%04d-%02d-%02d", time.date(time.now_ns()))

# METADATA
# title: setting
# description: The value of the tunable setting `name`, or its documented default.
setting(name) := value if {
	value := data.faasguard.config[name]
	type_name(value) == type_name(metadata.defaults[name])
	_whole(value)
} else := metadata.defaults[name]

_whole(value) if not is_number(value)

_whole(value) if {
	is_number(value)
	value == round(value)
}

# METADATA
# title: log_retention_min_days
# description: The shortest retention (days) a function's log group may have (FG_05_02).
log_retention_min_days := setting("log_retention_min_days")

# METADATA
# title: layer_accounts
# description: The accounts whose layers functions may use beside their own (FG_06_03).
layer_accounts := {account | some account in setting("layer_accounts")}

# METADATA
# title: runtime_warning_days
# description: Days before deprecation a runtime is reported as soon deprecated (FG_06_07).
runtime_warning_days := setting("runtime_warning_days")
