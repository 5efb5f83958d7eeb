package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

_admin := `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`

# A normalized resource in the root module.
_resource(address, values, refs) := {
	"address": address,
	"type": split(address, ".")[0],
	"key": address,
	"scope": "",
	"values": values,
	"unknown": set(),
	"refs": refs,
}

_role_ref := {"role": ["aws_iam_role.lambda"]}

_function := _resource("aws_lambda_function.f", {"function_name": "fn"}, _role_ref)

_role := _resource("aws_iam_role.lambda", {"name": "lambda-role"}, {})

test_reference_keys if {
	terraform.reference_keys("aws_iam_role.lambda.arn") == {"aws_iam_role.lambda"}
	terraform.reference_keys("${aws_iam_role.lambda[0].name}") == {"aws_iam_role.lambda"}
	terraform.reference_keys("data.aws_iam_policy_document.d.json") == {"data.aws_iam_policy_document.d"}
	terraform.reference_keys("${var.on ? aws_iam_role.a.arn : aws_iam_role.b.arn}") == {
		"var.on",
		"aws_iam_role.a", "aws_iam_role.b",
	}
	terraform.reference_keys("each.value.arn") == {"each.value"}
	terraform.reference_keys("literal") == set()
}

test_doc_statement_defaults if {
	terraform.doc_statement({"actions": ["s3:GetObject", "*"], "resources": ["arn:aws:s3:::b/*", "*"]}) == {
		"effect": "Allow",
		"actions": ["*", "s3:GetObject"],
		"not_actions": [],
		"iam_resources": ["*", "arn:aws:s3:::b/*"],
		"iam_not_resources": [],
	}
	terraform.doc_statement({"effect": "Deny", "not_actions": "iam:*", "actions": null, "not_resources": "*"}) == {
		"effect": "Deny",
		"actions": [],
		"not_actions": ["iam:*"],
		"iam_resources": [],
		"iam_not_resources": ["*"],
	}
}

test_no_resources_no_views if {
	every _, view in terraform.views {
		count(view) == 0
	}
}

test_function_views if {
	f := _resource(
		"aws_lambda_function.f", {
			"function_name": "fn",
			"runtime": "python3.8",
			"tracing_config": [{"mode": "PassThrough"}],
			"environment": [{"variables": [{"PASSWORD": "hunter22", "PORT": 8080, "DEBUG": true, "RATIO": 0.5}]}],
		},
		{},
	)
	views := terraform.views with terraform.resources as {f}
	views.functions == {{"resource": "aws_lambda_function.f", "name": "fn"}}
	views.runtimes == {{"resource": "aws_lambda_function.f", "value": "python3.8", "functions": ["aws_lambda_function.f"]}}
	views.tracing == {{"resource": "aws_lambda_function.f", "mode": "PassThrough", "functions": ["aws_lambda_function.f"]}}
	{[e.name, e.value] | some e in views.environment} == {
		["PASSWORD", "hunter22"], ["PORT", "8080"],
		["DEBUG", "true"], ["RATIO", "0.5"],
	}
}

test_function_name_unknown_is_the_address if {
	f := _resource("aws_lambda_function.f", {"tracing_config": {"mode": "Active"}}, {})
	views := terraform.views with terraform.resources as {f}
	views.functions == {{"resource": "aws_lambda_function.f", "name": "aws_lambda_function.f"}}
	views.tracing == {{"resource": "aws_lambda_function.f", "mode": "Active", "functions": ["aws_lambda_function.f"]}}
	views.runtimes == set()
}

test_tracing_unknown_has_no_record if {
	block_unknown := object.union(_resource("aws_lambda_function.a", {}, {}), {"unknown": {"tracing_config"}})
	mode_unknown := _resource("aws_lambda_function.b", {"tracing_config": [{}]}, {})
	views := terraform.views with terraform.resources as {block_unknown, mode_unknown}
	views.tracing == set()
	count(views.functions) == 2
}

test_statements_apply_to_the_functions_of_the_role if {
	role := object.union(_role, {"values": {"name": "lambda-role", "inline_policy": [{"policy": _admin}]}})
	other := _resource("aws_lambda_function.g", {}, {"role": ["aws_iam_role.lambda"]})
	views := terraform.views with terraform.resources as {_function, other, role}
	views.policy_statements == {{
		"resource": "aws_iam_role.lambda",
		"effect": "Allow",
		"actions": ["*"],
		"not_actions": [],
		"iam_resources": ["*"],
		"iam_not_resources": [],
		"roles": ["aws_iam_role.lambda"],
		"functions": ["aws_lambda_function.f", "aws_lambda_function.g"],
	}}
}

