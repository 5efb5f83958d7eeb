"""Serverless: code signing and layers of functions (FG_06_02, FG_06_03), the function_settings records
of docs/model.md "Code sources" (cloudformation_code_sources names them). The twin is
rego/faasguard/adapters/serverless/code_sources.rego.

The Framework has no code-signing key: a function's config is the `CodeSigningConfigArn` its generated
resource gets from `resources.extensions.<F>LambdaFunction.Properties` (or the same path under
`resources.Resources`, which the Framework merges into its own resource). A function's `layers` replace
`provider.layers` (package/compile/functions.js: the function's list, else the provider's); a layer of
the service's own top-level `layers:` is referenced as `{Ref: <Layer>LambdaLayer}`.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template, sub_text
from faasguard.model.cloudformation_code_sources import (
    CONFIG_TYPE,
    DOCUMENT,
    EXTERNAL,
    FUNCTION,
    LAYER_TYPES,
    VIEW,
    layer_value,
    resource_views,
)
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, get_path, intrinsic, is_map
from faasguard.model.views import ABSENT

_LAMBDA_FUNCTION = "LambdaFunction"


def layer_logical_id(name: str) -> str:
    """The logical id the Framework gives a layer of the top-level `layers:` (naming.getLambdaLayerLogicalId)."""
    return lambda_logical_id(name)[: -len(_LAMBDA_FUNCTION)] + "LambdaLayer"


def add_views(service: Service, builder: ViewBuilder) -> None:
    resources = service.merged(service.data.get("resources"))
    resources = resources if is_map(resources) else {}
    template = Template(resources)
    refs = References(template, Host())
    linked = {}
    for key, function in service.functions.items():
        if function.get("image") is None:
            linked[key] = _code_signing(service, refs, resources, key)
            builder.setting(VIEW, key, FUNCTION, "code_signing_config", linked[key], [key])
    resource_views(template, builder, linked)
    declared_layers = service.resolve(service.data.get("layers"))  # a map of layers; any other value declares none
    own_layers = {layer_logical_id(str(name)) for name in declared_layers} if is_map(declared_layers) else set()
    inheriting = []
    for key, function in service.functions.items():
        if function.get("layers") is not None:
            _layers(service, refs, own_layers, builder, key, function.get("layers"), [key])
        elif function.get("image") is None:
            inheriting.append(key)
    if inheriting:
        _layers(service, refs, own_layers, builder, PROVIDER, service.provider.get("layers"), inheriting)


def _code_signing(service: Service, refs: References, resources: dict[str, Any], key: str) -> Any:
    logical_id = lambda_logical_id(key)
    for section in ("extensions", "Resources"):
        written = get_path(resources, section, logical_id, "Properties", "CodeSigningConfigArn")
        if written is not None:
            found = refs.ids(written, CONFIG_TYPE)
            return found[0] if found else EXTERNAL
    return ABSENT


def _layers(service: Service, refs: References, own_layers: set[str], builder: ViewBuilder, resource: str,
            written: Any, functions: list[str]) -> None:
    listed = service.resolve(written)
    if listed is None:
        return
    if not isinstance(listed, list):
        builder.unknown(resource, VIEW, "layer", written, functions)
        return
    for entry in listed:
        builder.setting(VIEW, resource, FUNCTION, "layer", _layer(service, refs, own_layers, entry), functions,
                        entry)


def _layer(service: Service, refs: References, own_layers: set[str], entry: Any) -> Any:
    """A layer of the service (its own `layers:`, or `resources.Resources`), else the ARN it names."""
    call = intrinsic(entry)
    if call and call[0] == "Ref" and call[1] in own_layers or refs.ids(entry, *LAYER_TYPES):
        return DOCUMENT
    if call:
        text = sub_text(call[1]) if call[0] == "Fn::Sub" else None
    else:
        resolved = service.resolve(entry)
        text = resolved if isinstance(resolved, str) else entry if resolved is UNKNOWN else None
    return layer_value(text) if isinstance(text, str) else UNKNOWN
