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


def _some_of(optional: dict, max_size: int) -> st.SearchStrategy:
    """A few of the given keys (at most max_size): functions have many properties, and twelve templates of
    them must fit in one hypothesis example."""
    return st.lists(st.sampled_from(sorted(optional)), max_size=max_size, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({key: optional[key] for key in keys}))


def _maybe(strategy):
    return st.one_of(st.just(None), strategy)


cfn_statement = st.fixed_dictionaries({}, optional={
    "Effect": st.one_of(st.sampled_from(["Allow", "allow", "Deny"]), cfn_value),
    "Action": st.one_of(cfn_value, st.lists(cfn_value, max_size=3)),
    "NotAction": st.one_of(cfn_value, st.lists(cfn_value, max_size=2)),
    "Resource": cfn_value})
cfn_document = st.one_of(st.fixed_dictionaries({"Statement": st.one_of(st.lists(cfn_statement, max_size=3), cfn_statement,
                                                                        cfn_value)}), cfn_value)
cfn_policy_attribute = _either("Retain", "Delete", "RetainExceptOnCreate", "Snapshot")
# DeletionPolicy / UpdateReplacePolicy of a resource, each written or not
cfn_replacement_policies = st.fixed_dictionaries({}, optional={"DeletionPolicy": cfn_policy_attribute,
                                                               "UpdateReplacePolicy": cfn_policy_attribute})
# links the rules follow, realistic part of the time
cfn_queue_arn = _either({"Fn::GetAtt": ["Queue", "Arn"]}, {"Ref": "Topic"}, "arn:aws:sqs:eu-west-1:123456789012:dlq")
cfn_function_ref = _either({"Ref": "Fn0"}, {"Fn::GetAtt": ["Fn0", "Arn"]}, {"Ref": "Fn1"}, "Fn0")
cfn_on_failure = _props(OnFailure=_props(Destination=cfn_queue_arn, Type=_either("SQS", "SNS")))
# the tags FG_08_03 (size-justification) and FG_12_04 (tenancy=multi-tenant) read, by their default keys
cfn_tag_keys = ["tenancy", "size-justification", "Team"]
cfn_tag_values = _either("multi-tenant", "Multi-Tenant", "single", "large payloads", "")
cfn_tags = st.one_of(st.sampled_from([[{"Key": "tenancy", "Value": "multi-tenant"}], {"tenancy": "multi-tenant"},
                                       [{"Key": "size-justification", "Value": "large payloads"}]]),
                     st.lists(_props(Key=_either(*cfn_tag_keys), Value=cfn_tag_values), max_size=2),
                     st.dictionaries(st.sampled_from(cfn_tag_keys), cfn_tag_values, max_size=2), cfn_value)
# SAM event Type → the Properties its readers follow (source, state, failure routing, API)
cfn_sam_event_properties = {
    "S3": dict(Bucket=_either({"Ref": "Bucket"}), Events=_either("s3:ObjectCreated:*")),
    "SNS": dict(Topic=_either({"Ref": "Topic"}), RedrivePolicy=_either({"deadLetterTargetArn": "arn:aws:sqs:::q"})),
    "SQS": dict(Queue=_either({"Fn::GetAtt": ["Queue", "Arn"]}), Enabled=_either(True, False, "false")),
    "Kinesis": dict(Stream=_either({"Fn::GetAtt": ["Stream", "Arn"]}), Enabled=_either(True, False),
                    DestinationConfig=cfn_on_failure, StartingPosition=st.just("LATEST")),
    "DynamoDB": dict(Stream=_either("arn:aws:dynamodb:eu-west-1:1:table/t/stream/x"), Enabled=_either(False),
                     DestinationConfig=cfn_on_failure),
    "Schedule": dict(Schedule=_either("rate(1 day)"), Enabled=_either(True, False),
                     State=_either("DISABLED", "ENABLED"),
                     DeadLetterConfig=_props(Arn=cfn_queue_arn, Type=_either("SQS"))),
    "ScheduleV2": dict(ScheduleExpression=_either("rate(1 day)"), State=_either("DISABLED", "ENABLED"),
                       DeadLetterConfig=_props(Arn=cfn_queue_arn)),
    "EventBridgeRule": dict(Pattern=_either({"source": ["acme"]}), State=_either("DISABLED", "ENABLED"),
                            DeadLetterConfig=_props(Arn=cfn_queue_arn)),
    "CloudWatchEvent": dict(Pattern=_either({"source": ["acme"]}), Enabled=_either(False)),
    "CloudWatchLogs": dict(LogGroupName=_either({"Ref": "LogGroup"}), FilterPattern=st.just("")),
    "Api": dict(RestApiId=_either({"Ref": "SamApi"}), Path=_either("/items"), Method=_either("get", "ANY"),
                Auth=_props(Authorizer=_either("NONE", "Cognito"))),
    "HttpApi": dict(ApiId=_either({"Ref": "SamHttpApi"}), Path=_either("/items"), Method=_either("GET")),
}
cfn_sam_events = st.one_of(cfn_value, st.dictionaries(st.sampled_from(["E1", "E2"]), st.one_of(cfn_value, *[
    st.fixed_dictionaries({"Type": st.just(kind)}, optional={"Properties": _props(**props)})
    for kind, props in cfn_sam_event_properties.items()]), max_size=2))
