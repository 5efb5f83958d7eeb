"""Serverless Framework (serverless.yml) → views (semantics.md, model.md)."""
from __future__ import annotations

import re
from typing import Any

from faasguard.model import serverless_iam
from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, get_path, is_intrinsic, is_map
from faasguard.model.views import ABSENT, Views

PROVIDER = "provider"
EMPTY_FUNCTION = "its entry under `functions` is empty, and the Serverless Framework deploys no function for it"
# `${source:address}` or `${source:address, 'fallback'}` as the whole string
_VARIABLE = re.compile(r"""^\$\{\s*([^,{}]+?)\s*(?:,\s*(?:'([^']*)'|"([^"]*)")\s*)?\}$""")
_MAX_LEVELS = 5


class Service:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        provider = data.get("provider")
        self.provider = provider if isinstance(provider, dict) else {}
        functions = self.merged(data.get("functions"))
        bodies = {str(k): self.resolve(v) for k, v in functions.items()} if isinstance(functions, dict) else {}
        self.functions = {k: v for k, v in bodies.items() if isinstance(v, dict)}
        # `f:` with no body: the Framework deletes the entry (Service.setFunctionNames), no function exists
        self.empty_functions = [k for k, v in bodies.items() if v is None]
        self.unseen_functions = _unseen(functions, bodies)

    def merged(self, value: Any) -> Any:
        """`functions` or `resources` as the Framework reads them: a list of maps (each item resolved,
        e.g. a `${self:}` variable) merged in order into one map (Service.mergeArrays, lodash `_.merge`);
        a list with an item that is not a map stays a list (faasguard cannot see it)."""
        resolved = self.resolve(value)
        if not isinstance(resolved, list):
            return resolved
        items = [self.resolve(item) for item in resolved]
        if not all(item is None or is_map(item) for item in items):
            return resolved
        merged: dict[str, Any] = {}
        for item in items:
            merge_maps(merged, item or {})
        return merged

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
            found = get_path(self.data, *_segments(source[len("self:"):]))
            if found is not None:
                return self.resolve(found, level + 1)
        return fallback if fallback is not None else UNKNOWN


    def why_unknown(self, written: Any, level: int = 0) -> str:
        """Why a value as written is unknown (a `${self:…}` is followed to the value it names)."""
        if is_intrinsic(written):  # a Ref or GetAtt names a resource of the stack: AWS assigns it (ViewBuilder)
            function = next(iter(written))
            if function in ("Ref", "Fn::GetAtt"):
                return None
            return f"{function} is evaluated by CloudFormation at deployment"
        match = _VARIABLE.match(written) if isinstance(written, str) else None
        if match is None:
            return _why_embedded(written)
        source = match.group(1)
        found = get_path(self.data, *_segments(source[len("self:"):])) if source.startswith("self:") else None
        if found is not None and level < _MAX_LEVELS:
            return self.why_unknown(found, level + 1)
        return f"{written} {_VARIABLE_SOURCES.get(source.split(':', 1)[0].split('(', 1)[0], _RESOLVED)}"


_RESOLVED = "is resolved at deployment"
# why a variable without fallback is unknown, by its source
_VARIABLE_SOURCES = {
    "ssm": "has no fallback and is read from SSM Parameter Store at deployment",
    "env": "has no fallback and is read from the deploying shell's environment",
    "opt": "has no fallback and is a command-line option of the deployment",
    "file": "is a file faasguard does not read (outside the service directory, or not YAML/JSON)",
    "self": "names nothing in this file",
}


def _why_embedded(written: Any) -> str:
    """A string that holds variables: named after the source of its first one."""
    first = _FIRST_SOURCE.search(written) if isinstance(written, str) else None
    if first is None:
        return "only deployment settles this value"
    return f"{written} holds a variable that {_VARIABLE_SOURCES.get(first.group(1), _RESOLVED)}"


_FIRST_SOURCE = re.compile(r"\$\{\s*([A-Za-z]+)[:(]")


