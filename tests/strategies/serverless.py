"""Serverless Framework services (after the loader: includes resolved)."""
from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies.cloudformation import cfn_more_resources
from tests.strategies.common import json_values

FUNCTION_KEYS = ["a", "b", "c-d"]  # `c-d` gives the generated ids `CDashdLambdaFunction`, `CDashdLogGroup`
# the logical ids the Framework generates for them (naming.js): what `resources` and links name
LAMBDA_IDS = ["ALambdaFunction", "BLambdaFunction", "CDashdLambdaFunction"]

sls_unknowns = st.sampled_from(["${ssm:/app/x}", "${env:TOKEN}", "${opt:stage}", "${opt:stage, 'dev'}",
                                "${self:custom.missing}", "${self:custom.runtime}", "${self:custom.list.0}",
                                "prefix-${self:custom.runtime}", "${cf:stack.output}", "${file(./missing.yml)}",
                                "${param:limit}", "${sls:stage}", "${aws:region}", "${self:custom.number}",
                                "${self:custom.flag}", "${self:custom.queueArn}", "${self:custom.settings}",
                                "${self:custom.missing, 'fallback'}", "${self:custom.chain}"])
sls_intrinsics = st.sampled_from([{"Ref": "Queue"}, {"Fn::GetAtt": ["Queue", "Arn"]}, {"Fn::ImportValue": "shared"},
                                  {"Fn::Sub": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:dlq"},
                                  {"Fn::If": ["IsProd", 1, 2]}, {"Ref": "AWS::NoValue"}])
sls_value = st.one_of(json_values, sls_unknowns, sls_intrinsics)
# what `${self:custom.…}` names (so a variable is both sides of each threshold, resolved)
CUSTOM = {"runtime": "python3.8", "list": ["x"], "dbPassword": "hunter2-default", "number": 901, "flag": True,
          "queueArn": "arn:aws:sqs:eu-west-1:123456789012:dlq", "settings": {"mode": "manual", "enabled": False},
          "chain": "${self:custom.number}"}


def _either(*examples) -> st.SearchStrategy:
    """A realistic value or one of any shape."""
    return st.one_of(st.sampled_from(examples), sls_value)


def _props(**optional) -> st.SearchStrategy:
    """A map with any subset of the given keys, or a value of any shape."""
    return st.one_of(st.fixed_dictionaries({}, optional=optional), sls_value)


def _listed(strategy, max_size: int = 2) -> st.SearchStrategy:
    """A list of entries, or a value of any shape."""
    return st.one_of(st.lists(strategy, max_size=max_size), sls_value)


FLAG = _either(True, False, "true", "false", None)
ARN = _either("arn:aws:sqs:eu-west-1:123456789012:dlq", "arn:aws:sns:eu-west-1:123456789012:failed",
              {"Fn::GetAtt": ["Queue", "Arn"]}, {"Ref": "Topic"}, "${self:custom.queueArn}", "")
TAGS = st.one_of(st.dictionaries(st.sampled_from(["owner", "size-justification", "tenancy", "team"]),
                                 _either("alice", "multi-tenant", "MULTI-TENANT", ""), max_size=3), sls_value)
LOG_SETTINGS = {"logFormat": _either("JSON", "Text", "json"),
                "applicationLogLevel": _either("DEBUG", "INFO", "TRACE", "warn", "ERROR"),
                "systemLogLevel": _either("DEBUG", "INFO", "WARN"),
                "logGroup": _either("/aws/lambda/shared", "/custom/group", "${sls:stage}-logs")}

sls_statement = st.fixed_dictionaries({}, optional={"Effect": sls_value, "Action": st.one_of(sls_value, st.lists(sls_value)),
                                                    "NotAction": sls_value, "Resource": sls_value})
sls_iam = st.one_of(sls_value, st.fixed_dictionaries({}, optional={"role": st.one_of(_either("SlsRole"), st.fixed_dictionaries({}, optional={
    "statements": st.one_of(sls_value, st.lists(st.one_of(sls_statement, sls_value), max_size=3)),
    "managedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2)),
    "permissionsBoundary": _either("arn:aws:iam::123456789012:policy/boundary", ""), "mode": _either("perFunction")}))}))

# ---- events: every trigger the rules read, map and shorthand forms, `enabled` and failure routing --------------
_ENABLED = {"enabled": FLAG}
sls_events = st.one_of(
    sls_value,
    st.fixed_dictionaries({"http": st.one_of(st.fixed_dictionaries({"path": st.just("x"), "method": st.just("get")},
                                                                    optional={"cors": sls_value, "authorizer": sls_value}),
                                             _either("GET /users", "post orders"))}),
    st.fixed_dictionaries({"httpApi": _either("*", "GET /status", {"path": "/x", "method": "post"})}),
    st.fixed_dictionaries({"websocket": _either("$connect", {"route": "$default"})}),
    st.fixed_dictionaries({"sns": st.one_of(sls_value, st.just("orders-topic"), _props(
        topicName=_either("orders-topic"), arn=_either({"Ref": "Topic"}, "arn:aws:sns:eu-west-1:123456789012:t"),
        redrivePolicy=_props(deadLetterTargetArn=ARN, deadLetterTargetRef=_either("Queue"))))}),
    st.fixed_dictionaries({"sqs": st.one_of(ARN, _props(arn=ARN, **_ENABLED))}),
    st.fixed_dictionaries({"stream": st.one_of(_either("arn:aws:kinesis:eu-west-1:123456789012:stream/s"), _props(
        arn=_either({"Fn::GetAtt": ["Stream", "Arn"]}, "arn:aws:dynamodb:eu-west-1:1:table/t/stream/x"),
        type=_either("kinesis", "dynamodb"), destinations=_props(onFailure=st.one_of(ARN, _props(arn=ARN, type=_either("sqs")))),
        **_ENABLED))}),
    st.fixed_dictionaries({"eventBridge": _props(eventBus=_either({"Ref": "Bus"}, "default"),
                                                 pattern=st.just({"source": ["acme"]}), deadLetterQueueArn=ARN,
                                                 **_ENABLED)}),
    st.fixed_dictionaries({"schedule": st.one_of(_either("rate(1 day)"), _props(rate=_either("rate(1 day)"), **_ENABLED))}),
    st.fixed_dictionaries({"s3": st.one_of(_either("uploads"), _props(bucket=_either("uploads"), existing=FLAG))}),
    st.dictionaries(st.sampled_from(["cloudwatchLog", "cloudwatchEvent", "iot", "kafka", "msk", "activemq", "rabbitmq",
                                     "alb"]), _props(**_ENABLED), min_size=1, max_size=1),
)

# a function's keys by concern: each body writes a few concerns, so that documents stay small enough for
# hypothesis (an overrun example is dropped, which would leave only the smallest services)
FUNCTION_CONCERNS = {
    "basics": {"runtime": sls_value, "tracing": sls_value, "name": sls_value, "kmsKeyArn": sls_value,
               "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), sls_value)),
               "url": st.one_of(sls_value, _props(authorizer=_either("aws_iam", "none"), cors=sls_value))},
    "iam": {"iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)),
            "role": _either("SlsRole", {"Fn::GetAtt": ["SlsRole", "Arn"]}, "arn:aws:iam::123456789012:role/r")},
    "image": {"image": st.one_of(sls_value, st.just("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest"), _props(
        name=_either("appimage"), uri=_either("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:ab")))},
    "vpc": {"vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
        "securityGroupIds": st.one_of(st.just([{"Ref": "SecurityGroup"}]), st.lists(sls_value, max_size=2)),
        "subnetIds": _listed(_either("subnet-1", "subnet-2"), 3)}))},
    "events": {"events": st.one_of(sls_value, st.lists(sls_events, max_size=3))},
    # logs and retention (FG_05_02, FG_10_02)
    "logs": {"logRetentionInDays": _either(14, 0, 365, 3653, "30"), "disableLogs": FLAG, "logs": _props(**LOG_SETTINGS)},
    # limits (FG_08_01 … FG_08_05, FG_11_03, FG_12_05)
    "limits": {"timeout": _either(6, 29, 30, 300, 900, 901, "30"), "memorySize": _either(128, 1024, 3008, 10240, "2048"),
               "reservedConcurrency": _either(0, 1, 100, -1, "5"), "ephemeralStorageSize": _either(512, 513, 10240),
               "recursiveLoop": _either("Terminate", "Allow", "allow"), "tags": TAGS},
    # failure routing (FG_08_06)
    "failures": {"onError": ARN, "destinations": _props(onFailure=st.one_of(ARN, _props(arn=ARN, type=_either("sqs", "sns"))))},
    # code sources and lifecycle (FG_06_03, FG_06_05, FG_11_05)
    "code": {"layers": _listed(_either("arn:aws:lambda:eu-west-1:123456789012:layer:l:1",
                                       "arn:aws:lambda:eu-west-1:999999999999:layer:x:2", {"Ref": "SharedLambdaLayer"},
                                       {"Ref": "Layer"}, {"Ref": "SlsLayer"},
                                       {"Fn::Sub": "arn:aws:lambda:${AWS::Region}:123456789012:layer:l:3"})),
             "runtimeManagement": _either("auto", "onFunctionUpdate", "manual", {"mode": "manual", "arn": "arn:aws:lambda:::x"},
                                          "${self:custom.settings}"),
             "versionFunction": FLAG},
    # monitoring (FG_05_06)
    "alarms": {"alarms": _listed(_either("functionErrors", "functionThrottles", "custom", {"name": "functionErrors"},
                                         {"name": "x", "metric": "Errors", "namespace": "AWS/Lambda"}, {"metric": "Errors"}))},
    # EFS, SnapStart, tenancy (FG_12_01 … FG_12_04)
    "state": {"fileSystemConfig": _props(arn=_either({"Fn::GetAtt": ["SlsAccessPoint", "Arn"]}, {"Ref": "AccessPoint"},
                                                     "arn:aws:elasticfilesystem:eu-west-1:1:access-point/fsap-1"),
                                         localMountPath=st.just("/mnt/x")),
              "snapStart": FLAG, "tenancy": _props(mode=_either("PER_TENANT", "per_tenant", "NONE")), "tags": TAGS},
}


