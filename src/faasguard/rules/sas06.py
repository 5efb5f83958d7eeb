"""SAS-6: insecure third-party dependencies (the runtime a function runs on, its code and layers)."""
from __future__ import annotations

import datetime as dt

from faasguard.model.views import Views
from faasguard.rules import runtime_lifecycle
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_06_01", reads=("runtimes",))
def deprecated_runtime(views: Views, context: Context) -> list[Violation]:
    return [
        Violation("FG_06_01", resource,
                  f"runtime {runtime_lifecycle.deprecation_text(records)} (functions: {affected(functions_of(records))})",
                  functions_of(records))
        for resource, records in runtime_lifecycle.deprecated_runtimes("FG_06_01", views, context).items()
    ]


@rule("FG_06_07", reads=("runtimes",))
def runtime_soon_deprecated(views: Views, context: Context) -> list[Violation]:
    today = context.today.isoformat()
    horizon = (context.today + dt.timedelta(days=context.settings.runtime_warning_days)).isoformat()
    soon = context.decide("FG_06_07", views.runtimes,
                          lambda r: today < (runtime_lifecycle.deprecation(r.value) or "0000-01-01") <= horizon)
    return [
        Violation("FG_06_07", resource,
                  "runtime " + ", ".join(sorted(f"{r.value} is deprecated on {runtime_lifecycle.deprecation(r.value)}" for r in records))
                  + f", within {context.settings.runtime_warning_days} days (functions: {affected(functions_of(records))});"
                  " plan the upgrade", functions_of(records))
        for resource, records in by_resource(soon).items()
    ]


@rule("FG_06_02", reads=("function_settings:code_signing_config",
                         "function_settings:untrusted_artifact_on_deployment"))
def code_signing_not_enforced(views: Views, context: Context) -> list[Violation]:
    """A zip function without a code-signing config (on the function), and a config of the document
    whose policy is not Enforce (on the config)."""
    settings = [s for s in views.function_settings
                if s.setting in ("code_signing_config", "untrusted_artifact_on_deployment")]
    unsigned = context.decide("FG_06_02", [s for s in settings if s.setting == "code_signing_config"],
                              lambda s: s.value == "absent")
    warning = context.decide("FG_06_02", [s for s in settings if s.setting == "untrusted_artifact_on_deployment"],
                             lambda s: s.value != "Enforce")
    found = [Violation("FG_06_02", resource, f"{resource} has no code-signing config: unsigned code can be deployed",
                       functions_of(records)) for resource, records in by_resource(unsigned).items()]
    found += [Violation("FG_06_02", resource,
                        f"code-signing config {resource} only warns on untrusted artifacts "
                        f"(UntrustedArtifactOnDeployment {', '.join(sorted({r.value for r in records}))}, "
                        f"not Enforce; functions: {affected(functions_of(records))})", functions_of(records))
              for resource, records in by_resource(warning).items()]
    return found


def layer_account(value: str) -> str | None:
    """The account of a `layer` setting that is an ARN; None for `document` and `own_account`."""
    parts = value.split(":")
    return parts[4] if len(parts) > 4 else None


@rule("FG_06_03", reads=("function_settings:layer*",))
def untrusted_layers(views: Views, context: Context) -> list[Violation]:
    """A layer of an account not allowed (on the resource listing it), and a layer version permission
    that grants everyone (principal `*` without an organization id)."""
    allowed = set(context.settings.layer_accounts)
    settings = [s for s in views.function_settings if s.setting.startswith("layer")]
    foreign = context.decide("FG_06_03", [s for s in settings if s.setting == "layer"],
                             lambda s: layer_account(s.value) not in allowed | {None})
    open_to_all = {s.resource for s in settings if s.setting == "layer_organization_id" and s.value == "absent"}
    public = context.decide("FG_06_03", [s for s in settings if s.setting == "layer_principal"],
                            lambda s: s.value == "*" and s.resource in open_to_all)
    found = [Violation("FG_06_03", resource, "layers of accounts that are not allowed: " + ", ".join(
        sorted(f"{r.value} (account {layer_account(r.value)})" for r in records))
        + f" (functions: {affected(functions_of(records))})", functions_of(records))
        for resource, records in by_resource(foreign).items()]
    found += [Violation("FG_06_03", resource, f"layer version permission {resource} grants every AWS account "
                        "(principal * without an organization id)", ()) for resource in by_resource(public)]
    return found


@rule("FG_06_06", reads=("function_settings:dependency_*",))
def unlocked_dependencies(views: Views, context: Context) -> list[Violation]:
    """A dependency manifest of a deployed code folder without a lock file or with unpinned versions, on
    the resource naming the folder (the loader read the manifests: faasguard.inputs.dependencies)."""
    problems = [s for s in views.function_settings if s.setting == "dependency_problem"]
    return [Violation("FG_06_06", resource,
                      "deploys dependencies that are not locked or pinned: "
                      f"{'; '.join(sorted({r.value for r in records}))} (functions: {affected(functions_of(records))}); "
                      "commit the lock file or pin exact versions", functions_of(records))
            for resource, records in by_resource(problems).items()]


_MANUAL = "manual"


def _image_setting(record, setting: str) -> bool:
    return record.kind == "function" and record.setting == setting


@rule("FG_06_04", reads=("function_settings:image_uri_digest", "store_settings:scan_on_push",
                         "store_settings:scans_all_repositories"))
def unpinned_image_or_unscanned_repository(views: Views, context: Context) -> list[Violation]:
    by_tag = context.decide("FG_06_04", [s for s in views.function_settings if _image_setting(s, "image_uri_digest")],
                            lambda s: s.value == "false")
    found = [Violation("FG_06_04", resource, f"{resource} deploys its container image by tag, not by digest: the "
                       "tag may point to another image by the next pull", functions_of(records))
             for resource, records in by_resource(by_tag).items()]
    registry = [s for s in views.store_settings if s.kind == "ecr_registry" and s.setting == "scans_all_repositories"]
    if any(s.value == "true" for s in registry):
        return found
    unscanned = context.decide("FG_06_04", [s for s in views.store_settings
                                            if s.kind == "ecr_repository" and s.setting == "scan_on_push"],
                               lambda s: s.value == "false")
    return found + [Violation("FG_06_04", resource, f"{resource} does not scan images on push (and no registry "
                              "scanning rule covers every repository)", functions_of(records))
                    for resource, records in by_resource(unscanned).items()]


@rule("FG_06_05", reads=("function_settings:update_runtime_on",))
def frozen_runtime_updates(views: Views, context: Context) -> list[Violation]:
    manual = context.decide("FG_06_05", [s for s in views.function_settings if _image_setting(s, "update_runtime_on")],
                            lambda s: s.value.lower() == _MANUAL)
    return [Violation("FG_06_05", resource, f"{resource} sets runtime updates to Manual for "
                      f"{affected(functions_of(records))}: the pinned runtime version gets no security patches",
                      functions_of(records))
            for resource, records in by_resource(manual).items()]
