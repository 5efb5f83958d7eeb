"""`faasguard bundle build`, signed, loaded by a real `opa run -s` that verifies the signature and
rejects any tampered copy; the loader's server backend refuses a bundle that is not this version's."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

import pytest

from faasguard import __version__
from faasguard.engines import rego
from faasguard.engines.rego.server import ServerBackend
from faasguard.inputs.load import load_paths
from tests.conftest import ROOT, TODAY, _free_port, run, tool

POLICY = "faasguard/rules/fg_06_01/fg_06_01.rego"  # the policy the tampering tests change or remove


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


@contextlib.contextmanager
def _server(args: list[str]):
    """A real `opa run -s` with `args`, ready; yields its URL."""
    process, url = _serve(args)
    try:
        assert _wait_ready(process, url), process.stdout.read().decode()[-2000:] if process.poll() is not None else ""
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _rejection(args: list[str]) -> str:
    """What `opa run -s` says when it refuses to start with `args`."""
    process, _ = _serve(args)
    try:
        process.wait(timeout=20)
        assert process.returncode != 0
        return process.stdout.read().decode()
    finally:
        if process.poll() is None:
            process.kill()


def _keypair(folder: Path, name: str) -> tuple[Path, Path]:
    private, public = folder / f"{name}.pem", folder / f"{name}.pub"
    subprocess.run(["openssl", "genrsa", "-out", str(private), "2048"], check=True, capture_output=True)
    subprocess.run(["openssl", "rsa", "-in", str(private), "-pubout", "-out", str(public)], check=True, capture_output=True)
    return private, public


def _build(output: Path, *options: str) -> Path:
    proc = run([sys.executable, "-m", "faasguard", "bundle", "build", "-o", str(output), *options])
    assert proc.returncode == 0, proc.stderr
    return output


def _scan_errors(url: str) -> list[str]:
    documents = load_paths(["tests/fixtures/FG_02_03/sam"]).documents
    result = rego.run(documents, ServerBackend(url), {"today": TODAY})
    assert result.errors or result.findings
    return sorted({e.message for e in result.errors})


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """(bundle.tar.gz signed with a fresh key, the public key)."""
    folder = tmp_path_factory.mktemp("signed")
    private, public = _keypair(folder, "signer")
    return _build(folder / "bundle.tar.gz", "--sign", str(private)), public


def test_signed_bundle_is_verified_and_served(signed):
    bundle, public = signed
    with _server(["--verification-key", str(public), "--bundle", str(bundle)]) as url:
        documents = load_paths(["tests/fixtures/FG_02_03/sam"]).documents
        result = rego.run(documents, ServerBackend(url), {"today": TODAY})
    assert result.errors == [] and {f.rule_id for f in result.findings} >= {"FG_02_03"}


def test_signature_by_another_key_is_rejected(signed, tmp_path):
    bundle, _ = signed
    _, other = _keypair(tmp_path, "other")
    assert "failed to verify jwt signature" in _rejection(["--verification-key", str(other), "--bundle", str(bundle)]).lower()


def _members(bundle: Path) -> dict[str, bytes]:
    with tarfile.open(bundle) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


def _repack(members: dict[str, bytes], output: Path) -> Path:
    """A bundle.tar.gz of `members`, as a tamperer would write it (the original .signatures.json kept)."""
    with tarfile.open(output, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return output


def _one_byte_changed(members: dict[str, bytes]) -> dict[str, bytes]:
    content = members[f"/{POLICY}"]
    index = content.index(b"deny")
    return {**members, f"/{POLICY}": content[:index] + b"D" + content[index + 1:]}


def _file_added(members: dict[str, bytes]) -> dict[str, bytes]:
    return {**members, "/faasguard/rules/extra/extra.rego": b"package faasguard.rules.extra\n\ndeny contains 1\n"}


def _file_removed(members: dict[str, bytes]) -> dict[str, bytes]:
    return {name: content for name, content in members.items() if name != f"/{POLICY}"}


@pytest.mark.parametrize(("tamper", "error"), [
    (_one_byte_changed, f"tampered.tar.gz: {POLICY}: digest mismatch (want: "),
    (_file_added, "tampered.tar.gz: file faasguard/rules/extra/extra.rego not included in bundle signature"),
    (_file_removed, f"tampered.tar.gz: file(s) [{POLICY}] specified in bundle signatures but not found in the target bundle"),
])
def test_tampered_bundle_is_rejected(signed, tmp_path, tamper, error):
    bundle, public = signed
    members = _members(bundle)
    assert "/.signatures.json" in members
    tampered = _repack(tamper(members), tmp_path / "tampered.tar.gz")
    output = _rejection(["--verification-key", str(public), "--bundle", str(tampered)])
    assert f"error: load error: bundle {tampered}: " in output and error in output, output


def test_repacked_untampered_bundle_is_accepted(signed, tmp_path):
    """The tampering tests' repacking alone is not what OPA rejects."""
    bundle, public = signed
    copy = _repack(_members(bundle), tmp_path / "copy.tar.gz")
    with _server(["--verification-key", str(public), "--bundle", str(copy)]) as url:
        assert _scan_errors(url) == []