@st.composite
def _concerns(draw, concerns: dict, base: dict, max_concerns: int = 3) -> dict:
    """`base` with the keys of a few concerns, each key included or not."""
    body = dict(base)
    for name in draw(st.lists(st.sampled_from(sorted(concerns)), min_size=1, max_size=max_concerns, unique=True)):
        body.update(draw(st.fixed_dictionaries({}, optional=concerns[name])))
    return body


sls_function_body = _concerns(FUNCTION_CONCERNS, {"handler": "h.h"})
sls_function = st.one_of(st.none(), sls_value, sls_function_body, sls_function_body, sls_function_body)

# ---- provider ------------------------------------------------------------------------------------------------
_REST_LOGS = st.one_of(FLAG, _props(fullExecutionData=FLAG, accessLogging=FLAG, executionLogging=FLAG,
                                    level=_either("INFO", "ERROR", "OFF", "info")))
_USAGE_PLAN = _props(throttle=_props(burstLimit=_either(200, 5001, 0), rateLimit=_either(100, 10001, "50")),
                     quota=st.just({"limit": 5000, "period": "MONTH"}))
PROVIDER_CONCERNS = {
    "basics": {"runtime": sls_value, "tracing": st.one_of(sls_value, _props(**{"lambda": sls_value, "apiGateway": FLAG})),
               "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["API_KEY", "STAGE"]), sls_value)),
               "kmsKeyArn": sls_value},
    "iam": {"iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)),
            "iamManagedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2)), "role": _either("SlsRole")},
    "logs": {"logs": _props(restApi=_REST_LOGS, httpApi=_props(format=st.just("$context.requestId")) | FLAG,
                            websocket=_REST_LOGS, **{"lambda": _props(**LOG_SETTINGS)}),
             "logRetentionInDays": _either(14, 0, 365, "30")},
    "deployment": {"deploymentBucket": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
        "name": _either("artifacts"), "versioning": sls_value})),
        "ecr": _props(images=st.one_of(st.just({"appimage": {"path": "./"}}), sls_value)),
        "runtimeManagement": _either("auto", "manual", {"mode": "onFunctionUpdate"}), "versionFunctions": FLAG,
        "layers": _listed(_either("arn:aws:lambda:eu-west-1:123456789012:layer:l:1", {"Ref": "SharedLambdaLayer"}))},
    "limits": {"vpc": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
        "securityGroupIds": sls_value, "subnetIds": _listed(_either("subnet-1", "subnet-2"), 3)})),
        "timeout": _either(6, 30, 901), "memorySize": _either(128, 3008, 10240), "tags": TAGS, "stackTags": TAGS},
    "apis": {"endpointType": _either("EDGE", "REGIONAL", "private", "PRIVATE"),
             "apiGateway": _props(usagePlan=st.one_of(_USAGE_PLAN, _listed(st.fixed_dictionaries({"free": _USAGE_PLAN}))),
                                  metrics=FLAG, disableDefaultEndpoint=FLAG, restApiId=_either("abc123"),
                                  resourcePolicy=_listed(_props(Effect=_either("Allow", "Deny"), Principal=_either("*"),
                                                                Action=_either("execute-api:Invoke"), Resource=sls_value))),
             "httpApi": _props(disableDefaultEndpoint=FLAG, cors=st.one_of(FLAG, _props(allowedOrigins=_listed(_either("*")))),
                               authorizers=st.one_of(sls_value, st.fixed_dictionaries({}, optional={"jwt": _props(
                                   type=_either("jwt", "request"), issuerUrl=sls_value, audience=sls_value)})))},
}
sls_provider = _concerns(PROVIDER_CONCERNS, {"name": "aws"})

