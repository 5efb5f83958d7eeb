"""Terraform modules and plans → the deployment records (docs/model.md, "Container images and runtime
updates"): function_settings `image_uri_digest` of image functions and `update_runtime_on` of
aws_lambda_runtime_management_config, store_settings `scan_on_push` of ECR repositories and
`scans_all_repositories` of the registry scanning configuration (FG_06_04, FG_06_05). The twin is
rego/faasguard/lib/terraform/deployment.rego, fed by the adapters' deployment.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import deployment
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import functions_named
from faasguard.model.values import UNKNOWN


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for function in index.of_type("aws_lambda_function"):
        if function.value("package_type") == "Image":
            builder.setting(deployment.FUNCTIONS, function.address, "function", "image_uri_digest",
                            _image_digest(function), [function.address], function.as_written("image_uri"))
    for config in index.of_type("aws_lambda_runtime_management_config"):
        value = config.value("update_runtime_on")
        builder.setting(deployment.FUNCTIONS, config.address, "function", "update_runtime_on",
                        deployment.DEFAULT_UPDATE if value is None else value.upper() if isinstance(value, str) else value,
                        functions_named(index, config, "function_name"), config.as_written("update_runtime_on"))
    for repository in index.of_type("aws_ecr_repository"):
        builder.setting(deployment.STORES, repository.address, "ecr_repository", "scan_on_push",
                        _scan_on_push(repository.value("image_scanning_configuration")), (),
                        repository.as_written("image_scanning_configuration"))
    for registry in index.of_type("aws_ecr_registry_scanning_configuration"):
        builder.setting(deployment.STORES, registry.address, "ecr_registry", "scans_all_repositories",
                        _scans_all(registry.value("rule")), (), registry.as_written("rule"))


def _image_digest(function: TfResource) -> Any:
    """"true" when a digest pins the image (`@` in the URI, or a reference to an `image_digest`), "false"
    for a known URI without one or one built only from managed resources' attributes (a repository URL
    never holds a digest), else UNKNOWN (a variable without default, a data source, a module output)."""
    uri = function.value("image_uri")
    texts = [t for t in (function.as_written("image_uri"), uri) if isinstance(t, str)]
    if any("@" in t or "image_digest" in t for t in texts + function.reference_texts.get("image_uri", [])):
        return "true"
    if isinstance(uri, str):
        return "false"
    keys = function.refs.get("image_uri", [])
    return "false" if keys and all(k.startswith("aws_") for k in keys) else UNKNOWN


def _blocks(value: Any) -> list[dict[str, Any]] | Any:
    if value is UNKNOWN:
        return UNKNOWN
    listed = value if isinstance(value, list) else [] if value is None else [value]
    return [b for b in listed if isinstance(b, dict)]


def _scan_on_push(value: Any) -> Any:
    blocks = _blocks(value)
    if blocks is UNKNOWN:
        return UNKNOWN
    flags = [b.get("scan_on_push") for b in blocks]
    return deployment.flag(flags[0] if flags and flags[0] is not None else False)


def _scans_all(value: Any) -> Any:
    rules = _blocks(value)
    if rules is UNKNOWN:
        return UNKNOWN
    return deployment.flag(any(deployment.scans_all(r.get("scan_frequency"),
                                                    [f.get("filter") for f in _blocks(r.get("repository_filter"))
                                                     if isinstance(f, dict)])
                               for r in rules if _blocks(r.get("repository_filter")) is not UNKNOWN))
