#!/usr/bin/env bash
# One command for a newcomer: set everything up, then scan the bundled example project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
echo "+ faasguard scan examples/" >&2
.venv/bin/faasguard scan examples/ "$@"