# what the loader read of the code folders (faasguard.inputs.dependencies), in its shape
sls_dependencies = st.lists(st.fixed_dictionaries(
    {"resource": st.sampled_from(["provider", *FUNCTION_KEYS]), "functions": st.lists(st.sampled_from(FUNCTION_KEYS), max_size=2)},
    optional={"manifests": st.lists(st.fixed_dictionaries({"file": st.sampled_from(["requirements.txt", "package.json"])},
                                                          optional={"problems": st.lists(st.sampled_from(
                                                              ["requests is not pinned", "no lock file"]), max_size=2)}),
                                    max_size=2),
              "unknown": st.just("the handler folder is set at deployment")}), max_size=2)

# ---- top level -----------------------------------------------------------------------------------------------
sls_custom = st.fixed_dictionaries({}, optional={
    "prune": _props(automatic=FLAG), "associateWaf": _props(name=_either("acl"), arn=sls_value),
    "apiGatewayThrottling": _props(maxConcurrentRequests=_either(100, 5001), maxRequestsPerSecond=_either(50, 10001)),
    "alerts": _props(alarms=_listed(_either("functionErrors", "functionDuration", {"name": "custom"})),
                     definitions=_props(custom=_props(metric=_either("Errors", "Other"), namespace=_either("AWS/Lambda")))),
    "customDomain": _props(domainName=_either("api.example.com"), securityPolicy=_either("tls_1_0", "TLS_1_2"),
                           apiType=_either("rest", "http")),
    "customDomains": _listed(st.one_of(sls_value, st.fixed_dictionaries({"http": _props(
        domainName=_either("h.example.com"), securityPolicy=_either("TLS_1_0"))}))),
})
_STATE_MACHINE = _props(tracingConfig=_props(enabled=FLAG), loggingConfig=_props(level=_either("ALL", "OFF", "error")),
                        definition=st.just({"StartAt": "S", "States": {"S": {"Type": "Task",
                                                                             "Resource": {"Fn::GetAtt": ["a", "Arn"]}, "End": True}}}))
