"""API exposure (SAS-3, SAS-7, SAS-9): the default endpoint beside a custom domain, payload logging, and
API resource policies open to everyone. Twins: rego/faasguard/rules/fg_03_04, fg_07_05, fg_09_04."""
from __future__ import annotations

from faasguard.model import iam
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, by_resource, rule

INVOKE = "execute-api:Invoke"


@rule("FG_03_04", reads=("api_settings",))
def default_endpoint_beside_domain(views: Views, context: Context) -> list[Violation]:
    domains = {(s.resource, s.kind) for s in views.api_settings if s.setting == "custom_domain"}
    endpoints = [s for s in views.api_settings if s.setting == "default_endpoint" and (s.resource, s.kind) in domains]
    open_ = context.decide("FG_03_04", endpoints, lambda s: s.value == "enabled")
    return [
        Violation("FG_03_04", resource,
                  f"{resource} is served by a custom domain but its default execute-api endpoint stays enabled "
                  f"({', '.join(sorted({r.kind for r in records}))}); disable it so callers cannot bypass the domain",
                  ())
        for resource, records in by_resource(open_).items()
    ]


@rule("FG_07_05", reads=("api_settings",))
def payload_logging(views: Views, context: Context) -> list[Violation]:
    traced = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "data_trace"],
                            lambda s: s.value == "true")
    logging = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "log_level"],
                             lambda s: s.value != "OFF")
    logged = {s.resource for s in logging}
    included = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "include_execution_data"],
                              lambda s: s.value == "true" and s.resource in logged)
    found = {r.resource: "logs full request and response data (data trace)" for r in traced}
    found.update({r.resource: "logs execution data (inputs and outputs)" for r in included})
    return [Violation("FG_07_05", resource, f"{resource} {what}; turn it off so payloads and secrets stay out of logs",
                      ()) for resource, what in sorted(found.items())]


def grants_invoke(actions: tuple[str, ...]) -> bool:
    return any(iam.action_matches(a, INVOKE) for a in actions)


@rule("FG_09_04", reads=("source_policies",))
def public_api_policy(views: Views, context: Context) -> list[Violation]:
    apis = {s.resource for s in views.api_settings if s.setting == "default_endpoint" and s.kind == "rest_api"}
    apis |= {o.api for o in views.api_operations if o.kind == "rest"}
    public = [p for p in views.source_policies if p.target in apis and p.public and grants_invoke(p.actions)]
    restricted = {p.target for p in public if p.effect == "Deny" and p.constrained}
    open_ = [p for p in public if p.effect == "Allow" and not p.constrained and p.target not in restricted]
    return [
        Violation("FG_09_04", resource,
                  f"{resource} lets anyone invoke {', '.join(sorted({p.target for p in records}))} "
                  "(Allow to * on execute-api:Invoke with no source condition); restrict it with aws:SourceVpce, "
                  "aws:SourceIp, aws:PrincipalOrgID or named accounts",
                  ())
        for resource, records in by_resource(open_).items()
    ]
