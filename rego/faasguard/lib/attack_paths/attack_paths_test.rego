package faasguard.lib.attack_paths_test

import data.faasguard.lib.attack_paths

_statement(resource, effect, actions, resources, functions) := {
	"resource": resource, "effect": effect, "actions": actions, "not_actions": [],
	"iam_resources": resources, "iam_not_resources": [], "roles": ["Role"], "functions": functions,
}

_not_action(resource, effect, not_actions, resources, functions) := object.union(
	_statement(resource, effect, [], resources, functions),
	{"not_actions": not_actions},
)

_managed(resource, policy, functions) := {
	"resource": resource, "policy": policy,
	"roles": ["Role"], "functions": functions,
}

_operation(resource, kind, method, path, authorization, functions) := {
	"resource": resource, "api": "Api", "kind": kind, "method": method, "path": path,
	"authorization": authorization, "api_key_required": false, "functions": functions,
}

_permission(resource, principal, constrained, url_auth, functions) := {
	"resource": resource, "principal": principal, "constrained": constrained,
	"function_url_auth_type": url_auth, "functions": functions,
}

_alternative(record, choice, choices, index) := object.union(record, {
	"choice": choice, "choices": choices,
	"alternative": index,
})

# --- entry points

test_open_operations_urls_permissions_and_writable_triggers_are_public_entry_points if {
	entries := attack_paths.public_entry_points
		with data.faasguard.model.api_operations as {
			_operation("GetOrders", "rest", "GET", "/orders", "NONE", ["Orders"]),
			_operation("Preflight", "rest", "OPTIONS", "/orders", "NONE", ["Orders"]),
			_operation("Route", "http", "POST", "/pay", "NONE", ["Pay"]),
			_operation("Connect", "websocket", "", "$connect", "NONE", ["Chat"]),
			_operation("Signed", "http", "GET", "/admin", "AWS_IAM", ["Admin"]),
		}
		with data.faasguard.model.function_urls as {
			{"resource": "OpenUrl", "auth_type": "NONE", "functions": ["Url"]},
			{"resource": "IamUrl", "auth_type": "AWS_IAM", "functions": ["Admin"]},
		}
		with data.faasguard.model.lambda_permissions as {
			_permission("Open", "*", false, "", ["Perm"]),
			_permission("OpenUrlPermission", "*", false, "NONE", ["Perm"]),
			_permission("Constrained", "*", true, "", ["Admin"]),
			_permission("IamUrlPermission", "*", false, "AWS_IAM", ["Admin"]),
			_permission("Service", "s3.amazonaws.com", false, "", ["Admin"]),
		}
		with data.faasguard.model.event_sources as {
			{"resource": "Upload", "kind": "s3", "source": "Bucket", "functions": ["Thumb"]},
			{"resource": "Elsewhere", "kind": "sqs", "source": "", "functions": ["Admin"]},
		}
		with data.faasguard.model.source_policies as {{
			"resource": "BucketPolicy", "target": "Bucket", "effect": "Allow",
			"actions": ["s3:PutObject"], "public": true, "constrained": false,
		}}
	entries == {
		"Orders": {{"kind": "api", "name": "REST GET /orders", "resource": "GetOrders"}},
		"Pay": {{"kind": "api", "name": "HTTP API POST /pay", "resource": "Route"}},
		"Chat": {{"kind": "api", "name": "WebSocket $connect", "resource": "Connect"}},
		"Url": {{"kind": "function URL", "name": "function URL", "resource": "OpenUrl"}},
		"Perm": {
			{"kind": "permission", "name": "invoke permission for *", "resource": "Open"},
			{"kind": "permission", "name": "invoke permission for *", "resource": "OpenUrlPermission"},
		},
		"Thumb": {{"kind": "trigger", "name": "s3 source Bucket", "resource": "Upload"}},
	}
}