def test_bundle_holds_the_policies_under_their_package_paths(tmp_path):
    bundle = _build(tmp_path / "bundle.tar.gz")
    shipped = {f"/{p.relative_to(ROOT / 'rego').as_posix()}" for p in (ROOT / "rego").rglob("*.rego")
               if not p.name.endswith("_test.rego")}
    # no path of the machine that built it, and no tests
    assert set(_members(bundle)) == shipped | {"/.manifest", "/data.json"}
    manifest = json.loads(run([tool("opa"), "inspect", "--format", "json", str(bundle)]).stdout)["manifest"]
    assert manifest["roots"] == json.loads((ROOT / "rego/.manifest").read_text())["roots"]
    assert manifest["revision"] == __version__


def test_bundle_build_takes_paths_relative_to_the_working_directory(tmp_path):
    private, _ = _keypair(tmp_path, "signer")
    proc = run([sys.executable, "-m", "faasguard", "bundle", "build", "-o", "out.tar.gz", "--sign", private.name],
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "/.signatures.json" in _members(tmp_path / "out.tar.gz")


def test_loader_refuses_a_bundle_of_another_revision(tmp_path):
    bundle = _build(tmp_path / "bundle.tar.gz", "--revision", "0.0.9")
    with _server(["--bundle", str(bundle)]) as url:
        assert _scan_errors(url) == [
            f"rego engine (server): OPA server {url} holds bundle revision '0.0.9', not '{__version__}' of this "
            "faasguard version (serve the bundle `faasguard bundle build` writes)"]


def test_loader_refuses_a_bundle_missing_a_rule(tmp_path):
    copy = tmp_path / "rego"
    shutil.copytree(ROOT / "rego", copy)
    shutil.rmtree(copy / Path(POLICY).parent)
    bundle = tmp_path / "bundle.tar.gz"
    subprocess.run([tool("opa"), "build", "--bundle", ".", "--output", str(bundle), "--revision", __version__,
                    "--ignore", "*_test.rego"], cwd=copy, check=True, capture_output=True)
    with _server(["--bundle", str(bundle)]) as url:
        assert _scan_errors(url) == [
            f"rego engine (server): OPA server {url} does not hold the rules of this faasguard version: "
            "rule packages lack fg_06_01"]


def test_loader_refuses_a_server_without_a_bundle():
    """Policies loaded as plain files have no manifest, so no revision to check."""
    with _server([str(ROOT / "rego")]) as url:
        assert _scan_errors(url) == [
            f"rego engine (server): OPA server {url} holds no bundle (serve the one `faasguard bundle build` "
            "writes: `opa run -s --bundle bundle.tar.gz`)"]
