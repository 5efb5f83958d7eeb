package faasguard.rules.fg_03_02_test

import data.faasguard.rules.fg_03_02

_setting(resource, kind, name, value) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": [],
}

_ids(results) := {r.resource | some r in results}

test_topics_and_log_groups_need_a_kms_key if {
	settings := {
		_setting("Topic", "sns_topic", "kms_key", "absent"), _setting("Logs", "log_group", "kms_key", "absent"),
		_setting("Keyed", "sns_topic", "kms_key", "alias/aws/sns"),
	}
	found := fg_03_02.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.format as "terraform"
	_ids(found) == {"Topic", "Logs"}
}

test_file_systems_need_encrypted_true if {
	settings := {
		_setting("Files", "efs_file_system", "encrypted", "false"),
		_setting("Encrypted", "efs_file_system", "encrypted", "true"),
	}
	found := fg_03_02.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.format as "terraform"
	_ids(found) == {"Files"}
}

test_a_queue_needs_a_key_or_sse_sqs if {
	settings := {
		_setting("Off", "sqs_queue", "kms_key", "absent"), _setting("Off", "sqs_queue", "sqs_managed_sse", "false"),
		_setting("Default", "sqs_queue", "kms_key", "absent"), _setting("Default", "sqs_queue", "sqs_managed_sse", "true"),
		_setting("Keyed", "sqs_queue", "kms_key", "k"), _setting("Keyed", "sqs_queue", "sqs_managed_sse", "false"),
	}
	found := fg_03_02.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.format as "terraform"
	_ids(found) == {"Off"}
}

test_a_key_in_one_alternative_only_is_undecided if {
	settings := {
		object.union(_setting("Topic", "sns_topic", "kms_key", "absent"), {"choice": "c", "choices": 2, "alternative": 0}),
		object.union(_setting("Topic", "sns_topic", "kms_key", "k"), {"choice": "c", "choices": 2, "alternative": 1}),
	}
	found := fg_03_02.deny with data.faasguard.model.store_settings as settings
		with data.faasguard.model.format as "terraform"
	found == set()
}
