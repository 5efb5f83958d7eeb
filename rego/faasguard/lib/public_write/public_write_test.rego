package faasguard.lib.public_write_test

import data.faasguard.lib.public_write

_statement(target, actions, public, constrained) := {
	"resource": "Policy", "target": target, "effect": "Allow",
	"actions": actions, "public": public, "constrained": constrained,
}

test_a_public_unconstrained_write_is_public_write if {
	public_write.is_public_write(_statement("Topic", ["sns:*"], true, false))
	public_write.is_public_write(_statement("Bucket", ["s3:Put*"], true, false))
}

test_constrained_named_or_read_only_statements_are_not if {
	not public_write.is_public_write(_statement("Topic", ["sns:Publish"], true, true))
	not public_write.is_public_write(_statement("Topic", ["sns:Publish"], false, false))
	not public_write.is_public_write(_statement("Bucket", ["s3:GetObject"], true, false))
	not public_write.is_public_write(object.union(_statement("Topic", ["sns:Publish"], true, false), {"effect": "Deny"}))
}

test_writable_targets_leave_out_sources_declared_elsewhere if {
	public := _statement("Queue", ["sqs:SendMessage"], true, false)
	elsewhere := _statement("", ["sqs:SendMessage"], true, false)
	scoped := _statement("Topic", ["sns:Publish"], true, true)
	public_write.writable_targets({public, elsewhere, scoped}) == {"Queue": {public}}
}
