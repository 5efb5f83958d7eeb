"""Terraform modules, in the loader's shape (conftest's)."""
from __future__ import annotations

import json

from hypothesis import strategies as st

from tests.strategies.common import json_values

tf_unknowns = st.sampled_from(["${var.nodefault}", "${aws_iam_role.r.arn}", "${data.aws_iam_policy.p.arn}",
                               "${module.m.out}", "${local.missing}", "${each.value}", "${var.p ? \"a\" : \"b\"}",
                               "${jsonencode(var.x)}", "prefix-${var.nodefault}"])
# a value of each JSON type, in one draw: random JSON values are costly, and a module draws hundreds of values
# (twelve modules must fit hypothesis's buffer)
tf_shapes = st.sampled_from([None, True, False, 0, -1, 1.5, 10**12, "", "x", "*", "true", "0", [], ["x"], [None], {},
                             {"a": "x"}, [{"a": 1}], [{}]])
tf_value = st.one_of(tf_shapes, tf_unknowns, json_values)
tf_policy = st.one_of(tf_value, st.builds(json.dumps, st.fixed_dictionaries({"Statement": st.lists(st.fixed_dictionaries(
    {}, optional={"Effect": tf_value, "Action": st.one_of(tf_value, st.lists(tf_value, max_size=2)),
                  "NotAction": tf_value, "Resource": tf_value}), max_size=2)})))


def _tf_either(*examples) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(examples), tf_value)


def _tf_blocks(**attributes) -> st.SearchStrategy:
    return st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional=attributes), max_size=2))


tf_public_policy = st.one_of(tf_value, st.builds(json.dumps, st.fixed_dictionaries({"Statement": st.lists(
    st.fixed_dictionaries({}, optional={"Effect": _tf_either("Allow", "Deny"), "Principal": _tf_either("*", {"AWS": "*"}),
                                        "Action": _tf_either("*", "sns:Publish", "s3:GetObject", "execute-api:Invoke"),
                                        "Resource": tf_value}), max_size=2)})))
# the resources the SAS-3, SAS-7 and SAS-9 rules read: type -> (name, attributes), each included or not
tf_more_resources = {
    "aws_s3_bucket": ("b", {"bucket": _tf_either("artifacts"), "acl": _tf_either("public-read", "private"),
                            "website": _tf_blocks(index_document=tf_value)}),
    "aws_s3_bucket_public_access_block": ("p", {"bucket": _tf_either("${aws_s3_bucket.b.id}"), "block_public_acls": tf_value,
                                                "block_public_policy": tf_value, "ignore_public_acls": tf_value,
                                                "restrict_public_buckets": tf_value}),
    "aws_s3_bucket_policy": ("bp", {"bucket": _tf_either("${aws_s3_bucket.b.id}"), "policy": tf_public_policy}),
    "aws_sqs_queue": ("q", {"kms_master_key_id": tf_value, "sqs_managed_sse_enabled": tf_value, "policy": tf_public_policy}),
    "aws_sns_topic": ("t", {"kms_master_key_id": tf_value}),
    "aws_sns_topic_policy": ("tp", {"arn": _tf_either("${aws_sns_topic.t.arn}"), "policy": tf_public_policy}),
    "aws_cloudwatch_log_group": ("l", {"name": _tf_either("/aws/lambda/f"), "kms_key_id": tf_value}),
    "aws_security_group": ("g", {"egress": _tf_blocks(protocol=_tf_either("-1", "tcp"),
                                                      cidr_blocks=st.one_of(tf_value, st.just(["0.0.0.0/0"])))}),
    "aws_vpc_security_group_egress_rule": ("e", {"security_group_id": _tf_either("${aws_security_group.g.id}"),
                                                 "ip_protocol": _tf_either("-1"), "cidr_ipv4": _tf_either("0.0.0.0/0")}),
    "aws_lambda_permission": ("perm", {"function_name": _tf_either("${aws_lambda_function.f0.function_name}"),
                                       "principal": _tf_either("s3.amazonaws.com", "*"), "source_arn": tf_value,
                                       "source_account": tf_value, "action": st.just("lambda:InvokeFunction")}),
    "aws_secretsmanager_secret": ("s", {"kms_key_id": tf_value, "name": _tf_either("db-password")}),
    "aws_secretsmanager_secret_rotation": ("rot", {"secret_id": _tf_either("${aws_secretsmanager_secret.s.id}")}),
    "aws_ssm_parameter": ("param", {"name": _tf_either("/app/db-password"), "type": _tf_either("String", "SecureString"),
                                    "value": tf_value}),
    "aws_api_gateway_rest_api": ("api", {"policy": tf_public_policy, "disable_execute_api_endpoint": tf_value}),
    "aws_api_gateway_method_settings": ("ms", {"rest_api_id": _tf_either("${aws_api_gateway_rest_api.api.id}"),
                                              "settings": _tf_blocks(data_trace_enabled=tf_value)}),
    "aws_cognito_identity_pool_roles_attachment": ("pool", {"roles": st.one_of(tf_value, st.fixed_dictionaries({}, optional={
        "authenticated": _tf_either("${aws_iam_role.r.arn}")}))}),
    "aws_ecr_repository": ("r", {"image_tag_mutability": _tf_either("MUTABLE", "IMMUTABLE")}),
}


def _tf_map(*keys) -> st.SearchStrategy:
    """A map attribute as the loader writes it (a one-element list of it, conftest's shape), or any value."""
    return st.one_of(tf_value, st.lists(st.dictionaries(st.sampled_from(keys), tf_value, max_size=3), min_size=1,
                                        max_size=1))


def _tf_ref(*targets) -> st.SearchStrategy:
    """A link the rules follow (a reference to another resource of the module, its known name or ARN), or any value."""
    return _tf_either(*targets)


_FUNCTION_NAME = _tf_ref("${aws_lambda_function.f0.function_name}", "${aws_lambda_function.f0.arn}", "f0",
                         "arn:aws:lambda:eu-west-1:123456789012:function:f1", "${aws_lambda_alias.al.arn}")
_QUEUE_ARN = _tf_ref("${aws_sqs_queue.q.arn}", "arn:aws:sqs:eu-west-1:123456789012:dlq")
_ON_FAILURE = _tf_blocks(on_failure=_tf_blocks(destination=_QUEUE_ARN, destination_arn=_QUEUE_ARN))
_REDRIVE = _tf_either(json.dumps({"deadLetterTargetArn": "${aws_sqs_queue.q.arn}", "maxReceiveCount": 5}), "")
_REST_API_ID = _tf_ref("${aws_api_gateway_rest_api.api.id}", "abc123")
_STAGE_NAME = _tf_ref("${aws_api_gateway_stage.st.stage_name}", "prod", "dev")
_LIMIT = _tf_either(-1, 0, 1, 100, 5000.5, "${var.p ? 0 : 10}")
_LEVELS = ("DEBUG", "TRACE", "INFO", "WARN", "ERROR", "debug")
_TAG_KEYS = ("owner", "team", "tenancy", "data-classification")

