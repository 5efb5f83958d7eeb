package faasguard.rules.fg_09_02_test

import data.faasguard.rules.fg_09_02

_statement(resource, target, effect, actions, public, constrained) := {
	"resource": resource, "target": target, "effect": effect,
	"actions": actions, "public": public, "constrained": constrained,
}

_statements := {
	_statement("TopicPolicy", "Topic", "Allow", ["SNS:Publish"], true, false),
	_statement("QueuePolicy", "Queue", "Allow", ["sqs:*"], true, false),
	_statement("BusPolicy", "", "allow", ["*"], true, false),
	_statement("ReadOnly", "Bucket", "Allow", ["s3:GetObject"], true, false),
	_statement("Narrowed", "Topic", "Allow", ["sns:Publish"], true, true),
	_statement("Named", "Topic", "Allow", ["sns:Publish"], false, false),
	_statement("Denied", "Topic", "Deny", ["sns:Publish"], true, false),
}

_triggers := {{"resource": "Sub", "kind": "sns", "source": "Topic", "functions": ["notify"]}}

test_public_writes_without_a_source_condition if {
	{r.resource | some r in fg_09_02.deny} == {"TopicPolicy", "QueuePolicy", "BusPolicy"}
		with data.faasguard.model.source_policies as _statements
		with data.faasguard.model.event_sources as _triggers
		with data.faasguard.model.format as "cloudformation"
}

test_the_functions_a_source_triggers if {
	some r in fg_09_02.deny with data.faasguard.model.source_policies as _statements
		with data.faasguard.model.event_sources as _triggers
		with data.faasguard.model.format as "cloudformation"
	r.resource == "TopicPolicy"
	r.functions == ["notify"]
}

test_a_source_declared_elsewhere if {
	some r in fg_09_02.deny with data.faasguard.model.source_policies as _statements
		with data.faasguard.model.event_sources as _triggers
		with data.faasguard.model.format as "cloudformation"
	r.resource == "BusPolicy"
	contains(r.msg, "a resource declared elsewhere")
	r.functions == []
}
