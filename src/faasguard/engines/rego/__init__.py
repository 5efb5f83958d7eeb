"""The Rego engine: one interface, three backends with identical results.

- `wasm` (default): the bundle compiled by `opa build -t wasm`, shipped in the package, evaluated in
  process with opa-py-wasm; needs no binary.
- `opa`: the `opa` binary, one `opa eval` for all documents of a scan.
- `server`: a running OPA server holding the bundle (`opa run -s`), through opa-python-client.

Every backend returns, for each document, the list of `data.faasguard.main.findings` evaluated with
`data.faasguard.config` set to the scan's date (`today`) and settings (faasguard.settings); a document a backend could not evaluate is an
error, never an empty list.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from faasguard.engines import EngineFinding, EngineResult
from faasguard.inputs.document import Document, InputError

ENTRYPOINT = "faasguard/main/findings"
BACKENDS = ("wasm", "opa", "server")


class BackendError(Exception):
    """The backend could not evaluate (no binary, server down, a policy error)."""


class Backend(Protocol):
    name: str

    def evaluate(self, inputs: Sequence[dict], config: dict) -> list[list[dict] | BackendError]:
        """The findings of each input with data.faasguard.config as `config` (`today`: YYYY-MM-DD, and
        the settings), or the error that kept it from being evaluated."""


def make_backend(name: str, opa_path: str | None = None, opa_url: str | None = None) -> Backend:
    if name == "opa":
        from faasguard.engines.rego.opa_cli import OpaCliBackend

        return OpaCliBackend(opa_path)
    if name == "server":
        from faasguard.engines.rego.server import ServerBackend

        if not opa_url:
            raise BackendError("the server backend needs --opa-url")
        return ServerBackend(opa_url)
    from faasguard.engines.rego.wasm import WasmBackend

    return WasmBackend()


def run(documents: list[Document], backend: Backend, config: dict) -> EngineResult:
    result = EngineResult("rego")
    if not documents:
        return result
    try:
        outcomes = backend.evaluate([d.data for d in documents], config)
    except BackendError as exc:
        result.errors += [InputError(d.path, f"rego engine ({backend.name}): {exc}") for d in documents]
        return result
    for document, outcome in zip(documents, outcomes):
        if isinstance(outcome, BackendError):
            result.errors.append(InputError(document.path, f"rego engine ({backend.name}): {outcome}"))
            continue
        for finding in outcome:
            resource = finding["resource"]
            result.findings.append(EngineFinding(finding["id"], document.location(resource).file, resource, finding["msg"]))
    return result
