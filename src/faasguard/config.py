"""`.faasguard.yaml`: rules to skip, per-resource exceptions with a reason and an optional expiry, and
the tunable settings (faasguard.settings, docs/settings.md).

    skip-rules: [FG_05_01]
    exceptions:
      - rule: FG_04_01                  # id or wildcard
        resource: aws_iam_role.breakglass   # * and ? wildcards; [ ] literal (plan instance keys)
        file: infra/*.tf                # optional, relative to this file's folder
        reason: break-glass role, reviewed by security
        expires: 2027-03-31             # optional; from that day on the exception no longer applies
    settings:
      log_retention_min_days: 365
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faasguard import settings
from faasguard.settings import Settings

CONFIG_NAME = ".faasguard.yaml"
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "skip-rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "exceptions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["rule", "resource", "reason"],
                "properties": {
                    "rule": {"type": "string", "minLength": 1},
                    "resource": {"type": "string", "minLength": 1},
                    "file": {"type": "string", "minLength": 1},
                    "reason": {"type": "string", "minLength": 3},
                    "expires": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                },
            },
        },
        "settings": settings.SCHEMA,
    },
}


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Exception_:
    rule: str
    resource: str
    reason: str
    file: str | None = None
    expires: str | None = None

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires <= today.isoformat()


@dataclass
class Config:
    path: Path | None = None
    skip_rules: list[str] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find(start: Path) -> Path | None:
    """The nearest .faasguard.yaml in `start` (a folder, or a file's folder) or above it."""
    # absolute, not resolved: a named path may be a link loop, which the loader reports as an error
    absolute = Path(os.path.abspath(start))
    folder = absolute if absolute.is_dir() else absolute.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
    return None


def load(path: Path | None) -> Config:
    if path is None:
        return Config()
    import jsonschema

    try:
        # dates stay strings: json round trip turns YAML dates into ISO text
        raw = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, default=str))
        jsonschema.validate(raw, SCHEMA)
    except (OSError, yaml.YAMLError, jsonschema.ValidationError) as exc:
        reason = getattr(exc, "message", None) or str(exc).splitlines()[0]
        where = ".".join(str(p) for p in getattr(exc, "absolute_path", ()))
        raise ConfigError(f"{path}: {where + ': ' if where else ''}{reason}") from exc
    exceptions = [Exception_(e["rule"], e["resource"], e["reason"], e.get("file"), e.get("expires"))
                  for e in raw.get("exceptions", [])]
    try:
        scan_settings = settings.from_mapping(raw.get("settings"), str(path))
    except settings.SettingsError as exc:
        raise ConfigError(str(exc)) from exc
    return Config(path, list(raw.get("skip-rules", [])), exceptions, scan_settings)
