"""CloudFormation and SAM templates → the CORS settings of api_settings (docs/model.md "CORS settings").

`resource_views` reads the plain CloudFormation types of any Template (a Serverless service reads its
`resources.Resources` with it): REST integration responses and gateway responses (quoted header literals),
HTTP API `CorsConfiguration`, `AWS::Lambda::Url.Cors`, S3 `CorsConfiguration.CorsRules`. `add_views` adds
SAM: `AWS::Serverless::Api.Cors` and `HttpApi.CorsConfiguration` with their Globals (the implicit APIs'
settings written at the functions whose events create them) and `FunctionUrlConfig.Cors`.
rego/faasguard/lib/cors/cloudformation.rego is the twin.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cors
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, NO_VALUE_REF, SAM_FUNCTION, Template
from faasguard.model.cors import Cors
from faasguard.model.sam_apis import IMPLICIT, api_properties
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, is_map

REST_API = "AWS::ApiGateway::RestApi"
REST_METHOD = "AWS::ApiGateway::Method"
GATEWAY_RESPONSE = "AWS::ApiGateway::GatewayResponse"
V2_API = "AWS::ApiGatewayV2::Api"
URL = "AWS::Lambda::Url"
BUCKET = "AWS::S3::Bucket"
SAM_API = "AWS::Serverless::Api"
SAM_HTTP_API = "AWS::Serverless::HttpApi"
# a CORS block's keys: (origins, credentials, methods); HTTP APIs and function URLs spell them alike
_BLOCK_KEYS = ("AllowOrigins", "AllowCredentials", "AllowMethods")
_CORS_BLOCK = "the CORS configuration is chosen or set at deployment"


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the CORS records of the template (`functions`: logical id → (type, effective properties))."""
    resource_views(template, builder)
    _sam_apis(template, builder)
    for rid, (kind, props) in functions.items():
        if kind == SAM_FUNCTION:
            url = template.branch(props.get("FunctionUrlConfig"))
            _block(template, Cors(builder, rid, cors.URL, [rid]), url.get("Cors") if is_map(url) else None)


def resource_views(template: Template, builder: ViewBuilder) -> None:
    """The CORS records of the plain CloudFormation resources of a template."""
    for rid in template.of_type(REST_METHOD):
        props = template.properties(rid)
        integration = template.branch(props.get("Integration"))
        responses = integration.get("IntegrationResponses") if is_map(integration) else None
        parameters = [template.branch(entry.get("ResponseParameters")) if is_map(entry) else None
                      for entry in map(template.branch, template.entries(responses))]
        _responses(template, builder, rid, props, parameters, "method.response.header.")
    for rid in template.of_type(GATEWAY_RESPONSE):
        props = template.properties(rid)
        _responses(template, builder, rid, props, [template.branch(props.get("ResponseParameters"))],
                   "gatewayresponse.header.")
    for rid in template.of_type(V2_API):
        records = Cors(builder, rid, cors.HTTP)
        if _block(template, records, template.properties(rid).get("CorsConfiguration")):
            records.api(rid)
    for rid in template.of_type(URL):
        _block(template, Cors(builder, rid, cors.URL), template.properties(rid).get("Cors"))
    for rid in template.of_type(BUCKET):
        _bucket(template, Cors(builder, rid, cors.BUCKET), template.properties(rid).get("CorsConfiguration"))


def _responses(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any], parameters: list[Any],
               prefix: str) -> None:
    """The Access-Control-Allow-Origin / -Credentials headers of a method's integration responses or of a
    gateway response, and the REST API they belong to when one is set."""
    records = Cors(builder, rid, cors.REST)
    found = False
    for settled in parameters:
        if settled is UNKNOWN:
            records.unknown(cors.ORIGIN, _CORS_BLOCK)
        if not is_map(settled):
            continue
        for name, setting in ((cors.ORIGIN_HEADER, cors.ORIGIN), (cors.CREDENTIALS_HEADER, cors.CREDENTIALS)):
            key = cors.header(settled, prefix, name)
            if key is not None:
                found = True
                _header(template, records, setting, settled[key])
    if found:
        records.api(References(template, Host()).one(props.get("RestApiId"), REST_API) or "")


def _header(template: Template, records: Cors, setting: str, written: Any) -> None:
    """A quoted header literal; a mapping expression is unknown, AWS::NoValue unset."""
    settled = template.value(written)
    if settled is NO_VALUE:
        return
    value = cors.literal_header(settled)
    if value is UNKNOWN and settled is not UNKNOWN:
        records.unknown(setting, cors.MAPPED_HEADER)
    else:
        records.add(setting, value, written)


