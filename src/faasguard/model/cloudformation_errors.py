"""CloudFormation and SAM: the log levels of Lambda's advanced logging controls (FG_10_02; docs/model.md,
"Function log levels"): function_settings `log_format`, `application_log_level`, `system_log_level` of
each function that writes a `LoggingConfig` (SAM: merged with `Globals.Function`), upper-cased, each
alternative of an `Fn::If` its own record. The twin is rego/faasguard/lib/errors.
"""
from __future__ import annotations

from faasguard.model import errors
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_exposure import setting, upper_text


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for rid, (_, props) in functions.items():
        written = props.get("LoggingConfig")
        if written is None:
            continue  # no LoggingConfig: Text logs, which have no levels
        for name, key, _, _, default in errors.LOGGING:
            builder.setting(errors.FUNCTIONS, rid, "function", name,
                            setting(template, props, "LoggingConfig", key, default=default, known=upper_text),
                            [rid], written)
