package faasguard.lib.apis_test

import data.faasguard.lib.apis

_schemes := {
	"iam": {"type": "apiKey", "x-amazon-apigateway-authtype": "awsSigv4"},
	"pool": {"type": "apiKey", "x-amazon-apigateway-authtype": "cognito_user_pools"},
	"lambda": {
		"type": "apiKey", "x-amazon-apigateway-authtype": "custom",
		"x-amazon-apigateway-authorizer": {"type": "token"},
	},
	"request": {"type": "apiKey", "x-amazon-apigateway-authorizer": {"type": "REQUEST"}},
	"jwt": {"type": "oauth2", "x-amazon-apigateway-authorizer": {"type": "jwt"}},
	"key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
	"bearer": {"type": "http", "scheme": "bearer"},
}

test_scheme_types_by_their_extensions if {
	apis.scheme_types({"securityDefinitions": _schemes}) == {
		"iam": "AWS_IAM", "pool": "COGNITO_USER_POOLS", "lambda": "CUSTOM", "request": "CUSTOM",
		"jwt": "JWT", "key": "API_KEY",
	}
	apis.scheme_types({"components": {"securitySchemes": {"key": _schemes.key}}}) == {"key": "API_KEY"}
}

test_a_name_declared_twice_differently_is_unknown if {
	body := {"securityDefinitions": {"a": _schemes.iam}, "components": {"securitySchemes": {"a": _schemes.key}}}
	apis.scheme_types(body) == {}
	same := {"securityDefinitions": {"a": _schemes.iam}, "components": {"securitySchemes": {"a": _schemes.iam}}}
	apis.scheme_types(same) == {"a": "AWS_IAM"}
}

test_operations if {
	body := {"paths": {
		"/a": {
			"get": {"security": [], "x-amazon-apigateway-integration": {"uri": "u"}},
			"X-Amazon-Apigateway-Any-Method": {},
			"parameters": [],
		},
		"/b": {"Fn::If": ["C", {}, {}]},
		"/c": {"post": "not a map"},
	}}
	apis.operations(body) == {
		{"method": "GET", "path": "/a", "security": [], "readable": true, "integration_uri": "u", "integrated": true},
		{"method": "ANY", "path": "/a", "security": null, "readable": true, "integration_uri": null, "integrated": false},
		{"method": "", "path": "/b", "security": null, "readable": false, "integration_uri": null, "integrated": false},
		{"method": "POST", "path": "/c", "security": null, "readable": false, "integration_uri": null, "integrated": false},
	}
	apis.operations({"paths": {"Fn::Transform": {}}}) == {
		{"method": "", "path": "", "security": null, "readable": false, "integration_uri": null, "integrated": false},
	}
	apis.operations({}) == set()
}

test_effective_security if {
	apis.effective_security([{"a": []}], {"security": [{"b": []}]}) == [{"a": []}]
	apis.effective_security([], {"security": [{"b": []}]}) == []
	apis.effective_security(null, {"security": [{"b": []}]}) == [{"b": []}]
	apis.effective_security(null, {}) == []
}

test_authorization if {
	schemes := {"iam": "AWS_IAM", "key": "API_KEY", "pool": "COGNITO_USER_POOLS"}
	apis.authorization([], schemes) == {"authorization": "NONE", "api_key_required": false}
	apis.authorization([{"key": []}], schemes) == {"authorization": "NONE", "api_key_required": true}
	apis.authorization([{"iam": [], "key": []}], schemes) == {"authorization": "AWS_IAM", "api_key_required": true}
	apis.authorization([{"key": []}, {"pool": ["scope"]}], schemes) == {
		"authorization": "COGNITO_USER_POOLS",
		"api_key_required": true,
	}
}

test_unknown_authorization_is_undefined if {
	schemes := {"iam": "AWS_IAM", "pool": "COGNITO_USER_POOLS"}
	not apis.authorization([{"other": []}], schemes)
	not apis.authorization([{"iam": []}, {"pool": []}], schemes)
	not apis.authorization({"Fn::If": []}, schemes)
	not apis.authorization(["iam"], schemes)
}