test_customer_policy_attached_to_two_roles_is_one_record if {
	policy := _resource("aws_iam_policy.p", {"name": "p", "policy": _admin}, {})
	other_role := _resource("aws_iam_role.other", {"name": "other"}, {})
	other := _resource("aws_lambda_function.g", {}, {"role": ["aws_iam_role.other"]})
	to_lambda := _resource("aws_iam_role_policy_attachment.a", {}, {
		"role": ["aws_iam_role.lambda"],
		"policy_arn": ["aws_iam_policy.p"],
	})
	to_other := _resource("aws_iam_role_policy_attachment.b", {"role": "other"}, {"policy_arn": ["aws_iam_policy.p"]})
	views := terraform.views with terraform.resources as {_function, _role, other, other_role, policy, to_lambda, to_other}
	[s.resource | some s in views.policy_statements] == ["aws_iam_policy.p"]
	[s.functions | some s in views.policy_statements] == [["aws_lambda_function.f", "aws_lambda_function.g"]]
}

test_value_links if {
	# A function role given as an ARN with a path, a role policy naming the role, a URL naming the function by ARN.
	role := _resource("aws_iam_role.lambda", {"name": "lambda-role", "path": "/service/"}, {})
	f := _resource(
		"aws_lambda_function.f", {
			"function_name": "fn",
			"role": "arn:aws:iam::123456789012:role/service/lambda-role",
		},
		{},
	)
	policy := _resource("aws_iam_role_policy.p", {"role": "lambda-role", "policy": _admin}, {})
	url := _resource(
		"aws_lambda_function_url.u", {
			"function_name": "arn:aws:lambda:us-east-1:123456789012:function:fn",
			"authorization_type": "NONE",
		},
		{},
	)
	views := terraform.views with terraform.resources as {role, f, policy, url}
	[s.resource | some s in views.policy_statements] == ["aws_iam_role_policy.p"]
	views.function_urls == {{
		"resource": "aws_lambda_function_url.u",
		"auth_type": "NONE",
		"functions": ["aws_lambda_function.f"],
	}}
}

test_aws_managed_arn_never_names_a_customer_policy if {
	policy := _resource("aws_iam_policy.AdministratorAccess", {"name": "AdministratorAccess", "policy": _admin}, {})
	attachment := _resource(
		"aws_iam_role_policy_attachment.a", {
			"role": "lambda-role",
			"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess",
		},
		{},
	)
	views := terraform.views with terraform.resources as {_function, _role, policy, attachment}
	views.policy_statements == set()
	views.managed_policies == {{
		"resource": "aws_iam_role_policy_attachment.a",
		"policy": "arn:aws:iam::aws:policy/AdministratorAccess",
		"roles": ["aws_iam_role.lambda"],
		"functions": ["aws_lambda_function.f"],
	}}
}

test_role_policy_listed_by_policies_exclusive if {
	# the policy given as a document object (a variable default)
	policy := _resource("aws_iam_role_policy.p", {"name": "p", "policy": json.unmarshal(_admin)}, {})
	exclusive := _resource(
		"aws_iam_role_policies_exclusive.e",
		{"policy_names": ["p"]},
		{"role_name": ["aws_iam_role.lambda"]},
	)
	views := terraform.views with terraform.resources as {_function, _role, policy, exclusive}
	[s.resource | some s in views.policy_statements] == ["aws_iam_role_policy.p"]
}

test_references_resolve_in_the_same_module_only if {
	in_module := object.union(_role, {"address": "module.m.aws_iam_role.lambda", "scope": "module.m"})
	policy := object.union(_resource("aws_iam_role_policy.p", {"policy": _admin}, {"role": ["aws_iam_role.lambda"]}), {
		"address": "module.m.aws_iam_role_policy.p",
		"scope": "module.m",
	})
	views := terraform.views with terraform.resources as {_function, _role, in_module, policy}
	views.policy_statements == set()
}

