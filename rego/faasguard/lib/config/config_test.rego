package faasguard.lib.config_test

import data.faasguard.lib.config

# 2026-01-01T00:00:00Z
_new_year_2026 := 1767225600000000000

test_today_is_the_configured_date if {
	config.today == "2027-04-30" with data.faasguard.config.today as "2027-04-30"
		with time.now_ns as _new_year_2026
}

test_today_defaults_to_the_utc_date if {
	config.today == "2026-01-01" with time.now_ns as _new_year_2026
	config.today == "2025-12-31" with time.now_ns as _new_year_2026 - 1
}

test_a_malformed_date_is_ignored if {
	config.today == "2026-01-01" with data.faasguard.config.today as "tomorrow"
		with time.now_ns as _new_year_2026
}

test_settings_default_to_the_documented_values if {
	config.log_retention_min_days == data.faasguard.defaults.log_retention_min_days
	config.layer_accounts == set()
	config.runtime_warning_days == 180
}

test_settings_come_from_the_config if {
	config.log_retention_min_days == 365 with data.faasguard.config.log_retention_min_days as 365
	config.layer_accounts == {"123456789012"} with data.faasguard.config.layer_accounts as ["123456789012"]
}

test_a_setting_of_another_type_keeps_the_default if {
	config.log_retention_min_days == 1 with data.faasguard.config.log_retention_min_days as "365"
	config.runtime_warning_days == 180 with data.faasguard.config.runtime_warning_days as 1.5
}