def merge_maps(target: dict[str, Any], source: dict[str, Any]) -> None:
    """lodash `_.merge` of maps, as the Framework merges a list of them: nested maps merged, other values
    replaced. The maps merged into are copies, so the document (and a file included twice) is unchanged."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):  # objects, as lodash and Rego merge
            merged = dict(target[key])
            merge_maps(merged, value)
            target[key] = merged
        else:
            target[key] = value


def _segments(address: str) -> list[str | int]:
    """The keys of a `${self:a.b.0}` address; numeric segments index lists."""
    return [int(part) if part.isdigit() else part for part in address.split(".")]


def _unseen(functions: Any, bodies: dict[str, Any]) -> list[str] | None:
    """Functions faasguard cannot see (an unresolved include or variable): None when it sees them
    all, [] when `functions` itself is not a map."""
    if functions is None:
        return None
    if not isinstance(functions, dict):
        return []
    return [key for key, body in bodies.items() if not isinstance(body, dict) and body is not None] or None


def _tracing_mode(value: Any) -> str | None:
    """The mode the Framework deploys for a set tracing value: `true` is Active, a string is itself;
    None (unknown) for anything else."""
    if value is True:
        return "Active"
    return value if isinstance(value, str) else None


def _tracing_unset(value: Any) -> bool:
    """Falsy in JavaScript: the Framework reads `functions.<f>.tracing || provider.tracing.lambda`
    (lib/plugins/aws/package/compile/functions.js), so a falsy function value inherits."""
    return value is None or value is False or value == ""


def _runtimes(service: Service, builder: ViewBuilder) -> None:
    inheriting = []
    for key, function in service.functions.items():
        if function.get("image") is not None:  # a container image has no runtime, not even the provider's
            continue
        if function.get("runtime") is not None:
            builder.runtime(key, service.resolve(function["runtime"]), [key], function["runtime"])
        else:
            inheriting.append(key)
    if inheriting:
        builder.runtime(PROVIDER, service.resolve(service.provider.get("runtime")), inheriting,
                        service.provider.get("runtime"))


def _tracing(service: Service, builder: ViewBuilder) -> None:
    inheriting = []
    for key, function in service.functions.items():
        own = service.resolve(function.get("tracing"))
        if _tracing_unset(own):
            inheriting.append(key)
        else:
            builder.tracing(key, _tracing_mode(own), [key], function.get("tracing"))
    if inheriting:
        _provider_tracing(service, builder, inheriting)


def _provider_tracing(service: Service, builder: ViewBuilder, inheriting: list[str]) -> None:
    """`provider.tracing.lambda` for the functions without their own: only the `lambda` key of a map
    counts (a bare `provider.tracing: true` sets nothing for Lambda); `false` is tracing switched off
    on the provider, the place to fix it; unset is absent on each function."""
    tracing = service.resolve(service.provider.get("tracing"))
    if tracing is UNKNOWN:
        builder.unknown(PROVIDER, "tracing", "tracing", service.provider.get("tracing"), inheriting)
        return
    mode = service.resolve(tracing.get("lambda")) if isinstance(tracing, dict) else None
    if mode is False:
        builder.tracing(PROVIDER, "PassThrough", inheriting)
    elif _tracing_unset(mode):
        for key in inheriting:
            builder.tracing(key, ABSENT, [key])
    else:
        builder.tracing(PROVIDER, _tracing_mode(mode), inheriting, tracing.get("lambda"))


def _urls(service: Service, builder: ViewBuilder) -> None:
    for key, function in service.functions.items():
        url = service.resolve(function.get("url"))
        if url is True:
            builder.function_url(key, "NONE", [key])
        elif is_map(url):
            authorizer = service.resolve(url.get("authorizer"))
            if authorizer is UNKNOWN:
                builder.unknown(key, "function_urls", "auth_type", url.get("authorizer"), [key])
            else:
                builder.function_url(key, "AWS_IAM" if authorizer == "aws_iam" else "NONE", [key])
        elif url is UNKNOWN or is_intrinsic(url):
            builder.unknown(key, "function_urls", "auth_type", function.get("url"), [key])


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


def views(data: dict[str, Any]) -> Views:
    service = Service(data)
    builder = ViewBuilder(service.why_unknown)
    for key in service.empty_functions:
        builder.not_created(key, EMPTY_FUNCTION)
    for key, function in service.functions.items():
        builder.function(key, service.resolve(function.get("name")))
    _runtimes(service, builder)
    _tracing(service, builder)
    _urls(service, builder)
    _environment(service, builder)
    serverless_iam.add_views(service, builder)
    from faasguard.model import (  # they read this module's Service: imported late
        serverless_api_monitoring,
        serverless_apis,
        serverless_code_sources,
        serverless_cors,
        serverless_dependencies,
        serverless_deployment,
        serverless_edge,
        serverless_efs,
        serverless_errors,
        serverless_exposure,
        serverless_failures,
        serverless_lifecycle,
        serverless_limits,
        serverless_logging,
        serverless_monitoring,
        serverless_network,
        serverless_persistence,
        serverless_secret_stores,
        serverless_secrets,
        serverless_storage,
        serverless_throttling,
        serverless_triggers,
        serverless_usage,
        serverless_validation,
    )

    for concern in (serverless_errors, serverless_persistence, serverless_apis, serverless_triggers,
                    serverless_storage, serverless_cors, serverless_exposure, serverless_network, serverless_secrets,
                    serverless_secret_stores, serverless_validation, serverless_edge, serverless_deployment,
                    serverless_efs, serverless_logging, serverless_api_monitoring, serverless_monitoring,
                    serverless_code_sources, serverless_dependencies, serverless_limits, serverless_failures,
                    serverless_lifecycle, serverless_throttling, serverless_usage):
        concern.add_views(service, builder)
    return builder.views