# what the newer rules (SAS-5 … SAS-12) read on a function: both sides of each threshold, defaults, any shape
cfn_newer_function_properties = {
    "LoggingConfig": _props(LogGroup=_either({"Ref": "LogGroup"}, "/aws/lambda/f"),
                            ApplicationLogLevel=_either("DEBUG", "debug", "TRACE", "INFO", "WARN"),
                            SystemLogLevel=_either("DEBUG", "INFO", "WARN"), LogFormat=_either("JSON", "Text")),
    "Layers": st.one_of(cfn_value, st.lists(_either({"Ref": "Layer"}, "arn:aws:lambda:eu-west-1:123456789012:layer:x:1",
                                                    "arn:aws:lambda:eu-west-1:999999999999:layer:ext:3"), max_size=2)),
    "CodeSigningConfigArn": _either({"Ref": "Signing"}, {"Fn::GetAtt": ["Signing", "CodeSigningConfigArn"]}),
    "RuntimeManagementConfig": _props(UpdateRuntimeOn=_either("Auto", "FunctionUpdate", "Manual", "auto"),
                                      RuntimeVersionArn=cfn_value),
    "ReservedConcurrentExecutions": _either(0, 1, 10, 1000, "0"),
    "Timeout": _either(3, 29, 30, 300, 900, 901, "30"),
    "MemorySize": _either(128, 1024, 3008, 10240, 10241),
    "EphemeralStorage": _props(Size=_either(512, 4096, 10240)),
    "RecursiveLoop": _either("Terminate", "Allow"),
    "DeadLetterConfig": _props(TargetArn=cfn_queue_arn),
    "DeadLetterQueue": _props(Type=_either("SQS", "SNS"), TargetArn=cfn_queue_arn),
    "EventInvokeConfig": _props(MaximumRetryAttempts=_either(0, 2), DestinationConfig=cfn_on_failure),
    "Events": cfn_sam_events,
    "AutoPublishAlias": _either("live"), "VersionDeletionPolicy": _either("Retain", "Delete"),
    "CapacityProviderConfig": _either({"Arn": "arn"}),
    "Tags": cfn_tags,
    "FileSystemConfigs": st.one_of(cfn_value, st.lists(_props(
        Arn=_either({"Fn::GetAtt": ["AccessPoint", "Arn"]}, {"Ref": "AccessPoint"}),
        LocalMountPath=_either("/mnt/efs")),
        max_size=2)),
    "SnapStart": _props(ApplyOn=_either("PublishedVersions", "None")),
    "TenancyConfig": _props(TenantIsolationMode=_either("PER_TENANT")),
    "DurableConfig": _props(KMSKeyArn=_either({"Ref": "AWS::NoValue"}, "arn:aws:kms:eu-west-1:1:key/k"),
                            ExecutionTimeout=_either(900)),
    "PermissionsBoundary": _either("arn:aws:iam::123456789012:policy/boundary"),
}
cfn_function_properties = _some_of({
    "Runtime": cfn_value, "PackageType": st.sampled_from(["Image", "Zip"]),
    "TracingConfig": st.one_of(st.fixed_dictionaries({}, optional={"Mode": cfn_value}), cfn_value),
    "Tracing": cfn_value, "Environment": st.one_of(st.fixed_dictionaries({}, optional={
        "Variables": st.one_of(st.dictionaries(st.sampled_from(
            ["DB_PASSWORD", "API_KEY", "LEVEL", "DEBUG", "LOG_LEVEL", "NODE_ENV"]), cfn_value), cfn_value)}),
        cfn_value),
    "FunctionUrlConfig": _props(AuthType=_either("NONE", "AWS_IAM"), Cors=_props(AllowOrigins=st.lists(
        _either("*", "https://app.example.com"), max_size=2), AllowCredentials=_either(True))),
    "Role": st.one_of(st.just({"Fn::GetAtt": ["Role", "Arn"]}), st.just({"Ref": "Role"}), cfn_value),
    "Policies": st.one_of(cfn_value, st.lists(st.one_of(cfn_value, cfn_document), max_size=3)),
    "FunctionName": cfn_value, "KmsKeyArn": cfn_value,
    "VpcConfig": _props(SecurityGroupIds=st.one_of(st.just([{"Ref": "SecurityGroup"}]),
                                                   st.lists(cfn_value, max_size=2)),
                        SubnetIds=st.one_of(st.lists(_either("subnet-1", {"Ref": "Subnet"}), max_size=2), cfn_value)),
    "Code": _props(S3Bucket=_either({"Ref": "Bucket"}, "artifacts"),
                   ImageUri=_either({"Fn::Sub": "${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/app:latest"})),
    "CodeUri": _either({"Bucket": "artifacts", "Key": "a.zip"}, "s3://artifacts/a.zip", "src/"),
    **cfn_newer_function_properties,
}, max_size=8)
cfn_resource_types = ["AWS::Lambda::Function", "AWS::Serverless::Function"]


