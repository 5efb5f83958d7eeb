"""SAS-2: broken authentication."""
from __future__ import annotations

import re

from faasguard.model.api_auth import is_unauthenticated_rest, is_unauthenticated_route
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_02_03", reads=("function_urls",))
def public_function_url(views: Views, context: Context) -> list[Violation]:
    public = context.decide("FG_02_03", views.function_urls, lambda r: r.auth_type == "NONE")
    return [
        Violation("FG_02_03", resource, _message(functions_of(records)), functions_of(records))
        for resource, records in by_resource(public).items()
    ]


def _message(functions: tuple[str, ...]) -> str:
    if not functions:  # the URL's function is defined elsewhere (another stack, a variable)
        return "function URL has auth type NONE: anyone can invoke the function it targets; use AWS_IAM"
    return f"function URL has auth type NONE: anyone can invoke {affected(functions)}; use AWS_IAM"


def _described(operation) -> str:
    return f"{operation.method} {operation.path}".strip()


def _operation_findings(rule_id: str, operations: list, fix: str) -> list[Violation]:
    return [
        Violation(rule_id, resource,
                  f"{', '.join(sorted({_described(o) for o in records}))} can be called without authentication"
                  f" ({affected(functions_of(records))}); {fix}", functions_of(records))
        for resource, records in by_resource(operations).items()
    ]


@rule("FG_02_01", reads=("api_operations",))
def rest_method_without_authorizer(views: Views, context: Context) -> list[Violation]:
    operations = [o for o in views.api_operations if o.kind == "rest"]
    return _operation_findings("FG_02_01", context.decide("FG_02_01", operations, is_unauthenticated_rest),
                               "use an IAM, Cognito or Lambda authorizer (an API key is not authentication)")


@rule("FG_02_02", reads=("api_operations",))
def route_without_authorization(views: Views, context: Context) -> list[Violation]:
    operations = [o for o in views.api_operations if o.kind in ("http", "websocket")]
    return _operation_findings("FG_02_02", context.decide("FG_02_02", operations, is_unauthenticated_route),
                               "set an authorizer (JWT, IAM or Lambda) on the route")


@rule("FG_02_04", reads=("lambda_permissions",))
def public_lambda_permission(views: Views, context: Context) -> list[Violation]:
    public = [p for p in views.lambda_permissions
              if p.principal == "*" and not p.constrained and not p.function_url_auth_type]
    return [
        Violation("FG_02_04", resource,
                  f"lets any AWS account invoke {affected(functions_of(records))}; name the calling service or "
                  "account and constrain it with SourceArn or SourceAccount", functions_of(records))
        for resource, records in by_resource(public).items()
    ]


_PRIVILEGED_ATTRIBUTE = re.compile(r"role|admin|group|tenant|permission|scope|privilege", re.IGNORECASE)
_MINIMUM_PASSWORD_LENGTH = 12


def _weakness(setting) -> str | None:
    """What is weak about one Cognito setting (views.CognitoSetting), or None."""
    name, value = setting.setting, setting.value
    if name == "password_minimum_length" and value.isdigit() and int(value) < _MINIMUM_PASSWORD_LENGTH:
        return f"minimum password length {value} (use at least {_MINIMUM_PASSWORD_LENGTH})"
    if name == "password_requires" and value:
        return f"passwords need no {value}"
    if name == "mfa" and value == "OFF":
        return "MFA is off"
    if name == "explicit_auth_flows" and value == "ADMIN_NO_SRP_AUTH":
        return "the legacy ADMIN_NO_SRP_AUTH flow sends passwords to the server"
    if name == "writable_custom_attribute" and _PRIVILEGED_ATTRIBUTE.search(value):
        return f"clients may write the privilege-bearing attribute custom:{value}"
    if name == "allow_unauthenticated" and value == "true":
        return "unauthenticated identities get AWS credentials"
    return None


@rule("FG_02_05", reads=("cognito",))
def weak_cognito(views: Views, context: Context) -> list[Violation]:
    weaknesses: dict[str, set[str]] = {}
    for setting in views.cognito:
        weakness = _weakness(setting)
        if weakness:
            weaknesses.setdefault(setting.resource, set()).add(weakness)
    return [Violation("FG_02_05", resource, "; ".join(sorted(found)), ()) for resource, found in weaknesses.items()]


def _authorizer_problem(authorizer) -> str | None:
    if not authorizer.attached:
        return f"authorizer {authorizer.name} is declared but no method or route uses it: the API it was meant for may be open"
    if authorizer.kind == "JWT" and not (authorizer.jwt_issuer and authorizer.jwt_audiences):
        return f"JWT authorizer {authorizer.name} does not pin both an issuer and an audience"
    return None


@rule("FG_02_06", reads=("authorizers",))
def loose_authorizer(views: Views, context: Context) -> list[Violation]:
    problems: dict[str, set[str]] = {}
    for authorizer in views.authorizers:
        problem = _authorizer_problem(authorizer)
        if problem:
            problems.setdefault(authorizer.resource, set()).add(problem)
    return [Violation("FG_02_06", resource, "; ".join(sorted(found)), ()) for resource, found in problems.items()]
