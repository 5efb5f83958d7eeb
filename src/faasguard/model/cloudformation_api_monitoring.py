"""CloudFormation and SAM: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04).

api_settings records of kind `stage` (docs/model.md, "API stage monitoring"): `access_log` (`set` or
`absent`) on every stage, and `execution_logging` (the level, `OFF` when unset), `metrics` and `tracing`
(`true`/`false`, `false` when unset) on REST stages. A stage is an `AWS::ApiGateway::Stage`, an
`AWS::ApiGateway::Deployment` with a `StageName`, an `AWS::ApiGatewayV2::Stage`, a SAM `Api` / `HttpApi`
(Globals merged), and the implicit `ServerlessRestApi` / `ServerlessHttpApi`, whose records are written on
each function whose events create it. `resource_views` reads the plain CloudFormation types (Serverless
`resources.Resources` too). The twin is rego/faasguard/lib/api_monitoring.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from faasguard.model import sam_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, NO_VALUE_REF, Template
from faasguard.model.cloudformation_exposure import flag, setting, upper_text
from faasguard.model.values import UNKNOWN, choice_of, is_map
from faasguard.model.views import ABSENT

VIEW = "api_settings"
KIND = "stage"
STAGE = "AWS::ApiGateway::Stage"
DEPLOYMENT = "AWS::ApiGateway::Deployment"
V2_STAGE = "AWS::ApiGatewayV2::Stage"
# REST stage setting → (its key in a settings map, the AWS default, how a known value reads)
REST_SETTINGS = {"execution_logging": ("LoggingLevel", "OFF", upper_text),
                 "metrics": ("MetricsEnabled", "false", flag)}
_ACCESS_LOG_KEYS = {"rest": "AccessLogSetting", "http": "AccessLogSettings"}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resource_views(template, builder)
    for kind, rid, props, functions in sam_stages(template, builder):
        _sam_stage(template, builder, kind, rid, props, functions)


def sam_stages(template: Template, builder: ViewBuilder) -> Iterator[tuple[str, str, dict[str, Any], tuple[str, ...]]]:
    """(kind `rest`/`http`, resource, properties with Globals merged, functions) of each SAM API stage: a
    declared API, and the implicit ServerlessRestApi / ServerlessHttpApi at each function whose events
    create it (the api_operations records already built name them)."""
    for api in sam_apis.declared_apis(template):
        yield api.kind, api.id, api.props, ()
    for kind, implicit in sam_apis.IMPLICIT.items():
        if implicit in template.resources:  # a declared resource of that name is the API itself
            continue
        props = sam_apis.api_properties(template, kind, None)
        for fid in sorted({o.resource for o in builder.views.api_operations if o.api == implicit}):
            yield kind, fid, props, (fid,)


def resource_views(template: Template, builder: ViewBuilder) -> None:
    """The stage records of the plain CloudFormation resources of a template."""
    for rid in template.of_type(STAGE):
        props = template.properties(rid)
        access_log(template, builder, rid, props, "AccessLogSetting")
        rest_monitoring(template, builder, rid, props, props.get("MethodSettings"))
    for rid in template.of_type(DEPLOYMENT):
        props = template.properties(rid)
        if template.branch(props.get("StageName")) in (None, NO_VALUE_REF):
            continue  # a deployment without StageName creates no stage
        description = template.branch(props.get("StageDescription"))
        description = {} if description in (None, NO_VALUE_REF) else description
        if not is_map(description):
            _unknown_stage(builder, rid, props.get("StageDescription"))
            continue
        access_log(template, builder, rid, description, "AccessLogSetting")
        rest_monitoring(template, builder, rid, description, description.get("MethodSettings"), stage_wide=True)
    for rid in template.of_type(V2_STAGE):
        access_log(template, builder, rid, template.properties(rid), "AccessLogSettings")


def access_log(template: Template, builder: ViewBuilder, rid: str, mapping: dict[str, Any], key: str,
               functions: tuple[str, ...] = ()) -> None:
    """`access_log`: `set` when mapping[key].DestinationArn is written (a reference or a parameter counts),
    else `absent`."""
    members = []
    for block in template.alternatives_at(mapping, key):
        if block is NO_VALUE or block is UNKNOWN:
            members.append(ABSENT if block is NO_VALUE else UNKNOWN)
        elif not is_map(block):
            members.append(UNKNOWN)
        else:
            members.extend(_presence(m) for m in template.alternatives(block.get("DestinationArn")))
    builder.setting(VIEW, rid, KIND, "access_log", choice_of(members), functions, written=mapping.get(key))


def _presence(member: Any) -> str:
    return ABSENT if member is NO_VALUE or member is None else "set"


def rest_monitoring(template: Template, builder: ViewBuilder, rid: str, stage: dict[str, Any], listed: Any,
                    functions: tuple[str, ...] = (), stage_wide: bool = False) -> None:
    """`execution_logging` and `metrics` of a REST stage from the stage-wide (`*` on `/*`) entries of its
    MethodSettings (and, `stage_wide`, from the map itself: a Deployment's StageDescription), AWS's default
    when none writes them; `tracing` from TracingEnabled."""
    entries = stage_wide_entries(template, listed)
    for name, (key, default, known) in REST_SETTINGS.items():
        sources = [m for m in ([stage] if stage_wide else []) + entries if m.get(key) is not None]
        for source in sources or [{}]:
            builder.setting(VIEW, rid, KIND, name, setting(template, source, key, default=default, known=known),
                            functions, written=source.get(key))
    builder.setting(VIEW, rid, KIND, "tracing", setting(template, stage, "TracingEnabled", default="false", known=flag),
                    functions, written=stage.get("TracingEnabled"))


def stage_wide_entries(template: Template, listed: Any) -> list[dict[str, Any]]:
    """The MethodSettings entries (`listed`) for every method of the stage."""
    return [e for e in (template.branch(entry) for entry in template.entries(listed)) if all_methods(template, e)]


def all_methods(template: Template, entry: Any) -> bool:
    """A MethodSettings entry for every method of the stage (`HttpMethod: "*"`, `ResourcePath: "/*"`)."""
    return is_map(entry) and template.known(entry.get("HttpMethod")) == "*" \
        and template.known(entry.get("ResourcePath")) == "/*"


def _unknown_stage(builder: ViewBuilder, rid: str, written: Any) -> None:
    """A stage whose settings map only deployment settles: every setting is unknown."""
    for name in ("access_log", *REST_SETTINGS, "tracing"):
        builder.setting(VIEW, rid, KIND, name, UNKNOWN, written=written)


def _sam_stage(template: Template, builder: ViewBuilder, kind: str, rid: str, props: dict[str, Any],
               functions: tuple[str, ...]) -> None:
    """A SAM API's stage (`props` with Globals merged): AccessLogSetting, MethodSettings and TracingEnabled
    of `Api`; AccessLogSettings of `HttpApi`."""
    access_log(template, builder, rid, props, _ACCESS_LOG_KEYS[kind], functions)
    if kind == "rest":
        rest_monitoring(template, builder, rid, props, props.get("MethodSettings"), functions)
