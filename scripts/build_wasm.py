#!/usr/bin/env python3
"""Rebuild src/faasguard/wasm/ (the bundle compiled to WebAssembly) from rego/; --check only verifies."""
import sys

from faasguard import wasm_build

if "--check" in sys.argv:
    stale = wasm_build.stale()
    for name in stale:
        print(f"stale: src/faasguard/wasm/{name} (run scripts/build_wasm.py)", file=sys.stderr)
    sys.exit(1 if stale else 0)
for name in wasm_build.write():
    print(f"wrote src/faasguard/wasm/{name}")
