"""`faasguard bundle build`: the policies as an OPA bundle for `opa run -s`, optionally signed."""
from __future__ import annotations

import subprocess
from pathlib import Path

from faasguard import __version__, paths


class BundleError(Exception):
    pass


def build(output: Path, sign_key: str | None = None, signing_alg: str = "RS256", revision: str | None = None,
          opa_path: str | None = None) -> None:
    opa = paths.find_tool("opa", opa_path)
    if opa is None:
        raise BundleError("no opa binary (put one on PATH, run scripts/install-tools.sh, or pass --opa-path)")
    command = [opa, "build", "--bundle", str(paths.rego_dir()), "--output", str(output),
               "--revision", revision or __version__, "--ignore", "*_test.rego"]
    if sign_key:
        command += ["--signing-key", sign_key, "--signing-alg", signing_alg]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BundleError(f"opa build failed: {proc.stderr.strip() or proc.stdout.strip()}")
