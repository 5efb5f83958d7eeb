package faasguard.lib.api_auth_test

import data.faasguard.lib.api_auth

_operation(kind, method, path, authorization) := {
	"resource": "Api", "api": "Api", "kind": kind, "method": method, "path": path,
	"authorization": authorization, "api_key_required": false, "functions": ["Fn"],
}

test_an_open_rest_method_is_unauthenticated_whatever_its_api_key if {
	api_auth.is_unauthenticated_rest(_operation("rest", "GET", "/orders", "NONE"))
	api_auth.is_unauthenticated(object.union(_operation("rest", "ANY", "/", "NONE"), {"api_key_required": true}))
	not api_auth.is_unauthenticated_route(_operation("rest", "GET", "/orders", "NONE"))
}

test_rest_preflights_and_authorized_methods_are_not if {
	not api_auth.is_unauthenticated(_operation("rest", "OPTIONS", "/orders", "NONE"))
	not api_auth.is_unauthenticated(_operation("rest", "GET", "/orders", "AWS_IAM"))
	not api_auth.is_unauthenticated(_operation("rest", "GET", "/orders", "COGNITO_USER_POOLS"))
}

test_open_http_routes_and_websocket_connect_are_unauthenticated if {
	api_auth.is_unauthenticated_route(_operation("http", "POST", "/orders", "NONE"))
	api_auth.is_unauthenticated_route(_operation("websocket", "", "$connect", "NONE"))
	api_auth.is_unauthenticated(_operation("websocket", "", "$connect", "NONE"))
	not api_auth.is_unauthenticated_rest(_operation("http", "POST", "/orders", "NONE"))
}

test_other_routes_are_not if {
	not api_auth.is_unauthenticated(_operation("http", "OPTIONS", "/orders", "NONE"))
	not api_auth.is_unauthenticated(_operation("http", "GET", "/orders", "JWT"))
	not api_auth.is_unauthenticated(_operation("websocket", "", "$default", "NONE"))
	not api_auth.is_unauthenticated(_operation("websocket", "", "$connect", "CUSTOM"))
}
