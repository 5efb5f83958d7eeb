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
    # built from inside rego/ so the files are named /faasguard/... in the bundle and its signatures,
    # not by this machine's absolute path; the paths given are resolved before that
    command = [opa, "build", "--bundle", ".", "--output", str(Path(output).resolve()),
               "--revision", revision or __version__, "--ignore", "*_test.rego"]
    if sign_key:
        command += ["--signing-key", _resolved_if_file(sign_key), "--signing-alg", signing_alg]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=paths.rego_dir())
    if proc.returncode != 0:
        raise BundleError(f"opa build failed: {proc.stderr.strip() or proc.stdout.strip()}")


def _resolved_if_file(key: str) -> str:
    """OPA takes a PEM file's path or an HMAC secret itself: only a path is made absolute."""
    return str(Path(key).resolve()) if Path(key).is_file() else key
