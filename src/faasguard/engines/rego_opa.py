"""The Rego engine through the `opa` binary: one `opa eval` for all documents of a scan."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from faasguard import paths
from faasguard.engines import EngineFinding, EngineResult
from faasguard.inputs.document import Document, InputError

QUERY = "[{\"index\": i, \"findings\": f} | some i, doc in input.documents; f := data.faasguard.main.findings with input as doc]"
TIMEOUT_SECONDS = 300


def run(documents: list[Document], opa_path: str | None = None) -> EngineResult:
    result = EngineResult("rego")
    if not documents:
        return result
    opa = paths.find_tool("opa", opa_path)
    if opa is None:
        result.errors += [InputError(d.path, "rego engine: no opa binary (run scripts/install-tools.sh or pass --opa-path)")
                          for d in documents]
        return result
    with tempfile.TemporaryDirectory() as tmp:
        input_file = Path(tmp) / "input.json"
        input_file.write_text(json.dumps({"documents": [d.data for d in documents]}), encoding="utf-8")
        try:
            proc = subprocess.run(
                [opa, "eval", "--bundle", str(paths.rego_dir()), "--input", str(input_file), "--format", "json", QUERY],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            result.errors += [InputError(d.path, f"rego engine: opa eval failed: {exc}") for d in documents]
            return result
    if proc.returncode != 0:
        reason = (proc.stderr or proc.stdout).strip().splitlines()
        result.errors += [InputError(d.path, f"rego engine: opa eval failed: {reason[0] if reason else proc.returncode}")
                          for d in documents]
        return result
    evaluated = set()
    for entry in _values(json.loads(proc.stdout)):
        document = documents[entry["index"]]
        evaluated.add(entry["index"])
        for finding in entry["findings"]:
            resource = finding["resource"]
            result.findings.append(EngineFinding(finding["id"], document.location(resource).file, resource, finding["msg"]))
    # fail closed: a document OPA returned nothing for was not evaluated
    result.errors += [InputError(d.path, "rego engine: document was not evaluated")
                      for i, d in enumerate(documents) if i not in evaluated]
    return result


def _values(output: dict) -> list[dict]:
    results = output.get("result") or []
    if not results:
        return []
    return results[0]["expressions"][0]["value"]
