"""Serverless: secret material that reaches functions (secret_settings; docs/model.md, "Secrets").

- kind "environment": a `provider.environment` or `functions.<f>.environment` value holding an SSM
  variable, `${ssm:…}`, `${ssm(raw):…}`, `${ssm(<region>):…}` or v4's `${aws:ssm:…}`, which the
  Framework resolves at package time into the template's plaintext variable; followed through
  `${self:…}`. Value "secretsmanager" for a `/aws/reference/secretsmanager/…` path, else "ssm".
  (`${aws:accountId}` / `${aws:region}` are no secrets.) Provider values name the functions that do
  not set the variable themselves.
- kind "custom": a literal of `custom` (`${self:custom.<path>}`, setting `custom.<path>`) or of
  `params.<stage>` / `stages.<stage>.params` (`${param:<name>}`, setting `params.<stage>.<name>` /
  `stages.<stage>.params.<name>`) referenced anywhere in a function's body (resource the function
  key) or in `provider` (resource `provider`, every function).

The twin is rego/faasguard/adapters/serverless/secrets.rego.
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.cloudformation_secrets import strings
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import get_path

VIEW = "secret_settings"
_MAX_LEVELS = 5
_SELF = re.compile(r"^\$\{\s*self:([^,{}\s]+)\s*(?:,[^{}]*)?\}$")
_SSM = re.compile(r"\$\{\s*(?:ssm(?:\([^)]*\))?|[A-Za-z0-9_-]+:ssm)\s*:\s*([^,}]*)")
_SECRETS_MANAGER_PATH = "/aws/reference/secretsmanager/"
_CUSTOM = re.compile(r"\$\{\s*self:custom\.([A-Za-z0-9_.-]+)\s*[,}]")
_PARAM = re.compile(r"\$\{\s*param:([A-Za-z0-9_-]+)\s*[,}]")


def _segments(address: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in address.split(".")]


def followed(service: Service, value: Any) -> Any:
    """The value a whole `${self:…}` names, followed (at most 5 times); any other value as it is."""
    for _ in range(_MAX_LEVELS):
        match = _SELF.match(value) if isinstance(value, str) else None
        found = get_path(service.data, *_segments(match.group(1))) if match else None
        if found is None:
            return value
        value = found
    return value


def resolved_secret(text: str) -> str | None:
    """"secretsmanager" or "ssm" when a string holds an SSM variable, else None."""
    paths = [m.group(1).strip() for m in _SSM.finditer(text)]
    if not paths:
        return None
    return "secretsmanager" if any(p.startswith(_SECRETS_MANAGER_PATH) for p in paths) else "ssm"


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    functions = service.functions
    provider_env = followed(service, service.provider.get("environment"))
    if isinstance(provider_env, dict):
        for name, written in provider_env.items():
            users = [k for k, fn in functions.items() if not _sets(service, fn, name)]
            _environment(service, PROVIDER, name, written, users, builder)
    for key, function in functions.items():
        environment = followed(service, function.get("environment"))
        for name, written in (environment if isinstance(environment, dict) else {}).items():
            _environment(service, key, name, written, [key], builder)
    _custom(service, PROVIDER, service.provider, sorted(functions), builder)
    for key, function in functions.items():
        _custom(service, key, function, [key], builder)


def _sets(service: Service, function: dict, name: str) -> bool:
    environment = followed(service, function.get("environment"))
    return isinstance(environment, dict) and name in environment


def _environment(service: Service, resource: str, name: str, written: Any, functions: list[str],
                 builder: ViewBuilder) -> None:
    value = followed(service, written)
    source = resolved_secret(value) if isinstance(value, str) else None
    if source:
        builder.setting(VIEW, resource, "environment", f"environment.{name}", source, functions)


def _custom(service: Service, resource: str, body: Any, functions: list[str], builder: ViewBuilder) -> None:
    """The literal custom values and params a body references."""
    for text in strings(body):
        for path in _CUSTOM.findall(text):
            _literal(builder, resource, f"custom.{path}", get_path(service.data, "custom", *_segments(path)), functions)
        for name in _PARAM.findall(text):
            for setting, value in _params(service, name):
                _literal(builder, resource, setting, value, functions)


def _params(service: Service, name: str) -> list[tuple[str, Any]]:
    found = []
    params = service.data.get("params")
    for stage, values in (params.items() if isinstance(params, dict) else ()):
        if isinstance(values, dict) and name in values:
            found.append((f"params.{stage}.{name}", values[name]))
    stages = service.data.get("stages")
    for stage, config in (stages.items() if isinstance(stages, dict) else ()):
        values = config.get("params") if isinstance(config, dict) else None
        if isinstance(values, dict) and name in values:
            found.append((f"stages.{stage}.params.{name}", values[name]))
    return found


def _literal(builder: ViewBuilder, resource: str, setting: str, value: Any, functions: list[str]) -> None:
    if setting_text(value) is not None and not isinstance(value, (dict, list)):
        builder.setting(VIEW, resource, "custom", setting, value, functions)
