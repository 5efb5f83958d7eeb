"""Serverless Framework (serverless.yml) → views (semantics.md, model.md)."""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, get_path
from faasguard.model.views import ABSENT, Views

PROVIDER = "provider"
# `${source:address}` or `${source:address, 'fallback'}` as the whole string
_VARIABLE = re.compile(r"""^\$\{\s*([^,{}]+?)\s*(?:,\s*(?:'([^']*)'|"([^"]*)")\s*)?\}$""")
_MAX_LEVELS = 5


class Service:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        provider = data.get("provider")
        self.provider = provider if isinstance(provider, dict) else {}
        functions = data.get("functions")
        self.functions = {str(k): v for k, v in functions.items() if isinstance(v, dict)} if isinstance(functions, dict) else {}

    def resolve(self, value: Any, level: int = 0) -> Any:
        """A value with its variable resolved; UNKNOWN when deployment settles it."""
        if not isinstance(value, str) or "${" not in value:
            return value
        match = _VARIABLE.match(value)
        if match is None or level >= _MAX_LEVELS:
            return UNKNOWN
        source, single, double = match.groups()
        fallback = single if single is not None else double
        if source.startswith("self:"):
            found = get_path(self.data, *source[len("self:"):].split("."))
            if found is not None:
                return self.resolve(found, level + 1)
        return fallback if fallback is not None else UNKNOWN


def _tracing_mode(value: Any) -> str | None:
    if value is True:
        return "Active"
    if value is False:
        return "PassThrough"
    return value if isinstance(value, str) else None


def _runtimes(service: Service, builder: ViewBuilder) -> None:
    inheriting = []
    for key, function in service.functions.items():
        if "image" in function:
            continue
        if "runtime" in function:
            builder.runtime(key, service.resolve(function["runtime"]), [key])
        else:
            inheriting.append(key)
    if inheriting:
        builder.runtime(PROVIDER, service.resolve(service.provider.get("runtime")), inheriting)


def _tracing(service: Service, builder: ViewBuilder) -> None:
    provider_tracing = service.resolve(service.provider.get("tracing"))
    inheriting = []
    for key, function in service.functions.items():
        if "tracing" in function:
            builder.tracing(key, _tracing_mode(service.resolve(function["tracing"])), [key])
        elif isinstance(provider_tracing, dict) and "lambda" in provider_tracing:
            inheriting.append(key)
        elif provider_tracing is UNKNOWN:
            continue
        else:
            builder.tracing(key, ABSENT, [key])
    if inheriting:
        builder.tracing(PROVIDER, _tracing_mode(service.resolve(provider_tracing["lambda"])), inheriting)


def _urls(service: Service, builder: ViewBuilder) -> None:
    for key, function in service.functions.items():
        url = service.resolve(function.get("url"))
        if url is True:
            builder.function_url(key, "NONE", [key])
        elif isinstance(url, dict):
            authorizer = service.resolve(url.get("authorizer"))
            if authorizer is not UNKNOWN:
                builder.function_url(key, "AWS_IAM" if authorizer == "aws_iam" else "NONE", [key])


def _environment(service: Service, builder: ViewBuilder) -> None:
    provider_env = service.resolve(service.provider.get("environment"))
    if isinstance(provider_env, dict):
        for name, value in provider_env.items():
            users = [
                key for key, fn in service.functions.items()
                if not (isinstance(fn.get("environment"), dict) and name in fn["environment"])
            ]
            builder.environment(PROVIDER, {name: value}, users, resolve=service.resolve)
    for key, function in service.functions.items():
        builder.environment(key, service.resolve(function.get("environment")), [key], resolve=service.resolve)


def _statements(service: Service, builder: ViewBuilder, owner: str, statements: Any, users: list[str]) -> None:
    resolved = service.resolve(statements)
    for statement in resolved if isinstance(resolved, list) else []:
        statement = service.resolve(statement)
        if isinstance(statement, dict):
            builder.statement(
                owner,
                service.resolve(statement.get("Effect", "")),
                service.resolve(statement.get("Action", [])),
                service.resolve(statement.get("NotAction", [])),
                users,
            )


def _managed(service: Service, builder: ViewBuilder, owner: str, policies: Any, users: list[str]) -> None:
    resolved = service.resolve(policies)
    for policy in resolved if isinstance(resolved, list) else []:
        builder.managed_policy(owner, service.resolve(policy), users)


def _iam(service: Service, builder: ViewBuilder) -> None:
    iam_role = get_path(service.provider, "iam", "role")
    shared_role_is_custom = isinstance(iam_role, str) or "role" in service.provider
    shared_users = [] if shared_role_is_custom else [k for k, fn in service.functions.items() if "role" not in fn]
    role = iam_role if isinstance(iam_role, dict) else {}
    for statements in (role.get("statements"), service.provider.get("iamRoleStatements")):
        _statements(service, builder, PROVIDER, statements, shared_users)
    for policies in (role.get("managedPolicies"), service.provider.get("iamManagedPolicies")):
        _managed(service, builder, PROVIDER, policies, shared_users)
    for key, function in service.functions.items():
        own = get_path(function, "iam", "role")
        own = own if isinstance(own, dict) else {}
        for statements in (own.get("statements"), function.get("iamRoleStatements")):
            _statements(service, builder, key, statements, [key])
        _managed(service, builder, key, own.get("managedPolicies"), [key])


def views(data: dict[str, Any]) -> Views:
    service = Service(data)
    builder = ViewBuilder()
    for key, function in service.functions.items():
        builder.function(key, service.resolve(function.get("name")))
    _runtimes(service, builder)
    _tracing(service, builder)
    _urls(service, builder)
    _environment(service, builder)
    _iam(service, builder)
    return builder.views
