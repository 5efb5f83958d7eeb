#!/usr/bin/env bash
# The whole test suite: set up (idempotent), then pytest (which also drives opa, regal, conftest,
# the checkov CLI and cfn-lint). Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export PATH="$root/.tools/bin:$root/.venv/bin:$PATH"
# one worker per core (FAASGUARD_TEST_WORKERS to change; 0 runs in this process); a test file stays on
# one worker, so its module fixtures (a Checkov or opa run over every fixture) are made once
exec .venv/bin/python -m pytest -n "${FAASGUARD_TEST_WORKERS:-auto}" --dist loadfile "$@"
