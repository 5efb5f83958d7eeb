package faasguard.rules.fg_06_04_test

import data.faasguard.rules.fg_06_04

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

test_a_tag_and_an_unscanned_repository_are_reported if {
	denied := {r.resource | some r in fg_06_04.deny}
		with data.faasguard.model.function_settings as {
			_setting("Api", "function", "image_uri_digest", "false"),
			_setting("Worker", "function", "image_uri_digest", "true"),
		}
		with data.faasguard.model.store_settings as {
			_setting("AppRepository", "ecr_repository", "scan_on_push", "false"),
			_setting("BaseRepository", "ecr_repository", "scan_on_push", "true"),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Api", "AppRepository"}
}

test_registry_scanning_of_every_repository_covers_them if {
	denied := fg_06_04.deny
		with data.faasguard.model.function_settings as set()
		with data.faasguard.model.store_settings as {
			_setting("AppRepository", "ecr_repository", "scan_on_push", "false"),
			_setting("Scanning", "ecr_registry", "scans_all_repositories", "true"),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
