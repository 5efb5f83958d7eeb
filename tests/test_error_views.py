"""The error-handling records (docs/model.md, "Function log levels"): function_settings `log_format`,
`application_log_level` and `system_log_level`, for the shapes people write in each format, with Lambda's
defaults (Text logs without a logging configuration, INFO for JSON levels); nothing for what only
deployment settles (an unknown instead); and the same records from the Rego adapters (the real opa
binary) on these documents and on every fixture of the rules that read them."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import rego_each_document, views_object
from tests.fixture_cases import FIXTURES

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_10_02",)
SETTINGS = {"log_format", "application_log_level", "system_log_level"}


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).function_settings if s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


CFN = {"Parameters": {"Level": {"Type": "String"}, "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12"}},
           "Json": {"Type": "AWS::Lambda::Function", "Properties": {
               "LoggingConfig": {"LogFormat": "json", "SystemLogLevel": "debug"}}},
           "Chosen": {"Type": "AWS::Lambda::Function", "Properties": {
               "LoggingConfig": {"LogFormat": {"Fn::If": ["Prod", "Text", "JSON"]},
                                 "ApplicationLogLevel": {"Ref": "Level"}}}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        # no LoggingConfig: Text logs, no record
        ("Json", "log_format", "JSON", ("Json",), 1),
        ("Json", "application_log_level", "INFO", ("Json",), 1),  # JSON's default level
        ("Json", "system_log_level", "DEBUG", ("Json",), 1),
        ("Chosen", "log_format", "TEXT", ("Chosen",), 2), ("Chosen", "log_format", "JSON", ("Chosen",), 2),
        ("Chosen", "system_log_level", "INFO", ("Chosen",), 1),
    }
    assert _unknowns("cloudformation", CFN) == {("Chosen", "application_log_level")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"LoggingConfig": {"LogFormat": "JSON", "ApplicationLogLevel": "TRACE"}}},
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {}},
        "Worker": {"Type": "AWS::Serverless::Function",
                   "Properties": {"LoggingConfig": {"ApplicationLogLevel": "WARN"}}},
    }}


def test_sam_records_merge_globals():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Api", "log_format", "JSON", ("Api",), 1), ("Api", "application_log_level", "TRACE", ("Api",), 1),
        ("Api", "system_log_level", "INFO", ("Api",), 1),
        ("Worker", "log_format", "JSON", ("Worker",), 1), ("Worker", "application_log_level", "WARN", ("Worker",), 1),
        ("Worker", "system_log_level", "INFO", ("Worker",), 1),
    }


SERVICE = {
    "service": "inventory",
    "provider": {"name": "aws", "logs": {"lambda": {"logFormat": "JSON", "applicationLogLevel": "DEBUG"}}},
    "custom": {"level": "error"},
    "functions": {
        "reserve": {"handler": "r.h"},
        "report": {"handler": "p.h", "logs": {"systemLogLevel": "${self:custom.level}", "logGroup": "/x"}},
        "groupOnly": {"handler": "g.h", "logs": {"logGroup": "/custom"}},  # sets no level: inherits
        "unknown": {"handler": "u.h", "logs": {"applicationLogLevel": "${ssm:/level}"}},
    },
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("provider", "log_format", "JSON", ("groupOnly", "reserve"), 1),
        ("provider", "application_log_level", "DEBUG", ("groupOnly", "reserve"), 1),
        ("provider", "system_log_level", "INFO", ("groupOnly", "reserve"), 1),
        # a key the function's logs leave out comes from the provider
        ("report", "log_format", "JSON", ("report",), 1), ("report", "application_log_level", "DEBUG", ("report",), 1),
        ("report", "system_log_level", "ERROR", ("report",), 1),
        ("unknown", "log_format", "JSON", ("unknown",), 1), ("unknown", "system_log_level", "INFO", ("unknown",), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("unknown", "application_log_level")}


MODULE = '''
variable "level" {
  type = string
}

resource "aws_lambda_function" "plain" {
  function_name = "plain"
  role          = "arn:aws:iam::123456789012:role/r"
}

resource "aws_lambda_function" "json" {
  function_name = "json"
  role          = "arn:aws:iam::123456789012:role/r"
  logging_config {
    log_format       = "JSON"
    system_log_level = "TRACE"
  }
}

resource "aws_lambda_function" "variable" {
  function_name = "variable"
  role          = "arn:aws:iam::123456789012:role/r"
  logging_config {
    log_format            = "JSON"
    application_log_level = var.level
  }
}
'''


def module_data(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = module_data(tmp_path, MODULE)
    json_fn, variable = "aws_lambda_function.json", "aws_lambda_function.variable"
    assert _settings("terraform", module) == {
        (json_fn, "log_format", "JSON", (json_fn,), 1), (json_fn, "application_log_level", "INFO", (json_fn,), 1),
        (json_fn, "system_log_level", "TRACE", (json_fn,), 1),
        (variable, "log_format", "JSON", (variable,), 1), (variable, "system_log_level", "INFO", (variable,), 1),
    }
    assert _unknowns("terraform", module) == {(variable, "application_log_level")}


def documents(tmp: Path, inline: list[tuple[str, str, dict]], module: str, rules: tuple[str, ...]) -> list:
    """(name, format, document) of a test file's documents, its module, and every fixture of `rules`."""
    found = list(inline)
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", module_data(tmp / "module", module)))
    for rule in rules:
        for case in sorted((FIXTURES / rule).glob("*/*")):
            found += [(str(case.relative_to(FIXTURES)), d.format, d.data) for d in load_paths([str(case)]).documents]
    return found


def comparable(record: dict) -> tuple:
    """A record without its decision point's id (each engine names it its own way) and index."""
    fields = {k: v for k, v in record.items() if k not in ("choice", "alternative")}
    fields.setdefault("choices", 1)
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def same_records(documents: list[tuple[str, str, dict]], selected) -> list:
    """The documents whose function_settings records `selected` keeps differ between the engines."""
    rego = rego_each_document([d for _, _, d in documents], views_object(("function_settings",)))
    disagreements = []
    for (name, fmt, document), opa in zip(documents, rego):
        python = [dataclasses.asdict(r) for r in build(fmt, document).function_settings]
        ours = sorted(comparable(r) for r in python if selected(r["setting"]))
        theirs = sorted(comparable(r) for r in opa["function_settings"] if selected(r["setting"]))
        if ours != theirs:
            disagreements.append((name, ours, theirs))
    return disagreements


def test_both_engines_build_the_same_records(tmp_path):
    inline = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    assert same_records(documents(tmp_path, inline, MODULE, RULES), lambda setting: setting in SETTINGS) == []
