#!/usr/bin/env bash
# Sets up a development environment: a virtualenv in .venv with faasguard (editable) and its dev
# dependencies, plus (unless --python-only) the pinned Go tools (OPA, Regal, conftest) in .tools/bin,
# which only the tests and the `opa` backend need. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
stamp=".venv/.faasguard-installed"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  touch "$stamp"
fi
if [[ "${1:-}" != "--python-only" ]]; then
  bash scripts/install-tools.sh >/dev/null
fi
