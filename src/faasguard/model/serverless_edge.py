"""Serverless: WAF associations of API stages and TLS policies of custom domains (FG_01_02, FG_01_04).

api_settings records on `provider` (docs/model.md, "Edge settings"): when some function has `http` events, the
stage the Framework deploys gets `endpoint_type` (`provider.endpointType`, EDGE when unset) and `waf`
(serverless-associate-waf's `custom.associateWaf` with a `name` or `arn`, or a `resources.Resources`
`AWS::WAFv2::WebACLAssociation` naming `ApiGatewayRestApi`; else absent); each serverless-domain-manager domain
gets `tls_policy` (`securityPolicy`, the plugin's default TLS_1_2). The CloudFormation resources of
`resources.Resources` are read by cloudformation_edge.resource_views. The twin is
rego/faasguard/adapters/serverless/edge.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_edge
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import Service
from faasguard.model.serverless_apis import REST_API
from faasguard.model.serverless_exposure import api_event_keys
from faasguard.model.template_references import Host
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import ABSENT

PROVIDER = "provider"
VIEW = cloudformation_edge.VIEW
PLUGIN_WAF = "custom.associateWaf"
DOMAIN_MANAGER_TLS_DEFAULT = "TLS_1_2"  # serverless-domain-manager's DomainConfig default
_DOMAIN_TYPES = ("rest", "http", "websocket")


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    template = Template(resources if is_map(resources) else {})
    if "http" in api_event_keys(service):
        builder.setting(VIEW, PROVIDER, "stage", "endpoint_type", _endpoint_type(service),
                        written=get_path(service.provider, "endpointType"))
        for waf in _wafs(service, template):
            builder.setting(VIEW, PROVIDER, "stage", "waf", waf)
    for config in _domain_configs(service):
        written = config.get("securityPolicy")
        policy = service.resolve(written)
        value = DOMAIN_MANAGER_TLS_DEFAULT if policy is None else policy.upper() if isinstance(policy, str) else UNKNOWN
        builder.setting(VIEW, PROVIDER, "domain_name", "tls_policy", value, written=written)
    if is_map(resources):
        cloudformation_edge.resource_views(template, builder, Host())


def _endpoint_type(service: Service) -> Any:
    """`provider.endpointType` upper-cased (the Framework takes any case), EDGE when unset; unknown for the
    REST API of another stack (`provider.apiGateway.restApiId`)."""
    if service.resolve(get_path(service.provider, "apiGateway", "restApiId")) is not None:
        return UNKNOWN
    value = service.resolve(get_path(service.provider, "endpointType"))
    if value is None:
        return cloudformation_edge.PUBLIC_DEFAULT
    return value.upper() if isinstance(value, str) else UNKNOWN


def _wafs(service: Service, template: Template) -> list[str]:
    """What associates a web ACL with the service's REST API stage: the plugin's config, the associations of
    `resources.Resources` naming ApiGatewayRestApi; [absent] when none does."""
    plugin = service.resolve(get_path(service.data, "custom", "associateWaf"))
    found = [PLUGIN_WAF] if is_map(plugin) and (plugin.get("name") is not None or plugin.get("arn") is not None) else []
    for rid in template.of_type(cloudformation_edge.ASSOCIATION):
        target = cloudformation_edge.stage_target(template, template.properties(rid).get("ResourceArn"))
        if target is not None and target[0].split(".")[0] == REST_API:
            found.append(rid)
    return found or [ABSENT]


def _domain_configs(service: Service) -> list[dict[str, Any]]:
    """serverless-domain-manager's `custom.customDomain` and each `custom.customDomains` entry (keyed by API
    type, or a plain config)."""
    custom = service.resolve(service.data.get("custom"))
    if not is_map(custom):
        return []
    configs = [service.resolve(custom.get("customDomain"))]
    listed = service.resolve(custom.get("customDomains"))
    for entry in (service.resolve(e) for e in (listed if isinstance(listed, list) else [])):
        typed = [service.resolve(v) for k, v in entry.items() if k in _DOMAIN_TYPES] if is_map(entry) else []
        configs.extend(typed or [entry])
    return [c for c in configs if is_map(c)]
