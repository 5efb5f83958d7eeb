"""A running OPA server holding the bundle (`opa run -s bundle.tar.gz`), via opa-python-client.

Once per scan the server's bundle is checked to be the one this faasguard version ships (revision,
catalog, rule packages); then each document is one ad-hoc query. A request that fails is retried a
bounded number of times; a server that stops answering at all ends the scan's use of it (every document
not yet evaluated gets the error), so such a server costs a scan at most (1 + retries) timeouts and the
pauses between them. FAASGUARD_OPA_TIMEOUT and FAASGUARD_OPA_RETRIES change the two.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from urllib.parse import urlparse

from faasguard import __version__, catalog
from faasguard.engines.rego import ENTRYPOINT, BackendError

TIMEOUT_SECONDS = 30.0  # the client's default 1.5 s is too short for large plans
RETRIES = 3
TIMEOUT_VARIABLE, RETRIES_VARIABLE = "FAASGUARD_OPA_TIMEOUT", "FAASGUARD_OPA_RETRIES"  # override the two
BACKOFF_SECONDS = 0.2  # before the first retry; doubled before each next one
# a root every faasguard bundle claims (rego/.manifest; data.faasguard.config stays the caller's)
BUNDLE_ROOT = "faasguard/rules"

# What the server's faasguard bundle is: its manifest (from OPA's own record of activated bundles),
# the catalog's rule ids and the rule packages it holds. Set comprehensions are always defined, so an
# empty result means data.system.bundles is undefined: the server holds no bundle at all.
BUNDLE_QUERY = ("bundles := data.system.bundles; catalog := {id | some id; data.faasguard.catalog[id]}; "
                "rules := {name | some name; data.faasguard.rules[name]}")


class ServerUnanswered(BackendError):
    """No HTTP answer (cannot connect, timeout, connection broken): the server is unusable for the scan."""


class ServerRefused(BackendError):
    """The server answered, but with an error or something that is not a query result."""


class ServerBackend:
    name = "server"

    def __init__(self, url: str, timeout: float | None = None, retries: int | None = None):
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise BackendError(f"not an OPA server URL: {url}")
        self.url = url
        self.timeout = timeout if timeout is not None else _setting(
            TIMEOUT_VARIABLE, TIMEOUT_SECONDS, float, lambda v: 0 < v < float("inf"), "a number of seconds above 0")
        self.retries = retries if retries is not None else _setting(
            RETRIES_VARIABLE, RETRIES, int, lambda v: v >= 0, "a whole number, 0 or more")
        self.settings = {
            "host": parsed.hostname,
            "port": parsed.port or (443 if parsed.scheme == "https" else 80),
            "ssl": parsed.scheme == "https",
            "timeout": self.timeout,
            "retries": 0,  # the client retries only connecting, and not POSTs: _query retries everything
        }

    def evaluate(self, inputs: Sequence[dict], config: dict) -> list[list[dict] | BackendError]:
        from opa_client import OpaClient

        # an ad-hoc query, so the scan's date and settings can be given with `with` (the bundle owns
        # data.faasguard)
        query = f"findings := data.{ENTRYPOINT.replace('/', '.')} with data.faasguard.config as {json.dumps(config)}"
        outcomes: list[list[dict] | BackendError] = []
        with OpaClient(**self.settings) as client:
            self._check_bundle(self._query(client, BUNDLE_QUERY))
            for document in inputs:
                try:
                    outcomes.append(self._findings(self._query(client, query, document)))
                except ServerRefused as exc:
                    outcomes.append(exc)
                except ServerUnanswered as exc:
                    return outcomes + [exc] * (len(inputs) - len(outcomes))
        return outcomes

    def _query(self, client, query: str, document: dict | None = None) -> list:
        """The query's results, after at most `retries` retries of a fault that may pass."""
        import requests

        attempts = 0
        while True:
            attempts += 1
            try:
                response = client.ad_hoc_query(query, input_data=document)
            except requests.RequestException as exc:
                fault, answered, transient = _fault(exc, self.timeout)
                if transient and attempts <= self.retries:
                    time.sleep(BACKOFF_SECONDS * 2 ** (attempts - 1))
                    continue
                error = ServerRefused if answered else ServerUnanswered
                raise error(f"OPA server {self.url}: {fault} (gave up after {_count(attempts, 'attempt')})") from exc
            if not isinstance(response, dict) or not isinstance(response.get("result", []), list):
                raise ServerRefused(f"OPA server {self.url}: the answer is not a query result")
            return response.get("result") or []

    def _check_bundle(self, results: list) -> None:
        """Refuse a server whose faasguard bundle is not the one this faasguard version ships."""
        if len(results) != 1:
            raise BackendError(f"OPA server {self.url} holds no bundle (serve the one `faasguard bundle build` "
                               "writes: `opa run -s --bundle bundle.tar.gz`)")
        served = results[0]
        if not _has_types(served, bundles=dict, catalog=list, rules=list):
            raise ServerRefused(f"OPA server {self.url}: the answer is not a query result")
        self._check_revision(served["bundles"])
        expected = set(catalog.rules())
        # the catalog must match exactly; rule packages may have company (the `_test` packages of rego/)
        problems = _differences("catalog", expected, set(served["catalog"]))
        problems += _differences("rule packages", {i.lower() for i in expected}, set(served["rules"]), extra=False)
        if problems:
            raise BackendError(f"OPA server {self.url} does not hold the rules of this faasguard version: "
                               + "; ".join(problems))

    def _check_revision(self, bundles: dict) -> None:
        manifests = [b["manifest"] for b in bundles.values() if _has_types(b, manifest=dict)]
        revisions = [m.get("revision") for m in manifests if BUNDLE_ROOT in (m.get("roots") or [])]
        if revisions != [__version__]:
            found = f"bundle revision {revisions[0]!r}" if revisions else f"no bundle with root {BUNDLE_ROOT!r}"
            raise BackendError(f"OPA server {self.url} holds {found}, not {__version__!r} of this faasguard "
                               "version (serve the bundle `faasguard bundle build` writes)")

    def _findings(self, results: list) -> list[dict]:
        findings = results[0].get("findings") if len(results) == 1 and isinstance(results[0], dict) else None
        if not isinstance(findings, list):
            raise ServerRefused(f"OPA server {self.url}: no {ENTRYPOINT} in the answer (is the bundle loaded?)")
        if not all(_has_types(f, id=str, resource=str, msg=str) for f in findings):
            raise ServerRefused(f"OPA server {self.url}: a finding lacks its id, resource or msg")
        return findings


