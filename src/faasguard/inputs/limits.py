"""Bounds on what the loader reads, so a hostile or broken file is refused with a clear error
(docs/security.md) instead of exhausting time, memory or the Python stack.

The limits of the running load are held in a context variable: the parsers deep in the call tree
(Terraform modules, Serverless includes) apply the user's limits without every call passing them.
"""
from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_SIZE_VARIABLE = "FAASGUARD_MAX_FILE_SIZE"
MAX_ALIAS_NODES_VARIABLE = "FAASGUARD_MAX_YAML_ALIAS_NODES"
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
# Anchors shared sensibly (`<<: *defaults` on a few dozen functions) expand to hundreds or thousands
# of nodes; a nine-level "billion laughs" expands to 387 million.
DEFAULT_MAX_ALIAS_NODES = 100_000
# Deeper than any template people write, and far enough below Python's recursion limit (1000 frames)
# for the parsers and both engines, which recurse a few frames per level.
MAX_DEPTH = 100


class LimitError(ValueError):
    """The input is beyond a limit, or shaped so that reading it would be unsafe."""


@dataclass(frozen=True)
class Limits:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES  # YAML nodes produced by alias expansion, per file
    max_depth: int = MAX_DEPTH  # nested collections, in YAML and JSON


def from_environment(max_file_size: int | None = None, max_alias_nodes: int | None = None) -> Limits:
    """The limits a command line gives, else the environment's, else the defaults."""
    return Limits(
        max_file_size=max_file_size or _environment_size(MAX_FILE_SIZE_VARIABLE, DEFAULT_MAX_FILE_SIZE),
        max_alias_nodes=max_alias_nodes or _environment_size(MAX_ALIAS_NODES_VARIABLE, DEFAULT_MAX_ALIAS_NODES),
    )


def _environment_size(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    try:
        return parse_size(text)
    except ValueError as exc:
        raise LimitError(f"{variable}: {exc}") from None


_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


def parse_size(text: str) -> int:
    """A positive count, optionally with a binary unit: `200M`, `1G`, `52428800`."""
    unit = text[-1:].upper() if text[-1:].isalpha() else ""
    number = text[:-1] if unit else text
    if unit not in _UNITS or not number.isdigit() or int(number) <= 0:
        raise ValueError(f"not a positive size (a number, optionally with K, M or G): {text}")
    return int(number) * _UNITS[unit]


_active: ContextVar[Limits | None] = ContextVar("faasguard_limits", default=None)


def active() -> Limits:
    """The limits of the running scan; outside one (the checks under plain Checkov) the environment's."""
    return _active.get() or from_environment()


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    token = _active.set(limits)
    try:
        yield
    finally:
        _active.reset(token)


def read_text(path: Path) -> str:
    """The text of a regular file of at most the active size limit, decoded as UTF-8 (a leading BOM
    dropped, CRLF line ends read as LF). Raises OSError when it cannot be read, LimitError when it is
    not a regular file, too big, or not UTF-8."""
    limit = active().max_file_size
    status = os.stat(path)  # before opening: opening a named pipe would wait for a writer
    if not stat.S_ISREG(status.st_mode):
        raise LimitError("not a regular file (a device, pipe or socket is never read)")
    if status.st_size > limit:
        raise LimitError(_too_big(status.st_size, limit))
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)  # bounded even if the file grows while it is read
    if len(data) > limit:
        raise LimitError(_too_big(len(data), limit))
    return decode(data).replace("\r\n", "\n")


def _too_big(size: int, limit: int) -> str:
    return (f"the file is {size} bytes, over the {limit}-byte limit; this file was not checked "
            f"(raise the limit with --max-file-size or {MAX_FILE_SIZE_VARIABLE})")


def decode(data: bytes) -> str:
    """UTF-8 text without its BOM; an error names the first invalid byte's offset in the file and line."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line = data.count(b"\n", 0, offset) + 1
        raise LimitError(f"line {line}: not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})") from None