# function attributes of the SAS-5 … SAS-12 rules, by concern: a function draws each concern or not (all of
# them at once make a module too large for hypothesis's buffer)
tf_function_concerns = [{
    "reserved_concurrent_executions": _tf_either(-1, 0, 1, 50, "${var.p ? 0 : 5}"),
    "timeout": _tf_either(3, 30, 900, 901, 0, "${var.p ? 3 : 900}"),
    "memory_size": _tf_either(128, 1769, 10240, 10241), "publish": _tf_either(True, False, "true", "${var.p ? true : false}"),
    "ephemeral_storage": _tf_blocks(size=_tf_either(512, 10240, 4096)),
}, {
    "tags": _tf_map(*_TAG_KEYS), "provider": _tf_either("${aws.east}", "${aws.missing}"),
    "tenancy_config": _tf_blocks(tenant_isolation_mode=_tf_either("PER_TENANT")),
    "snap_start": _tf_blocks(apply_on=_tf_either("PublishedVersions", "None")),
}, {
    "logging_config": _tf_blocks(log_group=_tf_ref("${aws_cloudwatch_log_group.l.name}", "/aws/lambda/f0", "/custom/app"),
                                 log_format=_tf_either("JSON", "Text"), application_log_level=_tf_either(*_LEVELS),
                                 system_log_level=_tf_either(*_LEVELS)),
    "dead_letter_config": _tf_blocks(target_arn=_QUEUE_ARN),
}, {
    "code_signing_config_arn": _tf_ref("${aws_lambda_code_signing_config.csc.arn}",
                                       "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-1"),
    "layers": st.one_of(tf_value, st.lists(_tf_ref("${aws_lambda_layer_version.layer.arn}",
                                                   "arn:aws:lambda:eu-west-1:123456789012:layer:own:1",
                                                   "arn:aws:lambda:eu-west-1:999999999999:layer:theirs:3"), max_size=2)),
    "file_system_config": _tf_blocks(arn=_tf_ref("${aws_efs_access_point.ap.arn}",
                                                 "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1"),
                                     local_mount_path=st.just("/mnt/efs")),
    "filename": _tf_either("build/f.zip"),
}]
# the resources the SAS-5 … SAS-12 rules read, by concern: each concern included or not, and then each of
# its resources (type -> (name, attributes)), so the links between them are often there
tf_concerns = {
    "versions and code sources": {
        "aws_lambda_alias": ("al", {"function_name": _FUNCTION_NAME, "name": st.just("live")}),
        "aws_lambda_function_recursion_config": ("rc", {"function_name": _FUNCTION_NAME,
                                                        "recursive_loop": _tf_either("Allow", "Terminate")}),
        "aws_lambda_code_signing_config": ("csc", {"policies": _tf_blocks(
            untrusted_artifact_on_deployment=_tf_either("Warn", "Enforce"))}),
        "aws_lambda_layer_version": ("layer", {"layer_name": st.just("shared")}),
        "aws_lambda_layer_version_permission": ("lp", {"principal": _tf_either("*", "123456789012"),
                                                       "organization_id": _tf_either("o-abc123")}),
        "aws_lambda_runtime_management_config": ("rm", {"function_name": _FUNCTION_NAME,
                                                        "update_runtime_on": _tf_either("Auto", "Manual", "FunctionUpdate")}),
        "aws_ecr_registry_scanning_configuration": ("reg", {"rule": _tf_blocks(
            scan_frequency=_tf_either("SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"),
            repository_filter=_tf_blocks(filter=_tf_either("*", "app*"), filter_type=st.just("WILDCARD")))}),
    },
    "triggers and failure routing": {
        "aws_lambda_function_event_invoke_config": ("eic", {"function_name": _FUNCTION_NAME, "destination_config": _ON_FAILURE}),
        "aws_lambda_event_source_mapping": ("esm", {
            "event_source_arn": _tf_ref("${aws_sqs_queue.q.arn}", "${aws_kinesis_stream.ks.arn}",
                                        "${aws_dynamodb_table.dt.stream_arn}"),
            "function_name": _FUNCTION_NAME, "enabled": _tf_either(True, False, "false"), "destination_config": _ON_FAILURE}),
        "aws_kinesis_stream": ("ks", {"name": st.just("clicks")}),
        "aws_dynamodb_table": ("dt", {"stream_enabled": _tf_either(True)}),
        "aws_sqs_queue_redrive_policy": ("rp", {"queue_url": _tf_ref("${aws_sqs_queue.q.id}", "${aws_sqs_queue.q.url}"),
                                                "redrive_policy": _REDRIVE}),
        "aws_sns_topic_subscription": ("sub", {"topic_arn": _tf_ref("${aws_sns_topic.t.arn}"),
                                               "protocol": _tf_either("lambda", "sqs"),
                                               "endpoint": _tf_ref("${aws_lambda_function.f0.arn}"),
                                               "redrive_policy": _REDRIVE}),
        "aws_cloudwatch_event_rule": ("er", {"state": _tf_either("ENABLED", "DISABLED",
                                                                 "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
                                             "is_enabled": _tf_either(True, False)}),
        "aws_cloudwatch_event_target": ("et", {"rule": _tf_ref("${aws_cloudwatch_event_rule.er.name}"),
                                               "arn": _tf_ref("${aws_lambda_function.f0.arn}", "${aws_lambda_alias.al.arn}"),
                                               "dead_letter_config": _tf_blocks(arn=_QUEUE_ARN)}),
        "aws_scheduler_schedule": ("sch", {"state": _tf_either("ENABLED", "DISABLED"),
                                           "target": _tf_blocks(arn=_tf_ref("${aws_lambda_function.f0.arn}"))}),
        "aws_s3_bucket_notification": ("n", {"bucket": _tf_ref("${aws_s3_bucket.b.id}"), "lambda_function": _tf_blocks(
            lambda_function_arn=_tf_ref("${aws_lambda_function.f0.arn}"))}),
    },
    "API stages": {
        "aws_api_gateway_stage": ("st", {"rest_api_id": _REST_API_ID, "stage_name": _tf_either("prod"),
                                         "xray_tracing_enabled": _tf_either(True, False),
                                         "access_log_settings": _tf_blocks(destination_arn=_tf_ref(
                                             "${aws_cloudwatch_log_group.l.arn}"))}),
        "aws_api_gateway_usage_plan": ("up", {
            "api_stages": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={
                "api_id": _REST_API_ID, "stage": _STAGE_NAME}), max_size=2)),
            "throttle_settings": _tf_blocks(burst_limit=_LIMIT, rate_limit=_LIMIT)}),
        "aws_api_gateway_gateway_response": ("gr", {"rest_api_id": _REST_API_ID,
                                                    "response_type": _tf_either("DEFAULT_4XX", "DEFAULT_5XX", "MISSING_AUTHENTICATION_TOKEN")}),
        "aws_apigatewayv2_api": ("v2", {"protocol_type": _tf_either("HTTP", "WEBSOCKET")}),
        "aws_apigatewayv2_stage": ("v2s", {"api_id": _tf_ref("${aws_apigatewayv2_api.v2.id}"), "default_route_settings": _tf_blocks(
            throttling_burst_limit=_LIMIT, throttling_rate_limit=_LIMIT, data_trace_enabled=tf_value),
            "access_log_settings": _tf_blocks(destination_arn=tf_value)}),
    },
    "EFS": {
        "aws_efs_file_system": ("fs", {"encrypted": _tf_either(True, False)}),
        "aws_efs_access_point": ("ap", {"file_system_id": _tf_ref("${aws_efs_file_system.fs.id}"),
                                        "posix_user": _tf_blocks(uid=_tf_either(0, 1000), gid=st.just(1000)),
                                        "root_directory": _tf_blocks(path=_tf_either("/", "/lambda"))}),
        "aws_efs_file_system_policy": ("fsp", {"file_system_id": _tf_ref("${aws_efs_file_system.fs.id}"),
                                               "policy": tf_public_policy}),
    },
    "monitoring": {
        "aws_sfn_state_machine": ("sm", {"logging_configuration": _tf_blocks(level=_tf_either("ALL", "ERROR", "OFF"),
                                                                             include_execution_data=tf_value),
                                         "tracing_configuration": _tf_blocks(enabled=_tf_either(True, False))}),
        "aws_cloudwatch_metric_alarm": ("alarm", {"namespace": _tf_either("AWS/Lambda"),
                                                  "metric_name": _tf_either("Errors", "Throttles"),
                                                  "dimensions": _tf_map("FunctionName")}),
        "aws_cloudtrail": ("trail", {"event_selector": _tf_blocks(data_resource=_tf_blocks(
            type=_tf_either("AWS::Lambda::Function", "AWS::S3::Object"))),
            "advanced_event_selector": _tf_blocks(field_selector=_tf_blocks(field=_tf_either("resources.type", "eventCategory"),
                                                                            equals=_tf_either(["AWS::Lambda::Function"],
                                                                                              "AWS::Lambda::Function")))}),
    
    },
}
# the older resources, with what the newer rules read of them
tf_more_resources["aws_cloudwatch_log_group"] = ("l", {
    "name": _tf_either("/aws/lambda/f0", "/aws/lambda/${aws_lambda_function.f0.function_name}",
                       "/aws/lambda/${var.nodefault}", "/custom/app"),
    "kms_key_id": tf_value, "retention_in_days": _tf_either(0, 1, 30, 365, 3653)})
