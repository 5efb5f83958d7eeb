"""A parsed input: one file (CloudFormation, SAM, Serverless, plan) or one Terraform module."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

@dataclass(frozen=True)
class Location:
    file: str
    start: int
    end: int


@dataclass
class Document:
    format: str
    path: str  # the file, or for Terraform the module directory
    data: dict[str, Any]  # exactly what the Rego engine receives as `input`
    # resource id (as findings name it) -> where it is written
    locations: dict[str, Location] = field(default_factory=dict)
    files: tuple[str, ...] = ()  # every file the document was read from

    def location(self, resource: str) -> Location:
        return self.locations.get(resource) or Location(self.files[0] if self.files else self.path, 0, 0)


@dataclass(frozen=True)
class InputError:
    file: str
    message: str
