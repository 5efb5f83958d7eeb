"""No rule crashes, in either engine, on any well-formed document: hypothesis builds templates of every
format from the shapes each format allows — literals of every JSON type, unknowns and intrinsics in every
position a rule reads — and both engines must evaluate them without error and agree on every violation.
(The Python model is what the Checkov checks report.)"""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, tool

BATCH = 12  # documents per opa run: one process per example keeps the test fast
SETTINGS = settings(max_examples=15, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["", "*", "NONE", "none", "AWS_IAM", "Active", "PassThrough", "python3.8",
                                     "nodejs22.x", "hunter2-secret", "AKIAIOSFODNN7EXAMPLE", "s3:*", "Allow", "Deny",
                                     "arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"]),
                    st.text(max_size=8))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=8)

# ------------------------------------------------------------------------------- CloudFormation / SAM

cfn_unknowns = st.sampled_from([
    {"Ref": "NoDefault"}, {"Ref": "AWS::Region"}, {"Ref": "AWS::NoValue"}, {"Fn::GetAtt": ["Role", "Arn"]},
    {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x"}, {"Fn::ImportValue": "shared"},
    {"Fn::If": ["Unknown", "Active", "PassThrough"]}, {"Fn::If": ["IsProd", "NONE", {"Ref": "AWS::NoValue"}]},
    {"Fn::FindInMap": ["Stages", {"Ref": "Stage"}, "runtime"]}, {"Fn::FindInMap": ["Stages", "prod", "missing"]},
    {"Fn::Join": ["", ["a", {"Ref": "NoDefault"}]]}, "{{resolve:ssm:/app/token}}", {"Ref": "WithDefault"},
    {"Condition": "IsProd"}, {"Fn::Split": [",", "a,b"]},
])
cfn_value = st.one_of(json_values, cfn_unknowns)


def _props(**optional) -> st.SearchStrategy:
    """Properties with any subset of the given keys, or Properties that are a value of any shape."""
    return st.one_of(st.fixed_dictionaries({}, optional=optional), cfn_value)


def _either(*examples) -> st.SearchStrategy:
    """A realistic value or one of any shape."""
    return st.one_of(st.sampled_from(examples), cfn_value)


def _maybe(strategy):
    return st.one_of(st.just(None), strategy)


cfn_statement = st.fixed_dictionaries({}, optional={
    "Effect": st.one_of(st.sampled_from(["Allow", "allow", "Deny"]), cfn_value),
    "Action": st.one_of(cfn_value, st.lists(cfn_value, max_size=3)),
    "NotAction": st.one_of(cfn_value, st.lists(cfn_value, max_size=2)),
    "Resource": cfn_value})
cfn_document = st.one_of(st.fixed_dictionaries({"Statement": st.one_of(st.lists(cfn_statement, max_size=3), cfn_statement,
                                                                        cfn_value)}), cfn_value)
cfn_function_properties = st.fixed_dictionaries({}, optional={
    "Runtime": cfn_value, "PackageType": st.sampled_from(["Image", "Zip"]),
    "TracingConfig": st.one_of(st.fixed_dictionaries({}, optional={"Mode": cfn_value}), cfn_value),
    "Tracing": cfn_value, "Environment": st.one_of(st.fixed_dictionaries({}, optional={
        "Variables": st.one_of(st.dictionaries(st.sampled_from(["DB_PASSWORD", "API_KEY", "LEVEL"]), cfn_value), cfn_value)}),
        cfn_value),
    "FunctionUrlConfig": st.one_of(st.fixed_dictionaries({}, optional={"AuthType": cfn_value}), cfn_value),
    "Role": st.one_of(st.just({"Fn::GetAtt": ["Role", "Arn"]}), st.just({"Ref": "Role"}), cfn_value),
    "Policies": st.one_of(cfn_value, st.lists(st.one_of(cfn_value, cfn_document), max_size=3)),
    "FunctionName": cfn_value, "KmsKeyArn": cfn_value,
    "VpcConfig": _props(SecurityGroupIds=st.one_of(st.just([{"Ref": "SecurityGroup"}]), st.lists(cfn_value, max_size=2))),
    "Code": _props(S3Bucket=_either({"Ref": "Bucket"}, "artifacts"),
                   ImageUri=_either({"Fn::Sub": "${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/app:latest"})),
    "CodeUri": _either({"Bucket": "artifacts", "Key": "a.zip"}, "s3://artifacts/a.zip"),
})
cfn_resource_types = ["AWS::Lambda::Function", "AWS::Serverless::Function"]


cfn_public_document = st.fixed_dictionaries({"Statement": st.lists(st.fixed_dictionaries({}, optional={
    "Effect": _either("Allow", "Deny"), "Principal": _either("*", {"AWS": "*"}, {"Service": "s3.amazonaws.com"}),
    "Action": _either("*", "s3:GetObject", "sns:Publish", "sqs:SendMessage", "execute-api:Invoke"),
    "Resource": cfn_value, "Condition": _either({"StringEquals": {"aws:SourceAccount": "123456789012"}},
                                                {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})}), max_size=2)})
# the resources the SAS-3, SAS-7 and SAS-9 rules read, each included or not
cfn_more_resources = {
    "Bucket": ("AWS::S3::Bucket", _props(
        PublicAccessBlockConfiguration=_props(BlockPublicAcls=cfn_value, BlockPublicPolicy=cfn_value,
                                              IgnorePublicAcls=cfn_value, RestrictPublicBuckets=cfn_value),
        AccessControl=_either("PublicRead", "Private", "PublicReadWrite"), BucketName=_either("artifacts"),
        WebsiteConfiguration=_either({"IndexDocument": "index.html"}),
        CorsConfiguration=_props(CorsRules=st.lists(_props(AllowedOrigins=st.lists(_either("*"), max_size=2),
                                                           AllowedMethods=st.lists(_either("GET", "PUT"), max_size=2)),
                                                    max_size=2)))),
    "BucketPolicy": ("AWS::S3::BucketPolicy", _props(Bucket=_either({"Ref": "Bucket"}),
                                                     PolicyDocument=st.one_of(cfn_public_document, cfn_value))),
    "Queue": ("AWS::SQS::Queue", _props(KmsMasterKeyId=cfn_value, SqsManagedSseEnabled=cfn_value)),
    "QueuePolicy": ("AWS::SQS::QueuePolicy", _props(Queues=_either([{"Ref": "Queue"}]),
                                                    PolicyDocument=st.one_of(cfn_public_document, cfn_value))),
    "Topic": ("AWS::SNS::Topic", _props(KmsMasterKeyId=cfn_value)),
    "LogGroup": ("AWS::Logs::LogGroup", _props(KmsKeyId=cfn_value, LogGroupName=_either("/aws/lambda/f"))),
    "SecurityGroup": ("AWS::EC2::SecurityGroup", _props(GroupDescription=st.just("g"), SecurityGroupEgress=st.one_of(
        st.lists(_props(IpProtocol=_either("-1", "tcp", -1), CidrIp=_either("0.0.0.0/0", "10.0.0.0/8"),
                        CidrIpv6=_either("::/0")), max_size=2), cfn_value))),
    "Secret": ("AWS::SecretsManager::Secret", _props(KmsKeyId=cfn_value, Name=_either("db-password"))),
    "Rotation": ("AWS::SecretsManager::RotationSchedule", _props(SecretId=_either({"Ref": "Secret"}))),
    "Parameter": ("AWS::SSM::Parameter", _props(Type=_either("String", "SecureString"),
                                                Name=_either("/app/db-password", "/app/table"), Value=cfn_value)),
    "Permission": ("AWS::Lambda::Permission", _props(
        Action=st.just("lambda:InvokeFunction"), FunctionName=_either({"Ref": "Fn0"}, {"Fn::GetAtt": ["Fn0", "Arn"]}),
        Principal=_either("s3.amazonaws.com", "*", "sns.amazonaws.com"), SourceArn=cfn_value, SourceAccount=cfn_value)),
    "RestApi": ("AWS::ApiGateway::RestApi", _props(
        Policy=st.one_of(cfn_public_document, cfn_value), DisableExecuteApiEndpoint=cfn_value,
        EndpointConfiguration=_props(Types=st.lists(_either("PRIVATE", "REGIONAL"), max_size=1)))),
    "ApiStage": ("AWS::ApiGateway::Stage", _props(RestApiId=_either({"Ref": "RestApi"}), MethodSettings=st.one_of(
        st.lists(_props(DataTraceEnabled=cfn_value, LoggingLevel=_either("INFO", "OFF"), HttpMethod=st.just("*"),
                        ResourcePath=st.just("/*")), max_size=2), cfn_value))),
    "Mapping": ("AWS::ApiGateway::BasePathMapping", _props(RestApiId=_either({"Ref": "RestApi"}),
                                                           DomainName=st.just("api.example.com"))),
    "PoolRoles": ("AWS::Cognito::IdentityPoolRoleAttachment", _props(
        IdentityPoolId=st.just("pool"), Roles=_props(authenticated=_either({"Fn::GetAtt": ["Role", "Arn"]}),
                                                     unauthenticated=cfn_value))),
    "Repository": ("AWS::ECR::Repository", _props(ImageTagMutability=_either("MUTABLE", "IMMUTABLE"),
                                                  RepositoryName=_either("app"))),
}


@st.composite
def cloudformation_templates(draw) -> dict:
    resources = {
        "Role": {"Type": "AWS::IAM::Role", "Properties": draw(st.one_of(st.fixed_dictionaries({}, optional={
            "Policies": st.lists(st.fixed_dictionaries({"PolicyName": st.just("p"), "PolicyDocument": cfn_document}),
                                 max_size=2),
            "ManagedPolicyArns": st.one_of(st.lists(cfn_value, max_size=3), cfn_value)}), cfn_value))},
        "Policy": {"Type": draw(st.sampled_from(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"])),
                   "Properties": draw(st.fixed_dictionaries({}, optional={
                       "PolicyDocument": cfn_document, "Roles": st.one_of(st.just([{"Ref": "Role"}]), cfn_value),
                       "RoleName": st.one_of(st.just({"Ref": "Role"}), cfn_value)}))},
    }
    for index in range(draw(st.integers(1, 3))):
        resource = {"Type": draw(st.sampled_from(cfn_resource_types))}
        if draw(st.booleans()):
            resource["Properties"] = draw(st.one_of(cfn_function_properties, cfn_value))
        if draw(st.integers(0, 4)) == 0:
            resource["Condition"] = draw(st.sampled_from(["IsProd", "Unknown", "Missing"]))
        resources[f"Fn{index}"] = resource
        if draw(st.booleans()):
            resources[f"Url{index}"] = {"Type": "AWS::Lambda::Url", "Properties": draw(st.fixed_dictionaries(
                {"TargetFunctionArn": st.one_of(st.just({"Fn::GetAtt": [f"Fn{index}", "Arn"]}), cfn_value)},
                optional={"AuthType": cfn_value}))}
    for name, (rtype, properties) in cfn_more_resources.items():
        if draw(st.integers(0, 2)) == 0:
            resources[name] = {"Type": rtype, "Properties": draw(properties)}
    template = {
        "Parameters": {"NoDefault": {"Type": "String"}, "WithDefault": {"Type": "String", "Default": "python3.8"},
                       "DbPassword": {"Type": "String", "Default": "hunter2-default"},
                       "Stage": {"Type": "String", "Default": draw(st.sampled_from(["prod", "dev"]))}},
        "Mappings": {"Stages": {"prod": {"runtime": "python3.8"}, "dev": {"runtime": "python3.13"}}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
                       "Unknown": {"Fn::Equals": [{"Ref": "NoDefault"}, "x"]}},
        "Resources": resources,
    }
    if draw(st.booleans()):
        template["Transform"] = "AWS::Serverless-2016-10-31"
    if draw(st.booleans()):
        template["Globals"] = {"Function": draw(st.one_of(cfn_function_properties, cfn_value))}
    return template


# ------------------------------------------------------------------------------------------ Serverless

sls_unknowns = st.sampled_from(["${ssm:/app/x}", "${env:TOKEN}", "${opt:stage}", "${opt:stage, 'dev'}",
                                "${self:custom.missing}", "${self:custom.runtime}", "${self:custom.list.0}",
                                "prefix-${self:custom.runtime}", "${cf:stack.output}", "${file(./missing.yml)}"])
sls_value = st.one_of(json_values, sls_unknowns)
sls_statement = st.fixed_dictionaries({}, optional={"Effect": sls_value, "Action": st.one_of(sls_value, st.lists(sls_value)),
                                                    "NotAction": sls_value, "Resource": sls_value})
sls_iam = st.one_of(sls_value, st.fixed_dictionaries({}, optional={"role": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
    "statements": st.one_of(sls_value, st.lists(st.one_of(sls_statement, sls_value), max_size=3)),
    "managedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2))}))}))
sls_function = st.one_of(st.none(), sls_value, st.fixed_dictionaries({}, optional={
    "handler": st.just("h.h"), "runtime": sls_value, "tracing": sls_value, "url": sls_value,
    "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), sls_value)),
    "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)), "role": sls_value,
    "name": sls_value, "kmsKeyArn": sls_value,
    "image": st.one_of(sls_value, st.just("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest")),
    "vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"securityGroupIds": st.one_of(
        st.just([{"Ref": "SecurityGroup"}]), st.lists(sls_value, max_size=2))})),
    "events": st.one_of(sls_value, st.lists(st.one_of(sls_value, st.fixed_dictionaries({"http": st.fixed_dictionaries(
        {"path": st.just("x"), "method": st.just("get")}, optional={"cors": sls_value, "authorizer": sls_value})}),
        st.fixed_dictionaries({"sns": st.one_of(sls_value, st.just("orders-topic"))})), max_size=2))}))


@st.composite
def serverless_services(draw) -> dict:
    provider = {"name": "aws", **draw(st.fixed_dictionaries({}, optional={
        "runtime": sls_value, "tracing": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"lambda": sls_value})),
        "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["API_KEY", "STAGE"]), sls_value)),
        "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)),
        "iamManagedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2)), "role": sls_value,
        "kmsKeyArn": sls_value, "logs": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"restApi": st.one_of(
            sls_value, st.fixed_dictionaries({}, optional={"fullExecutionData": sls_value}))})),
        "deploymentBucket": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"name": sls_value,
                                                                                    "versioning": sls_value})),
        "vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"securityGroupIds": sls_value}))}))}
    functions = draw(st.one_of(st.dictionaries(st.sampled_from(["a", "b", "c"]), sls_function, max_size=3), sls_value))
    embedded = {name: {"Type": rtype, "Properties": draw(properties)}
                for name, (rtype, properties) in cfn_more_resources.items() if draw(st.integers(0, 3)) == 0}
    return {"service": "svc", "custom": {"runtime": "python3.8", "list": ["x"], "dbPassword": "hunter2-default"},
            "provider": provider, "functions": functions, "resources": {"Resources": embedded}}