cfn_public_document = st.fixed_dictionaries({"Statement": st.lists(st.fixed_dictionaries({}, optional={
    "Effect": _either("Allow", "Deny"), "Principal": _either("*", {"AWS": "*"}, {"Service": "s3.amazonaws.com"}),
    "Action": _either("*", "s3:GetObject", "sns:Publish", "sqs:SendMessage", "execute-api:Invoke"),
    "Resource": cfn_value, "Condition": _either({"StringEquals": {"aws:SourceAccount": "123456789012"}},
                                                {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})}), max_size=2)})
cfn_method_settings = st.one_of(cfn_value, st.lists(_props(
    HttpMethod=_either("*", "GET"), ResourcePath=_either("/*", "/~1items"),
    LoggingLevel=_either("INFO", "ERROR", "OFF"),
    DataTraceEnabled=_either(True, False), MetricsEnabled=_either(True), ThrottlingRateLimit=_either(10, 100000, -1),
    ThrottlingBurstLimit=_either(5, 100000, -1)), max_size=2))
cfn_stage_settings = dict(StageName=_either("prod", "Prod"), MethodSettings=cfn_method_settings,
                          AccessLogSetting=_props(DestinationArn=_either({"Fn::GetAtt": ["LogGroup", "Arn"]}),
                                                  Format=_either("$context.requestId")),
                          TracingEnabled=_either(True, False))
cfn_openapi_body = _either({"openapi": "3.0.1", "paths": {"/items": {"get": {"responses": {}}}}},
                           {"swagger": "2.0", "x-amazon-apigateway-gateway-responses": {"DEFAULT_4XX": {}}})
cfn_gateway_response_types = _either("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED")
cfn_trail_selectors = st.one_of(cfn_value, st.lists(_props(
    IncludeManagementEvents=_either(True), ReadWriteType=_either("All"),
    DataResources=st.lists(_props(Type=_either("AWS::Lambda::Function"),
                                  Values=_either(["arn:aws:lambda"], [{"Fn::GetAtt": ["Fn0", "Arn"]}])), max_size=1),
    FieldSelectors=st.lists(_props(Field=_either("resources.type", "eventCategory"),
                                   Equals=_either(["AWS::Lambda::Function"], ["Data"])), max_size=2)), max_size=1))
