#!/usr/bin/env python3
"""Write (or with --check, verify) everything generated from the catalog."""
import sys
from pathlib import Path

from faasguard import generate

root = Path(__file__).resolve().parents[1]
if "--check" in sys.argv:
    stale = generate.stale(root)
    for path in stale:
        print(f"stale: {path.relative_to(root)} (run scripts/generate.py)", file=sys.stderr)
    sys.exit(1 if stale else 0)
for path in generate.write(root):
    print(f"wrote {path.relative_to(root)}")
