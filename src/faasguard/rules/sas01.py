"""SAS-1: function event-data injection (request validation, WAF, untrusted event sources, TLS)."""
from __future__ import annotations

from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


def _public_because(statements) -> str:
    """Why a source is public: the policy resources (or ACL) that let anyone write to it."""
    return ", ".join(sorted({s.resource for s in statements}))


@rule("FG_01_03", reads=("source_policies",))
def publicly_writable_trigger(views: Views, context: Context) -> list[Violation]:
    from faasguard.model.public_write import writable_targets

    writable = writable_targets(views.source_policies)
    triggers = [e for e in views.event_sources if e.source in writable]
    found = []
    for resource, records in by_resource(triggers).items():
        sources = sorted({f"{e.kind} source {e.source} (public write allowed by {_public_because(writable[e.source])})"
                          for e in records})
        found.append(Violation("FG_01_03", resource,
                               f"the trigger {resource} invokes {affected(functions_of(records))} from "
                               f"{', '.join(sources)}, which anyone can write to: an untrusted event injection path",
                               functions_of(records)))
    return found


# what each request setting of FG_01_01 says is unvalidated (docs/model.md, "Request validation")
_REQUEST_GAPS = {"request_body_validated": "body (needs a request validator with body validation and a request model)",
                 "request_parameters_validated": "required parameters (need a request validator with parameter "
                                                 "validation)"}


@rule("FG_01_01", reads=("api_settings:request_*",))
def unvalidated_requests(views: Views, context: Context) -> list[Violation]:
    records = [s for s in views.api_settings if s.setting in _REQUEST_GAPS]
    unvalidated = context.decide("FG_01_01", records, lambda s: s.value == "false")
    violations = []
    for resource, found in by_resource(unvalidated).items():
        gaps = "; ".join(sorted(f"{s.kind.removeprefix('rest_method ')}: {_REQUEST_GAPS[s.setting]}" for s in found))
        violations.append(Violation(
            "FG_01_01", resource,
            f"{resource} passes unvalidated REST API input to {affected(functions_of(found))}: {gaps}",
            functions_of(found)))
    return violations


# --- FG_01_02, FG_01_04: the edge of public APIs (WAF on REST stages, TLS on custom domains) -----------

PUBLIC_ENDPOINTS = frozenset({"EDGE", "REGIONAL"})
WEAK_TLS_POLICY = "TLS_1_0"  # the only policy that accepts TLS 1.0 (and 1.1) clients


def _edge_settings(views: Views, setting: str) -> list:
    return [s for s in views.api_settings if s.setting == setting]


@rule("FG_01_02", reads=("api_settings:endpoint_type", "api_settings:waf"))
def public_stage_without_waf(views: Views, context: Context) -> list[Violation]:
    unprotected = by_resource(context.decide("FG_01_02", _edge_settings(views, "waf"), lambda s: s.value == ABSENT))
    # the endpoint type matters only for stages without a web ACL (no notice on a protected stage)
    endpoints = [s for s in _edge_settings(views, "endpoint_type") if s.resource in unprotected]
    public = {s.resource for s in context.decide("FG_01_02", endpoints, lambda s: s.value in PUBLIC_ENDPOINTS)}
    return [
        Violation("FG_01_02", resource,
                  f"{resource} is a public REST API stage with no WAFv2 web ACL associated; associate one "
                  "(aws_wafv2_web_acl_association / AWS::WAFv2::WebACLAssociation) to filter injection payloads "
                  f"before they reach {affected(functions_of(records))}",
                  functions_of(records))
        for resource, records in unprotected.items() if resource in public
    ]


def _weak_tls(record) -> bool:
    return (record.setting == "tls_policy" and record.value == WEAK_TLS_POLICY) or \
        (record.setting == "openapi_scheme" and record.value == "http")


@rule("FG_01_04", reads=("api_settings:tls_policy", "api_settings:openapi_scheme"))
def custom_domain_allows_old_tls(views: Views, context: Context) -> list[Violation]:
    records = _edge_settings(views, "tls_policy") + _edge_settings(views, "openapi_scheme")
    weak = context.decide("FG_01_04", records, _weak_tls)
    return [
        Violation("FG_01_04", resource,
                  f"{resource}: " + "; ".join(sorted({_tls_problem(r) for r in found})),
                  functions_of(found))
        for resource, found in by_resource(weak).items()
    ]


def _tls_problem(record) -> str:
    if record.setting == "tls_policy":
        return "its custom domain has security policy TLS_1_0 (clients may use TLS 1.0); set TLS_1_2"
    return "its OpenAPI definition lists the plain http scheme; list only https"
