"""CloudFormation and SAM: secret material that reaches functions (secret_settings; docs/model.md, "Secrets").

- kind "environment": an `Environment.Variables` value (SAM: merged with Globals) holding a
  `{{resolve:secretsmanager:…}}` dynamic reference, which CloudFormation resolves into the plaintext
  variable at deployment; value "secretsmanager".
- kind "parameter": a Parameter with a literal Default and no `NoEcho: true` that the properties of a
  function or of a resource of SECRET_CONSUMERS reference (`Ref`, an `Fn::Sub` `${Name}`, or
  conftest's plain name); value the Default. An `AWS::SSM::Parameter::Value<…>` parameter's Default
  names a parameter: it is no value.

The twin is rego/faasguard/lib/cloudformation_secrets.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.cloudformation import Template, environment_variables_of
from faasguard.model.values import UNKNOWN

VIEW = "secret_settings"
SECRETS_MANAGER = "{{resolve:secretsmanager:"
SSM_PARAMETER_TYPE = "AWS::SSM::Parameter::Value"
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)\}")
# Beside functions, the resource types a parameter's secret default is reported on (FG_07_07's
# catalog entry lists them; Checkov calls a check on those only); rego: SECRET_CONSUMERS's twin
# lib/cloudformation_secrets secret_consumers.
SECRET_CONSUMERS = ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::SecretsManager::Secret",
                    "AWS::SSM::Parameter")
UNDECIDED_IF = "Fn::If on a condition the template does not settle chooses between different values"


def strings(value: Any) -> Iterator[str]:
    """Every string in a value (map values and list entries, at any depth)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for rid, (_, props) in functions.items():
        _resolved_environment(template, rid, props, builder)
        _parameters(template, rid, props, [rid], builder)
    for rid in template.of_type(*SECRET_CONSUMERS):
        _parameters(template, rid, template.properties(rid), [], builder)


def _parameters(template: Template, rid: str, props: dict, functions: list[str], builder: ViewBuilder) -> None:
    for name, default in sorted(_exposed_parameters(template, props).items()):
        builder.setting(VIEW, rid, "parameter", name, default, functions)


def _resolved_environment(template: Template, rid: str, props: dict, builder: ViewBuilder) -> None:
    for name, written in (environment_variables_of(template, props) or {}).items():
        settled = template.branch(written)
        if settled is UNKNOWN:
            if SECRETS_MANAGER in json.dumps(written, default=repr):
                builder.unknown_because(rid, VIEW, f"environment.{name}", UNDECIDED_IF, [rid])
        elif any(SECRETS_MANAGER in s for s in strings(settled)):
            builder.setting(VIEW, rid, "environment", f"environment.{name}", "secretsmanager", [rid])


def _exposed_parameters(template: Template, props: dict) -> dict[str, str]:
    """Name → Default of the parameters the properties reference that show a literal Default."""
    named = {n for s in strings(props) for n in ({s} | set(_SUB_NAME.findall(s)))}
    found = {}
    for name in named & set(template.parameters):
        parameter = template.parameters[name]
        if not isinstance(parameter, dict) or _no_echo(parameter.get("NoEcho")) \
                or str(parameter.get("Type", "")).startswith(SSM_PARAMETER_TYPE):
            continue
        default = setting_text(parameter.get("Default"))
        if default is not None:
            found[name] = default
    return found


def _no_echo(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")
