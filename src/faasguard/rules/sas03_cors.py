"""SAS-3: insecure deployment configuration — CORS (the `cors_*` settings of api_settings)."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model import cors
from faasguard.model.decide import decide
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, rule

RULE = "FG_03_03"


def _authenticated_apis(views: Views) -> set[str]:
    """APIs with an operation other than OPTIONS that requires authorization in every alternative."""
    operations, _ = decide(views.api_operations, lambda o: o.method != "OPTIONS" and o.authorization != "NONE")
    return {o.api for o in operations if o.api}


def _iam_urls(views: Views) -> set[str]:
    urls, _ = decide(views.function_urls, lambda u: u.auth_type == "AWS_IAM")
    return {u.resource for u in urls}


@rule(RULE, reads=("api_settings",))
def wildcard_cors(views: Views, context: Context) -> list[Violation]:
    settings = [s for s in views.api_settings if s.setting.startswith("cors_")]

    def places(setting: str, value: str) -> set[tuple[str, str]]:
        records = [s for s in settings if s.setting == setting]
        return {(s.resource, s.kind) for s in context.decide(RULE, records, lambda s: s.value == value)}

    wildcard = places(cors.ORIGIN, "*")
    apis: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in settings:
        if s.setting == cors.API:
            apis[(s.resource, s.kind)].add(s.value)
    authenticated, iam_urls = _authenticated_apis(views), _iam_urls(views)
    problems: dict[str, set[str]] = defaultdict(set)
    for place in wildcard & places(cors.CREDENTIALS, "true"):
        problems[place[0]].add("allows any origin (`*`) with credentials")
    for resource, kind in wildcard:
        if kind == cors.URL and resource in iam_urls:
            problems[resource].add("allows any origin (`*`) on a function URL that requires IAM authentication")
        for api in sorted(apis[(resource, kind)] & authenticated):
            problems[resource].add(f"allows any origin (`*`) on API {api}, whose operations require authorization")
    for resource, _ in places(cors.WRITE_ORIGIN, "*"):
        problems[resource].add("lets any origin (`*`) PUT, POST or DELETE objects of the bucket")
    functions = defaultdict(set)
    for s in settings:
        functions[s.resource].update(s.functions)
    return [Violation(RULE, resource, "CORS " + "; ".join(sorted(found)) + "; name the allowed origins",
                      tuple(sorted(functions[resource])))
            for resource, found in problems.items()]
