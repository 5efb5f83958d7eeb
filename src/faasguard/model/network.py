"""What every format's network_settings reading shares (docs/model.md, "Network settings"): one
`security_group` record per egress rule of a security group some function uses, its value
`"<protocol> <cidr>"`. rego/faasguard/lib/network is the twin.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.values import UNKNOWN, Alternatives, known_string

VIEW = "network_settings"
KIND = "security_group"
SETTING = "egress"
# EC2's "all protocols"; Terraform also accepts `all`
ALL_PROTOCOLS = "-1"
# what AWS gives a security group created without egress rules (CloudFormation keeps it, Terraform removes it)
DEFAULT_EGRESS = ("-1", "0.0.0.0/0")


def protocol_text(value: Any) -> str | None:
    """A known protocol as the view holds it: lower-cased text (`TCP` is `tcp`), `all` as `-1`."""
    text = None if isinstance(value, bool) else setting_text(value)
    if text is None:
        return None
    text = text.lower()
    return ALL_PROTOCOLS if text == "all" else text


def egress(builder: ViewBuilder, resource: str, protocol: Any, cidr: Any, functions: Iterable[str],
           written: tuple[Any, Any]) -> None:
    """The record of one (protocol, destination CIDR) of an egress rule (`written`: both as written). Where
    only deployment settles either (an `Fn::If` or a conditional choosing between values included) there is
    no record, and an unknown names the one that is not known."""
    known_protocol = None if isinstance(protocol, Alternatives) else protocol_text(protocol)
    known_cidr = known_string(cidr)
    if known_protocol is None or known_cidr is None:
        builder.unknown(resource, VIEW, SETTING, written[0] if known_protocol is None else written[1], functions)
        return
    builder.setting(VIEW, resource, KIND, SETTING, f"{known_protocol} {known_cidr}", functions)


def unknown_rules(builder: ViewBuilder, resource: str, written: Any, functions: Iterable[str]) -> None:
    """Egress rules only deployment settles (a dynamic block, a list chosen by a condition)."""
    builder.unknown(resource, VIEW, SETTING, UNKNOWN if written is None else written, functions)
