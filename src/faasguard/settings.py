"""The settings organisations tune (docs/settings.md): one table, read the same way by both engines.

Each setting has a documented default. A user changes it
- for the loader: `settings:` in `.faasguard.yaml` (a `--settings-file` too);
- for a Checkov run with `--external-checks-dir checks`: the environment variable `FAASGUARD_<NAME>` (upper
  case), or `FAASGUARD_CONFIG=path/to/.faasguard.yaml` whose `settings:` the checks read;
- for Rego: `data.faasguard.config.<name>` (`opa eval -d settings.json`, conftest `--data`), read by
  `rego/faasguard/lib/config`; the defaults are the generated `data.faasguard.defaults`.
The loader hands its settings to both engines (the Checkov checks through the environment variables).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

CONFIG_VARIABLE = "FAASGUARD_CONFIG"
_ACCOUNT = re.compile(r"^[0-9]{12}$")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Setting:
    """One tunable value: its name (a key of `settings:` and of data.faasguard.config), its default, the
    JSON schema of a value, and what it does (docs/settings.md repeats it)."""

    name: str
    default: Any
    schema: dict
    doc: str

    @property
    def variable(self) -> str:
        return "FAASGUARD_" + self.name.upper()


_DAYS = {"type": "integer", "minimum": 0, "maximum": 36500}
TABLE: tuple[Setting, ...] = (
    Setting("log_retention_min_days", 1, {"type": "integer", "minimum": 1, "maximum": 3653},
            "FG_05_02: the shortest retention (days) a function's log group may have; 1 accepts any finite "
            "retention, 365 asks for a year."),
    Setting("layer_accounts", [], {"type": "array", "items": {"type": "string", "pattern": _ACCOUNT.pattern}},
            "FG_06_03: the AWS accounts (12 digits) whose layers functions may use, beside layers of the "
            "document itself and of the deploying account."),
    Setting("runtime_warning_days", 180, _DAYS,
            "FG_06_07: how many days before its deprecation date a runtime is reported as soon deprecated."),
)
BY_NAME = {s.name: s for s in TABLE}
SCHEMA = {"type": "object", "additionalProperties": False, "properties": {s.name: s.schema for s in TABLE}}


@dataclass(frozen=True)
class Settings:
    """The settings of one scan; field names are the setting names (TABLE holds their defaults)."""

    log_retention_min_days: int = BY_NAME["log_retention_min_days"].default
    layer_accounts: tuple[str, ...] = ()
    runtime_warning_days: int = BY_NAME["runtime_warning_days"].default

    def as_config(self) -> dict[str, Any]:
        """As data.faasguard.config holds them (lists as JSON arrays)."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


def from_mapping(raw: Any, origin: str) -> Settings:
    """Settings from a `settings:` mapping; SettingsError names `origin` and the first problem."""
    import jsonschema

    try:
        jsonschema.validate(raw or {}, SCHEMA)
    except jsonschema.ValidationError as exc:
        where = ".".join(str(p) for p in exc.absolute_path)
        raise SettingsError(f"{origin}: settings{'.' + where if where else ''}: {exc.message}") from exc
    return Settings(**{k: tuple(v) if isinstance(v, list) else v for k, v in (raw or {}).items()})


def _parse_variable(setting: Setting, text: str) -> Any:
    if setting.schema["type"] == "array":
        return [part.strip() for part in text.split(",") if part.strip()]
    try:
        return int(text)
    except ValueError:
        raise SettingsError(f"{setting.variable}={text!r} is not a whole number") from None


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    """The settings a Checkov run's checks use: FAASGUARD_CONFIG's `settings:`, then each FAASGUARD_<NAME>."""
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    if environ.get(CONFIG_VARIABLE):
        raw.update(read_file(Path(environ[CONFIG_VARIABLE])))
    for setting in TABLE:
        if setting.variable in environ:
            raw[setting.name] = _parse_variable(setting, environ[setting.variable])
    return from_mapping(raw, "the FAASGUARD_* environment")


def read_file(path: Path) -> dict[str, Any]:
    """The `settings:` mapping of a .faasguard.yaml (or of a JSON/YAML file holding only settings)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: {str(exc).splitlines()[0]}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: expected a mapping")
    settings = raw.get("settings", {}) if "settings" in raw or not set(raw) <= set(BY_NAME) else raw
    return json.loads(json.dumps(settings, default=str))


def environment(settings: Settings) -> dict[str, str]:
    """The FAASGUARD_<NAME> variables that give the Checkov checks these settings."""
    values = settings.as_config()
    return {s.variable: ",".join(values[s.name]) if isinstance(values[s.name], list) else str(values[s.name])
            for s in TABLE}


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in TABLE}
