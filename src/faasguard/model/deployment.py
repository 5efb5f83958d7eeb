"""What every format's deployment records share (container images, ECR scanning, runtime updates;
docs/model.md "Container images and runtime updates"). The Rego twin is rego/faasguard/lib/deployment."""
from __future__ import annotations

from typing import Any

from faasguard.model.values import UNKNOWN

FUNCTIONS = "function_settings"
STORES = "store_settings"
# Lambda's runtime update mode when none is set (modes are upper-cased: AUTO, FUNCTIONUPDATE, MANUAL)
DEFAULT_UPDATE = "AUTO"
# registry scanning frequencies that scan an image when it is pushed (continuous scanning does too)
SCANNING_ON_PUSH = frozenset({"SCAN_ON_PUSH", "CONTINUOUS_SCAN"})


def flag(value: Any) -> Any:
    """A boolean as text ("true"/"false"; the strings too); else UNKNOWN."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.lower() if isinstance(value, str) and value.lower() in ("true", "false") else UNKNOWN


def scans_all(frequency: Any, filters: list[Any]) -> bool:
    """A registry scanning rule that scans every repository on push: a wildcard filter `*`."""
    return isinstance(frequency, str) and frequency.upper() in SCANNING_ON_PUSH and "*" in filters


def uri_digest(texts: list[str]) -> str:
    """"true" when one of an image URI's strings holds a digest (`…@sha256:…`), else "false"."""
    return "true" if any("@" in t for t in texts) else "false"
