#!/usr/bin/env bash
# Sets up a virtualenv in .venv with faasguard (editable). With no argument, for development: also its
# dev dependencies (the tests' tools) and the pinned Go tools (OPA, Regal, conftest) in .tools/bin, which
# only the tests and the `opa` backend need. With --python-only (scripts/try.sh): faasguard alone, which
# scans with its default wasm backend. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
if [[ "${1:-}" == "--python-only" ]]; then
  target="." stamp=".venv/.faasguard-installed"
else
  target=".[dev]" stamp=".venv/.faasguard-installed-dev"
fi
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$target"
  touch "$stamp"
fi
if [[ "${1:-}" != "--python-only" ]]; then
  bash scripts/install-tools.sh >/dev/null
fi