def _has_types(value, **types: type) -> bool:
    """Whether `value` is a dict whose keys hold values of these types (an answer's shape)."""
    return isinstance(value, dict) and all(isinstance(value.get(key), kind) for key, kind in types.items())


def _setting(variable: str, default, parse, valid, what: str):
    """The environment's value for `variable`, else `default`; a value that is not `what` is an error."""
    text = os.environ.get(variable)
    if text is None:
        return default
    try:
        value = parse(text)
    except ValueError:
        value = None
    if value is None or not valid(value):
        raise BackendError(f"{variable} must be {what}, not {text!r}")
    return value


def _fault(exc: Exception, timeout: float) -> tuple[str, bool, bool]:
    """What went wrong, in words; whether the server answered at all (an HTTP status); whether
    asking again may help (no answer, or a server error: the query only reads, so a retry is safe)."""
    import requests

    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        status = exc.response.status_code
        return f"HTTP {status}: {_opa_message(exc.response)}", True, status >= 500
    if isinstance(exc, requests.JSONDecodeError):
        return "the answer is not JSON", True, False
    if isinstance(exc, requests.ConnectTimeout):
        return f"unreachable: no connection within {timeout:g} s", False, True
    if isinstance(exc, requests.ReadTimeout):
        return f"no answer within {timeout:g} s", False, True
    if isinstance(exc, requests.ConnectionError) and _failed_to_connect(exc):
        return f"unreachable ({_root_cause(exc)})", False, True
    return f"connection broken during the answer ({_root_cause(exc)})", False, True


def _opa_message(response) -> str:
    """OPA's error message (`{"code": ..., "message": ...}`), or the start of whatever else answered."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return response.reason or response.text[:200]


def _causes(exc: BaseException):
    """The chain of exceptions behind `exc` (requests wraps urllib3, which wraps the socket error)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or getattr(exc, "reason", None) or exc.__context__


def _root_cause(exc: BaseException) -> str:
    *_, root = _causes(exc)
    return (root.strerror if isinstance(root, OSError) and root.strerror else None) or type(root).__name__


def _failed_to_connect(exc: BaseException) -> bool:
    from urllib3.exceptions import NewConnectionError

    return any(isinstance(cause, NewConnectionError) for cause in _causes(exc))


def _differences(what: str, expected: set[str], served: set[str], extra: bool = True) -> list[str]:
    """What the server lacks of `expected`, and (if `extra`) what it has beyond."""
    missing = sorted(expected - served)
    added = sorted(served - expected) if extra else []
    return ([f"{what} lack {', '.join(missing)}"] if missing else []) + \
        ([f"{what} have unknown {', '.join(added)}"] if added else [])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
