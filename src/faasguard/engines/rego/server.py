"""A running OPA server holding the bundle (`opa run -s bundle.tar.gz`), via opa-python-client."""
from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlparse

from faasguard.engines.rego import ENTRYPOINT, BackendError

TIMEOUT_SECONDS = 30.0  # the client's default 1.5 s is too short for large plans
RETRIES = 3


class ServerBackend:
    name = "server"

    def __init__(self, url: str, timeout: float = TIMEOUT_SECONDS, retries: int = RETRIES):
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise BackendError(f"not an OPA server URL: {url}")
        self.url = url
        self.settings = {
            "host": parsed.hostname,
            "port": parsed.port or (443 if parsed.scheme == "https" else 80),
            "ssl": parsed.scheme == "https",
            "timeout": timeout,
            "retries": retries,
        }

    def evaluate(self, inputs: Sequence[dict], today: str) -> list[list[dict] | BackendError]:
        from opa_client import OpaClient
        from opa_client.errors import ConnectionsError
        from requests.exceptions import ConnectionError as RequestsConnectionError

        # an ad-hoc query, so the scan's date can be given with `with` (the bundle owns data.faasguard)
        query = f"findings := data.{ENTRYPOINT.replace('/', '.')} with data.faasguard.config.today as {json.dumps(today)}"
        outcomes: list[list[dict] | BackendError] = []
        with OpaClient(**self.settings) as client:
            for document in inputs:
                try:
                    response = client.ad_hoc_query(query, input_data=document)
                except (ConnectionsError, RequestsConnectionError) as exc:
                    raise BackendError(f"OPA server {self.url} unreachable: {exc}") from exc
                except Exception as exc:  # the client raises requests/HTTP errors of several kinds
                    outcomes.append(BackendError(f"OPA server {self.url} failed: {exc}"))
                    continue
                results = response.get("result") or []
                if len(results) != 1 or "findings" not in results[0]:
                    outcomes.append(BackendError(f"OPA server {self.url} has no {ENTRYPOINT} (is the bundle loaded?)"))
                else:
                    outcomes.append(results[0]["findings"])
        return outcomes
