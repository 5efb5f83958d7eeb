"""Serverless: container images, ECR scanning and runtime management of functions (FG_06_04, FG_06_05;
docs/model.md, "Container images and runtime updates"): function_settings `image_uri_digest` of each
function with an `image` (the images the Framework builds, `image.name` or a name of
`provider.ecr.images`, are deployed by digest) and `update_runtime_on` of `provider.runtimeManagement`
(on `provider`, for the functions without their own) and `functions.<f>.runtimeManagement`; the
repositories and registry scanning of `resources.Resources` as in a template. The twin is
rego/faasguard/adapters/serverless/deployment.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_deployment, deployment
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import UNKNOWN, is_map, known_string

# `runtimeManagement` modes (a string, or `{mode, arn}`) as Lambda's UpdateRuntimeOn
_MODES = {"auto": "AUTO", "onfunctionupdate": "FUNCTIONUPDATE", "manual": "MANUAL"}


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    built = _built_images(service)
    inheriting = []
    for key, function in service.functions.items():
        if function.get("image") is not None:
            written = function["image"]
            builder.setting(deployment.FUNCTIONS, key, "function", "image_uri_digest",
                            _image_digest(service, written, built), [key], written)
        if function.get("runtimeManagement") is not None:
            builder.setting(deployment.FUNCTIONS, key, "function", "update_runtime_on",
                            _mode(service, function["runtimeManagement"]), [key], function["runtimeManagement"])
        else:
            inheriting.append(key)
    provider_mode = service.provider.get("runtimeManagement")
    if provider_mode is not None and inheriting:
        builder.setting(deployment.FUNCTIONS, PROVIDER, "function", "update_runtime_on",
                        _mode(service, provider_mode), inheriting, provider_mode)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        cloudformation_deployment.resource_views(Template(resources), builder)


def _built_images(service: Service) -> set[str]:
    """The names of `provider.ecr.images`: images the Framework builds and deploys by digest."""
    ecr = service.resolve(service.provider.get("ecr"))
    images = service.resolve(ecr.get("images")) if is_map(ecr) else None
    return {str(k) for k in images} if is_map(images) else set()


def _image_digest(service: Service, written: Any, built: set[str]) -> Any:
    image = service.resolve(written)
    if is_map(image):
        if image.get("uri") is None:
            return "true" if image.get("name") is not None else UNKNOWN
        image = service.resolve(image.get("uri"))
    uri = known_string(image)
    if uri is None:
        return UNKNOWN
    return "true" if uri in built else deployment.uri_digest([uri])


def _mode(service: Service, written: Any) -> Any:
    value = service.resolve(written)
    if is_map(value):
        value = service.resolve(value.get("mode"))
    text = known_string(value)
    return UNKNOWN if text is None else _MODES.get(text.lower(), text.upper())