tf_more_resources["aws_sqs_queue"][1]["redrive_policy"] = _REDRIVE
tf_more_resources["aws_ecr_repository"][1]["image_scanning_configuration"] = _tf_blocks(scan_on_push=_tf_either(True, False))
tf_more_resources["aws_api_gateway_rest_api"][1]["body"] = _tf_either(json.dumps(
    {"openapi": "3.0.1", "paths": {}, "x-amazon-apigateway-gateway-responses": {"DEFAULT_4XX": {}}}))
tf_more_resources["aws_api_gateway_method_settings"] = ("ms", {
    "rest_api_id": _REST_API_ID, "stage_name": _STAGE_NAME, "method_path": _tf_either("*/*", "orders/GET"),
    "settings": _tf_blocks(data_trace_enabled=tf_value, logging_level=_tf_either("INFO", "ERROR", "OFF"),
                           metrics_enabled=_tf_either(True, False), throttling_burst_limit=_LIMIT,
                           throttling_rate_limit=_LIMIT)})


def _tf_list(*examples) -> st.SearchStrategy:
    """A list attribute of known and unknown entries, or any value."""
    return st.one_of(tf_value, st.lists(_tf_either(*examples), max_size=2))


def _tf_headers(prefix: str) -> st.SearchStrategy:
    """`response_parameters` (a map; HCL: a one-element list of it) of CORS headers, quoted literals or not."""
    headers = [f"{prefix}Access-Control-Allow-{name}" for name in ("Origin", "Credentials", "origin")]
    return st.one_of(tf_value, st.lists(st.dictionaries(st.sampled_from(headers), _tf_either(
        "'*'", "'https://app.example.com'", "'true'", "*", "integration.response.header.Origin")), min_size=1, max_size=1))


_CORS = _tf_blocks(allow_origins=_tf_list("*", "https://app.example.com"), allow_credentials=_tf_either(True, False),
                   allow_methods=_tf_list("GET", "*", "post"))
_INVOKE_ARN = _tf_ref("${aws_lambda_function.f0.invoke_arn}", "${aws_lambda_alias.al.invoke_arn}",
                      "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                      "arn:aws:lambda:eu-west-1:123456789012:function:f0/invocations")
_V2_API_ID = _tf_ref("${aws_apigatewayv2_api.v2.id}", "abc123")
_POOL_ID = _tf_ref("${aws_cognito_user_pool.pool.id}", "eu-west-1_abc")
_FLAG = _tf_either(True, False, "true")
# OpenAPI bodies of REST and HTTP APIs: security requirements, schemes and integrations of every kind
_SCHEMES = {"iam": {"type": "apiKey", "x-amazon-apigateway-authtype": "awsSigv4"}, "key": {"type": "apiKey"},
            "pool": {"type": "apiKey", "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools"}},
            "unsettled": {"type": "${var.nodefault}"}}
