package faasguard.lib.serverless_apis_test

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.serverless_apis as apis

_pool_arn := "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Ab12Cd34E"

_lambda_arn := "arn:aws:lambda:eu-west-1:123456789012:function:auth"

_doc := {
	"service": "shop",
	"provider": {"name": "aws"},
	"custom": {"pool": _pool_arn, "issuer": "https://issuer.example.com/", "client": "client-1"},
}

_declared := {
	"jwtAuth": {"type": "jwt", "issuerUrl": "https://issuer.example.com/", "audience": ["a"]},
	"lambdaAuth": {"type": "request", "functionName": "auth"},
	"unsettled": {"type": "${env:TYPE}"},
	"notAMap": "${env:AUTH}",
}

test_value_and_setting if {
	apis.value(_doc, "${self:custom.pool}") == _pool_arn
	apis.value(_doc, "${env:X}") == apis.unknown
	apis.setting(_doc, {"a": "${self:custom.client}"}, "a") == "client-1"
	apis.setting(_doc, {"a": 1}, "b") == null
	apis.setting(_doc, "GET /x", "a") == null
	apis.setting(_doc, apis.unknown, "a") == null
}

test_unsettled_and_falsy if {
	apis.unsettled(apis.unknown)
	apis.unsettled({"Ref": "X"})
	not apis.unsettled("x")
	not apis.is_map(apis.unknown)
	every v in [null, false, "", 0] {
		apis.falsy(v)
	}
	not apis.falsy("x")
	not apis.falsy(true)
}

test_rest_routes if {
	apis.rest_route(_doc, "GET /orders/") == ["GET", "/orders"]
	apis.rest_route(_doc, {"method": "post", "path": "orders"}) == ["post", "/orders"]
	apis.rest_route(_doc, {"method": "get", "path": "/"}) == ["get", "/"]
	not apis.rest_route(_doc, "GET")
	not apis.rest_route(_doc, {"method": "${opt:m}", "path": "/a"})
	not apis.rest_route(_doc, {"method": "get"})
}

test_rest_authorization_strings if {
	apis.rest_authorization(_doc, null) == [["NONE"], ""]
	apis.rest_authorization(_doc, "") == [["NONE"], ""]
	apis.rest_authorization(_doc, "aws_iam") == [["AWS_IAM"], ""]
	apis.rest_authorization(_doc, _pool_arn) == [["COGNITO_USER_POOLS"], "COGNITO_USER_POOLS"]
	apis.rest_authorization(_doc, "authFn") == [["CUSTOM"], "TOKEN"]
	apis.rest_authorization(_doc, _lambda_arn) == [["CUSTOM"], "TOKEN"]
	not apis.rest_authorization(_doc, apis.unknown)
	not apis.rest_authorization(_doc, ["a"])
}

test_rest_authorization_maps if {
	apis.rest_authorization(_doc, {"type": "AWS_IAM"}) == [["AWS_IAM"], ""]
	apis.rest_authorization(_doc, {"type": "aws_iam"}) == [["AWS_IAM"], ""]
	apis.rest_authorization(_doc, {"name": "authFn"}) == [["CUSTOM"], "TOKEN"]
	apis.rest_authorization(_doc, {"name": "authFn", "type": "request"}) == [["CUSTOM"], "REQUEST"]
	apis.rest_authorization(_doc, {"name": "authFn", "type": "custom"}) == [["CUSTOM"], "TOKEN"]
	apis.rest_authorization(_doc, {"arn": "${self:custom.pool}"}) == [["COGNITO_USER_POOLS"], "COGNITO_USER_POOLS"]
	apis.rest_authorization(_doc, {"name": "p", "type": "COGNITO_USER_POOLS", "arn": {"Fn::GetAtt": ["P", "Arn"]}}) == [
		["COGNITO_USER_POOLS"],
		"COGNITO_USER_POOLS",
	]
	apis.rest_authorization(_doc, {"name": "x", "arn": {"Fn::GetAtt": ["F", "Arn"]}}) == [["CUSTOM"], "TOKEN"]
	apis.rest_authorization(_doc, {"arn": "${ssm:/arn}"}) == [["CUSTOM", "COGNITO_USER_POOLS"], ""]
}

