"""Serverless: the dependency manifests of the folders functions deploy from (FG_06_06): the service
folder (on `provider`) and a function's handler folder or `module` (on the function key), as the loader
read them (cloudformation_dependencies.add_entries)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_dependencies import add_entries
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    add_entries(service.data.get("faasguard_dependencies"), builder)