test_unknown_inline_policy_uses_the_documents_it_references if {
	doc := object.union(
		_resource(
			"data.aws_iam_policy_document.d", {"statements": {{
				"effect": "Allow", "actions": ["*"],
				"not_actions": [],
			}}},
			{},
		),
		{"type": "data.aws_iam_policy_document"},
	)
	role := object.union(_role, {
		"values": {"name": "lambda-role", "inline_policy": [{"name": "x"}]},
		"refs": {"inline_policy": ["data.aws_iam_policy_document.d"]},
	})
	all_unknown := object.union(role, {"values": {}, "unknown": {"inline_policy"}})
	views := terraform.views with terraform.resources as {_function, role, doc}
	[s.resource | some s in views.policy_statements] == ["aws_iam_role.lambda"]
	views_unknown := terraform.views with terraform.resources as {_function, all_unknown, doc}
	[s.resource | some s in views_unknown.policy_statements] == ["aws_iam_role.lambda"]
}

test_role_without_function_has_no_records if {
	arns := ["arn:aws:iam::aws:policy/PowerUserAccess"]
	role := object.union(_role, {"values": {"name": "lambda-role", "managed_policy_arns": arns}})
	views := terraform.views with terraform.resources as {role}
	views.managed_policies == set()
	views.policy_statements == set()
}

test_resources_not_created_are_only_in_not_created if {
	role := _resource("aws_iam_role.lambda", {"name": "lambda-role", "inline_policy": [{"policy": _admin}]}, {})
	gone := object.union(role, {"not_created": "count is 0"})
	f := _resource("aws_lambda_function.g", {"runtime": "python3.8"}, {})
	f_gone := object.union(f, {"not_created": "for_each is empty"})
	views := terraform.views with terraform.resources as {_function, gone, f_gone}
	views.not_created == {
		{"resource": "aws_iam_role.lambda", "reason": "count is 0"},
		{"resource": "aws_lambda_function.g", "reason": "for_each is empty"},
	}
	views.functions == {{"resource": "aws_lambda_function.f", "name": "fn"}}
	views.runtimes == set()
	views.policy_statements == set()
}

test_choice_of_alternatives if {
	terraform.choice({"Active"}, 0) == "Active"
	terraform.choice({"Active"}, 1) == {"faasguard_choice": ["Active"], "choices": 2}
	terraform.choice({"Active", "PassThrough"}, 0) == {"faasguard_choice": ["Active", "PassThrough"], "choices": 2}
	not terraform.choice(set(), 2)
}

test_alternatives_give_choice_records if {
	modes := terraform.choice({"Active", "PassThrough"}, 0)
	f := _resource(
		"aws_lambda_function.f", {
			"runtime": terraform.choice({"python3.8"}, 1),
			"tracing_config": [{"mode": modes}],
			"environment": [{"variables": {"DEBUG": terraform.choice({true, false}, 0)}}],
		},
		{},
	)
	views := terraform.views with terraform.resources as {f}
	views.runtimes == {{
		"resource": "aws_lambda_function.f", "value": "python3.8", "functions": ["aws_lambda_function.f"],
		"choice": "aws_lambda_function.f#runtime", "choices": 2, "alternative": 0,
	}}
	{[t.mode, t.choice, t.choices] | some t in views.tracing} == {
		["Active", "aws_lambda_function.f#tracing", 2],
		["PassThrough", "aws_lambda_function.f#tracing", 2],
	}
	{e.value | some e in views.environment} == {"true", "false"}
}

test_container_image_runtime_is_ignored if {
	f := _resource("aws_lambda_function.f", {"package_type": "Image", "runtime": "python3.8"}, {})
	views := terraform.views with terraform.resources as {f}
	views.runtimes == set()
}

test_document_with_unknown_parts_keeps_its_known_actions if {
	body := `{"Statement": [{"Effect": "Allow", "Action": ["${var.a}", "s3:*"], "NotAction": "${var.b}"}]}`
	policy := _resource("aws_iam_role_policy.p", {"policy": body}, {"role": ["aws_iam_role.lambda"]})
	views := terraform.views with terraform.resources as {_function, _role, policy}
	views.policy_statements == {{
		"resource": "aws_iam_role_policy.p", "effect": "Allow", "actions": ["s3:*"], "not_actions": [],
		"iam_resources": [], "iam_not_resources": [], "roles": ["aws_iam_role.lambda"],
		"functions": ["aws_lambda_function.f"],
	}}
}