# resources.extensions: what the Framework merges into the resources it generates
sls_extensions = st.fixed_dictionaries({}, optional={
    **{lambda_id: _props(DeletionPolicy=_either("Retain", "Delete", "retain", "Snapshot"),
                         UpdateReplacePolicy=_either("Retain", "Delete"),
                         Properties=_props(CodeSigningConfigArn=_either({"Ref": "SlsSigning"}, {"Ref": "Signing"}, "arn:aws:lambda:::csc")))
       for lambda_id in LAMBDA_IDS[:2]},
    "ApiGatewayStage": _props(Properties=_props(MethodSettings=_listed(_props(
        HttpMethod=st.just("*"), ResourcePath=st.just("/*"), ThrottlingBurstLimit=_either(100, 6000),
        ThrottlingRateLimit=_either(50, 20000), DataTraceEnabled=FLAG, LoggingLevel=_either("INFO", "OFF"))))),
    "HttpApiStage": _props(Properties=_props(DefaultRouteSettings=_props(ThrottlingBurstLimit=_either(100, 6000),
                                                                         ThrottlingRateLimit=_either(50, 20000)))),
    "WebsocketsDeploymentStage": _props(Properties=_props(DefaultRouteSettings=_props(ThrottlingBurstLimit=_either(100)))),
})


