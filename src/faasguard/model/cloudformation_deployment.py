"""CloudFormation and SAM: container images, ECR scanning and runtime management of functions (FG_06_04,
FG_06_05; docs/model.md, "Container images and runtime updates"): function_settings `image_uri_digest`
of image functions and `update_runtime_on` where `RuntimeManagementConfig` is set (SAM: merged with
`Globals.Function`), store_settings `scan_on_push` of ECR repositories and `scans_all_repositories` of
the registry scanning configuration. `resource_views` reads the plain resources of any Template
(Serverless `resources.Resources` too). The twin is rego/faasguard/lib/deployment.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import deployment
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import SAM_FUNCTION, Template
from faasguard.model.cloudformation_exposure import flag, setting, upper_text
from faasguard.model.cloudformation_storage import reference_names, strings_in
from faasguard.model.values import UNKNOWN, intrinsic, is_map

REPOSITORY = "AWS::ECR::Repository"
REGISTRY_SCANNING = "AWS::ECR::RegistryScanningConfiguration"
# the intrinsics an image URI may be assembled with that cannot bring a digest in by themselves
_ASSEMBLING = frozenset({"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join"})


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for rid, (kind, props) in functions.items():
        sam = kind == SAM_FUNCTION
        written = props.get("ImageUri") if sam else (props.get("Code") or {}).get("ImageUri") \
            if is_map(props.get("Code")) else None
        if template.known(props.get("PackageType")) == "Image" or (sam and written is not None):
            builder.setting(deployment.FUNCTIONS, rid, "function", "image_uri_digest",
                            image_digest(template, written), [rid], written)
        if props.get("RuntimeManagementConfig") is not None:
            builder.setting(deployment.FUNCTIONS, rid, "function", "update_runtime_on",
                            setting(template, props, "RuntimeManagementConfig", "UpdateRuntimeOn",
                                    default=deployment.DEFAULT_UPDATE, known=upper_text),
                            [rid], props.get("RuntimeManagementConfig"))
    resource_views(template, builder)


def resource_views(template: Template, builder: ViewBuilder) -> None:
    """The repositories and registry scanning configurations of a template."""
    for rid in template.of_type(REPOSITORY):
        props = template.properties(rid)
        builder.setting(deployment.STORES, rid, "ecr_repository", "scan_on_push",
                        setting(template, props, "ImageScanningConfiguration", "ScanOnPush", default="false",
                                known=flag), (), props.get("ImageScanningConfiguration"))
    for rid in template.of_type(REGISTRY_SCANNING):
        props = template.properties(rid)
        builder.setting(deployment.STORES, rid, "ecr_registry", "scans_all_repositories",
                        _scans_all(template, props.get("Rules")), (), props.get("Rules"))


def image_digest(template: Template, written: Any) -> Any:
    """"true" when a digest pins the image URI (`@` in one of its strings), "false" for a known URI
    without one or one assembled from resource attributes and literals, else UNKNOWN (a parameter
    without default, an import, an unsettled condition)."""
    settled = template.branch(written)
    if settled is UNKNOWN or settled is None:
        return UNKNOWN
    known = template.known(settled)
    texts = strings_in(settled) + ([known] if isinstance(known, str) else [])
    if any("@" in t for t in texts):
        return "true"
    if isinstance(known, str):
        return "false"
    return "false" if _assembled(template, settled) else UNKNOWN


def _assembled(template: Template, value: Any) -> bool:
    """Built only from literals and references to resources (no parameter, no other intrinsic)."""
    if isinstance(value, dict):
        call = intrinsic(value)
        return call is not None and call[0] in _ASSEMBLING and _assembled(template, call[1])
    if isinstance(value, list):
        return all(_assembled(template, v) for v in value)
    if isinstance(value, str):
        return not any(template.is_parameter(n) for n in reference_names(value))
    return True


def _scans_all(template: Template, written: Any) -> Any:
    """Whether a rule of the configuration scans every repository on push (or continuously)."""
    rules = template.branch(written)
    if rules is UNKNOWN or (rules is not None and not isinstance(rules, list)):
        return UNKNOWN
    listed = rules or []
    if any(is_map(r) and _rule_scans_all(template, r) for r in listed):
        return "true"
    return "false" if all(is_map(r) for r in listed) else UNKNOWN


def _rule_scans_all(template: Template, rule: dict[str, Any]) -> bool:
    filters = [template.known(f.get("Filter")) for f in template.entries(rule.get("RepositoryFilters")) if is_map(f)]
    return deployment.scans_all(template.known(rule.get("ScanFrequency")), filters)
