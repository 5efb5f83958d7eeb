"""Terraform modules, in the loader's shape (conftest's)."""
from __future__ import annotations

import json

from hypothesis import strategies as st

from tests.strategies.common import json_values

tf_unknowns = st.sampled_from(["${var.nodefault}", "${aws_iam_role.r.arn}", "${data.aws_iam_policy.p.arn}",
                               "${module.m.out}", "${local.missing}", "${each.value}", "${var.p ? \"a\" : \"b\"}",
                               "${jsonencode(var.x)}", "prefix-${var.nodefault}"])
tf_value = st.one_of(json_values, tf_unknowns)
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


@st.composite
def terraform_modules(draw) -> dict:
    def blocks(attributes: dict) -> list:
        return [draw(st.fixed_dictionaries({}, optional=attributes))]

    resource = {
        "aws_iam_role": {"r": blocks({"name": tf_value, "inline_policy": st.one_of(tf_value, st.lists(
            st.fixed_dictionaries({}, optional={"policy": tf_policy}), max_size=2))})},
        "aws_iam_role_policy": {"p": blocks({"role": st.one_of(st.just("${aws_iam_role.r.id}"), tf_value), "policy": tf_policy})},
        "aws_iam_role_policy_attachment": {"a": blocks({"role": st.one_of(st.just("${aws_iam_role.r.name}"), tf_value),
                                                        "policy_arn": tf_value, "count": tf_value})},
        "aws_lambda_function": {f"f{i}": blocks({
            "function_name": tf_value, "role": st.one_of(st.just("${aws_iam_role.r.arn}"), tf_value), "runtime": tf_value,
            "package_type": tf_value, "tracing_config": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={
                "mode": tf_value}), max_size=2)),
            "environment": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={"variables": st.one_of(
                tf_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), tf_value))}), max_size=1)),
            "dynamic": st.one_of(tf_value, st.just([{"tracing_config": [{"for_each": "${var.x}"}]}])),
            "count": tf_value, "for_each": tf_value, "kms_key_arn": tf_value, "s3_bucket": _tf_either("${aws_s3_bucket.b.id}"),
            "image_uri": _tf_either("${aws_ecr_repository.r.repository_url}:latest"),
            "vpc_config": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={"security_group_ids": st.one_of(
                st.just(["${aws_security_group.g.id}"]), tf_value)}), max_size=1))})
            for i in range(draw(st.integers(1, 2)))},
        "aws_lambda_function_url": {"u": blocks({"function_name": st.one_of(st.just("${aws_lambda_function.f0.function_name}"),
                                                                            tf_value), "authorization_type": tf_value})},
    }
    resource.update({rtype: {name: blocks(attributes)} for rtype, (name, attributes) in tf_more_resources.items()
                     if draw(st.integers(0, 2)) == 0})
    return {"resource": resource, "data": {"aws_iam_policy": {"p": blocks({"arn": tf_value, "name": tf_value})}}}
