"""CloudFormation and SAM: code signing and layers of functions (FG_06_02, FG_06_03), docs/model.md
"Code sources". function_settings records:

- kind `function`, setting `code_signing_config`: the code-signing config a zip function links
  (`CodeSigningConfigArn`): the logical id of a config of the template, `external` for one it does not
  declare, `absent` when unset. Image functions have no record (code signing does not apply).
- kind `code_signing_config`, setting `untrusted_artifact_on_deployment`: the policy of a config
  (`Warn` when unset, AWS's default), `functions` the functions linking it.
- kind `function`, setting `layer`, one per layer (`Layers`): `document` (a layer of the template),
  `own_account` (an ARN in the deploying account) or the ARN with its unsettled parts written `*`.
- kind `layer_permission`, settings `layer_principal` and `layer_organization_id` (`absent` when unset).

`layer_value` reads an ARN text the same way in every format. `resource_views` reads the plain types
of any Template (a Serverless `resources.Resources` too). The twin is rego/faasguard/lib/code_sources.
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, NO_VALUE_REF, Template, sub_text
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, choice_of, intrinsic
from faasguard.model.views import ABSENT

VIEW = "function_settings"
FUNCTION = "function"
CONFIG_TYPE = "AWS::Lambda::CodeSigningConfig"
LAYER_TYPES = ("AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion")
PERMISSION_TYPE = "AWS::Lambda::LayerVersionPermission"
DOCUMENT = "document"
OWN_ACCOUNT = "own_account"
EXTERNAL = "external"
DEFAULT_POLICY = "Warn"  # UntrustedArtifactOnDeployment when CodeSigningPolicies is unset
# the deploying account in each format: CloudFormation's pseudo parameter, the Serverless variable,
# Terraform's caller identity
_OWN_ACCOUNT = re.compile(
    r"\$\{(?:AWS::AccountId|aws:accountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id)\}")
_VARIABLE = re.compile(r"\$\{[^{}]*\}")
_OWN = "\u0001"
UNSETTLED_CONFIG = "an Fn::If on a condition the template does not settle chooses the code-signing config"


def layer_value(text: str) -> Any:
    """A layer ARN as the `layer` setting holds it: `own_account` when its account is the deploying
    one, else the ARN with each part only deployment settles written `*`; UNKNOWN when that part is
    the account (or the text is not an ARN at all)."""
    holed = _VARIABLE.sub("*", _OWN_ACCOUNT.sub(_OWN, text))
    parts = holed.split(":")
    if len(parts) < 7 or parts[0] != "arn":
        return UNKNOWN
    if parts[4] == _OWN:
        return OWN_ACCOUNT
    return UNKNOWN if "*" in parts[4] or _OWN in parts[4] else holed.replace(_OWN, "*")


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """`functions`: logical id → (type, effective properties: SAM's merged with Globals.Function)."""
    refs = References(template, Host())
    linked = {rid: code_signing(template, refs, props) for rid, (_, props) in functions.items()}
    for rid, (_, props) in functions.items():
        if linked[rid] is UNKNOWN:
            builder.unknown_because(rid, VIEW, "code_signing_config", UNSETTLED_CONFIG, [rid])
        elif linked[rid] is not None:
            builder.setting(VIEW, rid, FUNCTION, "code_signing_config", linked[rid], [rid])
        layers(template, refs, builder, rid, props.get("Layers"), [rid])
    resource_views(template, builder, linked)


def resource_views(template: Template, builder: ViewBuilder, linked: dict[str, Any]) -> None:
    """The configs (`linked`: function → its config id, for their `functions`) and layer permissions."""
    for rid in template.of_type(CONFIG_TYPE):
        props = template.properties(rid)
        users = [f for f, config in linked.items() if config == rid]
        members = template.alternatives_at(props, "CodeSigningPolicies", "UntrustedArtifactOnDeployment")
        policy = choice_of([DEFAULT_POLICY if m is NO_VALUE else m if isinstance(m, str) else UNKNOWN
                            for m in members])
        written = props.get("CodeSigningPolicies")
        builder.setting(VIEW, rid, "code_signing_config", "untrusted_artifact_on_deployment", policy, users,
                        written.get("UntrustedArtifactOnDeployment") if isinstance(written, dict) else written)
    for rid in template.of_type(PERMISSION_TYPE):
        props = template.properties(rid)
        for key, setting in (("Principal", "layer_principal"), ("OrganizationId", "layer_organization_id")):
            value = choice_of([ABSENT if m is NO_VALUE else m if isinstance(m, str) else UNKNOWN
                               for m in template.alternatives_at(props, key)])
            builder.setting(VIEW, rid, "layer_permission", setting, value, [], props.get(key))


def code_signing(template: Template, refs: References, props: dict[str, Any]) -> Any:
    """The `code_signing_config` value of a function's properties; None for an image function. An
    `Fn::If` the template does not settle between different branches is UNKNOWN."""
    if template.known(props.get("PackageType")) == "Image":
        return None
    leaf = template.branch(props.get("CodeSigningConfigArn"))
    if leaf is UNKNOWN:
        return UNKNOWN
    if leaf is None or leaf == NO_VALUE_REF:
        return ABSENT
    found = refs.ids(leaf, CONFIG_TYPE)
    return found[0] if found else EXTERNAL


def layers(template: Template, refs: References, builder: ViewBuilder, resource: str, written: Any,
           functions: list[str]) -> None:
    """One `layer` record per entry of a `Layers` list, on `resource`."""
    if written is None:
        return
    if template.branch(written) is UNKNOWN:
        builder.unknown(resource, VIEW, "layer", written, functions)
        return
    for entry in template.entries(written):
        value = layer_entry(template, refs, entry)
        builder.setting(VIEW, resource, FUNCTION, "layer", value, functions, entry)


def layer_entry(template: Template, refs: References, entry: Any) -> Any:
    """A layer of the template (Ref, GetAtt, `${Layer}`), else the ARN text it settles to."""
    if refs.ids(entry, *LAYER_TYPES):
        return DOCUMENT
    leaf = template.branch(entry)
    call = intrinsic(leaf)
    if call and call[0] == "Fn::Sub":
        text = sub_text(call[1])
    elif isinstance(leaf, str) and not template.is_parameter(leaf):
        text = leaf  # conftest's plain string of a `!Sub`
    else:
        text = template.known(leaf)
    return layer_value(text) if isinstance(text, str) else UNKNOWN