cfn_state_machine_logging = dict(Level=_either("ALL", "ERROR", "OFF"), IncludeExecutionData=_either(True))
# the resources the newer rules (SAS-5 … SAS-12) read, each included or not; links point at Fn0/Fn1 part of the time
cfn_newer_resources = {
    "Stream": ("AWS::Kinesis::Stream", _props(ShardCount=st.just(1))),
    "Subscription": ("AWS::SNS::Subscription", _props(
        TopicArn=_either({"Ref": "Topic"}), Protocol=_either("lambda", "sqs"), Endpoint=cfn_function_ref,
        RedrivePolicy=_either({"deadLetterTargetArn": {"Fn::GetAtt": ["Queue", "Arn"]}}))),
    "InvokeConfig": ("AWS::Lambda::EventInvokeConfig", _props(
        FunctionName=cfn_function_ref, Qualifier=_either("$LATEST", "live"), MaximumRetryAttempts=_either(0, 2),
        DestinationConfig=cfn_on_failure)),
    "SourceMapping": ("AWS::Lambda::EventSourceMapping", _props(
        EventSourceArn=_either({"Fn::GetAtt": ["Queue", "Arn"]}, {"Fn::GetAtt": ["Stream", "Arn"]},
                               "arn:aws:sqs:eu-west-1:123456789012:q", "arn:aws:kinesis:eu-west-1:1:stream/s"),
        FunctionName=cfn_function_ref, Enabled=_either(True, False, "false"), DestinationConfig=cfn_on_failure,
        StartingPosition=_either("LATEST"))),
    "EventsRule": ("AWS::Events::Rule", _props(
        State=_either("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
        ScheduleExpression=_either("rate(1 day)"),
        Targets=st.one_of(cfn_value, st.lists(_props(Id=st.just("t"), Arn=cfn_function_ref,
                                                      DeadLetterConfig=_props(Arn=cfn_queue_arn)), max_size=2)))),
    "Schedule": ("AWS::Scheduler::Schedule", _props(
        State=_either("ENABLED", "DISABLED"), ScheduleExpression=_either("rate(1 day)"),
        Target=_props(Arn=cfn_function_ref, DeadLetterConfig=_props(Arn=cfn_queue_arn)))),
    "Version": ("AWS::Lambda::Version", _props(FunctionName=cfn_function_ref)),
    "Alias": ("AWS::Lambda::Alias", _props(FunctionName=cfn_function_ref, FunctionVersion=_either({"Fn::GetAtt": [
        "Version", "Version"]}), Name=_either("live"))),
    "Signing": ("AWS::Lambda::CodeSigningConfig", _props(
        AllowedPublishers=_either({"SigningProfileVersionArns": ["arn:aws:signer:::p"]}),
        CodeSigningPolicies=_props(UntrustedArtifactOnDeployment=_either("Warn", "Enforce", "warn")))),
    "Layer": (st.sampled_from(["AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion"]),
              _props(Content=_either({"S3Bucket": "artifacts", "S3Key": "l.zip"}), ContentUri=_either("layer/"))),
    "LayerPermission": ("AWS::Lambda::LayerVersionPermission", _props(
        LayerVersionArn=_either({"Ref": "Layer"}), Action=st.just("lambda:GetLayerVersion"),
        Principal=_either("*", "123456789012"), OrganizationId=_either("o-abc123"))),
    "RegistryScanning": ("AWS::ECR::RegistryScanningConfiguration", _props(
        ScanType=_either("BASIC", "ENHANCED"), Rules=st.one_of(cfn_value, st.lists(_props(
            ScanFrequency=_either("SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"),
            RepositoryFilters=st.lists(_props(Filter=_either("*", "app*"), FilterType=_either("WILDCARD")),
                                       max_size=1)), max_size=2)))),
    "FileSystem": ("AWS::EFS::FileSystem", _props(
        Encrypted=_either(True, False, "true"),
        FileSystemPolicy=st.one_of(cfn_public_document, cfn_value))),
    "AccessPoint": ("AWS::EFS::AccessPoint", _props(
        FileSystemId=_either({"Ref": "FileSystem"}, "fs-12345678"),
        PosixUser=_props(Uid=_either("0", 0, "1000", 1000), Gid=_either("1000")),
        RootDirectory=_props(Path=_either("/", "/lambda", "/lambda/")))),
    "Deployment": ("AWS::ApiGateway::Deployment", _props(
        RestApiId=_either({"Ref": "RestApi"}), StageName=_either("prod"),
        StageDescription=_props(LoggingLevel=_either("INFO", "ERROR"), DataTraceEnabled=_either(True, False),
                                MetricsEnabled=_either(True), TracingEnabled=_either(True, False),
                                ThrottlingRateLimit=_either(10, 100000), ThrottlingBurstLimit=_either(5, 100000),
                                MethodSettings=cfn_method_settings,
                                AccessLogSetting=_props(DestinationArn=_either({"Fn::GetAtt": ["LogGroup", "Arn"]}))))),
    "UsagePlan": ("AWS::ApiGateway::UsagePlan", _props(
        ApiStages=st.one_of(cfn_value, st.lists(_props(ApiId=_either({"Ref": "RestApi"}),
                                                       Stage=_either({"Ref": "ApiStage"}, "prod")), max_size=2)),
        Throttle=_props(RateLimit=_either(10, 100000), BurstLimit=_either(5, 100000)))),
    "GatewayResponse": ("AWS::ApiGateway::GatewayResponse", _props(
        RestApiId=_either({"Ref": "RestApi"}), ResponseType=cfn_gateway_response_types,
        ResponseTemplates=_either({"application/json": "{\"message\": \"error\"}"}),
        ResponseParameters=_either({"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}))),
    "HttpApi": ("AWS::ApiGatewayV2::Api", _props(
        ProtocolType=_either("HTTP", "WEBSOCKET"), DisableExecuteApiEndpoint=_either(True, False),
        CorsConfiguration=_props(AllowOrigins=_either(["*"]), AllowCredentials=_either(True)))),
    "HttpStage": ("AWS::ApiGatewayV2::Stage", _props(
        ApiId=_either({"Ref": "HttpApi"}), StageName=_either("$default", "prod"),
        AccessLogSettings=_props(DestinationArn=_either({"Fn::GetAtt": ["LogGroup", "Arn"]})),
        DefaultRouteSettings=_props(ThrottlingRateLimit=_either(10, 100000), ThrottlingBurstLimit=_either(5, 100000),
                                    DataTraceEnabled=_either(True), LoggingLevel=_either("INFO", "ERROR")))),
    "SamApi": ("AWS::Serverless::Api", _props(
        **cfn_stage_settings, Auth=_props(UsagePlan=_props(CreateUsagePlan=_either("PER_API", "SHARED", "NONE"),
                                                           Throttle=_props(RateLimit=_either(10, 100000),
                                                                           BurstLimit=_either(5, 100000))),
                                          DefaultAuthorizer=_either("Cognito")),
        GatewayResponses=st.one_of(cfn_value, st.dictionaries(st.sampled_from(["DEFAULT_4XX", "DEFAULT_5XX"]),
                                                              _props(StatusCode=_either(400)), max_size=2)),
        DefinitionBody=cfn_openapi_body, DefinitionUri=_either("s3://artifacts/api.yaml"),
        Domain=_either({"DomainName": "api.example.com"}), DisableExecuteApiEndpoint=_either(True, False))),
    "SamHttpApi": ("AWS::Serverless::HttpApi", _props(
        StageName=_either("$default"), AccessLogSettings=_props(DestinationArn=_either("arn:aws:logs:::lg")),
        DefaultRouteSettings=_props(ThrottlingRateLimit=_either(10, 100000), ThrottlingBurstLimit=_either(5, 100000)),
        RouteSettings=_either({"GET /items": {"ThrottlingRateLimit": 10}}))),
    "StateMachine": (st.sampled_from(["AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"]), _props(
        LoggingConfiguration=_props(**cfn_state_machine_logging), Logging=_props(**cfn_state_machine_logging),
        TracingConfiguration=_props(Enabled=_either(True, False)), Tracing=_props(Enabled=_either(True, False)))),
    "Trail": ("AWS::CloudTrail::Trail", _props(IsLogging=_either(True, False), EventSelectors=cfn_trail_selectors,
                                               AdvancedEventSelectors=cfn_trail_selectors)),
}
# the resources the rules read, each included or not
cfn_more_resources = {
    "Bucket": ("AWS::S3::Bucket", _props(
        PublicAccessBlockConfiguration=_props(BlockPublicAcls=cfn_value, BlockPublicPolicy=cfn_value,
                                              IgnorePublicAcls=cfn_value, RestrictPublicBuckets=cfn_value),
        AccessControl=_either("PublicRead", "Private", "PublicReadWrite"), BucketName=_either("artifacts"),
        WebsiteConfiguration=_either({"IndexDocument": "index.html"}),
        NotificationConfiguration=_props(LambdaConfigurations=st.lists(_props(Event=_either("s3:ObjectCreated:*"),
                                                                               Function=cfn_function_ref), max_size=2)),
        CorsConfiguration=_props(CorsRules=st.lists(_props(AllowedOrigins=st.lists(_either("*"), max_size=2),
                                                           AllowedMethods=st.lists(_either("GET", "PUT"), max_size=2)),
                                                    max_size=2)))),
    "BucketPolicy": ("AWS::S3::BucketPolicy", _props(Bucket=_either({"Ref": "Bucket"}),
                                                     PolicyDocument=st.one_of(cfn_public_document, cfn_value))),
    "Queue": ("AWS::SQS::Queue", _props(KmsMasterKeyId=cfn_value, SqsManagedSseEnabled=cfn_value, RedrivePolicy=_either(
        {"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq", "maxReceiveCount": 3}))),
    "QueuePolicy": ("AWS::SQS::QueuePolicy", _props(Queues=_either([{"Ref": "Queue"}]),
                                                    PolicyDocument=st.one_of(cfn_public_document, cfn_value))),
    "Topic": ("AWS::SNS::Topic", _props(KmsMasterKeyId=cfn_value, Subscription=st.one_of(cfn_value, st.lists(_props(
        Protocol=_either("lambda", "email"), Endpoint=cfn_function_ref), max_size=2)))),
    "LogGroup": ("AWS::Logs::LogGroup", _props(
        KmsKeyId=cfn_value, RetentionInDays=_either(1, 30, 365, 3653, "30"),
        LogGroupName=_either("/aws/lambda/f", {"Fn::Sub": "/aws/lambda/${Fn0}"}, {"Fn::Join": ["", [
            "/aws/lambda/", {"Ref": "Fn1"}]]}, {"Fn::Sub": ["/aws/lambda/${Name}", {"Name": {"Ref": "Fn0"}}]}))),
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
        EndpointConfiguration=_props(Types=st.lists(_either("PRIVATE", "REGIONAL"), max_size=1)),
        Body=cfn_openapi_body, BodyS3Location=_either({"Bucket": "artifacts", "Key": "api.yaml"}))),
    "ApiStage": ("AWS::ApiGateway::Stage", _props(RestApiId=_either({"Ref": "RestApi"}),
                                                  DeploymentId=_either({"Ref": "Deployment"}), **cfn_stage_settings)),
    "Mapping": ("AWS::ApiGateway::BasePathMapping", _props(RestApiId=_either({"Ref": "RestApi"}),
                                                           DomainName=st.just("api.example.com"))),
    "PoolRoles": ("AWS::Cognito::IdentityPoolRoleAttachment", _props(
        IdentityPoolId=st.just("pool"), Roles=_props(authenticated=_either({"Fn::GetAtt": ["Role", "Arn"]}),
                                                     unauthenticated=cfn_value))),
    "Repository": ("AWS::ECR::Repository", _props(ImageTagMutability=_either("MUTABLE", "IMMUTABLE"),
                                                  RepositoryName=_either("app"),
                                                  ImageScanningConfiguration=_props(ScanOnPush=_either(True, False)))),
    **cfn_newer_resources,
}

# the resources above by the concern whose links they share: a template holds a few groups, which keeps it
# small enough for hypothesis to build twelve at a time while the links between them stay likely
cfn_resource_groups = {
    "code": ["Bucket", "BucketPolicy", "Repository", "RegistryScanning", "Signing", "Layer", "LayerPermission"],
    "events": ["Queue", "QueuePolicy", "Topic", "Subscription", "Stream", "InvokeConfig", "SourceMapping",
               "EventsRule", "Schedule", "Permission"],
    "secrets": ["Secret", "Rotation", "Parameter", "PoolRoles", "SecurityGroup"],
    "observability": ["LogGroup", "StateMachine", "Trail", "Version", "Alias"],
    "rest_apis": ["RestApi", "ApiStage", "Deployment", "UsagePlan", "GatewayResponse", "Mapping"],
    "other_apis": ["HttpApi", "HttpStage", "SamApi", "SamHttpApi", "LogGroup"],
    "efs": ["FileSystem", "AccessPoint"],
}
assert {n for group in cfn_resource_groups.values() for n in group} == set(cfn_more_resources)


@st.composite
def cloudformation_templates(draw) -> dict:
    resources = {
        "Role": {"Type": "AWS::IAM::Role", "Properties": draw(st.one_of(st.fixed_dictionaries({}, optional={
            "Policies": st.lists(st.fixed_dictionaries({"PolicyName": st.just("p"), "PolicyDocument": cfn_document}),
                                 max_size=2),
            "ManagedPolicyArns": st.one_of(st.lists(cfn_value, max_size=3), cfn_value),
            "PermissionsBoundary": _either("arn:aws:iam::123456789012:policy/boundary")}), cfn_value)),
                 **draw(cfn_replacement_policies)},
        "Policy": {"Type": draw(st.sampled_from(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"])),
                   "Properties": draw(st.fixed_dictionaries({}, optional={
                       "PolicyDocument": cfn_document, "Roles": st.one_of(st.just([{"Ref": "Role"}]), cfn_value),
                       "RoleName": st.one_of(st.just({"Ref": "Role"}), cfn_value)}))},
    }
    for index in range(draw(st.integers(1, 3))):
        resource = {"Type": draw(st.sampled_from(cfn_resource_types))}
        shape = draw(st.integers(0, 3))  # absent, any value, or (half the time) the properties the rules read
        if shape:
            resource["Properties"] = draw(cfn_value if shape == 1 else cfn_function_properties)
        if draw(st.integers(0, 4)) == 0:
            resource["Condition"] = draw(st.sampled_from(["IsProd", "Unknown", "Missing"]))
        resources[f"Fn{index}"] = {**resource, **draw(cfn_replacement_policies)}
        if draw(st.booleans()):
            resources[f"Url{index}"] = {"Type": "AWS::Lambda::Url", "Properties": draw(st.fixed_dictionaries(
                {"TargetFunctionArn": st.one_of(st.just({"Fn::GetAtt": [f"Fn{index}", "Arn"]}), cfn_value)},
                optional={"AuthType": cfn_value}))}
    for group in draw(st.lists(st.sampled_from(list(cfn_resource_groups)), min_size=1, max_size=3, unique=True)):
        for name in cfn_resource_groups[group]:
            if draw(st.booleans()):
                rtype, properties = cfn_more_resources[name]
                resources[name] = {"Type": rtype if isinstance(rtype, str) else draw(rtype),
                                   "Properties": draw(properties), **draw(cfn_replacement_policies)}
    template = {
        "Parameters": {"NoDefault": {"Type": "String"}, "WithDefault": {"Type": "String", "Default": "python3.8"},
                       "DbPassword": {"Type": "String", "Default": "hunter2-default"},
                       "Stage": {"Type": "String", "Default": draw(st.sampled_from(["prod", "dev"]))}},
        "Mappings": {"Stages": {"prod": {"runtime": "python3.8"}, "dev": {"runtime": "python3.13"}}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
                       "Unknown": {"Fn::Equals": [{"Ref": "NoDefault"}, "x"]}},
        "Resources": resources,
        "Outputs": draw(st.dictionaries(st.sampled_from(["Arn", "Url"]), _props(Value=cfn_function_ref), max_size=2)),
    }
    if draw(st.booleans()):
        template["Transform"] = "AWS::Serverless-2016-10-31"
    if draw(st.booleans()):
        template["Globals"] = draw(st.fixed_dictionaries({"Function": st.one_of(cfn_function_properties, cfn_value)},
                                                         optional={"Api": _props(**cfn_stage_settings)}))
    return template
