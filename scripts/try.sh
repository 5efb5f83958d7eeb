#!/usr/bin/env bash
# One command for a newcomer: install faasguard (pip only), then scan the bundled example project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --python-only  # the default wasm backend needs no Go tool
echo "+ faasguard scan examples/" >&2
.venv/bin/faasguard scan examples/ "$@"
