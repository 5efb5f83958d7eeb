"""The server backend against a faulty OPA server: every fault is an error naming the server and the
fault, after bounded retries, in bounded time; never an empty, clean-looking result.

The server is the real `opa run -s` (the `opa_server` fixture); faults come from a small HTTP proxy in
front of it, which forwards what it does not break.
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest

from faasguard.engines import rego
from faasguard.engines.rego import BackendError, server
from faasguard.engines.rego.server import ServerBackend
from faasguard.inputs.load import load_paths
from tests.conftest import TODAY, _free_port, run

FIXTURE = "tests/fixtures/FG_02_03/sam"
DOCUMENT_FILES = ["fail_function_url_none.yaml", "fail_globals_url.yaml", "pass_iam_url.yaml"]
SLOW_SECONDS = 30  # how long the "slow" fault keeps a request waiting: far beyond the timeouts used


class FaultProxy(ThreadingHTTPServer):
    """Forwards to `upstream`, except that the requests `faulty(number, body)` picks get `fault`:
    "500" or "400" (OPA-style error body), "slow" (no answer for SLOW_SECONDS), "reset" (headers and half the
    body, then a TCP reset), "answer" (HTTP 200 with `payload`)."""

    daemon_threads = True

    def __init__(self, upstream: str, fault: str, faulty=lambda number, body: True, payload: bytes = b""):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream = urlparse(upstream)
        self.fault, self.faulty, self.payload = fault, faulty, payload
        self.bodies: list[dict] = []  # every request's JSON body, in order
        self.released = threading.Event()  # wakes "slow" requests when the test ends

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.released.set()
        self.shutdown()
        self.server_close()


class _ProxyHandler(BaseHTTPRequestHandler):
    server: FaultProxy

    def log_message(self, *args):  # quiet
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.bodies.append(json.loads(body))
        if self.server.faulty(len(self.server.bodies), self.server.bodies[-1]):
            getattr(self, f"_fault_{self.server.fault}")()
        else:
            self._forward(body)

    def _forward(self, body: bytes):
        upstream = http.client.HTTPConnection(self.server.upstream.hostname, self.server.upstream.port, timeout=30)
        upstream.request("POST", self.path, body, {"Content-Type": "application/json"})
        answer = upstream.getresponse()
        self._answer(answer.status, answer.read())
        upstream.close()

    def _answer(self, status: int, payload: bytes):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _fault_500(self):
        self._answer(500, json.dumps({"code": "internal_error", "message": "storage unavailable"}).encode())

    def _fault_400(self):
        self._answer(400, json.dumps({"code": "invalid_parameter", "message": "query too large"}).encode())

    def _fault_answer(self):
        self._answer(200, self.server.payload)

    def _fault_slow(self):
        self.server.released.wait(SLOW_SECONDS)

    def _fault_reset(self):
        payload = json.dumps({"result": [{"findings": []}]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])
        self.wfile.flush()
        # SO_LINGER with a zero timeout: close() sends a TCP reset instead of a clean end
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


def _name(path: str) -> str:
    return os.path.basename(path)


def documents_only(number: int, body: dict) -> bool:
    """The per-document queries (they carry an input); the bundle check before them does not."""
    return "input" in body


@pytest.fixture(scope="module")
def documents():
    loaded = load_paths([FIXTURE])
    assert loaded.errors == [] and [_name(d.path) for d in loaded.documents] == DOCUMENT_FILES
    return loaded.documents


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch):
    """Retries are what is tested, not the length of the pause before them."""
    monkeypatch.setattr(server, "BACKOFF_SECONDS", 0.01)


def _errors(result) -> list[tuple[str, str]]:
    return [(_name(e.file), e.message) for e in result.errors]


def _each(documents, message: str) -> list[tuple[str, str]]:
    return [(_name(d.path), f"rego engine (server): {message}") for d in documents]


def test_server_down_is_an_error_after_bounded_retries(documents):
    url = f"http://127.0.0.1:{_free_port()}"
    result = rego.run(documents, ServerBackend(url, retries=2), {"today": TODAY})
    assert result.findings == []
    assert _errors(result) == _each(documents, f"OPA server {url}: unreachable (Connection refused) "
                                               "(gave up after 3 attempts)")


def _scan(url: str, **settings: str) -> tuple[subprocess.CompletedProcess, dict]:
    """`faasguard scan` of one fixture with the server backend, `settings` in its environment."""
    proc = run([sys.executable, "-m", "faasguard", "scan", f"{FIXTURE}/{DOCUMENT_FILES[0]}", "--engine", "rego",
                "--rego-backend", "server", "--opa-url", url, "--format", "json"], env=settings)
    return proc, json.loads(proc.stdout or "{}")


def test_scan_with_server_down_exits_2():
    url = f"http://127.0.0.1:{_free_port()}"
    proc, report = _scan(url, FAASGUARD_OPA_RETRIES="1")
    assert proc.returncode == 2, proc.stderr
    assert report["findings"] == []
    assert [e["message"] for e in report["errors"]] == [
        f"rego engine (server): OPA server {url}: unreachable (Connection refused) (gave up after 2 attempts)"]


def test_scan_with_slow_server_exits_2_in_bounded_time(opa_server):
    with FaultProxy(opa_server, "slow", documents_only) as proxy:
        started = time.monotonic()
        proc, report = _scan(proxy.url, FAASGUARD_OPA_TIMEOUT="0.5", FAASGUARD_OPA_RETRIES="1")
        elapsed = time.monotonic() - started
    assert proc.returncode == 2, proc.stderr
    assert elapsed < 20
    assert [e["message"] for e in report["errors"]] == [
        f"rego engine (server): OPA server {proxy.url}: no answer within 0.5 s (gave up after 2 attempts)"]


@pytest.mark.parametrize(("variable", "value", "what"), [
    ("FAASGUARD_OPA_TIMEOUT", "0", "a number of seconds above 0"),
    ("FAASGUARD_OPA_TIMEOUT", "nan", "a number of seconds above 0"),
    ("FAASGUARD_OPA_TIMEOUT", "soon", "a number of seconds above 0"),
    ("FAASGUARD_OPA_RETRIES", "-1", "a whole number, 0 or more"),
    ("FAASGUARD_OPA_RETRIES", "2.5", "a whole number, 0 or more"),
])
def test_bad_settings_are_an_error(monkeypatch, variable, value, what):
    monkeypatch.setenv(variable, value)
    with pytest.raises(BackendError) as raised:
        ServerBackend("http://127.0.0.1:8181")
    assert str(raised.value) == f"{variable} must be {what}, not {value!r}"


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("FAASGUARD_OPA_TIMEOUT", "2.5")
    monkeypatch.setenv("FAASGUARD_OPA_RETRIES", "0")
    backend = ServerBackend("http://127.0.0.1:8181")
    assert (backend.timeout, backend.retries, backend.settings["timeout"]) == (2.5, 0, 2.5)


def test_slow_server_times_out_in_bounded_time(opa_server, documents):
    with FaultProxy(opa_server, "slow", documents_only) as proxy:
        started = time.monotonic()
        # a timeout the bundle check (which evaluates every rule package) meets on a busy machine
        result = rego.run(documents, ServerBackend(proxy.url, timeout=3, retries=2), {"today": TODAY})
        elapsed = time.monotonic() - started
    # the bundle check, then 3 attempts at the first document; the others are not tried on a dead server
    assert len(proxy.bodies) == 1 + 3
    assert elapsed < 20
    assert result.findings == []
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: no answer within 3 s "
                                               "(gave up after 3 attempts)")


def test_http_500_is_an_error_for_each_document(opa_server, documents):
    with FaultProxy(opa_server, "500", documents_only) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=2), {"today": TODAY})
    assert len(proxy.bodies) == 1 + 3 * len(documents)
    assert result.findings == []
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: HTTP 500: storage unavailable "
                                               "(gave up after 3 attempts)")


def test_http_400_is_not_retried(opa_server, documents):
    with FaultProxy(opa_server, "400", documents_only) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=2), {"today": TODAY})
    assert len(proxy.bodies) == 1 + len(documents)
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: HTTP 400: query too large "
                                               "(gave up after 1 attempt)")


def test_one_failing_document_does_not_hide_the_others(opa_server, documents, rego_server_findings):
    first = lambda number, body: documents_only(number, body) and number <= 1 + 3  # noqa: E731
    with FaultProxy(opa_server, "500", first) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=2), {"today": TODAY})
    assert _errors(result) == _each(documents[:1], f"OPA server {proxy.url}: HTTP 500: storage unavailable "
                                                   "(gave up after 3 attempts)")
    assert _findings(result) == [f for f in rego_server_findings if f[1] != DOCUMENT_FILES[0]]
    assert _findings(result) != []


def test_a_passing_fault_is_retried(opa_server, documents, rego_server_findings):
    twice = lambda number, body: documents_only(number, body) and number <= 1 + 2  # noqa: E731
    with FaultProxy(opa_server, "500", twice) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=2), {"today": TODAY})
    assert result.errors == []
    assert _findings(result) == rego_server_findings


def test_connection_reset_mid_answer(opa_server, documents):
    with FaultProxy(opa_server, "reset", documents_only) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=1), {"today": TODAY})
    assert len(proxy.bodies) == 1 + 2
    assert result.findings == []
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: connection broken during the answer "
                                               "(Connection reset by peer) (gave up after 2 attempts)")


def test_fault_in_the_bundle_check(opa_server, documents):
    with FaultProxy(opa_server, "500") as proxy:
        result = rego.run(documents, ServerBackend(proxy.url, retries=0), {"today": TODAY})
    assert len(proxy.bodies) == 1
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: HTTP 500: storage unavailable "
                                               "(gave up after 1 attempt)")


@pytest.mark.parametrize(("payload", "fault"), [
    (b"<html>sign in to the proxy</html>", "the answer is not JSON (gave up after 1 attempt)"),
    (b'{"result": [{"findings": [{"id": "FG_02_03"}]}]}', "a finding lacks its id, resource or msg"),
    (b'{"result": [{"verdict": "allow"}]}', "no faasguard/main/findings in the answer (is the bundle loaded?)"),
    (b'{"result": {"findings": []}}', "the answer is not a query result"),
])
def test_an_answer_that_is_not_findings_is_an_error(opa_server, documents, payload, fault):
    with FaultProxy(opa_server, "answer", documents_only, payload) as proxy:
        result = rego.run(documents, ServerBackend(proxy.url), {"today": TODAY})
    assert len(proxy.bodies) == 1 + len(documents)  # not retried: the server did answer
    assert result.findings == []
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: {fault}")


def test_bundle_check_answer_of_another_shape_is_an_error(opa_server, documents):
    with FaultProxy(opa_server, "answer", payload=b'{"result": [{"bundles": [], "catalog": [], "rules": []}]}') as proxy:
        result = rego.run(documents, ServerBackend(proxy.url), {"today": TODAY})
    assert len(proxy.bodies) == 1
    assert _errors(result) == _each(documents, f"OPA server {proxy.url}: the answer is not a query result")


@pytest.fixture(scope="module")
def rego_server_findings(opa_server, documents):
    result = rego.run(documents, ServerBackend(opa_server), {"today": TODAY})
    assert result.errors == []
    return _findings(result)


def _findings(result) -> list[tuple[str, str, str]]:
    return sorted((f.rule_id, _name(f.file), f.resource) for f in result.findings)
