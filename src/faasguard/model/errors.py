"""What every format's error-handling records share (SAS-10; docs/model.md "Function log levels"): the
function_settings `log_format`, `application_log_level` and `system_log_level` of Lambda's advanced
logging controls, read where a function's logging configuration is written. The Rego twin is
rego/faasguard/lib/errors."""
from __future__ import annotations

from typing import Any

from faasguard.model.values import UNKNOWN, Alternatives, choice_of
from faasguard.model.views import ABSENT

FUNCTIONS = "function_settings"
# (setting, its key in CloudFormation / SAM, in Terraform's logging_config, in Serverless `logs`, the
# value Lambda uses when it is unset: Text logs have no levels; JSON logs default to INFO)
LOGGING = (
    ("log_format", "LogFormat", "log_format", "logFormat", "TEXT"),
    ("application_log_level", "ApplicationLogLevel", "application_log_level", "applicationLogLevel", "INFO"),
    ("system_log_level", "SystemLogLevel", "system_log_level", "systemLogLevel", "INFO"),
)


def upper(value: Any) -> Any:
    """A known string upper-cased (`json` and `JSON` are one format); UNKNOWN for anything else."""
    return value.upper() if isinstance(value, str) else UNKNOWN


def with_default(value: Any, default: str, known=upper) -> Any:
    """Each alternative of a value as a settings view holds it: unset (None, ABSENT or "", as a plan
    writes an optional string it leaves unset) is `default`, a known one mapped by `known`."""
    members = value.values if isinstance(value, Alternatives) else (value,)
    return choice_of([default if m is None or m is ABSENT or m == "" else m if m is UNKNOWN else known(m)
                      for m in members])
