"""Where the Checkov checks, the Rego bundle and the Go tools are, installed or in a clone."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CLONE = _PACKAGE.parents[1]  # src/faasguard -> repository root


def _shipped(name: str) -> Path:
    # A wheel ships the folder inside the package; a clone (or editable install) has it at the root.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _CLONE / name


def checks_dir() -> Path:
    return _shipped("checks")


def rego_dir() -> Path:
    return _shipped("rego")


def find_tool(name: str, explicit: str | None = None) -> str | None:
    """A Go tool named explicitly, on PATH, or in the clone's .tools/bin (scripts/install-tools.sh)."""
    if explicit:
        return explicit
    local = Path(os.environ.get("FAASGUARD_TOOLS_DIR", _CLONE / ".tools")) / "bin" / name
    return shutil.which(name) or (str(local) if local.is_file() else None)
