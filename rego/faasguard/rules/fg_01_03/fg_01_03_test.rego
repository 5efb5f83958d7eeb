package faasguard.rules.fg_01_03_test

import data.faasguard.rules.fg_01_03

_policy(resource, target, actions, constrained) := {
	"resource": resource, "target": target, "effect": "Allow",
	"actions": actions, "public": true, "constrained": constrained,
}

_trigger(resource, kind, source, functions) := {
	"resource": resource, "kind": kind, "source": source, "functions": functions,
}

test_a_trigger_from_a_publicly_writable_source_is_reported_on_the_trigger if {
	denied := {[r.resource, r.functions] | some r in fg_01_03.deny}
		with data.faasguard.model.source_policies as {_policy("UploadsPolicy", "Uploads", ["s3:PutObject"], false)}
		with data.faasguard.model.event_sources as {
			_trigger("Thumbnail", "s3", "Uploads", ["Thumbnail"]),
			_trigger("Audit", "sqs", "AuditQueue", ["Audit"]),
		}
		with data.faasguard.model.format as "sam"
	denied == {["Thumbnail", ["Thumbnail"]]}
}

test_constrained_or_undeclared_sources_pass if {
	denied := fg_01_03.deny
		with data.faasguard.model.source_policies as {
			_policy("TopicPolicy", "Topic", ["sns:Publish"], true),
			_policy("QueuePolicy", "", ["sqs:SendMessage"], false),
		}
		with data.faasguard.model.event_sources as {
			_trigger("Mapping", "sqs", "", ["Worker"]),
			_trigger("Subscription", "sns", "Topic", ["Notify"]),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
