"""Terraform modules and plans: the dependency manifests of the folders functions deploy from (FG_06_06):
the folder of the `archive_file` a function's `filename` references, as the loader read it
(cloudformation_dependencies.add_entries; hcl_index and plan_index keep the input field)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_dependencies import add_entries
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    add_entries(getattr(index, "dependencies", None), builder)
