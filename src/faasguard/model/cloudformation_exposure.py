"""CloudFormation and SAM templates → the exposure records (docs/model.md, "API exposure"): api_settings of
APIs (`default_endpoint`, `custom_domain`), stages (`data_trace`) and state machines
(`include_execution_data`, `log_level`), and the resource policies of REST APIs in source_policies
(`target` the API).

`resource_views` reads the plain CloudFormation types of any Template (Serverless `resources.Resources`
too); `add_views` adds the SAM resources, with `Globals.Api` / `Globals.HttpApi` merged. The twin is
rego/faasguard/lib/cloudformation_exposure.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import sam_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, Template
from faasguard.model.cloudformation_triggers import add_policy_statements
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, choice_of, is_map

VIEW = "api_settings"
REST_API = "AWS::ApiGateway::RestApi"
V2_API = "AWS::ApiGatewayV2::Api"
STAGE = "AWS::ApiGateway::Stage"
DEPLOYMENT = "AWS::ApiGateway::Deployment"
V2_STAGE = "AWS::ApiGatewayV2::Stage"
STATE_MACHINE = "AWS::StepFunctions::StateMachine"
SAM_STATE_MACHINE = "AWS::Serverless::StateMachine"
# a custom domain's mapping type → (the property naming the API, the API types it can name)
MAPPINGS = {
    "AWS::ApiGateway::BasePathMapping": ("RestApiId", (REST_API, sam_apis.SAM_API)),
    "AWS::ApiGatewayV2::ApiMapping": ("ApiId", (V2_API, sam_apis.SAM_HTTP_API)),
}
_SAM_KINDS = {"rest": "rest_api", "http": "http_api"}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the exposure records of the document to the builder."""
    resource_views(template, builder)
    for api in sam_apis.declared_apis(template):
        _sam_api(template, builder, api)
    for rid in template.of_type(SAM_STATE_MACHINE):
        _state_machine(template, builder, rid, template.properties(rid), "Logging")


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The exposure records of the plain CloudFormation resources of a template."""
    for rid in template.of_type(REST_API):
        props = template.properties(rid)
        default_endpoint(template, builder, rid, "rest_api", props)
        add_policy_statements(template, builder, rid, rid, props.get("Policy"))
    for rid in template.of_type(V2_API):
        props = template.properties(rid)
        kind = "websocket_api" if template.known(props.get("ProtocolType")) == "WEBSOCKET" else "http_api"
        default_endpoint(template, builder, rid, kind, props)
    _custom_domains(template, builder, References(template, host))
    for rid in template.of_type(STAGE):
        _method_settings(template, builder, rid, template.properties(rid).get("MethodSettings"))
    for rid in template.of_type(DEPLOYMENT):
        description = template.branch(template.properties(rid).get("StageDescription"))
        if is_map(description):
            _data_trace(template, builder, rid, description)
            _method_settings(template, builder, rid, description.get("MethodSettings"))
    for rid in template.of_type(V2_STAGE):
        _route_settings(template, builder, rid, template.properties(rid))
    for rid in template.of_type(STATE_MACHINE):
        _state_machine(template, builder, rid, template.properties(rid), "LoggingConfiguration")


def setting(template: Template, mapping: Any, *path: str, default: Any, known=lambda v: v) -> Any:
    """The alternatives of mapping[path…] as a settings view holds them: unset is `default`, each known
    member mapped by `known` (which gives UNKNOWN for what it cannot read)."""
    members = template.alternatives_at(mapping, *path) if is_map(mapping) else [UNKNOWN]
    return choice_of([default if m is NO_VALUE else m if m is UNKNOWN else known(m) for m in members])


def flag(value: Any) -> Any:
    """A boolean as text ("true"/"false"; CloudFormation also takes the strings); else UNKNOWN."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.lower() if isinstance(value, str) and value.lower() in ("true", "false") else UNKNOWN


def endpoint_state(value: Any) -> Any:
    """DisableExecuteApiEndpoint as the `default_endpoint` setting."""
    text = flag(value)
    return UNKNOWN if text is UNKNOWN else "disabled" if text == "true" else "enabled"


