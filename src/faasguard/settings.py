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
    Setting("max_reserved_concurrency", 0, {"type": "integer", "minimum": 0, "maximum": 1000000},
            "FG_08_01: the most concurrency a function may reserve; 0 sets no ceiling (an unreserved function "
            "still fails)."),
    Setting("max_timeout_seconds", 300, {"type": "integer", "minimum": 1, "maximum": 900},
            "FG_08_02: the longest timeout (seconds) a function may have."),
    Setting("max_api_timeout_seconds", 29, {"type": "integer", "minimum": 1, "maximum": 900},
            "FG_08_02: the longest timeout (seconds) of a function an API calls (API Gateway's integration "
            "timeout)."),
    Setting("max_memory_mb", 3008, {"type": "integer", "minimum": 128, "maximum": 10240},
            "FG_08_03: memory (MB) from which a function needs a justification tag."),
    Setting("max_ephemeral_storage_mb", 512, {"type": "integer", "minimum": 512, "maximum": 10240},
            "FG_08_03: the largest /tmp (MB) a function may have without a justification tag."),
    Setting("debug_variables", ["DEBUG=true", "DEBUG=1", "NODE_ENV=development", "FLASK_DEBUG=1", "FLASK_DEBUG=true",
                                "DJANGO_DEBUG=true", "LOG_LEVEL=debug", "LOG_LEVEL=trace", "POWERTOOLS_LOG_LEVEL=debug",
                                "POWERTOOLS_LOG_LEVEL=trace", "POWERTOOLS_LOGGER_LOG_EVENT=true", "POWERTOOLS_DEV=true"],
            {"type": "array", "items": {"type": "string", "pattern": "^[^=]+=[^,]+$"}},
            "FG_10_01: the environment variables that switch debugging on, as NAME=value (name and value "
            "compared case-insensitively; NAME=* for any value of the variable)."),
    Setting("multi_tenant_tag", "tenancy=multi-tenant", {"type": "string", "pattern": "^[^=]+(=.*)?$"},
            "FG_12_04: the tag that marks a function as serving several tenants, as key=value (the key as AWS "
            "compares it, the value case-insensitively) or a bare key (any value)."),
    Setting("size_justification_tag", "size-justification",
            {"type": "string", "minLength": 1, "maxLength": 128},
            "FG_08_03: the tag key that exempts a function from the memory and /tmp limits (its value says why)."),
    Setting("api_throttle_max_rate", 10000, {"type": "integer", "minimum": 1, "maximum": 1000000},
            "FG_08_04: the highest steady-state rate limit (requests per second) an API stage may have; "
            "10000 is AWS's account-level default, so a higher limit throttles nothing."),
    Setting("api_throttle_max_burst", 5000, {"type": "integer", "minimum": 1, "maximum": 1000000},
            "FG_08_04: the highest burst limit (requests) an API stage may have; 5000 is AWS's account-level "
            "default."),
    Setting("required_tags", ["owner"],
            {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 128}},
            "FG_11_06: the tag keys every function must carry, its own or inherited (case-sensitive, as AWS tag "
            "keys are), e.g. owner, data-classification, expiry."),
)
BY_NAME = {s.name: s for s in TABLE}
SCHEMA = {"type": "object", "additionalProperties": False, "properties": {s.name: s.schema for s in TABLE}}


@dataclass(frozen=True)
class Settings:
    """The settings of one scan; field names are the setting names (TABLE holds their defaults)."""

    log_retention_min_days: int = BY_NAME["log_retention_min_days"].default
    layer_accounts: tuple[str, ...] = ()
    runtime_warning_days: int = BY_NAME["runtime_warning_days"].default
    max_reserved_concurrency: int = BY_NAME["max_reserved_concurrency"].default
    max_timeout_seconds: int = BY_NAME["max_timeout_seconds"].default
    max_api_timeout_seconds: int = BY_NAME["max_api_timeout_seconds"].default
    max_memory_mb: int = BY_NAME["max_memory_mb"].default
    max_ephemeral_storage_mb: int = BY_NAME["max_ephemeral_storage_mb"].default
    debug_variables: tuple[str, ...] = tuple(BY_NAME["debug_variables"].default)
    multi_tenant_tag: str = BY_NAME["multi_tenant_tag"].default
    size_justification_tag: str = BY_NAME["size_justification_tag"].default
    api_throttle_max_rate: int = BY_NAME["api_throttle_max_rate"].default
    api_throttle_max_burst: int = BY_NAME["api_throttle_max_burst"].default
    required_tags: tuple[str, ...] = tuple(BY_NAME["required_tags"].default)

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
    if setting.schema["type"] == "string":
        return text
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
