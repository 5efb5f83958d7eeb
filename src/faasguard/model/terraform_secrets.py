"""Terraform: secret material that reaches functions (secret_settings; docs/model.md, "Secrets").

kind "environment": an `aws_lambda_function` environment value that reads a secret at plan or apply
time into the plaintext variable: `data.aws_secretsmanager_secret_version.<n>.secret_string` (or
`secret_binary`, value "secretsmanager") or `data.aws_ssm_parameter.<n>.value` (value "ssm"), also
inside `jsondecode(…)` or a longer string. HCL: one record per variable (setting
`environment.<NAME>`; a whole `variables` expression is setting `environment`). A plan keeps the
references of the `variables` expression as a whole, not per variable: setting `environment`.

kind "variable": an input variable without `sensitive = true` whose default is a known scalar, on each
resource of SECRET_CONSUMERS whose expressions reference it (HCL: `var.x`, also where the loader
replaced it by its value, and through a `local.y` that references it; a plan: the configuration's
references and variables); setting the variable's name, value its default as text.

The twin is rego/faasguard/lib/terraform/secrets.rego with adapters/{terraform,plan}/secrets.rego.
"""
from __future__ import annotations

import re

from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.cloudformation_secrets import strings
from faasguard.model.terraform import INSTANCE_KEY, Index, TfResource, environment_maps

VIEW = "secret_settings"
_SOURCES = (
    ("secretsmanager", re.compile(r"data\.aws_secretsmanager_secret_version\.[A-Za-z0-9_-]+(\[[^\]]*\])?"
                                  r"\.secret_(string|binary)")),
    ("ssm", re.compile(r"data\.aws_ssm_parameter\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.value([^A-Za-z0-9_]|$)")),
)


# The resource types a variable's secret default is reported on (FG_07_07's catalog entry lists them;
# Checkov calls a check on those only); rego: lib/terraform secret_consumers.
SECRET_CONSUMERS = ("aws_lambda_function", "aws_db_instance", "aws_rds_cluster",
                    "aws_secretsmanager_secret_version", "aws_ssm_parameter")


def resolved_secrets(text: str) -> set[str]:
    """The kinds of secret data source values an expression reads ("secretsmanager", "ssm")."""
    return {kind for kind, pattern in _SOURCES if pattern.search(text)}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for function in index.of_type("aws_lambda_function"):
        for setting, text in _environment_texts(function):
            for kind in sorted(resolved_secrets(text)):
                builder.setting(VIEW, function.address, "environment", setting, kind, [function.address])
    for rtype in SECRET_CONSUMERS:
        for resource in index.of_type(rtype):
            _variable_defaults(index, resource, builder)


def _variable_defaults(index: Index, resource: TfResource, builder: ViewBuilder) -> None:
    functions = [resource.address] if resource.type == "aws_lambda_function" else []
    module = INSTANCE_KEY.sub("", resource.module)
    for name in sorted(resource.variables):
        variable = index.variables.get((module, name)) or {}
        default = variable.get("default")
        if variable.get("sensitive") is not True and not isinstance(default, (dict, list)) \
                and setting_text(default) is not None:
            builder.setting(VIEW, resource.address, "variable", name, default, functions)


def _environment_texts(function: TfResource) -> list[tuple[str, str]]:
    """(setting, expression text) of the environment: per variable in HCL, the references in a plan."""
    if function.written is None:
        return [("environment", text) for text in function.reference_texts.get("environment", [])]
    found = []
    for variables in environment_maps(function):
        items = variables.items() if isinstance(variables, dict) else [(None, variables)]
        for name, value in items:
            setting = "environment" if name is None else f"environment.{name}"
            found += [(setting, text) for text in strings(value)]
    return found
