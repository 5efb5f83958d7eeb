package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

# conftest's shape of roles trusting Lambda whose boundary a variable of the same file switches: the
# branch a settled condition takes is read, `null` (no boundary) included; on a variable without
# default either branch may hold, so the boundary counts as set.
test_boundary_conditional_on_a_variable if {
	trust := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}]})
	boundary := `"arn:aws:iam::123456789012:policy/boundary"`
	doc := {
		"variable": {"off": [{"default": false}], "on": [{"default": true}], "unset": [{}]},
		"resource": {"aws_iam_role": {name: [{
			"assume_role_policy": trust,
			"permissions_boundary": sprintf("${var.%s ? %s : null}", [name, boundary]),
		}] |
			some name in ["off", "on", "unset"]
		}},
	}
	terraform.views.roles == {
		{"resource": "aws_iam_role.off", "functions": [], "permissions_boundary": false},
		{"resource": "aws_iam_role.on", "functions": [], "permissions_boundary": true},
		{"resource": "aws_iam_role.unset", "functions": [], "permissions_boundary": true},
	} with input as doc
}
