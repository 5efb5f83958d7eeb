# METADATA
# title: Scan settings
# description: |
#   Settings a caller may give the bundle under data.faasguard.config. `today` is the date rules judge
#   by (YYYY-MM-DD): `faasguard scan --today` passes it (`with data.faasguard.config.today as …`, or as
#   data); without it, today in UTC, the day the Python engine uses by default.
package faasguard.lib.config

# METADATA
# title: today
# description: The scan's date as YYYY-MM-DD.
today := data.faasguard.config.today if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, data.faasguard.config.today)
} else := sprintf("%04d-%02d-%02d", time.date(time.now_ns()))
