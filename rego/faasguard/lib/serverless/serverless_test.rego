package faasguard.lib.serverless_test

import data.faasguard.lib.serverless as sls

_doc := {
	"service": "orders",
	"custom": {
		"runtime": "python3.12",
		"alias": "${self:custom.runtime}",
		"fromEnv": "${env:RUNTIME}",
		"empty": null,
		"list": ["first", "second"],
		"tracing": {"lambda": true},
		"c1": "${self:custom.c2}",
		"c2": "${self:custom.c3}",
		"c3": "${self:custom.c4}",
		"c4": "${self:custom.runtime}",
		"c0": "${self:custom.c1}",
	},
	"provider": {"name": "aws", "stage": "${opt:stage, 'dev'}"},
}

test_non_strings_are_themselves if {
	sls.resolve(_doc, true) == true
	sls.resolve(_doc, 3) == 3
	sls.resolve(_doc, null) == null
	sls.resolve(_doc, {"a": "${env:X}"}) == {"a": "${env:X}"}
}

test_plain_strings_are_themselves if {
	sls.resolve(_doc, "python3.12") == "python3.12"
	sls.resolve(_doc, "") == ""
}

test_self_references if {
	sls.resolve(_doc, "${self:custom.runtime}") == "python3.12"
	sls.resolve(_doc, "${self:service}") == "orders"
	sls.resolve(_doc, "${self:custom.list.1}") == "second"
	sls.resolve(_doc, "${self:custom.tracing}") == {"lambda": true}
	sls.resolve(_doc, "${ self:custom.runtime }") == "python3.12"
}

test_self_reference_to_a_variable_resolves_again if {
	sls.resolve(_doc, "${self:custom.alias}") == "python3.12"
	sls.resolve(_doc, "${self:provider.stage}") == "dev"
}

# ${self:custom.c1} is resolved in five steps (c1, c2, c3, c4, runtime); c0 needs six
test_at_most_five_resolutions if {
	sls.resolve(_doc, "${self:custom.c1}") == "python3.12"
	not sls.resolve(_doc, "${self:custom.c0}")
}

test_fallback_literals if {
	sls.resolve(_doc, "${opt:stage, 'dev'}") == "dev"
	sls.resolve(_doc, `${sls:stage, "prod"}`) == "prod"
	sls.resolve(_doc, "${env:FOO, ''}") == ""
	sls.resolve(_doc, "${ssm:/a/b,'x, y'}") == "x, y"
}

test_self_with_fallback if {
	sls.resolve(_doc, "${self:custom.runtime, 'nodejs22.x'}") == "python3.12"
	sls.resolve(_doc, "${self:custom.missing, 'nodejs22.x'}") == "nodejs22.x"
	sls.resolve(_doc, "${self:custom.empty, 'nodejs22.x'}") == "nodejs22.x"
}

test_unknown_strings if {
	not sls.resolve(_doc, "${env:RUNTIME}")
	not sls.resolve(_doc, "${self:custom.fromEnv}")
	not sls.resolve(_doc, "${self:custom.missing}")
	not sls.resolve(_doc, "${opt:stage, dev}")
	not sls.resolve(_doc, "${opt:stage, ${self:custom.runtime}}")
	not sls.resolve(_doc, "orders-${self:provider.stage}")
	not sls.resolve(_doc, "${self:custom.runtime}${self:custom.runtime}")
	not sls.resolve(_doc, "${cf:stack.output}")
}

test_field if {
	sls.field(_doc, _doc.custom, "alias") == "python3.12"
	not sls.field(_doc, _doc.custom, "empty")
	not sls.field(_doc, _doc.custom, "absent")
	not sls.field(_doc, _doc.custom, "fromEnv")
}
