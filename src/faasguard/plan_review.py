"""Plan review: what the plan does to each finding's resource, and where that resource is written.

A `terraform show -json` plan names resources by instance address (`module.fn["a"].aws_lambda_function.this`)
and knows what it will do to them (`change.actions`). This module gives each finding on a plan its change
action, maps it back to the `.tf` block it comes from (the root module in `--tf-dir`, or the folder the
plan sits in when that holds Terraform files), and keeps only the changed resources for `--changed-only`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from faasguard.inputs import terraform
from faasguard.inputs.document import Document, Location
from faasguard.model.terraform import INSTANCE_KEY
from faasguard.results import Finding, Undecided

# A plan's action list -> the word a reviewer reads (Terraform's own: `terraform show` prints these)
_ACTIONS = {
    ("create",): "create",
    ("update",): "update",
    ("delete", "create"): "replace",
    ("create", "delete"): "replace",
    ("no-op",): "no-op",
    ("read",): "read",
    ("delete",): "delete",
    ("forget",): "forget",
}
# What `--changed-only` keeps: resources the plan creates or updates (a replacement creates them anew)
CHANGED = frozenset({"create", "update", "replace"})


class SourceError(ValueError):
    """A `--tf-dir` that is not a folder of Terraform files."""


def change_actions(documents: list[Document]) -> dict[str, dict[str, str]]:
    """Plan file -> resource address -> the action the plan takes on it."""
    return {d.path: _actions(d) for d in documents if d.format == "terraform_plan"}


def _actions(document: Document) -> dict[str, str]:
    found = {}
    for change in document.data.get("resource_changes") or []:
        if not isinstance(change, dict) or not isinstance(change.get("address"), str):
            continue
        actions = (change.get("change") or {}).get("actions")
        if isinstance(actions, list) and all(isinstance(a, str) for a in actions):
            found[change["address"]] = _ACTIONS.get(tuple(actions), "/".join(actions))
    return found


def configured_address(address: str) -> str:
    """The block an instance comes from: module.fn["a"].aws_lambda_function.this[0] ->
    module.fn.aws_lambda_function.this, as the HCL loader keys its locations."""
    return INSTANCE_KEY.sub("", address)


def source_root(plan: Document, tf_dir: str | None) -> Path | None:
    """The root module a plan was made from: `--tf-dir`, else the plan's own folder when it holds
    Terraform files (`terraform show -json tfplan > plan.json` run in the root module)."""
    if tf_dir is not None:
        return Path(tf_dir)
    folder = Path(plan.path).parent
    return folder if terraform.module_files(folder) else None


@dataclass
class _Sources:
    """The `.tf` location of every block of a root module and the local modules it calls."""

    locations: dict[str, Location]
    problem: str | None = None  # why the source could not be read (the findings keep the plan's lines)


def _sources(root: Path) -> _Sources:
    if not root.is_dir() or not terraform.module_files(root):
        return _Sources({}, f"{root} holds no Terraform files")
    try:
        documents = terraform.load_module(root)
    except terraform.HclError as exc:
        return _Sources({}, f"cannot read the Terraform source in {root}: {exc}")
    return _Sources({address: location for d in documents for address, location in d.locations.items()})


def check_tf_dir(tf_dir: str) -> None:
    path = Path(tf_dir)
    if not path.is_dir():
        raise SourceError(f"--tf-dir {tf_dir}: no such folder")
    if not terraform.module_files(path):
        raise SourceError(f"--tf-dir {tf_dir}: no .tf or .tf.json file in this folder")


def annotate(findings: list[Finding], documents: list[Document], actions: dict[str, dict[str, str]],
             tf_dir: str | None = None) -> list[str]:
    """Give each finding on a plan its change action (`actions`: change_actions) and its `.tf` source;
    return notices for plans whose source could not be read."""
    notices = []
    plans = {d.path: d for d in documents if d.format == "terraform_plan"}
    sources_by_root: dict[Path, _Sources] = {}
    plan_sources: dict[str, _Sources] = {}  # plan file -> the source of its root module, read once per root
    for path in dict.fromkeys(f.file for f in findings if f.file in plans):  # plans with findings, in order
        root = source_root(plans[path], tf_dir)
        if root is None:
            continue
        if root not in sources_by_root:
            sources_by_root[root] = _sources(root)
            if sources_by_root[root].problem:
                notices.append(f"{path}: findings point to the plan, not the Terraform source: "
                               f"{sources_by_root[root].problem}")
        plan_sources[path] = sources_by_root[root]
    for finding in findings:
        if finding.file in actions:
            finding.change = actions[finding.file].get(finding.resource)
        if finding.file in plan_sources:
            finding.source = plan_sources[finding.file].locations.get(configured_address(finding.resource))
    return notices


def changed_only(findings: list[Finding], undecided: list[Undecided],
                 actions: dict[str, dict[str, str]]) -> tuple[list[Finding], list[Undecided], list[str]]:
    """Findings and undecided values of plans (`actions`: change_actions) limited to resources the plan
    creates or updates; those of other inputs (HCL, templates: no plan says what changes) are kept.
    Returns a notice with how many were left out, so a reviewer knows the unchanged ones exist."""

    def unchanged(file: str, resource: str) -> bool:
        return file in actions and actions[file].get(resource) not in CHANGED

    kept = [f for f in findings if not unchanged(f.file, f.resource)]
    kept_undecided = [u for u in undecided if not unchanged(u.file, u.resource)]
    left_out = len(findings) - len(kept)
    notices = [f"--changed-only: {left_out} finding(s) on resources the plan does not create or update "
               f"are not shown"] if left_out else []
    return kept, kept_undecided, notices

