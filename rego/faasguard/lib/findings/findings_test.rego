package faasguard.lib.findings_test

import data.faasguard.lib.findings

_catalog := {"FG_99_01": {
	"id": "FG_99_01",
	"title": "Something is wrong",
	"severity": "LOW",
	"sas": ["SAS-9"],
	"fix": {"terraform": "Fix the HCL.", "serverless": "Fix the YAML."},
	"guideline": "https://example.com/FG_99_01",
}}

test_result_takes_metadata_from_the_catalog if {
	result := findings.result("FG_99_01", "serverless", "provider", ["a", "b"], "provider sets x")
		with data.faasguard.catalog as _catalog
	result == {
		"id": "FG_99_01",
		"msg": "FG_99_01 Something is wrong: provider sets x; affects a, b. Fix: Fix the YAML.",
		"severity": "LOW",
		"sas": ["SAS-9"],
		"resource": "provider",
		"format": "serverless",
		"functions": ["a", "b"],
	}
}

test_result_without_functions if {
	result := findings.result("FG_99_01", "terraform", "aws_lambda_function_url.u", [], "u is open")
		with data.faasguard.catalog as _catalog
	result.msg == "FG_99_01 Something is wrong: u is open; no function in this document uses it. Fix: Fix the HCL."
}

test_fix_per_format if {
	findings.fix("FG_99_01", "terraform_plan") == "Fix the HCL." with data.faasguard.catalog as _catalog
	findings.fix("FG_99_01", "sam") == "https://example.com/FG_99_01" with data.faasguard.catalog as _catalog
}

test_result_of_a_real_catalog_entry if {
	result := findings.result("FG_05_01", "sam", "Fn", ["Fn"], "Fn has no tracing")
	result.severity == data.faasguard.catalog.FG_05_01.severity
	result.sas == data.faasguard.catalog.FG_05_01.sas
	contains(result.msg, data.faasguard.catalog.FG_05_01.fix.sam)
}

test_grouping_helpers if {
	records := {
		{"resource": "provider", "functions": ["b", "a"]},
		{"resource": "provider", "functions": ["c"]},
		{"resource": "f", "functions": ["f"]},
	}
	findings.functions_of(records) == ["a", "b", "c", "f"]
	findings.join({"Y", "X"}) == "X, Y"
}

test_unauthenticated_names_the_calls if {
	operations := {
		{"method": "GET", "path": "/orders", "functions": ["list"]},
		{"method": "", "path": "$connect", "functions": []},
	}
	r := findings.unauthenticated("FG_02_01", "sam", "Api", operations) with data.faasguard.catalog as {"FG_02_01": {
		"title": "t", "severity": "HIGH", "sas": ["SAS-2"], "fix": {"sam": "f"}, "guideline": "g",
	}}
	contains(r.msg, "Api can be called without authentication: $connect, GET /orders")
	r.functions == ["list"]
}
