"""`faasguard bundle build`, signed, loaded by a real `opa run -s` that verifies the signature."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from tests.conftest import TODAY, _free_port, run, tool


def _serve(args: list[str]) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen([tool("opa"), "run", "--server", "--log-level", "error", "--addr", f"127.0.0.1:{port}", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def _wait_ready(process: subprocess.Popen, url: str) -> bool:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/health?bundles", timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def test_signed_bundle_is_verified_and_served(tmp_path):
    key, public = tmp_path / "private.pem", tmp_path / "public.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-out", str(public)], check=True, capture_output=True)
    bundle = tmp_path / "bundle.tar.gz"
    proc = run([sys.executable, "-m", "faasguard", "bundle", "build", "-o", str(bundle), "--sign", str(key)])
    assert proc.returncode == 0, proc.stderr

    process, url = _serve(["--verification-key", str(public), "--bundle", str(bundle)])
    try:
        assert _wait_ready(process, url), process.stdout.read().decode()[-2000:] if process.poll() is not None else ""
        from faasguard.engines import rego
        from faasguard.engines.rego.server import ServerBackend
        from faasguard.inputs.load import load_paths

        documents = load_paths(["tests/fixtures/FG_02_03/sam"]).documents
        result = rego.run(documents, ServerBackend(url), TODAY)
        assert result.errors == [] and {f.rule_id for f in result.findings} >= {"FG_02_03"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_tampered_signature_is_rejected(tmp_path):
    key, other = tmp_path / "private.pem", tmp_path / "other.pem"
    for path in (key, other):
        subprocess.run(["openssl", "genrsa", "-out", str(path), "2048"], check=True, capture_output=True)
    subprocess.run(["openssl", "rsa", "-in", str(other), "-pubout", "-out", str(tmp_path / "other.pub")],
                   check=True, capture_output=True)
    bundle = tmp_path / "bundle.tar.gz"
    assert run([sys.executable, "-m", "faasguard", "bundle", "build", "-o", str(bundle), "--sign", str(key)]).returncode == 0
    process, url = _serve(["--verification-key", str(tmp_path / "other.pub"), "--bundle", str(bundle)])
    try:
        process.wait(timeout=20)
        assert process.returncode != 0
        assert "failed to verify jwt signature" in process.stdout.read().decode().lower()
    finally:
        if process.poll() is None:
            process.kill()


def test_unsigned_bundle_contains_the_policies(tmp_path):
    bundle = tmp_path / "bundle.tar.gz"
    assert run([sys.executable, "-m", "faasguard", "bundle", "build", "-o", str(bundle)]).returncode == 0
    proc = run([tool("opa"), "inspect", "--format", "json", str(bundle)])
    manifest = json.loads(proc.stdout)["manifest"]
    assert manifest["roots"] == ["faasguard"] and manifest["revision"]