test_rest_authorization_managed_elsewhere if {
	apis.rest_authorization(_doc, {"type": "COGNITO_USER_POOLS", "authorizerId": {"Ref": "A"}}) == [
		["COGNITO_USER_POOLS"],
		"",
	]
	apis.rest_authorization(_doc, {"type": "token", "authorizerId": "abc"}) == [["CUSTOM"], ""]
	apis.rest_authorization(_doc, {"type": "REQUEST", "authorizerId": "abc"}) == [["CUSTOM"], ""]
}

test_rest_authorization_unsettled if {
	not apis.rest_authorization(_doc, {"identitySource": "x"})
	not apis.rest_authorization(_doc, {"authorizerId": "abc"})
	not apis.rest_authorization(_doc, {"type": "${env:T}", "name": "a"})
}

test_authorizer_names if {
	apis.authorizer_name(_doc, "authFn") == "authFn"
	apis.authorizer_name(_doc, {"name": "n", "arn": _lambda_arn}) == "n"
	apis.authorizer_name(_doc, {"arn": _lambda_arn}) == _lambda_arn
	apis.authorizer_name(_doc, {"arn": {"Ref": "X"}}) == ""
}

test_http_api_routes if {
	apis.http_api_route(_doc, "*") == ["ANY", "$default"]
	apis.http_api_route(_doc, "get /orders") == ["GET", "/orders"]
	apis.http_api_route(_doc, {"method": "*", "path": "/x"}) == ["ANY", "/x"]
	apis.http_api_route(_doc, {"method": "post", "path": "/x"}) == ["POST", "/x"]
	apis.http_api_route(_doc, {"path": "*"}) == ["ANY", "$default"]
	apis.http_api_route(_doc, {"method": "*", "path": "*"}) == ["ANY", "$default"]
	not apis.http_api_route(_doc, "BREW /coffee")
	not apis.http_api_route(_doc, "GET")
	not apis.http_api_route(_doc, {"method": "get", "path": "*"})
	not apis.http_api_route(_doc, {"path": "/x"})
	not apis.http_api_route(_doc, {"method": "teapot", "path": "/x"})
	not apis.http_api_route(_doc, {"method": "get", "path": "${env:P}"})
}

test_http_api_authorization if {
	apis.http_api_authorization(_doc, null, _declared) == "NONE"
	apis.http_api_authorization(_doc, "jwtAuth", _declared) == "JWT"
	apis.http_api_authorization(_doc, {"name": "lambdaAuth"}, _declared) == "CUSTOM"
	apis.http_api_authorization(_doc, {"type": "aws_iam"}, _declared) == "AWS_IAM"
	apis.http_api_authorization(_doc, {"id": "abc"}, _declared) == "JWT"
	apis.http_api_authorization(_doc, {"id": "abc", "type": "request"}, _declared) == "CUSTOM"
	apis.http_api_authorization(_doc, {"id": {"Ref": "A"}, "type": "aws_iam"}, _declared) == "AWS_IAM"
	not apis.http_api_authorization(_doc, {"name": "undeclared"}, _declared)
	not apis.http_api_authorization(_doc, {"name": "unsettled"}, _declared)
	not apis.http_api_authorization(_doc, {"name": "notAMap"}, _declared)
	not apis.http_api_authorization(_doc, {"name": "${env:A}"}, _declared)
	not apis.http_api_authorization(_doc, {"scopes": ["a"]}, _declared)
	not apis.http_api_authorization(_doc, {"name": "jwtAuth", "type": "${env:T}"}, _declared)
	not apis.http_api_authorization(_doc, apis.unknown, _declared)
	not apis.http_api_authorization(_doc, "jwtAuth", apis.unknown)
}