_OPENAPI = st.builds(lambda security, method, uri: json.dumps({
    "openapi": "3.0.1", "components": {"securitySchemes": _SCHEMES}, "schemes": ["http", "https"],
    "paths": {"/orders": {method: {"security": security, "x-amazon-apigateway-integration": {"uri": uri}}}}}),
    _tf_either([], [{"iam": []}], [{"key": []}, {"pool": []}], [{"unsettled": []}], [{"missing": []}], "${var.nodefault}"),
    st.sampled_from(["get", "x-amazon-apigateway-any-method", "trace"]), _INVOKE_ARN)
_BODY = st.one_of(_OPENAPI, tf_value)

# the resources of the SAS-1, SAS-2, SAS-3 API, Cognito, CORS, domain and WAF rules, by concern (as tf_concerns)
tf_api_concerns = {
    "REST API methods": {
        "aws_api_gateway_resource": ("res", {"rest_api_id": _REST_API_ID, "path_part": _tf_either("orders", "{id}"),
                                             "parent_id": _tf_ref("${aws_api_gateway_rest_api.api.root_resource_id}",
                                                                  "${aws_api_gateway_resource.res.id}")}),
        "aws_api_gateway_method": ("m", {
            "rest_api_id": _REST_API_ID, "http_method": _tf_either("GET", "ANY", "post"),
            "resource_id": _tf_ref("${aws_api_gateway_resource.res.id}", "${aws_api_gateway_rest_api.api.root_resource_id}"),
            "authorization": _tf_either("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "none"),
            "authorizer_id": _tf_ref("${aws_api_gateway_authorizer.az.id}"), "api_key_required": _FLAG,
            "request_validator_id": _tf_ref("${aws_api_gateway_request_validator.rv.id}"),
            "request_models": _tf_map("application/json"), "request_parameters": _tf_map("method.request.querystring.id")}),
        "aws_api_gateway_request_validator": ("rv", {"rest_api_id": _REST_API_ID, "validate_request_body": _FLAG,
                                                     "validate_request_parameters": _FLAG}),
        "aws_api_gateway_integration": ("i", {
            "rest_api_id": _REST_API_ID, "resource_id": _tf_ref("${aws_api_gateway_resource.res.id}"),
            "http_method": _tf_ref("${aws_api_gateway_method.m.http_method}", "GET"), "type": st.just("AWS_PROXY"),
            "uri": _INVOKE_ARN}),
        "aws_api_gateway_authorizer": ("az", {"rest_api_id": _REST_API_ID, "name": _tf_either("auth"),
                                              "type": _tf_either("TOKEN", "REQUEST", "COGNITO_USER_POOLS", "token"),
                                              "provider_arns": _tf_list("${aws_cognito_user_pool.pool.arn}")}),
        "aws_api_gateway_integration_response": ("ir", {"rest_api_id": _REST_API_ID,
                                                        "response_parameters": _tf_headers("method.response.header.")}),
        "aws_api_gateway_gateway_response": ("gr", {"rest_api_id": _REST_API_ID, "response_type": _tf_either("DEFAULT_4XX"),
                                                    "response_parameters": _tf_headers("gatewayresponse.header.")}),
    },
    "HTTP and WebSocket APIs": {
        "aws_apigatewayv2_route": ("rt", {
            "api_id": _V2_API_ID, "route_key": _tf_either("GET /orders", "$default", "$connect", "ANY /{proxy+}", "custom"),
            "authorization_type": _tf_either("NONE", "JWT", "AWS_IAM", "CUSTOM", "jwt"),
            "authorizer_id": _tf_ref("${aws_apigatewayv2_authorizer.v2a.id}"),
            "target": _tf_ref("integrations/${aws_apigatewayv2_integration.v2i.id}")}),
        "aws_apigatewayv2_integration": ("v2i", {"api_id": _V2_API_ID, "integration_type": st.just("AWS_PROXY"),
                                                 "integration_uri": _INVOKE_ARN}),
        "aws_apigatewayv2_authorizer": ("v2a", {
            "api_id": _V2_API_ID, "name": _tf_either("jwt"), "authorizer_type": _tf_either("JWT", "REQUEST", "jwt"),
            "jwt_configuration": _tf_blocks(
                issuer=_tf_either("https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.pool.id}",
                                  "", "*", "${var.p ? \"https://a\" : \"https://b\"}"),
                audience=_tf_list("${aws_cognito_user_pool_client.c.id}", "", "*"))}),
    },
    "Cognito": {
        "aws_cognito_user_pool": ("pool", {
            "password_policy": _tf_blocks(minimum_length=_tf_either(6, 8, 12), require_lowercase=_FLAG,
                                          require_uppercase=_FLAG, require_numbers=_FLAG, require_symbols=_FLAG),
            "mfa_configuration": _tf_either("ON", "OFF", "OPTIONAL", "off"),
            "schema": _tf_blocks(name=_tf_either("email", "tenant"), mutable=_FLAG, developer_only_attribute=_FLAG,
                                 attribute_data_type=st.just("String")),
            "dynamic": st.one_of(tf_value, st.just([{"schema": [{"for_each": "${var.x}"}]}]),
                                 st.just([{"password_policy": [{"for_each": "${var.x}"}]}]))}),
        "aws_cognito_user_pool_client": ("c", {
            "user_pool_id": _POOL_ID, "write_attributes": _tf_list("custom:tenant", "email", "custom:${var.nodefault}"),
            "explicit_auth_flows": _tf_list("ALLOW_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                                            "allow_user_srp_auth")}),
        "aws_cognito_identity_pool": ("ip", {"allow_unauthenticated_identities": _FLAG}),
    },
    "custom domains and WAF": {
        "aws_api_gateway_domain_name": ("dn", {"domain_name": _tf_either("api.example.com"),
                                               "security_policy": _tf_either("TLS_1_0", "TLS_1_2", "tls_1_0")}),
        "aws_apigatewayv2_domain_name": ("dn2", {"domain_name": _tf_either("ws.example.com"), "domain_name_configuration":
                                                 _tf_blocks(security_policy=_tf_either("TLS_1_0", "TLS_1_2"),
                                                            endpoint_type=st.just("REGIONAL"))}),
        "aws_api_gateway_base_path_mapping": ("bpm", {"api_id": _REST_API_ID, "stage_name": _STAGE_NAME,
                                                      "domain_name": _tf_ref("${aws_api_gateway_domain_name.dn.domain_name}")}),
        "aws_apigatewayv2_api_mapping": ("am", {"api_id": _V2_API_ID, "stage": _tf_either("$default"),
                                                "domain_name": _tf_ref("${aws_apigatewayv2_domain_name.dn2.id}")}),
        "aws_wafv2_web_acl_association": ("waf", {
            "resource_arn": _tf_ref("${aws_api_gateway_stage.st.arn}", "${aws_api_gateway_stage.st.id}",
                                    "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/prod",
                                    "${aws_apigatewayv2_stage.v2s.arn}"),
            "web_acl_arn": _tf_either("${aws_wafv2_web_acl.acl.arn}")}),
    },
}
# each concern's links hold on its own: the APIs and stages its resources name are drawn with them
tf_api_concerns["REST API methods"]["aws_api_gateway_rest_api"] = tf_more_resources["aws_api_gateway_rest_api"]
tf_api_concerns["HTTP and WebSocket APIs"]["aws_apigatewayv2_api"] = tf_concerns["API stages"]["aws_apigatewayv2_api"]
tf_api_concerns["custom domains and WAF"]["aws_api_gateway_stage"] = tf_concerns["API stages"]["aws_api_gateway_stage"]
tf_concerns["triggers and failure routing"]["aws_sqs_queue"] = tf_more_resources["aws_sqs_queue"]
tf_concerns.update(tf_api_concerns)
# what the older resources carry for these rules: APIs' bodies, CORS, endpoints; permissions' conditions
tf_more_resources["aws_api_gateway_rest_api"][1].update({
    "body": st.one_of(_BODY, tf_more_resources["aws_api_gateway_rest_api"][1]["body"]),
    "endpoint_configuration": _tf_blocks(types=_tf_list("EDGE", "REGIONAL", "PRIVATE"))})
tf_concerns["API stages"]["aws_apigatewayv2_api"][1].update({
    "cors_configuration": _CORS, "target": _INVOKE_ARN, "route_key": _tf_either("$default", "ANY /{proxy+}"),
    "body": _BODY, "disable_execute_api_endpoint": _FLAG})
tf_more_resources["aws_lambda_permission"][1].update({
    "principal": _tf_either("s3.amazonaws.com", "*", "apigateway.amazonaws.com", "123456789012"),
    "principal_org_id": _tf_either("o-abc123"), "function_url_auth_type": _tf_either("NONE", "AWS_IAM", "none")})
tf_function_url = {"function_name": _FUNCTION_NAME, "authorization_type": _tf_either("NONE", "AWS_IAM", "none"),
                   "cors": _CORS}
# the links the rules follow, written as a realistic module writes them: a resource is drawn with these
# set half of the time (a method on the API and resource, an integration naming the function's invoke_arn,
# a route naming its integration and authorizer, a client on the pool, a permission on the function …)
_F0 = "${aws_lambda_function.f0.function_name}"
_PUBLIC_POLICY = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})
_OPEN_CORS = st.sampled_from([[{"allow_origins": ["*"], "allow_credentials": True}], [{"allow_origins": ["*"]}],
                              [{"allow_origins": ["https://app.example.com"], "allow_credentials": True}]])
tf_links = {rtype: {k: v if isinstance(v, st.SearchStrategy) else st.just(v) for k, v in links.items()} for rtype, links in {
    "aws_api_gateway_resource": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}", "path_part": "orders",
                                 "parent_id": "${aws_api_gateway_rest_api.api.root_resource_id}"},
    "aws_api_gateway_method": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}", "http_method": "GET",
                               "resource_id": "${aws_api_gateway_resource.res.id}"},
    "aws_api_gateway_integration": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}",
                                    "resource_id": "${aws_api_gateway_resource.res.id}",
                                    "http_method": "${aws_api_gateway_method.m.http_method}",
                                    "uri": "${aws_lambda_function.f0.invoke_arn}"},
    "aws_api_gateway_authorizer": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}"},
    "aws_api_gateway_integration_response": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}"},
    "aws_api_gateway_gateway_response": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}"},
    "aws_api_gateway_stage": {"rest_api_id": "${aws_api_gateway_rest_api.api.id}", "stage_name": "prod"},
    "aws_apigatewayv2_api": {"protocol_type": "HTTP", "cors_configuration": _OPEN_CORS},
    "aws_apigatewayv2_route": {"api_id": "${aws_apigatewayv2_api.v2.id}", "route_key": "GET /orders",
                               "target": "integrations/${aws_apigatewayv2_integration.v2i.id}",
                               "authorizer_id": "${aws_apigatewayv2_authorizer.v2a.id}"},
    "aws_apigatewayv2_integration": {"api_id": "${aws_apigatewayv2_api.v2.id}",
                                     "integration_uri": "${aws_lambda_function.f0.invoke_arn}"},
    "aws_apigatewayv2_authorizer": {"api_id": "${aws_apigatewayv2_api.v2.id}", "authorizer_type": "JWT"},
    "aws_cognito_user_pool_client": {"user_pool_id": "${aws_cognito_user_pool.pool.id}"},
    "aws_api_gateway_base_path_mapping": {"api_id": "${aws_api_gateway_rest_api.api.id}", "stage_name": "prod",
                                          "domain_name": "${aws_api_gateway_domain_name.dn.domain_name}"},
    "aws_apigatewayv2_api_mapping": {"api_id": "${aws_apigatewayv2_api.v2.id}", "stage": "$default",
                                     "domain_name": "${aws_apigatewayv2_domain_name.dn2.id}"},
    "aws_wafv2_web_acl_association": {"resource_arn": "${aws_api_gateway_stage.st.arn}"},
    "aws_lambda_permission": {"function_name": _F0, "action": "lambda:InvokeFunction",
                              "principal": st.sampled_from(["*", "s3.amazonaws.com", "sns.amazonaws.com"])},
    "aws_lambda_function_url": {"function_name": _F0, "authorization_type": st.sampled_from(["NONE", "AWS_IAM"]),
                                "cors": _OPEN_CORS},
    "aws_lambda_event_source_mapping": {"function_name": _F0, "event_source_arn": "${aws_sqs_queue.q.arn}"},
    "aws_sqs_queue": {"policy": _PUBLIC_POLICY},
    "aws_s3_bucket_policy": {"bucket": "${aws_s3_bucket.b.id}", "policy": _PUBLIC_POLICY},
    "aws_s3_bucket_notification": {"bucket": "${aws_s3_bucket.b.id}",
                                   "lambda_function": [{"lambda_function_arn": "${aws_lambda_function.f0.arn}"}]},
}.items()}
# what the loader read of the code folders of functions (faasguard.inputs.dependencies), in its shape
_DEPLOYED = st.sampled_from(["aws_lambda_function.f0", "aws_lambda_function.f1"])
tf_dependencies = st.lists(st.fixed_dictionaries({
    "resource": _DEPLOYED, "functions": st.lists(_DEPLOYED, max_size=2), "folder": st.sampled_from(["./src", ""]),
    "manifests": st.lists(st.fixed_dictionaries({"file": st.sampled_from(["src/requirements.txt", "src/package.json"]),
                                                 "problems": st.lists(st.sampled_from(
                                                     ["requests is not pinned", "no lock file"]), max_size=2)}),
                          max_size=2),
    "unknown": st.sampled_from(["", "the code folder ./dist does not exist (it may be built before deployment)"])}),
    min_size=1, max_size=2)

