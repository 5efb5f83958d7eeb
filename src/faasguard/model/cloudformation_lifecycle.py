"""CloudFormation and SAM: lifecycle records (FG_11_02, FG_11_05, FG_11_06; docs/model.md, "Lifecycle
settings") in function_settings:

- `trigger_enabled` of each `AWS::Lambda::EventSourceMapping` (`Enabled`), `AWS::Events::Rule` and
  `AWS::Scheduler::Schedule` (`State`), and of each trigger event of a SAM function (`Enabled`, or `State`
  when it is set), kind `event <name>`;
- `old_versions` of each `AWS::Lambda::Version` (a `Retain` deletion or update-replace policy keeps every
  replaced version) and of each SAM function with `AutoPublishAlias` (SAM's versions: the function's
  `DeletionPolicy`, else `VersionDeletionPolicy`, else Retain, Delete with `CapacityProviderConfig`);
- `tag` `*` for a function's `Tags` (SAM: merged with `Globals.Function`) that only deployment settles.

`resource_views` reads the plain resources of any Template (Serverless `resources.Resources` too). The
twin is rego/faasguard/lib/lifecycle.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import lifecycle
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import SAM_FUNCTION, Template
from faasguard.model.cloudformation_exposure import flag, setting, upper_text
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, is_intrinsic, is_map

MAPPING = "AWS::Lambda::EventSourceMapping"
RULE = "AWS::Events::Rule"
SCHEDULE = "AWS::Scheduler::Schedule"
VERSION = "AWS::Lambda::Version"
# the deletion policies that keep a resource CloudFormation removes or replaces
RETAINING = frozenset({"Retain", "RetainExceptOnCreate"})
# SAM event types that can be written disabled: `Enabled`, or for the rule and schedule types `State`
SAM_TRIGGER_TYPES = frozenset({"SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB",
                               "Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule"})
# SAM's VersionDeletionPolicy, upper-cased
_SAM_POLICIES = {"RETAIN": lifecycle.RETAINED, "DELETE": lifecycle.DELETED}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views (`functions`: logical id → (type, effective properties))."""
    resource_views(template, builder)
    for rid, (kind, props) in functions.items():
        _tags(template, builder, rid, kind, props)
        if kind == SAM_FUNCTION:
            _sam_events(template, builder, rid, props)
            _sam_versions(template, builder, rid, props)


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The triggers and versions of a template's plain resources; `host.functions` maps logical ids an
    embedding document generates to its function ids."""
    refs = References(template, host)
    for rid in template.of_type(MAPPING):
        props = template.properties(rid)
        _trigger(template, builder, rid, lifecycle.TRIGGER, props, refs.functions(props.get("FunctionName")))
    for rid in template.of_type(RULE, SCHEDULE):
        props = template.properties(rid)
        _trigger(template, builder, rid, lifecycle.TRIGGER, props, _targeted(template, refs, props))
    for rid in template.of_type(VERSION):
        builder.setting(lifecycle.VIEW, rid, "version", lifecycle.VERSIONS, _version_policy(template.resources[rid]),
                        refs.functions(template.properties(rid).get("FunctionName")))


def _version_policy(resource: dict[str, Any]) -> str:
    """Retained when either policy is literally a retaining one; a value of any other shape (a list, a map)
    retains nothing, as in the Rego twin."""
    policies = (resource.get(key) for key in ("DeletionPolicy", "UpdateReplacePolicy"))
    return lifecycle.RETAINED if any(isinstance(p, str) and p in RETAINING for p in policies) else lifecycle.DELETED


def _targeted(template: Template, refs: References, props: dict[str, Any]) -> tuple[str, ...]:
    """The functions a rule's `Targets` or a schedule's `Target` name."""
    targets = template.entries(props.get("Targets")) + template.entries(props.get("Target"))
    settled = [template.branch(t) for t in targets]
    return tuple(sorted({f for t in settled if is_map(t) for f in refs.functions(t.get("Arn"))}))


def _trigger(template: Template, builder: ViewBuilder, rid: str, kind: str, props: Any,
             functions: tuple[str, ...]) -> None:
    """`trigger_enabled`: `State` when it is set (rules, schedules), else `Enabled`; enabled when unset."""
    if is_map(props) and props.get("State") is not None:
        value = setting(template, props, "State", default="true", known=lifecycle.state_enabled)
        written = props.get("State")
    else:
        value = setting(template, props, "Enabled", default="true", known=flag)
        written = props.get("Enabled") if is_map(props) else props
    builder.setting(lifecycle.VIEW, rid, kind, lifecycle.TRIGGER_ENABLED, value, functions, written)


def _sam_events(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    events = template.branch(props.get("Events"))
    for name, entry in (events.items() if is_map(events) else ()):
        event = template.branch(entry)
        if is_map(event) and event.get("Type") in SAM_TRIGGER_TYPES:
            properties = template.branch(event.get("Properties"))
            _trigger(template, builder, rid, lifecycle.event_kind(str(name)),
                     properties if properties is not None else {}, (rid,))


def _sam_versions(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    """The versions AutoPublishAlias publishes: the function's DeletionPolicy passes to them."""
    if props.get("AutoPublishAlias") is None:
        return
    policy = template.resources[rid].get("DeletionPolicy")
    if isinstance(policy, str):
        value = lifecycle.RETAINED if policy in RETAINING else lifecycle.DELETED
    else:
        default = lifecycle.DELETED if props.get("CapacityProviderConfig") is not None else lifecycle.RETAINED
        value = setting(template, props, "VersionDeletionPolicy", default=default,
                        known=lambda v: _SAM_POLICIES.get(upper_text(v), UNKNOWN))
    builder.setting(lifecycle.VIEW, rid, "function", lifecycle.VERSIONS, value, [rid],
                    props.get("VersionDeletionPolicy"))


def _tags(template: Template, builder: ViewBuilder, rid: str, kind: str, props: dict[str, Any]) -> None:
    """Tags only deployment settles: a SAM map or CloudFormation list that is not settled, or a list entry
    whose Key is not (faasguard.model.limits records the known keys)."""
    written = props.get("Tags")
    if written is None:
        return
    tags = template.branch(written)
    if kind == SAM_FUNCTION:
        unsettled = not is_map(tags) or is_intrinsic(tags)
    else:
        unsettled = not isinstance(tags, list) or any(
            not (is_map(t) and isinstance(template.known(t.get("Key")), str)) for t in tags)
    if unsettled:
        lifecycle.unsettled_tags(builder, rid, written, [rid])
