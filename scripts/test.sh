#!/usr/bin/env bash
# The whole test suite: set up (idempotent), then pytest (which also drives opa, regal, conftest,
# the checkov CLI and cfn-lint). Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export PATH="$root/.tools/bin:$root/.venv/bin:$PATH"
exec .venv/bin/python -m pytest "$@"
