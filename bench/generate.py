#!/usr/bin/env python3
"""Synthetic inputs of a given size, made of copies of the example apps, with the findings they must give.

Each kind repeats one real app of examples/ — functions, roles, policies, APIs, queues, log groups,
alarms, Cognito, as a team writes them — until the input holds about SIZE resources:

- plan:       `terraform show -json` of examples/terraform-api (a real plan), each copy one instance of
              a `module "app"` called with for_each (`module.app["svc-0007"].aws_lambda_function.refund`),
              its names made unique per instance as Terraform would make them;
- hcl:        a monorepo of Terraform root modules, one copy of examples/terraform-api per folder;
- sam:        a set of SAM templates, one copy of examples/sam-api per folder (with its code);
- serverless: a set of services, one copy of examples/serverless-api per folder (with its code).

The findings each copy must give are those tests/test_examples.py states for the app (checked by the test
suite), so the bench knows the exact findings of every input it makes, and checks them.

usage: python bench/generate.py KIND SIZE OUT_DIR
"""
from __future__ import annotations

import json
import math
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.test_examples holds the examples' findings

from tests import test_examples  # noqa: E402

KINDS = ("plan", "hcl", "sam", "serverless")
EXAMPLE = {"plan": "examples/terraform-api", "hcl": "examples/terraform-api", "sam": "examples/sam-api",
           "serverless": "examples/serverless-api"}
# the findings of one copy: (rule id, file relative to the example's folder, resource)
FINDINGS = {"plan": test_examples.TERRAFORM_API_PLAN, "hcl": test_examples.TERRAFORM_API,
            "sam": test_examples.SAM_API_FINDINGS, "serverless": test_examples.SERVERLESS_API}
PLAN_NAME = "payments-dev"  # the prefix of every name in the example's plan


@dataclass(frozen=True)
class Generated:
    kind: str
    paths: list[Path]  # what to scan
    resources: int
    copies: int
    expected: frozenset[tuple[str, str, str]]  # (rule id, absolute file, resource)


def unit_name(index: int) -> str:
    return f"svc-{index:04d}"


def resources_per_copy(kind: str) -> int:
    example = ROOT / EXAMPLE[kind]
    if kind == "plan":
        return len(json.loads((example / "plan.json").read_text())["planned_values"]["root_module"]["resources"])
    if kind == "hcl":
        return sum(line.startswith(("resource ", "data ")) for tf in example.glob("*.tf")
                   for line in tf.read_text().splitlines())
    if kind == "sam":
        return len(yaml.load((example / "template.yaml").read_text(), Loader=yaml.BaseLoader)["Resources"])
    service = yaml.load((example / "serverless.yml").read_text(), Loader=yaml.BaseLoader)
    return len(service["functions"]) + len(service["resources"]["Resources"])


def generate(kind: str, size: int, out: Path) -> Generated:
    """About `size` resources of `kind` under `out` (emptied first)."""
    copies = max(1, math.ceil(size / resources_per_copy(kind)))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if kind == "plan":
        path = out / "plan.json"
        path.write_text(json.dumps(_plan(copies)))
        expected = {(rule, str(path), f'module.app["{unit_name(i)}"].{resource}')
                    for i in range(copies) for rule, _, resource in FINDINGS[kind]}
        return Generated(kind, [path], copies * resources_per_copy(kind), copies, frozenset(expected))
    example = ROOT / EXAMPLE[kind]
    expected = set()
    for i in range(copies):
        folder = out / unit_name(i)
        shutil.copytree(example, folder, ignore=shutil.ignore_patterns("plan.json", "node_modules", ".terraform"))
        expected |= {(rule, str(folder / Path(file).relative_to(EXAMPLE[kind])), resource)
                     for rule, file, resource in FINDINGS[kind]}
    return Generated(kind, [out], copies * resources_per_copy(kind), copies, frozenset(expected))


def _plan(copies: int) -> dict:
    """The example's plan with its root module moved into `module.app`, one instance per copy."""
    plan = json.loads((ROOT / EXAMPLE["plan"] / "plan.json").read_text())
    resources = plan["planned_values"]["root_module"]["resources"]
    changes = plan["resource_changes"]
    children, all_changes = [], []
    for i in range(copies):
        module = f'module.app["{unit_name(i)}"]'
        # each instance names its resources after its key, as `name = "${var.prefix}-…"` would
        text = json.dumps({"resources": resources, "changes": changes}).replace(PLAN_NAME, f"payments-{unit_name(i)}")
        copy = json.loads(text)
        for resource in copy["resources"]:
            resource["address"] = f"{module}.{resource['address']}"
        for change in copy["changes"]:
            change["address"] = f"{module}.{change['address']}"
            change["module_address"] = module
        children.append({"address": module, "resources": copy["resources"]})
        all_changes += copy["changes"]
    configuration = plan["configuration"]["root_module"]
    module_variables = configuration.get("variables", {})
    values = {name: variable["value"] for name, variable in plan["variables"].items()}
    plan["planned_values"] = {"root_module": {"child_modules": children}}
    plan["resource_changes"] = all_changes
    plan["output_changes"] = {}
    plan["variables"] = {}
    plan["relevant_attributes"] = []
    plan["checks"] = []
    plan["configuration"]["root_module"] = {
        "module_calls": {"app": {
            "source": "./app",
            "for_each_expression": {"constant_value": {unit_name(i): {} for i in range(copies)}},
            "expressions": {name: {"constant_value": values[name]} for name in module_variables if name in values},
            "module": configuration,
        }},
    }
    return plan


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in KINDS:
        print(__doc__, file=sys.stderr)
        return 2
    generated = generate(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))
    print(f"{generated.kind}: {generated.copies} copies, {generated.resources} resources, "
          f"{len(generated.expected)} findings expected, in {sys.argv[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