test_a_value_with_alternatives_is_public_only_when_every_alternative_is if {
	entries := attack_paths.public_entry_points
		with data.faasguard.model.function_urls as {
			_alternative({"resource": "Both", "auth_type": "NONE", "functions": ["A"]}, "both", 2, 0),
			_alternative({"resource": "Both", "auth_type": "NONE", "functions": ["A"]}, "both", 2, 1),
			_alternative({"resource": "Some", "auth_type": "NONE", "functions": ["B"]}, "some", 2, 0),
			_alternative({"resource": "Some", "auth_type": "AWS_IAM", "functions": ["B"]}, "some", 2, 1),
		}
	object.keys(entries) == {"A"}
}

# --- grants

test_admin_escalation_and_service_wide_statements_are_dangerous if {
	grants := attack_paths.dangerous_grants with data.faasguard.model.policy_statements as {
		_statement("Star", "Allow", ["*"], ["*"], ["Admin"]),
		_not_action("Except", "allow", ["iam:*"], ["arn:aws:s3:::bucket/key"], ["Except"]),
		_statement("PassRole", "Allow", ["iam:PassRole"], ["*"], ["Pass"]),
		_statement("Whole", "Allow", ["kinesis:*", "iam:*"], ["*"], ["Whole"]),
		_statement("Scoped", "Allow", ["s3:*"], ["arn:aws:s3:::bucket/key"], ["Scoped"]),
		_statement("Data", "Allow", ["s3:GetObject"], ["*"], ["Scoped"]),
	}

	# an admin statement is shown as admin alone
	grants.Admin == {{"level": "admin", "what": "Action *", "resource": "Star"}}
	grants.Except == {{"level": "admin", "what": "every action except NotAction iam:*", "resource": "Except"}}
	grants.Pass == {{"level": "privilege escalation", "what": "iam:PassRole on every resource", "resource": "PassRole"}}
	{g | some g in grants.Whole; not startswith(g.what, "escalation method ")} == {
		{"level": "service-wide", "what": "kinesis:* on every resource", "resource": "Whole"},
		{
			"level": "service-wide",
			"what": "iam:* (with its permissions-management actions) on every resource",
			"resource": "Whole",
		},
	}
	grants.Whole[{
		"level": "privilege escalation",
		"what": "escalation method CreateAccessKey (iam:createaccesskey)",
		"resource": "Whole",
	}]
	not grants.Scoped
}

test_an_escalation_method_is_granted_by_the_statements_of_a_function_together if {
	grants := attack_paths.dangerous_grants with data.faasguard.model.policy_statements as {
		_statement("Pass", "Allow", ["iam:PassRole"], ["arn:aws:iam::1:role/app"], ["Fn", "Other"]),
		_statement("Create", "Allow", ["ec2:RunInstances"], ["arn:aws:ec2:us-east-1:1:instance/i-1"], ["Fn"]),
	}
	what := "escalation method CreateEC2WithExistingIP (iam:passrole, ec2:runinstances)"
	grants == {"Fn": {
		{"level": "privilege escalation", "what": what, "resource": "Pass"},
		{"level": "privilege escalation", "what": what, "resource": "Create"},
	}}
}

test_a_deny_on_every_resource_removes_the_grants_it_covers if {
	grants := attack_paths.dangerous_grants with data.faasguard.model.policy_statements as {
		_statement("Star", "Allow", ["*"], ["*"], ["A"]),
		_statement("DenyAll", "Deny", ["*"], ["*"], ["A"]),
		_statement("Streams", "Allow", ["s3:*", "kinesis:*"], ["*"], ["B"]),
		_statement("DenyS3", "deny", ["s3:*"], ["arn:aws:s3:::*"], ["B"]),
		_statement("Lambda", "Allow", ["lambda:*"], ["*"], ["C"]),
		_not_action("DenyOthers", "Deny", ["s3:*"], ["*"], ["C"]),
		_statement("States", "Allow", ["states:*"], ["*"], ["D"]),
		_statement("DenyOne", "Deny", ["states:*"], ["arn:aws:states:us-east-1:1:stateMachine:orders"], ["D"]),
		object.union(_statement("DenyExcept", "Deny", ["states:*"], ["*"], ["D"]), {"iam_not_resources": ["x"]}),
		_not_action("AllButIam", "Allow", ["iam:*"], ["*"], ["E"]),
		_not_action("DenyAllButS3", "Deny", ["s3:*"], ["*"], ["E", "F"]),
		_statement("Kinesis", "Allow", ["kinesis:*"], ["*"], ["F"]),
		_statement("Cloudwatch", "Allow", ["cloudwatch:*"], ["*"], ["F"]),
		_statement("DenyCloudwatch", "Deny", ["cloudwatch:*"], ["*"], ["F"]),
	}
	grants == {
		"B": {{"level": "service-wide", "what": "kinesis:* on every resource", "resource": "Streams"}},
		"D": {{"level": "service-wide", "what": "states:* on every resource", "resource": "States"}},
	}
}