test_data_source_policies_are_managed_policies if {
	by_name := terraform.data_source("data.aws_iam_policy.admin", "data.aws_iam_policy", "data.aws_iam_policy.admin", "", {
		"name": "AdministratorAccess",
		"path_prefix": null,
	})
	by_arn := terraform.data_source("data.aws_iam_policy.power", "data.aws_iam_policy", "data.aws_iam_policy.power", "", {
		"arn": "arn:aws:iam::aws:policy/PowerUserAccess",
		"name": "ignored",
	})
	attach := _resource("aws_iam_role_policy_attachment.a", {}, {
		"role": ["aws_iam_role.lambda"],
		"policy_arn": ["data.aws_iam_policy.admin"],
	})
	role := object.union(_role, {"refs": {"managed_policy_arns": ["data.aws_iam_policy.power"]}})
	views := terraform.views with terraform.resources as {_function, role, by_name, by_arn, attach}
	{[m.resource, m.policy] | some m in views.managed_policies} == {
		["aws_iam_role_policy_attachment.a", "AdministratorAccess"],
		["aws_iam_role.lambda", "arn:aws:iam::aws:policy/PowerUserAccess"],
	}
}

test_managed_policy_choice if {
	arns := terraform.choice({"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"}, 0)
	role := object.union(_role, {"values": {"name": "lambda-role", "managed_policy_arns": [arns]}})
	views := terraform.views with terraform.resources as {_function, role}
	{[m.policy, m.choices] | some m in views.managed_policies} == {
		["arn:aws:iam::aws:policy/AdministratorAccess", 2],
		["arn:aws:iam::aws:policy/ReadOnlyAccess", 2],
	}
}

_lambda_trust := json.marshal({"Statement": [{
	"Effect": "Allow",
	"Principal": {"Service": ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]},
	"Action": "sts:AssumeRole",
}]})

_ecs_trust := json.marshal({"Statement": [{
	"Effect": "Allow",
	"Principal": {"Service": "ecs-tasks.amazonaws.com"},
	"Action": "sts:AssumeRole",
}]})

test_json_document_trust_and_resource_entries if {
	terraform.json_document(_lambda_trust).trusts_lambda
	terraform.json_document(json.unmarshal(_lambda_trust)).trusts_lambda
	not terraform.json_document(_ecs_trust).trusts_lambda
	denied := {"Statement": {"Effect": "Deny", "Principal": {"Service": "lambda.amazonaws.com"}}}
	not terraform.json_document(denied).trusts_lambda
	not terraform.json_document(`{"Statement": [{"Effect": "Allow", "Principal": "*"}]}`).trusts_lambda
	body := `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "*"]},
		{"Effect": "Allow", "Action": "sqs:*", "NotResource": "arn:aws:sqs:*:*:dlq"}]}`
	terraform.json_statements(body) == {
		{
			"effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
			"iam_resources": ["*", "arn:aws:s3:::b/*"], "iam_not_resources": [],
		},
		{
			"effect": "Allow", "actions": ["sqs:*"], "not_actions": [],
			"iam_resources": [], "iam_not_resources": ["arn:aws:sqs:*:*:dlq"],
		},
	}
}

test_block_document_trust if {
	service := {"actions": ["sts:AssumeRole"], "principals": [{"type": "Service", "identifiers": "lambda.amazonaws.com"}]}
	terraform.block_document([service]).trusts_lambda
	account := {"principals": [{"type": "AWS", "identifiers": ["lambda.amazonaws.com"]}]}
	denied := object.union(service, {"effect": "Deny"})
	not terraform.block_document([account, denied]).trusts_lambda
	terraform.block_document([]) == {"statements": set(), "trusts_lambda": false}
}

_trusting_role(address, values) := _resource(address, object.union({"assume_role_policy": _lambda_trust}, values), {})

test_roles_are_used_by_functions_or_trust_lambda if {
	used := _resource("aws_iam_role.lambda", {"name": "lambda-role", "assume_role_policy": _ecs_trust}, {})
	spare := _trusting_role("aws_iam_role.spare", {"permissions_boundary": "arn:aws:iam::123456789012:policy/boundary"})
	ecs := _resource("aws_iam_role.ecs", {"assume_role_policy": _ecs_trust}, {})
	views := terraform.views with terraform.resources as {_function, used, spare, ecs}
	views.roles == {
		{"resource": "aws_iam_role.lambda", "functions": ["aws_lambda_function.f"], "permissions_boundary": false},
		{"resource": "aws_iam_role.spare", "functions": [], "permissions_boundary": true},
	}
}

