"""Serverless Framework services → function KMS keys (function_settings) and the secret stores of
`resources.Resources` (secret_settings, read as in a template): docs/model.md, "Secret stores". The twin
is rego/faasguard/adapters/serverless/secret_stores.rego.

The Framework deploys `functions.<f>.kmsKeyArn || provider.kmsKeyArn` (package/compile/functions.js): a
function's own truthy value, else the provider's; the record is where the effective value is written
(`provider` for the functions inheriting a set one), and on the function when neither sets one.
"""
from __future__ import annotations

from faasguard.model import cloudformation_secret_stores
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.secret_stores import FUNCTION, key_flag, variables_flag
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import UNKNOWN, is_map


def add_views(service: Service, builder: ViewBuilder) -> None:
    _kms_keys(service, builder)
    provider_variables = variables_flag(service.resolve(service.provider.get("environment")))
    for key, function in service.functions.items():
        own = variables_flag(service.resolve(function.get("environment")))
        # the provider's variables are merged into each function's
        found = (own, provider_variables)
        has = "true" if "true" in found else UNKNOWN if any(v is UNKNOWN for v in found) else "false"
        builder.setting("function_settings", key, FUNCTION, "environment_variables", has, [key],
                        function.get("environment") if own is UNKNOWN else service.provider.get("environment"))
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        cloudformation_secret_stores.resource_views(Template(resources), builder)


def _kms_keys(service: Service, builder: ViewBuilder) -> None:
    inheriting = []
    for key, function in service.functions.items():
        if key_flag(service.resolve(function.get("kmsKeyArn"))) == "true":
            builder.setting("function_settings", key, FUNCTION, "kms_key", "true", [key])
        else:
            inheriting.append(key)
    if key_flag(service.resolve(service.provider.get("kmsKeyArn"))) == "true":
        if inheriting:
            builder.setting("function_settings", PROVIDER, FUNCTION, "kms_key", "true", inheriting)
        return
    for key in inheriting:
        builder.setting("function_settings", key, FUNCTION, "kms_key", "false", [key])