test_a_not_action_deny_leaves_what_it_names if {
	grants := attack_paths.dangerous_grants with data.faasguard.model.policy_statements as {
		_not_action("AllButIam", "Allow", ["iam:*"], ["*"], ["A"]),
		_statement("S3", "Allow", ["s3:*", "states:*"], ["*"], ["A"]),
		_not_action("DenyAllButS3", "Deny", ["s3:*", "iam:*"], ["*"], ["A"]),
	}
	grants == {"A": {{
		"level": "service-wide",
		"what": "s3:* (with its permissions-management actions) on every resource",
		"resource": "S3",
	}}}
}

test_admin_and_service_wide_managed_policies_are_dangerous if {
	grants := attack_paths.dangerous_grants
		with data.faasguard.model.managed_policies as {
			_managed("Admin", "arn:aws:iam::aws:policy/AdministratorAccess", ["A"]),
			_managed("Api", "AmazonAPIGatewayAdministrator", ["B"]),
			_managed("Full", "arn:aws:iam::aws:policy/AWSLambdaFullAccess", ["C"]),
			_managed("Invoke", "AWSLambdaRole", ["D"]),
			_managed("Custom", "arn:aws:iam::1:policy/Custom", ["D"]),
			_managed("Denied", "PowerUserAccess", ["E"]),
		}
		with data.faasguard.model.policy_statements as {
			_statement("DenyS3", "Deny", ["s3:*", "dynamodb:*"], ["*"], ["C"]),
			_statement("DenyAll", "Deny", ["*"], ["*"], ["E"]),
		}
	grants == {
		"A": {{
			"level": "admin",
			"what": "arn:aws:iam::aws:policy/AdministratorAccess (every action)",
			"resource": "Admin",
		}},
		"B": {{
			"level": "service-wide",
			"what": "AmazonAPIGatewayAdministrator (apigateway:* on every resource)",
			"resource": "Api",
		}},
		"C": {{
			"level": "service-wide",
			"what": "arn:aws:iam::aws:policy/AWSLambdaFullAccess (lambda:*, logs:*, events:*, cloudwatch:* on every resource)",
			"resource": "Full",
		}},
	}
}

test_a_managed_policy_with_alternatives_counts_when_dangerous_in_every_one if {
	grants := attack_paths.dangerous_grants with data.faasguard.model.managed_policies as {
		_alternative(_managed("Both", "AdministratorAccess", ["A"]), "both", 2, 0),
		_alternative(_managed("Both", "AmazonS3FullAccess", ["A"]), "both", 2, 1),
		_alternative(_managed("Some", "AdministratorAccess", ["B"]), "some", 2, 0),
		_alternative(_managed("Some", "ReadOnlyAccess", ["B"]), "some", 2, 1),
	}
	object.keys(grants) == {"A"}
	count(grants.A) == 2
}

# --- attack paths

test_a_function_has_a_path_when_public_and_dangerous if {
	paths := attack_paths.functions_with_paths
		with data.faasguard.model.function_urls as {{"resource": "Url", "auth_type": "NONE", "functions": ["A", "B"]}}
		with data.faasguard.model.policy_statements as {
			_statement("Star", "Allow", ["*"], ["*"], ["A", "C"]),
			_statement("Read", "Allow", ["s3:GetObject"], ["*"], ["B"]),
		}
	paths == {"A"}
}