test_role_trusting_lambda_through_a_policy_document if {
	key := "data.aws_iam_policy_document.trust"
	principals := [{"type": "Service", "identifiers": ["lambda.amazonaws.com"]}]
	doc := terraform.data_source(
		key, "data.aws_iam_policy_document", key, "",
		terraform.block_document([{"principals": principals}]),
	)
	role := object.union(_resource("aws_iam_role.r", {"permissions_boundary": null}, {}), {
		"unknown": {"assume_role_policy"},
		"refs": {"assume_role_policy": ["data.aws_iam_policy_document.trust"]},
	})
	views := terraform.views with terraform.resources as {doc, role}
	views.roles == {{"resource": "aws_iam_role.r", "functions": [], "permissions_boundary": false}}
}

test_permissions_boundary_set_by_reference_or_choice if {
	by_reference := object.union(_trusting_role("aws_iam_role.a", {}), {"unknown": {"permissions_boundary"}})
	boundary := terraform.choice({"arn:aws:iam::123456789012:policy/boundary"}, 1)
	by_choice := _trusting_role("aws_iam_role.b", {"permissions_boundary": boundary})
	views := terraform.views with terraform.resources as {by_reference, by_choice}
	{[r.resource, r.permissions_boundary] | some r in views.roles} == {["aws_iam_role.a", true], ["aws_iam_role.b", true]}
}

test_statements_of_a_role_no_function_uses_yet if {
	spare := _trusting_role("aws_iam_role.spare", {"inline_policy": [{"policy": _admin}]})
	attach := _resource("aws_iam_role_policy_attachment.a", {"policy_arn": "arn:aws:iam::aws:policy/AmazonS3FullAccess"}, {
		"role": ["aws_iam_role.spare"],
	})
	views := terraform.views with terraform.resources as {spare, attach}
	views.policy_statements == {{
		"resource": "aws_iam_role.spare", "effect": "Allow", "actions": ["*"], "not_actions": [],
		"iam_resources": ["*"], "iam_not_resources": [], "roles": ["aws_iam_role.spare"], "functions": [],
	}}
	views.managed_policies == {{
		"resource": "aws_iam_role_policy_attachment.a", "policy": "arn:aws:iam::aws:policy/AmazonS3FullAccess",
		"roles": ["aws_iam_role.spare"], "functions": [],
	}}
}

test_statements_name_only_the_function_roles_they_reach if {
	# one customer policy attached to the function's role, a role trusting Lambda and an ECS role
	policy := _resource("aws_iam_policy.p", {"policy": _admin}, {})
	spare := _trusting_role("aws_iam_role.spare", {})
	ecs := _resource("aws_iam_role.ecs", {"assume_role_policy": _ecs_trust}, {})
	attach := _resource("aws_iam_policy_attachment.a", {}, {
		"roles": ["aws_iam_role.lambda", "aws_iam_role.spare", "aws_iam_role.ecs"],
		"policy_arn": ["aws_iam_policy.p"],
	})
	views := terraform.views with terraform.resources as {_function, _role, policy, spare, ecs, attach}
	{[s.resource, s.roles, s.functions] | some s in views.policy_statements} == {[
		"aws_iam_policy.p", ["aws_iam_role.lambda", "aws_iam_role.spare"],
		["aws_lambda_function.f"],
	]}
}

test_resource_entries_with_unknown_parts_are_left_out if {
	body := json.marshal({"Statement": [{
		"Effect": "Allow", "Action": "s3:GetObject",
		"Resource": ["${var.arn}", "arn:aws:s3:::${var.b}/*", "*"],
	}]})
	policy := _resource("aws_iam_role_policy.p", {"policy": body}, {"role": ["aws_iam_role.lambda"]})
	views := terraform.views with terraform.resources as {_function, _role, policy}
	[s.iam_resources | some s in views.policy_statements] == [["*"]]
}

test_dynamic_references_are_left_out if {
	body := json.marshal({"Statement": [{"Effect": "Allow", "Action": ["{{resolve:ssm:/actions}}", "sqs:SendMessage"]}]})
	policy := _resource("aws_iam_role_policy.p", {"policy": body}, {"role": ["aws_iam_role.lambda"]})
	views := terraform.views with terraform.resources as {_function, _role, policy}
	[s.actions | some s in views.policy_statements] == [["sqs:SendMessage"]]
}
