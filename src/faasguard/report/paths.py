"""Paths as reports show them: relative to the working directory when below it."""
from __future__ import annotations

import os


def display_path(path: str) -> str:
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative
