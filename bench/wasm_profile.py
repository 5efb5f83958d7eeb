#!/usr/bin/env python3
"""Where the WebAssembly backend's memory goes: each rule package's `deny`, evaluated alone.

OPA's WebAssembly frees nothing during an evaluation, so the memory of the default backend is the sum
of everything the whole bundle allocates on the input. This compiles the bundle with one entrypoint per
rule (and one for the input's format alone, the baseline: the process, the module, the input), evaluates each entrypoint
in a fresh process on a generated input, and prints the linear memory each one grew to, largest first.
A rule's figure includes the views it reads (each evaluated alone computes its own), so the figures
overlap and do not add up to the whole bundle's, which is printed last.

usage: python bench/wasm_profile.py [--kind plan] [--size 1000] [--top 20] [--what rules|views]
Needs opa (scripts/install-tools.sh puts it in .tools/bin).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402
from run import TODAY, _documents_input, _tool  # noqa: E402

# evaluated in a child process: the wasm memory (64 KiB pages) after one evaluation of one entrypoint
_CHILD = r"""
import json, sys, time
from opapywasm import OpaWasmPolicy, PolicyConfig, runtime
from faasguard.engines.rego.host_builtins import HOST_BUILTINS
from faasguard.engines.rego import wasm as backend
wasm_path, data_path, input_path, entrypoint = sys.argv[1:]
runtime._DEFAULT_MEMORY_PAGES = 64
policy = OpaWasmPolicy.from_wasm_bytes(open(wasm_path, "rb").read(), backend._config(PolicyConfig))
for name, function in HOST_BUILTINS.items():
    policy.register_builtin(name, function)
data = json.load(open(data_path))
policy.set_data(backend._with_config(data, {"today": "%s"}))
document = json.load(open(input_path))
documents = document if isinstance(document, list) else [document]
started = time.perf_counter()
for one in documents:
    policy.evaluate(one, entrypoint)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds}))
""" % TODAY


BASELINE, WHOLE = "faasguard/model/format", "faasguard/main/findings"


# the Terraform adapters build their views in groups (one object each); any view asks for all of them
VIEW_GROUPS = ("views", "api_views", "trigger_views", "storage_views", "cors_views", "exposure_views",
               "network_views", "secret_views", "secret_store_views", "validation_views", "edge_views",
               "deployment_views", "logging_views", "api_monitoring_views", "monitoring_views",
               "code_source_views", "dependency_views", "limit_views", "throttling_views", "failure_views",
               "error_views", "lifecycle_views", "usage_views", "persistence_views", "efs_views")
TERRAFORM_ADAPTER = {"plan": "plan", "hcl": "terraform"}


def _entrypoints(kind: str, what: str) -> list[str]:
    if what == "views":
        return [BASELINE, WHOLE, *(f"faasguard/model/bench/{group}" for group in VIEW_GROUPS)]
    rules = sorted(p.name for p in (ROOT / "rego" / "faasguard" / "rules").iterdir() if p.is_dir())
    return [BASELINE, WHOLE, *(f"faasguard/rules/{rule}/deny" for rule in rules)]


def _probe_package(kind: str) -> str:
    """A package with one rule per view group, each counting the group's views (an entrypoint of the
    adapter's own rules trips `opa build -t wasm` over the model's dynamic references)."""
    adapter = TERRAFORM_ADAPTER[kind]
    rules = "\n".join(f"{group} := count(data.faasguard.adapters.{adapter}.{group})" for group in VIEW_GROUPS)
    return f"package faasguard.model.bench\n\n{rules}\n"


def _build(opa: str, folder: Path, entrypoints: list[str], kind: str) -> tuple[Path, Path]:
    out = folder / "bundle.tar.gz"
    bundle = folder / "rego"
    shutil.copytree(ROOT / "rego", bundle, ignore=shutil.ignore_patterns("*_test.rego"))
    if kind in TERRAFORM_ADAPTER:
        (bundle / "faasguard" / "model" / "bench.rego").write_text(_probe_package(kind))
    command = [opa, "build", "-t", "wasm", "-b", "rego", "-o", str(out)]
    for entrypoint in entrypoints:
        command += ["-e", entrypoint]
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"opa build failed: {proc.stderr}")
    with tarfile.open(out) as archive:
        (folder / "policy.wasm").write_bytes(archive.extractfile("/policy.wasm").read())
        (folder / "data.json").write_bytes(archive.extractfile("/data.json").read())
    return folder / "policy.wasm", folder / "data.json"


def _measure(wasm: Path, data: Path, document: Path, entrypoint: str) -> tuple[float, float]:
    """Seconds of the evaluation, and the peak resident memory (MB) of the process."""
    probe = ("import resource, sys; sys.argv = ['child', *sys.argv[1:]]; "
             f"exec(compile({_CHILD!r}, 'child', 'exec')); "
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", probe, str(wasm), str(data), str(document), entrypoint],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return float("nan"), float("nan")
    lines = proc.stdout.splitlines()[-2:]
    return json.loads(lines[0])["seconds"], int(lines[1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", default="plan")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--what", choices=("rules", "views"), default="rules",
                        help="rules: each rule's deny; views: each view group of a Terraform adapter (plan, hcl)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generated = generate(args.kind, args.size, folder / args.kind)
        document = _documents_input(generated, folder)
        entrypoints = _entrypoints(args.kind, args.what)
        started = time.perf_counter()
        wasm, data = _build(_tool("opa"), folder, entrypoints, args.kind)
        print(f"built {len(entrypoints)} entrypoints in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        results = {}
        for entrypoint in entrypoints:
            results[entrypoint] = _measure(wasm, data, document, entrypoint)
            print(f"  {entrypoint:<34} {results[entrypoint][0]:7.2f} s {results[entrypoint][1]:7.0f} MB",
                  file=sys.stderr, flush=True)
    baseline, whole = results.pop(BASELINE), results.pop(WHOLE)
    print(f"\n{args.kind}, {generated.resources} resources: the whole bundle {whole[0]:.2f} s, {whole[1]:.0f} MB "
          f"peak; the baseline (process, module, input) {baseline[1]:.0f} MB\n")
    print(f"| {args.what[:-1]} (alone) | seconds | peak MB |\n|---|---|---|")
    for entrypoint, (seconds, peak) in sorted(results.items(), key=lambda item: -item[1][1])[:args.top]:
        print(f"| {entrypoint.split('/')[-2 if args.what == 'rules' else -1]} | {seconds:.2f} | {peak:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
