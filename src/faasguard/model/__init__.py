"""The normalized model: each format's adapter turns a document into the same views."""
from __future__ import annotations

from typing import Any, Callable

from faasguard.model import cloudformation, serverless, terraform
from faasguard.model.views import Views

ADAPTERS: dict[str, Callable[[dict[str, Any]], Views]] = {
    "terraform": terraform.hcl_views,
    "terraform_plan": terraform.plan_views,
    "cloudformation": cloudformation.views,
    "sam": cloudformation.views,
    "serverless": serverless.views,
}


def build(fmt: str, data: dict[str, Any]) -> Views:
    return ADAPTERS[fmt](data)
