"""Serverless Framework services → the exposure records (docs/model.md, "API exposure"), on `provider`:
`data_trace` of `provider.logs.restApi` / `provider.logs.websocket` (the Framework's default for
`fullExecutionData` is true once logging is on), `default_endpoint` (`provider.apiGateway` /
`provider.httpApi` `disableDefaultEndpoint`), `custom_domain` (serverless-domain-manager's
`custom.customDomain` / `custom.customDomains`), and `provider.apiGateway.resourcePolicy` in
source_policies (`target` ApiGatewayRestApi). The CloudFormation resources of `resources.Resources` are
read by cloudformation_exposure.resource_views. The twin is rego/faasguard/adapters/serverless/exposure.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_exposure
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_triggers import add_policy_statements
from faasguard.model.serverless_apis import REST_API
from faasguard.model.template_references import Host
from faasguard.model.values import UNKNOWN, choice_of, get_path, is_map

PROVIDER = "provider"
VIEW = "api_settings"
# event key → (API kind, the provider key of its settings, the provider.logs key)
_APIS = {"http": ("rest_api", "apiGateway", "restApi"), "httpApi": ("http_api", "httpApi", None),
         "websocket": ("websocket_api", None, "websocket")}
_DOMAIN_KINDS = {"rest": "rest_api", "http": "http_api", "websocket": "websocket_api"}


def add_views(service, builder: ViewBuilder) -> None:
    """Add the exposure records of the document to the builder."""
    events = api_event_keys(service)
    for event_key, (kind, settings_key, logs_key) in _APIS.items():
        if event_key not in events:
            continue
        if settings_key:
            written = get_path(service.provider, settings_key, "disableDefaultEndpoint")
            state = resolved_choice(service, written, "enabled", cloudformation_exposure.endpoint_state)
            builder.setting(VIEW, PROVIDER, kind, "default_endpoint", state, written=written)
        if logs_key:
            _logs(service, builder, logs_key)
    if "http" in events:
        _resource_policy(service, builder)
    for kind, domain in _domains(service):
        builder.setting(VIEW, PROVIDER, kind, "custom_domain", domain)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        cloudformation_exposure.resource_views(Template(resources), builder, Host())


def resolved_choice(service, written: Any, default: Any, known) -> Any:
    value = service.resolve(written)
    return default if value is None else UNKNOWN if value is UNKNOWN else choice_of([known(value)])


def api_event_keys(service) -> set[str]:
    """The API event keys the functions use (an API exists only when some function has its events)."""
    found = set()
    for function in service.functions.values():
        events = service.resolve(function.get("events"))
        for entry in events if isinstance(events, list) else []:
            entry = service.resolve(entry)
            found |= {key for key in _APIS if is_map(entry) and entry.get(key) is not None}
    return found


def _logs(service, builder: ViewBuilder, key: str) -> None:
    """`logs.<key>`: off when unset or false; when on (`true` or a map), fullExecutionData defaults to true."""
    written = get_path(service.provider, "logs", key)
    logs = service.resolve(written)
    if logs is None or logs is False:
        return
    if logs is UNKNOWN:
        builder.setting(VIEW, PROVIDER, "stage", "data_trace", UNKNOWN, written=written)
        return
    full = get_path(logs, "fullExecutionData") if is_map(logs) else None
    builder.setting(VIEW, PROVIDER, "stage", "data_trace",
                    resolved_choice(service, full, "true", cloudformation_exposure.flag), written=full)


def _resource_policy(service, builder: ViewBuilder) -> None:
    listed = service.resolve(get_path(service.provider, "apiGateway", "resourcePolicy"))
    statements = [_resolved(service, s) for s in (listed if isinstance(listed, list) else [])]
    add_policy_statements(Template({}), builder, PROVIDER, REST_API, {"Statement": statements})


def _resolved(service, statement: Any) -> Any:
    """A statement with its `${self:…}` variables resolved (an Action list entry by entry)."""
    statement = service.resolve(statement)
    if not is_map(statement):
        return statement
    resolved = {key: service.resolve(value) for key, value in statement.items()}
    action = resolved.get("Action")
    if isinstance(action, list):
        resolved["Action"] = [service.resolve(a) for a in action]
    return {key: value for key, value in resolved.items() if value is not UNKNOWN}


def _domains(service) -> list[tuple[str, str]]:
    """(API kind, domain name) of serverless-domain-manager's `customDomain` (`apiType`, default rest) and
    of each `customDomains` entry (keyed by rest / http / websocket, or with its own `apiType`)."""
    custom = service.resolve(service.data.get("custom"))
    if not is_map(custom):
        return []
    configs = [service.resolve(custom.get("customDomain"))]
    listed = service.resolve(custom.get("customDomains"))
    for entry in (listed if isinstance(listed, list) else []):
        entry = service.resolve(entry)
        typed = [(k, service.resolve(v)) for k, v in entry.items() if k in _DOMAIN_KINDS] if is_map(entry) else []
        configs.extend([{**v, "apiType": k} for k, v in typed if is_map(v)] if typed else [entry])
    found = []
    for config in configs:
        if not is_map(config):
            continue
        api_type = service.resolve(config.get("apiType", "rest"))
        kind = _DOMAIN_KINDS.get(api_type.lower()) if isinstance(api_type, str) else None
        name = service.resolve(config.get("domainName"))
        if kind:
            found.append((kind, name if isinstance(name, str) else "customDomain"))
    return found