def _resource(rtype: str, **properties) -> st.SearchStrategy:
    return st.fixed_dictionaries({"Type": st.just(rtype), "Properties": _props(**properties)})


# resources linked to what the Framework generates (function, log group and API logical ids), each included or not
sls_linked_resources = {
    "ALogGroup": _resource("AWS::Logs::LogGroup", RetentionInDays=_either(0, 14, 3653)),
    "CDashdLogGroup": _resource("AWS::Logs::LogGroup", RetentionInDays=_either(30)),
    "SharedGroup": _resource("AWS::Logs::LogGroup", LogGroupName=_either("/aws/lambda/shared", "/custom/group"),
                             RetentionInDays=_either(0, 14)),
    "SlsInvokeConfig": _resource("AWS::Lambda::EventInvokeConfig", FunctionName=_either(*({"Ref": i} for i in LAMBDA_IDS)),
                              Qualifier=st.just("$LATEST"),
                              DestinationConfig=_props(OnFailure=_props(Destination=ARN))),
    "SlsMapping": _resource("AWS::Lambda::EventSourceMapping", FunctionName=_either({"Ref": "ALambdaFunction"}),
                         EventSourceArn=_either({"Fn::GetAtt": ["Queue", "Arn"]}), Enabled=FLAG,
                         DestinationConfig=_props(OnFailure=_props(Destination=ARN))),
    "SlsQueue": _resource("AWS::SQS::Queue", RedrivePolicy=_props(deadLetterTargetArn=ARN, maxReceiveCount=_either(5))),
    "SlsGatewayResponse": _resource("AWS::ApiGateway::GatewayResponse", RestApiId=_either({"Ref": "ApiGatewayRestApi"}),
                                 ResponseType=_either("DEFAULT_4XX", "DEFAULT_5XX"),
                                 ResponseTemplates=_either({"application/json": "{\"message\": \"error\"}"})),
    "SlsFileSystem": _resource("AWS::EFS::FileSystem", Encrypted=FLAG, FileSystemPolicy=_either(
        {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "elasticfilesystem:ClientMount"}]})),
    "SlsAccessPoint": _resource("AWS::EFS::AccessPoint", FileSystemId=_either({"Ref": "SlsFileSystem"}, {"Ref": "FileSystem"}),
                             PosixUser=_props(Uid=_either("1000", "0"), Gid=_either("1000")),
                             RootDirectory=_props(Path=_either("/", "/data"))),
    "SlsSigning": _resource("AWS::Lambda::CodeSigningConfig", CodeSigningPolicies=_props(
        UntrustedArtifactOnDeployment=_either("Enforce", "Warn"))),
    "SlsLayer": _resource("AWS::Lambda::LayerVersion", LayerName=_either("shared")),
    "SlsAlias": _resource("AWS::Lambda::Alias", FunctionName=_either({"Ref": "ALambdaFunction"}), FunctionVersion=sls_value),
    "SlsAlarm": _resource("AWS::CloudWatch::Alarm", Namespace=_either("AWS/Lambda"), MetricName=_either("Errors", "Throttles"),
                       Dimensions=_either([{"Name": "FunctionName", "Value": {"Ref": "ALambdaFunction"}}])),
    "SlsRole": _resource("AWS::IAM::Role", AssumeRolePolicyDocument=_either({"Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})),
    "SlsWafAssociation": _resource("AWS::WAFv2::WebACLAssociation", WebACLArn=sls_value, ResourceArn=_either(
        {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/dev"})),
    "SlsStateMachine": _resource("AWS::StepFunctions::StateMachine", DefinitionString=_either(
        {"Fn::Sub": "{\"States\": {\"S\": {\"Resource\": \"${ALambdaFunction.Arn}\"}}}"})),
    # the Framework merges a resource of the generated function's logical id into its own
    "BLambdaFunction": st.fixed_dictionaries({"Type": st.just("AWS::Lambda::Function")}, optional={
        "DeletionPolicy": _either("Retain", "Delete"), "UpdateReplacePolicy": _either("Retain"),
        "Properties": _props(CodeSigningConfigArn=_either({"Ref": "SlsSigning"}))}),
}


# a top-level section of another shape: a list, a map or an unresolved variable (Checkov's serverless graph
# builder iterates each section, and ends the whole run on a number or boolean: `plugins: true`)
_top_level = st.one_of(st.lists(sls_value, max_size=2), st.dictionaries(st.sampled_from(["x", "modules"]), sls_value,
                                                                        max_size=2),
                       st.sampled_from(["${ssm:/app/plugins}", "${self:custom.list}", "${self:custom.missing}"]))


@st.composite
def serverless_services(draw) -> dict:
    functions = draw(st.one_of(*[st.dictionaries(st.sampled_from(FUNCTION_KEYS), sls_function, max_size=3)] * 3, sls_value))
    if isinstance(functions, dict) and draw(st.integers(0, 5)) == 0:  # the list form, merged in order
        functions = [{key: body} for key, body in functions.items()]
    provider = draw(sls_provider)
    embedded = {}  # a few resources of each kind: more would overrun hypothesis's buffer and drop the example
    for name in draw(st.lists(st.sampled_from(sorted(cfn_more_resources)), max_size=3, unique=True)):
        rtype, properties = cfn_more_resources[name]
        embedded[name] = {"Type": rtype if isinstance(rtype, str) else draw(rtype), "Properties": draw(properties)}
    for name in draw(st.lists(st.sampled_from(sorted(sls_linked_resources)), max_size=5, unique=True)):
        embedded[name] = draw(sls_linked_resources[name])
    resources = {"Resources": embedded}
    if draw(st.booleans()):
        resources["extensions"] = draw(sls_extensions)
    service = {"service": "svc", "custom": {**CUSTOM, **draw(sls_custom)}, "provider": provider,
               "functions": functions, "resources": resources}
    service.update(draw(st.fixed_dictionaries({}, optional={
        "plugins": st.one_of(st.sampled_from([["serverless-prune-plugin"], {"modules": ["serverless-prune-plugin"]}, ["other"]]),
                             _top_level),
        "layers": st.one_of(st.fixed_dictionaries({}, optional={"shared": st.just({"path": "layer"})}), _top_level),
        "stepFunctions": _props(stateMachines=_props(main=_STATE_MACHINE)),
        "faasguard_dependencies": sls_dependencies,
    })))
    if draw(st.integers(0, 3)) == 0:  # what names a function or role outside its own settings (FG_11_03, FG_11_04)
        resources["Outputs"] = {"Out": {"Value": draw(_either({"Fn::GetAtt": ["ALambdaFunction", "Arn"]},
                                                              {"Ref": "SlsRole"}))}}
    return service
