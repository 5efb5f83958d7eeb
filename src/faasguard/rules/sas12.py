"""SAS-12: cross-execution data persistency — EFS mounted into functions without per-function isolation or
protection (FG_12_01) or shared by several functions (FG_12_02), SnapStart snapshots reused across invocations
(FG_12_03), multi-tenant functions without per-tenant isolation (FG_12_04), durable execution state without a
customer managed key and large /tmp storage (FG_12_05). The Rego twins are rego/faasguard/rules/fg_12_0*."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model import efs, limits, persistence
from faasguard.model.decide import decide
from faasguard.model.views import ABSENT, Setting, Views
from faasguard.rules.base import (ALTERNATIVES_DISAGREE, Context, Undecided, Violation, affected, by_resource,
                                  functions_of, rule)


PER_TENANT = "PER_TENANT"


def _function_settings(views: Views, setting: str) -> list[Setting]:
    return [s for s in views.function_settings if s.kind == "function" and s.setting == setting]


@rule("FG_12_03", reads=("function_settings:snap_start",))
def snapshot_reuse(views: Views, context: Context) -> list[Violation]:
    snapped = context.decide("FG_12_03", _function_settings(views, persistence.SNAP_START),
                             lambda s: s.value == "PUBLISHEDVERSIONS")
    return [Violation("FG_12_03", resource,
                      f"SnapStart restores every execution environment of {affected(functions_of(records))} from one "
                      "snapshot: review that nothing unique (random seeds, IDs, credentials, tokens, connections) "
                      "is created or cached during init", functions_of(records))
            for resource, records in by_resource(snapped).items()]


def multi_tenant_tag(setting: str) -> tuple[str, str | None]:
    """The `multi_tenant_tag` setting as (tag key, upper-cased value or None for any value)."""
    key, equals, value = setting.partition("=")
    return key, value.upper() if equals else None


@rule("FG_12_04", reads=("function_settings:tenant_isolation",))
def shared_tenant_environments(views: Views, context: Context) -> list[Violation]:
    key, value = multi_tenant_tag(context.settings.multi_tenant_tag)
    tags, undecided_tags = decide(_function_settings(views, persistence.TAG + key),
                                  lambda s: value is None or s.value == value)
    tagged = {f for s in tags for f in s.functions}
    isolation = _function_settings(views, persistence.TENANT_ISOLATION)
    shared = {f for s in isolation if s.value != PER_TENANT for f in s.functions}
    # whether a function without isolation is multi-tenant is undecided when its tag is
    context.note(Undecided("FG_12_04", s.resource, s.attribute, ALTERNATIVES_DISAGREE)
                 for s in undecided_tags if shared & set(s.functions))
    context.note(Undecided("FG_12_04", u.resource, u.attribute, u.why) for u in views.unknowns
                 if u.view == persistence.FUNCTIONS and u.attribute in ("tags", persistence.TAG + key)
                 and shared & set(u.functions))
    unisolated = context.decide("FG_12_04", isolation,
                                lambda s: s.value != PER_TENANT and bool(tagged & set(s.functions)))
    return [Violation("FG_12_04", resource,
                      f"{resource} is tagged multi-tenant ({context.settings.multi_tenant_tag}) but does not isolate "
                      "tenants (TenancyConfig TenantIsolationMode PER_TENANT): one tenant's invocations may reuse an "
                      "execution environment, and its memory and /tmp, that served another",
                      tuple(sorted(tagged & set(functions_of(records)))))
            for resource, records in by_resource(unisolated).items()]


@rule("FG_12_05", reads=("function_settings:durable_kms_key", "function_settings:ephemeral_storage_mb"))
def unprotected_state(views: Views, context: Context) -> list[Violation]:
    limit = context.settings.max_ephemeral_storage_mb
    unkeyed = context.decide("FG_12_05", _function_settings(views, persistence.DURABLE_KMS_KEY),
                             lambda s: s.value == "false")
    large = context.decide("FG_12_05", _function_settings(views, limits.EPHEMERAL),
                           lambda s: int(s.value) > limit)
    problems: dict[str, list[str]] = {}
    for s in unkeyed:
        problems.setdefault(s.resource, []).append(
            "persists durable execution state (inputs, outputs, errors) without a customer-managed KMS key")
    for s in large:
        problems.setdefault(s.resource, []).append(
            f"keeps a {s.value} MB /tmp (above {limit} MB) that later invocations reuse: review that it is cleaned")
    records = by_resource([*unkeyed, *large])
    return [Violation("FG_12_05", resource, f"{resource} " + "; and ".join(sorted(set(texts)))
                      + f" (functions: {affected(functions_of(records[resource]))})", functions_of(records[resource]))
            for resource, texts in problems.items()]


# what each setting's offending value means, where the fix goes (the access point, the file system or
# its policy); a value not listed does not offend
_PROBLEMS = {
    efs.POSIX_UID: {ABSENT: "sets no POSIX user, so each client's own (possibly root) identity is used",
                    "0": "makes every client root (POSIX uid 0)"},
    efs.ROOT_DIRECTORY: {ABSENT: "exposes the whole file system (no root directory, so /)",
                         "/": "exposes the whole file system (root directory /)"},
    efs.ENCRYPTED: {"false": "is not encrypted at rest (Encrypted false or unset)"},
    efs.TLS_ENFORCED: {ABSENT: "has no file-system policy, so any client that reaches a mount target may mount it "
                               "without IAM authorization and without TLS",
                       "false": "does not deny mounting without TLS (a Deny when aws:SecureTransport is false)"},
    efs.IAM_REQUIRED: {"false": "lets anyone mount without IAM authorization (an Allow to * without a condition)"},
}


def _problem(record: Setting) -> str | None:
    return _PROBLEMS.get(record.setting, {}).get(record.value.lower() if record.setting == efs.ENCRYPTED else record.value)


def _external(record: Setting) -> bool:
    """A link to an access point the document does not declare (its ARN)."""
    return record.value.startswith("arn:")


def _links(views: Views) -> list[Setting]:
    return [s for s in views.function_settings if s.kind == "function" and s.setting == efs.ACCESS_POINT]


@rule("FG_12_01", reads=("function_settings:efs_access_point", "store_settings:efs_*"))
def unprotected_file_system(views: Views, context: Context) -> list[Violation]:
    """An access point without a non-root POSIX user or its own root directory, a file system that is not
    encrypted or whose policy does not require TLS and IAM: each on the resource to fix."""
    context.note(Undecided("FG_12_01", r.resource, r.attribute,
                           f"access point {r.value} is not declared in this document: its POSIX user, root "
                           "directory and file system are judged where it is declared")
                 for r in _links(views) if _external(r))
    settings = [s for s in views.store_settings if s.setting in _PROBLEMS]
    found = context.decide("FG_12_01", settings, lambda s: _problem(s) is not None)
    return [Violation("FG_12_01", resource,
                      f"{resource} {'; '.join(sorted({_problem(r) for r in records}))} "
                      f"(EFS mounted by {affected(functions_of(records))})", functions_of(records))
            for resource, records in by_resource(found).items()]


@rule("FG_12_02", reads=("function_settings:efs_access_point",))
def shared_access_point(views: Views, context: Context) -> list[Violation]:
    """An access point mounted by several functions: on the access point when the document declares it,
    else (the same ARN on several functions) on each function."""
    users: dict[str, list[Setting]] = defaultdict(list)
    for link in _links(views):
        users[link.value].append(link)
    found = []
    for point, links in users.items():
        functions = functions_of(links)
        if len(functions) < 2:
            continue
        message = (f"access point {point} is mounted by {len(functions)} functions ({affected(functions)}): each "
                   "sees the others' files; give functions of different trust levels their own access point")
        places = sorted({r.resource for r in links}) if _external(links[0]) else [point]
        found += [Violation("FG_12_02", place, message, functions) for place in places]
    return found