def upper_text(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else UNKNOWN


def _written(mapping: Any, *path: str) -> Any:
    for key in path:
        if not is_map(mapping):
            return mapping
        mapping = mapping.get(key)
    return mapping


def default_endpoint(template: Template, builder: ViewBuilder, rid: str, kind: str, props: dict[str, Any]) -> None:
    value = setting(template, props, "DisableExecuteApiEndpoint", default="enabled", known=endpoint_state)
    builder.setting(VIEW, rid, kind, "default_endpoint", value, written=props.get("DisableExecuteApiEndpoint"))


def _custom_domains(template: Template, builder: ViewBuilder, refs: References) -> None:
    for mapping_type, (key, api_types) in MAPPINGS.items():
        for rid in template.of_type(*[mapping_type]):
            for api in refs.ids(template.properties(rid).get(key), *api_types):
                kind = _api_kind(template, api)
                builder.setting(VIEW, api, kind, "custom_domain", rid)


def _api_kind(template: Template, api: str) -> str:
    kind = template.type_of(api)
    if kind in (REST_API, sam_apis.SAM_API):
        return "rest_api"
    protocol = template.known(template.properties(api).get("ProtocolType"))
    return "websocket_api" if protocol == "WEBSOCKET" else "http_api"


def _data_trace(template: Template, builder: ViewBuilder, rid: str, mapping: dict[str, Any]) -> None:
    """DataTraceEnabled of a settings map that writes it (unset: nothing to record; AWS's default is off)."""
    if "DataTraceEnabled" in mapping:
        builder.setting(VIEW, rid, "stage", "data_trace",
                        setting(template, mapping, "DataTraceEnabled", default="false", known=flag),
                        written=mapping.get("DataTraceEnabled"))


def _method_settings(template: Template, builder: ViewBuilder, rid: str, listed: Any) -> None:
    for entry in template.entries(listed):
        settings = template.branch(entry)
        if is_map(settings):
            _data_trace(template, builder, rid, settings)


def _route_settings(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    """WebSocket stages: DefaultRouteSettings and each RouteSettings entry (HTTP APIs have no data trace,
    so a DataTraceEnabled there is read as written)."""
    default = template.branch(props.get("DefaultRouteSettings"))
    if is_map(default):
        _data_trace(template, builder, rid, default)
    routes = template.branch(props.get("RouteSettings"))
    for entry in (routes.values() if is_map(routes) else ()):
        settings = template.branch(entry)
        if is_map(settings):
            _data_trace(template, builder, rid, settings)


def _state_machine(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any], key: str) -> None:
    """A state machine's logging (CloudFormation `LoggingConfiguration`, SAM `Logging`): recorded when
    written; AWS's defaults are IncludeExecutionData false and Level OFF."""
    logging = props.get(key)
    if logging is None:
        return
    builder.setting(VIEW, rid, "state_machine", "include_execution_data",
                    setting(template, props, key, "IncludeExecutionData", default="false", known=flag),
                    written=_written(logging, "IncludeExecutionData"))
    builder.setting(VIEW, rid, "state_machine", "log_level",
                    setting(template, props, key, "Level", default="OFF", known=upper_text),
                    written=_written(logging, "Level"))


def _sam_api(template: Template, builder: ViewBuilder, api: sam_apis.Api) -> None:
    """A declared SAM API: DisableExecuteApiEndpoint, Domain, MethodSettings (REST) and the resource
    policy SAM writes from `Auth.ResourcePolicy` (REST)."""
    kind = _SAM_KINDS[api.kind]
    default_endpoint(template, builder, api.id, kind, api.props)
    domain = template.branch(api.props.get("Domain"))
    if is_map(domain):
        builder.setting(VIEW, api.id, kind, "custom_domain", template.known(domain.get("DomainName")) or api.id)
    if api.kind == "rest":
        _method_settings(template, builder, api.id, api.props.get("MethodSettings"))
        policy = template.branch(api.auth.get("ResourcePolicy"))
        if is_map(policy):
            add_policy_statements(template, builder, api.id, api.id, {"Statement": sam_resource_policy(policy)})


# SAM `Auth.ResourcePolicy` lists → (effect, condition operator or None for a principal list, condition key)
_SAM_LISTS = {
    "AwsAccountWhitelist": ("Allow", None, None),
    "AwsAccountBlacklist": ("Deny", None, None),
    "IpRangeWhitelist": ("Allow", "NotIpAddress", "aws:SourceIp"),
    "IpRangeBlacklist": ("Allow", "IpAddress", "aws:SourceIp"),
    "SourceVpcWhitelist": ("Allow", "StringNotEquals", "aws:SourceVpce"),
    "SourceVpcBlacklist": ("Allow", "StringEquals", "aws:SourceVpce"),
    "IntrinsicVpcWhitelist": ("Allow", "StringNotEquals", "aws:SourceVpc"),
    "IntrinsicVpceWhitelist": ("Allow", "StringNotEquals", "aws:SourceVpce"),
    "IntrinsicVpcBlacklist": ("Allow", "StringEquals", "aws:SourceVpc"),
    "IntrinsicVpceBlacklist": ("Allow", "StringEquals", "aws:SourceVpce"),
}
INVOKE = "execute-api:Invoke"


def sam_resource_policy(policy: dict[str, Any]) -> list[Any]:
    """The statements the SAM transform writes for `Auth.ResourcePolicy` (samtranslator's SwaggerEditor
    add_resource_policy): a principal list gives one statement for those accounts; an IP or VPC list
    gives an Allow to everyone and a public Deny conditioned on the list; CustomStatements as written.
    (SAM sorts SourceVpcWhitelist entries into aws:SourceVpc / aws:SourceVpce by prefix: either key
    narrows, so one key stands for both.)"""
    statements: list[Any] = []
    for name, (effect, operator, key) in _SAM_LISTS.items():
        listed = policy.get(name)
        if listed is None or listed == []:
            continue
        if operator is None:
            statements.append({"Effect": effect, "Principal": {"AWS": listed}, "Action": INVOKE})
            continue
        statements.append({"Effect": "Allow", "Principal": "*", "Action": INVOKE})
        statements.append({"Effect": "Deny", "Principal": "*", "Action": INVOKE,
                           "Condition": {operator: {key: listed}}})
    custom = policy.get("CustomStatements")
    statements.extend(custom if isinstance(custom, list) else [custom] if custom is not None else [])
    return statements
