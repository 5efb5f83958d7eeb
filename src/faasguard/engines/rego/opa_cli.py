"""The `opa` binary: one `opa eval` over all documents of a scan."""
from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from faasguard import paths
from faasguard.engines.rego import BackendError

# Each document is evaluated on its own (`with input as`), all in one process, with the scan's date and
# settings (`config` is bound first: inside `with input as doc`, `input` is the document)
QUERY = ("config := input.config; [{\"index\": i, \"findings\": f} | some i, doc in input.documents; "
         "f := data.faasguard.main.findings with input as doc with data.faasguard.config as config]")
TIMEOUT_SECONDS = 600


class OpaCliBackend:
    name = "opa"

    def __init__(self, opa_path: str | None = None):
        self.opa = paths.find_tool("opa", opa_path)

    def evaluate(self, inputs: Sequence[dict], config: dict) -> list[list[dict] | BackendError]:
        if self.opa is None:
            raise BackendError("no opa binary (put one on PATH, run scripts/install-tools.sh, or pass --opa-path)")
        with tempfile.TemporaryDirectory() as tmp:
            input_file = Path(tmp) / "input.json"
            input_file.write_text(json.dumps({"documents": list(inputs), "config": config}), encoding="utf-8")
            command = [self.opa, "eval", "--bundle", str(paths.rego_dir()), "--input", str(input_file),
                       "--format", "json", QUERY]
            try:
                proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise BackendError(f"opa eval failed: {exc}") from exc
        if proc.returncode != 0:
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            raise BackendError(f"opa eval failed: {lines[0] if lines else f'exit code {proc.returncode}'}")
        results = json.loads(proc.stdout).get("result") or []
        by_index = {e["index"]: e["findings"] for e in (results[0]["expressions"][-1]["value"] if results else [])}
        # fail closed: a document OPA returned nothing for was not evaluated
        return [by_index.get(i, BackendError("document was not evaluated")) for i in range(len(inputs))]
