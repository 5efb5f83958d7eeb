package faasguard.rules.fg_09_01_test

import data.faasguard.rules.fg_09_01

_permission(resource, principal, source_arn, source_account) := {
	"resource": resource, "principal": principal, "constrained": source_arn, "function_url_auth_type": "",
	"functions": ["fn"], "source_arn": source_arn, "source_account": source_account,
}

_permissions := {
	_permission("S3Bound", "s3.amazonaws.com", true, true),
	_permission("S3NoAccount", "s3.amazonaws.com", true, false),
	_permission("SnsBound", "SNS.amazonaws.com", true, false),
	_permission("EventsAccountOnly", "events.amazonaws.com", false, true),
	_permission("Account", "123456789012", false, false),
	_permission("Anyone", "*", false, false),
}

test_service_permissions_without_their_source if {
	{r.resource | some r in fg_09_01.deny} == {"S3NoAccount", "EventsAccountOnly"}
		with data.faasguard.model.lambda_permissions as _permissions
		with data.faasguard.model.format as "cloudformation"
}

test_the_message_names_what_is_missing if {
	some r in fg_09_01.deny
		with data.faasguard.model.lambda_permissions as {_permission("P", "s3.amazonaws.com", false, false)}
		with data.faasguard.model.format as "cloudformation"
	contains(r.msg, "no SourceAccount and SourceArn")
	r.functions == ["fn"]
}
