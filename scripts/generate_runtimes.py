#!/usr/bin/env python3
"""Write (or with --check, verify) src/faasguard/data/runtimes.yaml, the Lambda runtime deprecation table,
from cfn-lint's LmbdRuntimeLifecycle.json (see faasguard.runtimes_generate). Run scripts/generate.py after
it: the Rego bundle's copy of the table is generated from this file."""
import sys
from pathlib import Path

from faasguard import runtimes_generate

root = Path(__file__).resolve().parents[1]
if "--check" in sys.argv:
    if runtimes_generate.stale(root):
        print("stale: src/faasguard/data/runtimes.yaml (run scripts/generate_runtimes.py)", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
if runtimes_generate.write(root):
    print("wrote src/faasguard/data/runtimes.yaml")