def _entries(template: Template, written: Any) -> list[tuple[Any, Any]] | None:
    """(value, entry as written) of each entry of a list setting (a single value is one entry); None
    when an unknown condition chooses the list."""
    settled = template.branch(written)
    if settled is UNKNOWN:
        return None
    if settled is None or settled == NO_VALUE_REF:
        return []
    return [(template.value(entry), entry) for entry in (settled if isinstance(settled, list) else [settled])]


def _listed(template: Template, records: Cors, setting: str, written: Any) -> list[tuple[Any, Any]]:
    entries = _entries(template, written)
    if entries is None:
        records.unknown(setting, _CORS_BLOCK)
        return []
    return entries


def _block(template: Template, records: Cors, written: Any) -> bool:
    """An HTTP API, function URL or SAM HttpApi CORS block (SAM HttpApi: `true` allows any origin);
    whether one is set."""
    block = template.branch(written)
    if block is None or block == NO_VALUE_REF or block is False:
        return False
    if block is True:
        records.add(cors.ORIGIN, "*")
        return True
    if not is_map(block):
        records.unknown(cors.ORIGIN, _CORS_BLOCK)
        return True
    origins, credentials, methods = (block.get(key) for key in _BLOCK_KEYS)
    records.add_all(cors.ORIGIN, _listed(template, records, cors.ORIGIN, origins))
    records.add_all(cors.METHOD, [(cors.upper(v), w) for v, w in _listed(template, records, cors.METHOD, methods)])
    if credentials is not None:
        records.add(cors.CREDENTIALS, template.value(credentials), credentials)
    return True


def _bucket(template: Template, records: Cors, written: Any) -> None:
    configuration = template.branch(written)
    if configuration is UNKNOWN or (configuration is not None and not is_map(configuration)):
        records.unknown(cors.WRITE_ORIGIN, _CORS_BLOCK)
        return
    rules = configuration.get("CorsRules") if is_map(configuration) else None
    if rules is not None and template.branch(rules) is UNKNOWN:
        records.unknown(cors.WRITE_ORIGIN, _CORS_BLOCK)
    for entry in template.entries(rules):
        rule = template.branch(entry)
        if not is_map(rule):
            records.unknown(cors.WRITE_ORIGIN, _CORS_BLOCK)
            continue
        records.rule(_listed(template, records, cors.WRITE_ORIGIN, rule.get("AllowedOrigins")),
                     _listed(template, records, cors.WRITE_ORIGIN, rule.get("AllowedMethods")))


# --- SAM APIs -------------------------------------------------------------------------------------

def _sam_apis(template: Template, builder: ViewBuilder) -> None:
    """SAM APIs with their Globals; an implicit API's settings are written at the functions whose events
    create it (api_operations, already built, names them)."""
    for kind, sam_type, key in (("rest", SAM_API, "Cors"), ("http", SAM_HTTP_API, "CorsConfiguration")):
        for rid in template.of_type(sam_type):
            _sam_api(template, builder, kind, key, rid, [], api_properties(template, kind, rid).get(key))
        implicit = IMPLICIT[kind]
        if implicit in template.resources:  # a declared resource of that name is the API itself
            continue
        written = api_properties(template, kind, None).get(key)
        users = sorted({o.resource for o in builder.views.api_operations if o.api == implicit})
        for fid in users:
            _sam_api(template, builder, kind, key, fid, [fid], written, implicit)


def _sam_api(template: Template, builder: ViewBuilder, kind: str, key: str, rid: str, functions: list[str],
             written: Any, api: str = "") -> None:
    records = Cors(builder, rid, cors.REST if kind == "rest" else cors.HTTP, functions)
    found = _sam_rest_cors(template, records, written) if kind == "rest" else _block(template, records, written)
    if found:
        records.api(api or rid)


def _sam_rest_cors(template: Template, records: Cors, written: Any) -> bool:
    """`Cors: "'origin'"` or `{AllowOrigin: "'origin'", AllowCredentials: true, …}` (quoted literals)."""
    cors_setting = template.branch(written)
    if cors_setting is None or cors_setting == NO_VALUE_REF:
        return False
    if is_map(cors_setting):
        origin = cors_setting.get("AllowOrigin")
        if origin is not None:
            _header(template, records, cors.ORIGIN, origin)
        credentials = cors_setting.get("AllowCredentials")
        if credentials is not None:
            records.add(cors.CREDENTIALS, template.value(credentials), credentials)
        return True
    _header(template, records, cors.ORIGIN, cors_setting)
    return True
