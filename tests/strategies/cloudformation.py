"""CloudFormation and SAM templates."""
from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies.common import json_values

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