test_http_api_references if {
	apis.http_api_reference(_doc, null) == null
	apis.http_api_reference(_doc, "jwtAuth") == "jwtAuth"
	apis.http_api_reference(_doc, {"name": "jwtAuth", "scopes": ["a"]}) == "jwtAuth"
	apis.http_api_reference(_doc, {"type": "aws_iam"}) == null
	apis.http_api_reference(_doc, {"id": "abc", "name": "jwtAuth"}) == null
	apis.http_api_reference(_doc, {"scopes": ["a"]}) == null
	apis.http_api_reference(_doc, {"name": "${env:A}"}) == apis.unknown
	apis.http_api_reference(_doc, {"name": 3}) == apis.unknown
	apis.http_api_reference(_doc, apis.unknown) == apis.unknown
}

test_declared_authorizers if {
	apis.declared_authorizers(_doc, {"httpApi": {"authorizers": _declared}}) == _declared
	apis.declared_authorizers(_doc, {}) == {}
	apis.declared_authorizers(_doc, {"httpApi": {"cors": true}}) == {}
	apis.declared_authorizers(_doc, {"httpApi": "${file(./http.js)}"}) == apis.unknown
	apis.declared_authorizers(_doc, {"httpApi": {"authorizers": "${file(./a.js)}"}}) == apis.unknown
}

test_declared_authorizer_records if {
	apis.declared_authorizer(_doc, "l", {"type": "request"}, false) == apis.authorizer_record(
		"provider", "l", "REQUEST", false, "",
		[],
	)
	config := {"issuerUrl": "${self:custom.issuer}", "audience": "${self:custom.client}"}
	apis.declared_authorizer(_doc, "j", config, true) == apis.authorizer_record(
		"provider", "j", "JWT", true, "https://issuer.example.com/",
		["client-1"],
	)
	apis.declared_authorizer(_doc, "j", {"type": "jwt"}, true) == apis.authorizer_record(
		"provider", "j", "JWT", true, "",
		[],
	)
	not apis.declared_authorizer(_doc, "j", {"type": "${env:T}"}, true)
}

test_settings_set_at_deployment if {
	record := apis.declared_authorizer(
		_doc, "j",
		{"issuerUrl": {"Fn::GetAtt": ["P", "ProviderURL"]}, "audience": ["${ssm:/a}", "", "b"]},
		true,
	)
	record.jwt_issuer == cfn_apis.set_at_deployment
	record.jwt_audiences == [cfn_apis.set_at_deployment, "b"]
	apis.declared_authorizer(_doc, "j", {"audience": "${ssm:/a}"}, true).jwt_audiences == [cfn_apis.set_at_deployment]
}

test_websocket if {
	apis.websocket_route(_doc, "$connect") == "$connect"
	apis.websocket_route(_doc, {"route": "$disconnect"}) == "$disconnect"
	not apis.websocket_route(_doc, {"route": "${env:R}"})
	apis.websocket_authorization(null) == "NONE"
	apis.websocket_authorization("auth") == "CUSTOM"
	apis.websocket_authorization({"arn": _lambda_arn}) == "CUSTOM"
	not apis.websocket_authorization(apis.unknown)
}

test_operation_records if {
	apis.operation_records("f", "Api", "rest", ["get", "/a"], ["none"], true) == {{
		"resource": "f", "api": "Api", "kind": "rest", "method": "GET", "path": "/a",
		"authorization": "NONE", "api_key_required": true, "functions": ["f"],
	}}
	records := apis.operation_records("f", "Api", "rest", ["get", "/a"], ["CUSTOM", "COGNITO_USER_POOLS"], false)
	{[r.authorization, r.alternative, r.choices] | some r in records} == {["CUSTOM", 0, 2], ["COGNITO_USER_POOLS", 1, 2]}
	{r.choice | some r in records} == {"f#authorization:rest:GET:/a"}
}
