"""Cognito resources of a template → the `cognito` view (views.CognitoSetting), AWS defaults applied when a
setting is unset. rego/faasguard/lib/cloudformation_apis/cognito.rego is the twin.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE_REF, Template
from faasguard.model.template_references import References
from faasguard.model.values import UNKNOWN, is_map

USER_POOL = "AWS::Cognito::UserPool"
USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient"
IDENTITY_POOL = "AWS::Cognito::IdentityPool"
# the character classes of a password policy, in the order the view lists the missing ones
PASSWORD_CLASSES = (("RequireLowercase", "lowercase"), ("RequireUppercase", "uppercase"),
                    ("RequireNumbers", "numbers"), ("RequireSymbols", "symbols"))
AWS_MINIMUM_LENGTH = "8"
# attributes every user pool has; any other name in `Schema` is a custom attribute (`custom:<name>`)
STANDARD_ATTRIBUTES = frozenset({
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale",
    "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
    "preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo",
})


def add_views(template: Template, builder: ViewBuilder, refs: References) -> None:
    custom = {rid: _user_pool(template, builder, rid) for rid in template.of_type(USER_POOL)}
    for rid in template.of_type(USER_POOL_CLIENT):
        _client(template, builder, refs, rid, custom)
    for rid in template.of_type(IDENTITY_POOL):
        props = template.properties(rid)
        allowed = _boolean(template, props.get("AllowUnauthenticatedIdentities"), False)
        _setting(builder, rid, "identity_pool", "allow_unauthenticated",
                 allowed if allowed is UNKNOWN else str(allowed).lower(), props.get("AllowUnauthenticatedIdentities"))


def _setting(builder: ViewBuilder, resource: str, kind: str, setting: str, value: Any, written: Any) -> None:
    """A setting's record, or its unknown when only deployment settles it."""
    if value is UNKNOWN:
        builder.unknown(resource, "cognito", setting, written, [])
    else:
        builder.cognito(resource, kind, setting, value)


def _unset(value: Any) -> bool:
    return value is None or value == NO_VALUE_REF


def _boolean(template: Template, value: Any, default: bool) -> Any:
    """A known boolean (`true`, "false", …), `default` when unset, UNKNOWN otherwise."""
    settled = template.branch(value)
    if _unset(settled):
        return default
    known = template.known(settled)
    if known is True or known is False:
        return known
    return known.lower() == "true" if isinstance(known, str) and known.lower() in ("true", "false") else UNKNOWN


def _text(template: Template, value: Any, default: str) -> Any:
    """A known scalar as text (an integral number as digits), `default` when unset, UNKNOWN otherwise."""
    settled = template.branch(value)
    if _unset(settled):
        return default
    known = template.known(settled)
    if isinstance(known, bool) or known is None:
        return UNKNOWN
    if isinstance(known, (int, float)) and float(known).is_integer():
        return str(int(known))
    return known if isinstance(known, str) else UNKNOWN


def _block(template: Template, mapping: Any, key: str) -> Any:
    """A nested block: None when unset, the map, UNKNOWN when it is not a map the template settles."""
    if not is_map(mapping):
        return UNKNOWN
    settled = template.branch(mapping.get(key))
    return None if _unset(settled) else settled if is_map(settled) else UNKNOWN


def _user_pool(template: Template, builder: ViewBuilder, rid: str) -> set[str]:
    """The settings of a user pool; returns its mutable custom attributes."""
    props = template.properties(rid)
    policies = _block(template, props, "Policies")
    policy = policies if policies is None or policies is UNKNOWN else _block(template, policies, "PasswordPolicy")
    written = props.get("Policies")
    if policy is None:  # no password policy: AWS requires 8 characters of every class
        builder.cognito(rid, "user_pool", "password_minimum_length", AWS_MINIMUM_LENGTH)
        builder.cognito(rid, "user_pool", "password_requires", "")
    elif policy is UNKNOWN:
        builder.unknown(rid, "cognito", "password_policy", written, [])
    else:
        _setting(builder, rid, "user_pool", "password_minimum_length",
                 _text(template, policy.get("MinimumLength"), AWS_MINIMUM_LENGTH), policy.get("MinimumLength"))
        _password_classes(template, builder, rid, policy)
    mfa = _text(template, props.get("MfaConfiguration"), "OFF")
    _setting(builder, rid, "user_pool", "mfa", mfa if mfa is UNKNOWN else mfa.upper(), props.get("MfaConfiguration"))
    return _custom_attributes(template, builder, rid, props.get("Schema"))


def _password_classes(template: Template, builder: ViewBuilder, rid: str, policy: dict[str, Any]) -> None:
    """The classes a policy does not require (a Require* left out of a policy is false); the known
    missing ones are a record even when others are unknown."""
    required = {name: _boolean(template, policy.get(key), False) for key, name in PASSWORD_CLASSES}
    missing = [name for name, value in required.items() if value is False]
    unknown = [key for key, name in PASSWORD_CLASSES if required[name] is UNKNOWN]
    for key in unknown:
        builder.unknown(rid, "cognito", "password_requires", policy.get(key), [])
    if missing or not unknown:
        builder.cognito(rid, "user_pool", "password_requires", ", ".join(missing))


def _custom_attributes(template: Template, builder: ViewBuilder, rid: str, schema: Any) -> set[str]:
    """The mutable custom attributes of a pool's `Schema` (one declared mutable at least once)."""
    mutable = set()
    for entry in template.entries(schema):
        attribute = template.branch(entry)
        name = template.known(attribute.get("Name")) if is_map(attribute) else None
        if not isinstance(name, str):
            builder.unknown(rid, "cognito", "schema", entry, [])
            continue
        name = name.removeprefix("custom:")
        if name in STANDARD_ATTRIBUTES:
            continue
        declared = _boolean(template, attribute.get("Mutable"), True)
        if declared is UNKNOWN:  # noted on the pool; its clients are judged on what is known
            builder.unknown(rid, "cognito", f"schema.{name}.mutable", attribute.get("Mutable"), [])
        elif declared:
            mutable.add(name)
    return mutable


def _client(template: Template, builder: ViewBuilder, refs: References, rid: str, custom: dict) -> None:
    props = template.properties(rid)
    for flow in template.entries(props.get("ExplicitAuthFlows")):
        known = template.known(flow)
        _setting(builder, rid, "user_pool_client", "explicit_auth_flows",
                 known.upper() if isinstance(known, str) else UNKNOWN, flow)
    pool = refs.one(props.get("UserPoolId"), USER_POOL)
    for name in sorted(_writable(template, builder, rid, props.get("WriteAttributes"), custom.get(pool, set()))):
        builder.cognito(rid, "user_pool_client", "writable_custom_attribute", name)


def _writable(template: Template, builder: ViewBuilder, rid: str, written: Any, mutable: set[str]) -> set[str]:
    """The mutable custom attributes of the client's pool it may write: all of them without
    `WriteAttributes`, else those it lists as `custom:<name>`."""
    settled = template.branch(written)
    if _unset(settled):
        return mutable
    if not isinstance(settled, list):
        builder.unknown(rid, "cognito", "writable_custom_attribute", written, [])
        return set()
    listed = set()
    for entry in settled:
        known = template.known(entry)
        if isinstance(known, str):
            listed.add(known)
        else:
            builder.unknown(rid, "cognito", "writable_custom_attribute", entry, [])
    return {name for name in mutable if f"custom:{name}" in listed}