# count and for_each on any resource, as written (realistic: a settled count or set, or an unknown)
tf_meta = {"count": _tf_either(0, 1, 2, "${var.p ? 1 : 0}"),
           "for_each": _tf_either({}, [], {"a": "x"}, ["f0", "f1"], "${var.nodefault}")}
# what the module declares beside its resources: the aws provider blocks (their default_tags), outputs and
# module calls (invocation paths of FG_11_03, references to roles of FG_11_04)
tf_providers = st.lists(st.fixed_dictionaries({"region": st.just("eu-west-1")}, optional={
    "alias": _tf_either("east"), "default_tags": _tf_blocks(tags=_tf_map(*_TAG_KEYS))}), max_size=2)
tf_outside = _tf_ref("${aws_lambda_function.f0.arn}", "${aws_lambda_function.f1.function_name}",
                     "${aws_iam_role.r.arn}", {"arn": "${aws_lambda_function.f0.arn}"})


@st.composite
def terraform_modules(draw) -> dict:
    def sometimes(attributes: dict) -> dict:
        return attributes if draw(st.integers(0, 3)) == 0 else {}

    def blocks(attributes: dict, rtype: str = "") -> list:
        links = tf_links.get(rtype, {}) if draw(st.booleans()) else {}
        optional = {k: v for k, v in {**attributes, **sometimes(tf_meta)}.items() if k not in links}
        return [draw(st.fixed_dictionaries(links, optional=optional))]

    resource = {
        "aws_iam_role": {"r": blocks({"name": tf_value, "inline_policy": st.one_of(tf_value, st.lists(
            st.fixed_dictionaries({}, optional={"policy": tf_policy}), max_size=2))})},
        "aws_iam_role_policy": {"p": blocks({"role": st.one_of(st.just("${aws_iam_role.r.id}"), tf_value), "policy": tf_policy})},
        "aws_iam_role_policy_attachment": {"a": blocks({"role": st.one_of(st.just("${aws_iam_role.r.name}"), tf_value),
                                                        "policy_arn": tf_value})},
        "aws_lambda_function": {f"f{i}": blocks({
            "function_name": _tf_either(f"f{i}", "${var.nodefault}", "${each.value}"),
            "role": st.one_of(st.just("${aws_iam_role.r.arn}"), tf_value),
            "runtime": _tf_either("python3.8", "python3.13", "nodejs22.x", "java21", "${var.p ? \"python3.8\" : \"python3.13\"}"),
            "package_type": _tf_either("Image", "Zip"), "tracing_config": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={
                "mode": tf_value}), max_size=2)),
            "environment": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={"variables": st.one_of(
                tf_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL", "DEBUG", "NODE_ENV"]), tf_value))}),
                max_size=1)),
            "dynamic": st.one_of(tf_value, st.just([{"tracing_config": [{"for_each": "${var.x}"}]}]),
                                 st.just([{"logging_config": [{"for_each": "${var.x}"}]}])),
            "kms_key_arn": tf_value, "s3_bucket": _tf_either("${aws_s3_bucket.b.id}"),
            "image_uri": _tf_either("${aws_ecr_repository.r.repository_url}:latest",
                                    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc"),
            "vpc_config": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={
                "security_group_ids": st.one_of(st.just(["${aws_security_group.g.id}"]), tf_value),
                "subnet_ids": st.one_of(st.just("${aws_subnet.a.id}"), st.lists(_tf_either("subnet-1"), max_size=3),
                                        tf_value)}), max_size=1)),
            **{k: v for concern in tf_function_concerns for k, v in sometimes(concern).items()}})
            for i in range(draw(st.integers(1, 2)))},
        "aws_lambda_function_url": {"u": blocks(tf_function_url, "aws_lambda_function_url")},
    }
    for rtype, (name, attributes) in tf_more_resources.items():
        if draw(st.integers(0, 3)) == 0:
            resource[rtype] = {name: blocks(attributes, rtype)}
    for concern in tf_concerns.values():
        if draw(st.integers(0, 3)) == 0:
            resource.update({rtype: {name: blocks(attributes, rtype)} for rtype, (name, attributes) in concern.items()
                             if draw(st.integers(0, 3)) > 0})
    module = {"resource": resource, "data": {"aws_iam_policy": {"p": [draw(st.fixed_dictionaries({}, optional={
        "arn": tf_value, "name": tf_value}))]}}}
    module.update(draw(st.fixed_dictionaries({}, optional={
        "provider": st.fixed_dictionaries({"aws": tf_providers}),
        "faasguard_dependencies": tf_dependencies,
        "output": st.fixed_dictionaries({"o": st.lists(st.fixed_dictionaries({"value": tf_outside}), min_size=1, max_size=1)}),
        "module": st.fixed_dictionaries({"m": st.lists(st.fixed_dictionaries({"source": st.just("./m")}, optional={
            "fn": tf_outside}), min_size=1, max_size=1)})})))
    return module