# ------------------------------------------------------------------------ Terraform (the loader's shape)

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


# ------------------------------------------------------------------------------------------- the tests


def _assert_engines_agree(fmt: str, documents: list[dict]) -> None:
    context_date = dt.date.fromisoformat(TODAY)
    rego = OpaCliBackend(tool("opa")).evaluate(documents, {"today": TODAY})
    for document, outcome in zip(documents, rego):
        kind = "sam" if fmt == "cloudformation" and _is_sam(document) else fmt
        python = {(v.rule_id, v.resource) for v in evaluate(build(kind, document), Context(context_date))}
        assert not isinstance(outcome, Exception), (outcome, document)
        assert {(f["id"], f["resource"]) for f in outcome} == python, document


def _is_sam(template: dict) -> bool:
    resources = template.get("Resources") or {}
    return template.get("Transform") == "AWS::Serverless-2016-10-31" or any(
        isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::Serverless::") for r in resources.values())


@SETTINGS
@given(st.lists(cloudformation_templates(), min_size=BATCH, max_size=BATCH))
def test_cloudformation_and_sam_never_crash_and_engines_agree(templates):
    _assert_engines_agree("cloudformation", templates)


@SETTINGS
@given(st.lists(serverless_services(), min_size=BATCH, max_size=BATCH))
def test_serverless_never_crashes_and_engines_agree(services):
    _assert_engines_agree("serverless", services)


@SETTINGS
@given(st.lists(terraform_modules(), min_size=BATCH, max_size=BATCH))
def test_terraform_never_crashes_and_engines_agree(modules):
    _assert_engines_agree("terraform", modules)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(cloudformation_templates().map(lambda d: ("cloudformation", d)),
                 serverless_services().map(lambda d: ("serverless", d)),
                 terraform_modules().map(lambda d: ("terraform", d))))
def test_the_model_never_changes_the_document_it_reads(case):
    """The same document goes to both engines, and the Rego engine may serialise it while the Checkov
    engine's model reads it: the model must leave it as it found it."""
    fmt, document = case
    before = json.dumps(document, sort_keys=True)
    build("sam" if fmt == "cloudformation" and _is_sam(document) else fmt, document)
    assert json.dumps(document, sort_keys=True) == before

