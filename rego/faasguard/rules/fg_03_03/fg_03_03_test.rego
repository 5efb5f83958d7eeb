package faasguard.rules.fg_03_03_test

import data.faasguard.rules.fg_03_03

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

_operation(api, method, authorization) := {
	"resource": "M", "api": api, "kind": "rest", "method": method, "path": "/",
	"authorization": authorization, "api_key_required": false, "functions": [],
}

_api_origin := {
	_setting("Options", "rest_api", "cors_allow_origin", "*"),
	_setting("Options", "rest_api", "cors_api", "Api"),
}

_denied contains r.resource if some r in fg_03_03.deny

test_wildcard_with_credentials_whatever_the_authentication if {
	settings := {
		_setting("Http", "http_api", "cors_allow_origin", "*"),
		_setting("Http", "http_api", "cors_allow_credentials", "true"),
	}
	_denied == {"Http"} with data.faasguard.model.format as "cloudformation"
		with data.faasguard.model.api_settings as settings
}

test_wildcard_on_an_authenticated_api if {
	_denied == {"Options"} with data.faasguard.model.format as "cloudformation"
		with data.faasguard.model.api_settings as _api_origin
		with data.faasguard.model.api_operations as {_operation("Api", "GET", "AWS_IAM")}
}

test_wildcard_on_an_open_api_or_another_api if {
	operations := {
		_operation("Api", "GET", "NONE"), _operation("Api", "OPTIONS", "AWS_IAM"),
		_operation("Other", "GET", "JWT"),
	}
	count(fg_03_03.deny) == 0 with data.faasguard.model.api_settings as _api_origin
		with data.faasguard.model.api_operations as operations
}

test_an_api_authenticated_in_some_alternatives_only_is_not if {
	either := object.union(_operation("Api", "GET", "AWS_IAM"), {"choice": "c", "choices": 2, "alternative": 0})
	count(fg_03_03.deny) == 0 with data.faasguard.model.api_settings as _api_origin
		with data.faasguard.model.api_operations as {either}
}

test_wildcard_on_an_iam_function_url if {
	settings := {_setting("Url", "function_url", "cors_allow_origin", "*")}
	_denied == {"Url"} with data.faasguard.model.format as "cloudformation"
		with data.faasguard.model.api_settings as settings
		with data.faasguard.model.function_urls as {{"resource": "Url", "auth_type": "AWS_IAM", "functions": []}}
	count(fg_03_03.deny) == 0 with data.faasguard.model.api_settings as settings
		with data.faasguard.model.function_urls as {{"resource": "Url", "auth_type": "NONE", "functions": []}}
}

test_bucket_writes_from_any_origin if {
	writes := {_setting("B", "s3_bucket", "cors_write_origin", "*")}
	_denied == {"B"} with data.faasguard.model.format as "cloudformation"
		with data.faasguard.model.api_settings as writes
	origins := {_setting("B", "s3_bucket", "cors_allow_origin", "*")}
	count(fg_03_03.deny) == 0 with data.faasguard.model.api_settings as origins
}

test_an_origin_wildcard_in_one_alternative_only_is_undecided if {
	settings := {
		object.union(_setting("Http", "http_api", "cors_allow_origin", "*"), _choice(0)),
		object.union(_setting("Http", "http_api", "cors_allow_origin", "https://a"), _choice(1)),
		_setting("Http", "http_api", "cors_allow_credentials", "true"),
	}
	count(fg_03_03.deny) == 0 with data.faasguard.model.api_settings as settings
}

_choice(i) := {"choice": "o", "choices": 2, "alternative": i}
