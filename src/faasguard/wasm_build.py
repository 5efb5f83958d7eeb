"""Compile rego/ to WebAssembly with `opa build -t wasm`: the policy and data the wasm backend ships."""
from __future__ import annotations

import json
import logging
import subprocess
import tarfile
import tempfile
from pathlib import Path

from faasguard import paths
from faasguard.engines.rego import ENTRYPOINT, BackendError

FILES = ("policy.wasm", "data.json", "memory.json")


def _declared_pages(wasm: bytes) -> int:
    """The initial memory (in 64 KiB pages) the module imports."""
    import wasmtime

    module = wasmtime.Module(wasmtime.Engine(), wasm)
    for item in module.imports:
        if item.module == "env" and item.name == "memory":
            return item.type.limits.min
    raise BackendError("the compiled policy imports no env.memory")


class _Retries(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def _memory_pages(wasm: bytes) -> int:
    """The initial memory opa-py-wasm must give the module: the declared minimum, doubled until the
    module instantiates at once (its data and heap can need more than it declares; opa-py-wasm would
    otherwise retry, and warn, on every load)."""
    from opapywasm import OpaWasmPolicy, runtime

    pages, default = _declared_pages(wasm), runtime._DEFAULT_MEMORY_PAGES
    retries = _Retries()
    runtime.logger.addHandler(retries)
    try:
        while True:
            retries.seen = False
            runtime._DEFAULT_MEMORY_PAGES = pages
            OpaWasmPolicy.from_wasm_bytes(wasm)
            if not retries.seen:
                return pages
            pages *= 2
    finally:
        runtime.logger.removeHandler(retries)
        runtime._DEFAULT_MEMORY_PAGES = default


def compile_bundle(opa: str, rego_dir: Path) -> dict[str, bytes]:
    """{file name: content} of the compiled bundle."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle.tar.gz"
        # run from the bundle's parent with a relative path: OPA embeds source paths in the module,
        # and the result must not depend on where the repository is checked out
        proc = subprocess.run(
            [opa, "build", "-t", "wasm", "-e", ENTRYPOINT, "--ignore", "*_test.rego", "-b", rego_dir.name, "-o", str(out)],
            capture_output=True, text=True, cwd=rego_dir.parent,
        )
        if proc.returncode != 0:
            raise BackendError(f"opa build -t wasm failed: {proc.stderr.strip()}")
        with tarfile.open(out) as archive:
            files = {name: archive.extractfile(f"/{name}").read() for name in ("policy.wasm", "data.json")}
    # read at build time so loading the policy compiles the module once, not twice
    files["memory.json"] = (json.dumps({"min_pages": _memory_pages(files["policy.wasm"])}) + "\n").encode()
    return files


def target_dir() -> Path:
    return Path(__file__).resolve().parent / "wasm"


def stale(opa: str | None = None) -> list[str]:
    """The shipped files that differ from a fresh compile of rego/."""
    opa = paths.find_tool("opa", opa)
    if opa is None:
        raise BackendError("no opa binary to compile the bundle with")
    fresh = compile_bundle(opa, paths.rego_dir())
    return [name for name, content in fresh.items()
            if not (target_dir() / name).exists() or (target_dir() / name).read_bytes() != content]


def write(opa: str | None = None) -> list[str]:
    opa = paths.find_tool("opa", opa)
    if opa is None:
        raise BackendError("no opa binary to compile the bundle with")
    changed = []
    for name, content in compile_bundle(opa, paths.rego_dir()).items():
        path = target_dir() / name
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
            changed.append(name)
    return changed
