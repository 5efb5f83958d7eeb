"""The pre-commit hook (.pre-commit-hooks.yaml), end to end with the real `pre-commit try-repo`.

ONE slow test on purpose: try-repo builds a virtualenv and pip-installs faasguard with Checkov into it
(a few minutes, from the package index) before running the hook; the second run reuses that install.
pre-commit installs into PRE_COMMIT_HOME, kept inside the test's tmp_path.

try-repo installs a repository at a commit; uncommitted changes are taken only for tracked files. So the
test snapshots the working tree (tracked and untracked, not ignored files) into a one-commit repository and
tries that: it tests the hook as the working tree has it, and in CI (a clean clone) exactly HEAD.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, run

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "faasguard tests", "GIT_AUTHOR_EMAIL": "tests@faasguard.invalid",
                "GIT_COMMITTER_NAME": "faasguard tests", "GIT_COMMITTER_EMAIL": "tests@faasguard.invalid"}
SKIPPED_PARTS = {".venv", "venv", "node_modules", ".tools"}

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: >-
  One traced function, signed, logging to the team's log group, with alarms, reserved concurrency and an
  owner, exported for the stack that invokes it.

Resources:
  {name}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: {runtime}
      Tracing: Active
      PermissionsBoundary: arn:aws:iam::123456789012:policy/workload-boundary
      CodeSigningConfigArn: arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0a1b2c3d4e5f67890
      LoggingConfig:
        LogGroup: /platform/functions
      ReservedConcurrentExecutions: 10
      Tags:
        owner: platform-team
  {name}Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{{Name: FunctionName, Value: !Ref {name}}}]
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
  {name}Throttles:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Throttles
      Dimensions: [{{Name: FunctionName, Value: !Ref {name}}}]
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold

Outputs:
  {name}Arn:
    Value: !GetAtt {name}.Arn
    Export:
      Name: {name}Arn
"""
WORKFLOW = """\
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo test
"""


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **GIT_IDENTITY})
    assert done.returncode == 0, done.stderr
    return done.stdout


def _commit_all(repo: Path) -> None:
    _git("add", "-A", cwd=repo)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot", cwd=repo)


def _snapshot(destination: Path) -> Path:
    """The faasguard working tree as a one-commit repository."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if not source.is_file() or SKIPPED_PARTS & set(Path(name).parts):
            continue  # deleted but still tracked, or a virtualenv inside the tree
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git("init", "-q", cwd=destination)
    _commit_all(destination)
    return destination


def test_manifest():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook == {
        "id": "faasguard",
        "name": "faasguard (AWS serverless checks)",
        "description": "Checkov + OPA checks for AWS serverless risks from the CSA serverless top-12 (the rules "
                       "listed in faasguard's README) in Terraform, Terraform plan JSON, CloudFormation, AWS SAM "
                       "and Serverless Framework files.",
        "entry": "faasguard scan --skip-unknown",
        "language": "python",
        "files": r"\.(tf|tfvars|ya?ml|json|template)$",
        "pass_filenames": True,
        "require_serial": True,
    }


def test_pre_commit_try_repo(tmp_path):
    """Slow (installs faasguard and Checkov in a fresh virtualenv): fails on a deprecated runtime, passes
    when only a clean template and files that are not IaC are handed over."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is not installed: it is in the dev extra (pip install -e '.[dev]')")
    source = _snapshot(tmp_path / "faasguard")
    project = tmp_path / "project"
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / "deprecated.yaml").write_text(TEMPLATE.format(name="LegacyFunction", runtime="python3.8"))
    (project / "clean.yaml").write_text(TEMPLATE.format(name="CurrentFunction", runtime="python3.13"))
    (project / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (project / "package.json").write_text('{"name": "app", "version": "1.0.0"}\n')
    (project / "src").mkdir()
    (project / "src" / "requirements.txt").write_text("boto3==1.35.90\n")
    (project / "README.md").write_text("# app\n")
    _git("init", "-q", cwd=project)
    _commit_all(project)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never", **GIT_IDENTITY}
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "faasguard"]

    failing = run([*try_repo, "--all-files"], cwd=project, env=env, timeout=1800)
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert re.findall(r"^faasguard \(AWS serverless checks\)\.+(\w+)$", output, re.M) == ["Failed"]
    assert "- hook id: faasguard" in output
    assert "- exit code: 1" in output
    # the deprecated runtime: a dependency without patches (FG_06_01) and an obsolete function (FG_11_01)
    assert "  HIGH     FG_06_01  LegacyFunction  lines 8-21  [checkov+rego]" in output.splitlines()
    assert "  HIGH     FG_11_01  LegacyFunction  lines 8-21  [checkov+rego]" in output.splitlines()
    assert "2 findings (2 HIGH) in 2 documents" in output.splitlines()
    assert "ERROR" not in output  # the workflow and package.json are skipped, not errors

    passing = run([*try_repo, "--files", "clean.yaml", ".github/workflows/ci.yml", "package.json", "README.md"],
                  cwd=project, env=env, timeout=1800)
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert re.findall(r"^faasguard \(AWS serverless checks\)\.+(\w+)$", output, re.M) == ["Passed"]
    assert "FG_06_01" not in output
