#!/usr/bin/env python3
"""Turn every Terraform fixture directory into a real `terraform show -json` plan fixture.

For tests/fixtures/<RULE>/terraform/<case>/ it writes tests/fixtures/<RULE>/terraform_plan/<case>.json,
planned offline with the provider from a local filesystem mirror (fake credentials, no refresh).
Needs a `terraform` binary and an AWS provider mirror (TF_PLUGIN_MIRROR, default /opt/tf-plugins);
the generated files are committed, so the test suite itself needs neither.

Rules whose cases need a provider the mirror does not hold (HAND_WRITTEN) are skipped with the reason and
the script that writes their plans instead.

With --review it plans the cases of tests/plan_review instead: <case>/hcl/ (the root module and its local
modules) -> <case>/plan.json, against <case>/terraform.tfstate when the case has one (a hand-written state
of version 4: `plan -refresh=false` then compares the configuration with it, giving update, no-op and
delete actions).

usage: scripts/make_plan_fixtures.py [RULE_ID ...]
       scripts/make_plan_fixtures.py --review [CASE ...]
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REVIEW = ROOT / "tests" / "plan_review"

# rule -> why its plans cannot be made here, and what writes them
HAND_WRITTEN = {
    "FG_06_06": "its cases read code through data \"archive_file\" (hashicorp/archive), which the provider "
                "mirror does not hold; scripts/make_hand_plan_fixtures.py writes its plans",
}

PROVIDER_OVERRIDE = """
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
"""


def _terraform(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(["terraform", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"terraform {' '.join(args)} failed in {cwd}:\n{proc.stderr}")
    return proc.stdout


def make_plan(case_dir: Path, out: Path, env: dict[str, str], state: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / case_dir.name
        shutil.copytree(case_dir, work)
        (work / "zz_faasguard_provider_override.tf").write_text(PROVIDER_OVERRIDE)
        if state is not None:  # the local backend's default state: the prior state the plan compares with
            shutil.copyfile(state, work / "terraform.tfstate")
        _terraform(["init", "-backend=false", "-input=false", "-no-color"], work, env)
        _terraform(["plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan"], work, env)
        plan = json.loads(_terraform(["show", "-json", "tfplan"], work, env))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(plan, indent=2, sort_keys=True) + "\n")


def review_plans(cases: list[str], env: dict[str, str]) -> None:
    """tests/plan_review/<case>/hcl -> <case>/plan.json, against <case>/terraform.tfstate if present."""
    for case_dir in sorted(p for p in REVIEW.glob("*") if (p / "hcl").is_dir()):
        if cases and case_dir.name not in cases:
            continue
        state = case_dir / "terraform.tfstate"
        print(f"plan {case_dir.relative_to(ROOT)}/hcl -> plan.json", file=sys.stderr)
        make_plan(case_dir / "hcl", case_dir / "plan.json", env, state if state.is_file() else None)


def main(rules: list[str]) -> int:
    mirror = os.environ.get("TF_PLUGIN_MIRROR", "/opt/tf-plugins")
    with tempfile.TemporaryDirectory() as tmp:
        rc = Path(tmp) / "terraformrc"
        rc.write_text(f'provider_installation {{\n  filesystem_mirror {{ path = "{mirror}" }}\n}}\n')
        env = {**os.environ, "TF_CLI_CONFIG_FILE": str(rc), "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1"}
        if rules[:1] == ["--review"]:
            review_plans(rules[1:], env)
            return 0
        for rule_dir in sorted(FIXTURES.glob("FG_*")):
            if rules and rule_dir.name not in rules:
                continue
            if rule_dir.name in HAND_WRITTEN:
                print(f"skip {rule_dir.name}: {HAND_WRITTEN[rule_dir.name]}", file=sys.stderr)
                continue
            for case_dir in sorted(p for p in (rule_dir / "terraform").glob("*") if p.is_dir()):
                out = rule_dir / "terraform_plan" / f"{case_dir.name}.json"
                print(f"plan {case_dir.relative_to(ROOT)} -> {out.relative_to(ROOT)}", file=sys.stderr)
                make_plan(case_dir, out, env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
