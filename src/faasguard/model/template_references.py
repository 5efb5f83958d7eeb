"""What the API views of a template share (cloudformation_apis, cloudformation_api_gateway,
cloudformation_cognito, sam_apis): the resources a value names, string settings that may be set to
something only deployment settles, and unknowns the files explain themselves.
rego/faasguard/lib/cloudformation_apis/references.rego is the twin.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import LAMBDA, NO_VALUE, NO_VALUE_REF, SAM_FUNCTION, Template
from faasguard.model.values import UNKNOWN, choice_of, is_map
from faasguard.model.views import functions_tuple

# a value that is set but that only deployment settles (a JWT issuer `!Sub https://cognito-idp.${AWS::Region}…`):
# present, so never "missing", and not a value a rule can compare
SET_AT_DEPLOYMENT = "(set at deployment)"
# every string of a value may name a resource: `X`, `X.Arn` (conftest's dropped tags), `${X}`, `${X.Arn}`
_WHOLE_NAME = re.compile(r"^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$")
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")


@dataclass(frozen=True)
class Host:
    """What a host document adds to the CloudFormation resources it embeds: `functions` maps logical ids
    it generates to the function ids of the views (Serverless `HelloLambdaFunction` → `hello`),
    `attached` the authorizer logical ids its own events use."""

    functions: Mapping[str, str] = field(default_factory=dict)
    attached: frozenset[str] = frozenset()


class References:
    """The template resources a value names, of given types (created ones only)."""

    def __init__(self, template: Template, host: Host):
        self.template = template
        self.host = host

    def ids(self, value: Any, *types: str) -> list[str]:
        """The logical ids of the given types that a value (through known `Fn::If`) names anywhere."""
        settled = self.template.branch(value)
        return sorted({name for name in referenced_names(settled) if self.template.type_of(name) in types})

    def one(self, value: Any, *types: str) -> str | None:
        found = self.ids(value, *types)
        return found[0] if len(found) == 1 else None

    def functions(self, value: Any) -> tuple[str, ...]:
        """The functions a value (an integration URI, a FunctionName) names."""
        settled = self.template.branch(value)
        names = referenced_names(settled)
        own = [n for n in names if self.template.type_of(n) in (LAMBDA, SAM_FUNCTION)]
        return functions_tuple([*own, *(self.host.functions[n] for n in names if n in self.host.functions)])


def referenced_names(value: Any) -> set[str]:
    """Every name a value's strings may stand for (filtered by type by the caller)."""
    if isinstance(value, str):
        whole = _WHOLE_NAME.match(value)
        return {*(m.group(1) for m in _SUB_NAME.finditer(value)), *([whole.group(1)] if whole else [])}
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return {name for child in children for name in referenced_names(child)}


def note_unknown(builder: ViewBuilder, resource: str, view: str, attribute: str, why: str,
                 functions: Iterable[str] = ()) -> None:
    """An unknown the files explain themselves (an OpenAPI file elsewhere, an unknown scheme)."""
    builder.unknown_because(resource, view, attribute, why, functions)


def is_true(value: Any) -> bool:
    """A known boolean as CloudFormation reads it (`true`, "true")."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


def absent_is_none(template: Template, props: dict[str, Any], key: str) -> Any:
    """An authorization type's alternatives, upper-cased, an absent one NONE (API Gateway's default)."""
    members = template.alternatives_at(props, key)
    return choice_of(["NONE" if m is NO_VALUE else m.upper() if isinstance(m, str) else UNKNOWN for m in members])


def set_string(template: Template, value: Any) -> str:
    """A string setting: "" when absent, the known string, SET_AT_DEPLOYMENT when set to something unknown."""
    settled = template.branch(value)
    if settled is None or settled == NO_VALUE_REF:
        return ""
    known = template.known(settled)
    return known if isinstance(known, str) else SET_AT_DEPLOYMENT


def set_strings(template: Template, value: Any) -> tuple[str, ...]:
    """The entries of a list setting as `set_string` reads them; an unknown list is one unknown entry."""
    settled = template.branch(value)
    if settled is None or settled == NO_VALUE_REF:
        return ()
    if not isinstance(settled, list):
        return (set_string(template, settled),)
    return tuple(found for entry in settled if (found := set_string(template, entry)))




def jwt_settings(template: Template, value: Any, issuer: str, audience: str) -> tuple[str, tuple[str, ...]]:
    """(issuer, audiences) of a JWT configuration block (keys `issuer` / `audience` as its format spells
    them); a block only deployment settles has both set to SET_AT_DEPLOYMENT."""
    settled = template.branch(value)
    if settled is None or settled == NO_VALUE_REF:
        return "", ()
    if not is_map(settled):
        return SET_AT_DEPLOYMENT, (SET_AT_DEPLOYMENT,)
    return set_string(template, settled.get(issuer)), set_strings(template, settled.get(audience))
