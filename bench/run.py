#!/usr/bin/env python3
"""faasguard against the tools a team would otherwise run, on synthetic inputs of growing size.

For each kind of input (bench/generate.py: plan, hcl, sam, serverless) and size (resources), it makes the
input, then times each configuration in its own process (median of --repeat runs) and records its peak
memory (the largest resident set of the process and its children). It checks that `faasguard scan`
finds exactly the findings the generator planted, and prints ratios measured in the same run:

- bundle/parse:    `opa eval` of the whole bundle on the input, over `opa eval` of `count(input)`
- wasm/opa:        `faasguard scan --engine rego` (wasm, the default) over the same with `--rego-backend opa`
- checkov+ours/builtin: `checkov` with faasguard's checks and its built-ins, over its built-ins alone
- scan/separate:   `faasguard scan` (both engines) over `checkov` with our checks then `conftest test`
- growth:          time and memory at each size over the first size

usage: python bench/run.py [--kinds plan,hcl,sam,serverless] [--sizes 1k,10k,50k] [--repeat 3]
                           [--json FILE] [--plot FILE.png]
Needs opa and conftest (scripts/install_tools.sh puts them in .tools/bin).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import KINDS, Generated, generate  # noqa: E402

TODAY = "2026-12-01"  # the examples' findings are stated for this date (runtime deprecations)
CHECKOV_FRAMEWORK = {"plan": "terraform_plan", "hcl": "terraform", "sam": "cloudformation", "serverless": "serverless"}
# the peak resident set of a command and its children, measured by a parent that only waits
_MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL).returncode; "
            "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    kind: str
    size: int
    resources: int
    times: dict[str, Sample] = field(default_factory=dict)


def _tool(name: str) -> str:
    found = shutil.which(name) or str(ROOT / ".tools" / "bin" / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: run scripts/install_tools.sh")
    return found


def measure(command: list[str], repeat: int, cwd: Path, ok: tuple[int, ...] = (0, 1)) -> Sample:
    """Median wall time and largest peak memory over `repeat` runs of `command`."""
    seconds, peaks = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, "FAASGUARD_TODAY": TODAY, "NO_COLOR": "1"})
        seconds.append(time.perf_counter() - started)
        code, peak_kb = proc.stdout.split()
        if int(code) not in ok:
            raise SystemExit(f"{' '.join(command)} exited {code}")
        peaks.append(int(peak_kb) / 1024)
    return Sample(statistics.median(seconds), max(peaks))


def check_findings(generated: Generated, cwd: Path) -> None:
    """`faasguard scan` finds exactly what the generator planted, with both engines, and nothing fails."""
    proc = subprocess.run([sys.executable, "-m", "faasguard", "scan", *map(str, generated.paths), "--format", "json",
                           "--today", TODAY], capture_output=True, text=True, cwd=cwd)
    report = json.loads(proc.stdout)
    found = {(f["rule_id"], os.path.abspath(cwd / f["file"]), f["resource"]) for f in report["findings"]}
    agreed = all(sorted(f["engines"]) == ["checkov", "rego"] for f in report["findings"])
    if report["errors"] or found != generated.expected or not agreed:
        raise SystemExit(f"{generated.kind}: the scan did not find what was planted: errors {report['errors'][:3]}, "
                         f"missing {sorted(generated.expected - found)[:5]}, unexpected {sorted(found - generated.expected)[:5]}, "
                         f"engines agree: {agreed}")


def _documents_input(generated: Generated, folder: Path) -> Path:
    """What `opa eval` reads: the plan itself, or the loader's documents of a set of files as one array."""
    if generated.kind == "plan":
        return generated.paths[0]
    from faasguard.inputs.load import load_paths

    path = folder / "documents.json"
    path.write_text(json.dumps([d.data for d in load_paths([str(p) for p in generated.paths]).documents]))
    return path


def _files(generated: Generated) -> list[str]:
    """The raw files conftest is given (it parses each itself)."""
    if generated.kind == "plan":
        return [str(generated.paths[0])]
    suffixes = {"hcl": (".tf",), "sam": (".yaml",), "serverless": (".yml",)}[generated.kind]
    return sorted(str(p) for p in generated.paths[0].rglob("*") if p.suffix in suffixes)


def bench(kind: str, size: int, repeat: int, work: Path) -> Row:
    generated = generate(kind, size, work / kind)
    check_findings(generated, work)
    paths = [str(p) for p in generated.paths]
    opa, conftest = _tool("opa"), _tool("conftest")
    data = work / "today.json"
    data.write_text(json.dumps({"faasguard": {"config": {"today": TODAY}}}))
    document = _documents_input(generated, work)
    query = ("data.faasguard.main.findings" if kind == "plan" else
             "[f | some doc in input; some f in data.faasguard.main.findings with input as doc]")
    framework = CHECKOV_FRAMEWORK[kind]
    checkov_target = ["-f", paths[0]] if kind == "plan" else ["-d", paths[0]]
    checkov = [sys.executable, "-m", "checkov.main", *checkov_target, "--framework", framework, "--quiet",
               "-o", "json", "--skip-download"]
    ours = ["--external-checks-dir", str(ROOT / "checks")]
    only_ours = ["--check", "FG_*"]
    row = Row(kind, size, generated.resources)
    scan = [sys.executable, "-m", "faasguard", "scan", *paths, "--format", "json", "--output", os.devnull]
    runs = {
        "opa parse": [opa, "eval", "-i", str(document), "count(input)"],
        "opa bundle": [opa, "eval", "-b", str(ROOT / "rego"), "-d", str(data), "-i", str(document), query],
        "conftest": [conftest, "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main", "--data", str(data),
                     "-o", "json", "--no-color", *_files(generated)],
        "scan rego opa": [*scan, "--engine", "rego", "--rego-backend", "opa", "--opa-path", opa],
        "scan rego wasm": [*scan, "--engine", "rego"],
        "scan checkov": [*scan, "--engine", "checkov"],
        "scan both": scan,
        "checkov builtin": checkov,
        "checkov builtin+ours": [*checkov, *ours],
        "checkov ours": [*checkov, *ours, *only_ours],
    }
    for name, command in runs.items():
        row.times[name] = measure(command, repeat, work)
        print(f"  {kind:<10} {size:>6} {name:<22} {row.times[name].seconds:8.2f} s {row.times[name].peak_mb:8.0f} MB",
              file=sys.stderr, flush=True)
    return row


def ratios(row: Row) -> dict[str, float]:
    t = {name: sample.seconds for name, sample in row.times.items()}
    return {
        "bundle/parse": t["opa bundle"] / t["opa parse"],
        "wasm/opa": t["scan rego wasm"] / t["scan rego opa"],
        "checkov+ours/builtin": t["checkov builtin+ours"] / t["checkov builtin"],
        "scan/separate": t["scan both"] / (t["checkov ours"] + t["conftest"]),
    }


def report(rows: list[Row]) -> str:
    lines = []
    for kind in dict.fromkeys(r.kind for r in rows):
        mine = [r for r in rows if r.kind == kind]
        names = list(mine[0].times)
        lines.append(f"\n## {kind}\n")
        lines.append("| configuration | " + " | ".join(f"{r.resources} res." for r in mine) + " | growth (time, memory) |")
        lines.append("|---|" + "---|" * len(mine) + "---|")
        for name in names:
            cells = [f"{r.times[name].seconds:.2f} s, {r.times[name].peak_mb:.0f} MB" for r in mine]
            growth = " → ".join(f"{r.times[name].seconds / mine[0].times[name].seconds:.1f}×/"
                                f"{r.times[name].peak_mb / mine[0].times[name].peak_mb:.1f}×" for r in mine[1:])
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth or '—'} |")
        for r in mine:
            lines.append(f"\n{r.resources} resources: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios(r).items()))
    return "\n".join(lines)


def plot(rows: list[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(dict.fromkeys(r.kind for r in rows))
    figure, axes = plt.subplots(1, len(kinds), figsize=(5 * len(kinds), 4), squeeze=False)
    for axis, kind in zip(axes[0], kinds):
        mine = [r for r in rows if r.kind == kind]
        for name in ("scan rego wasm", "scan rego opa", "scan checkov", "scan both", "opa bundle", "conftest",
                     "checkov builtin+ours"):
            axis.plot([r.resources for r in mine], [r.times[name].seconds for r in mine], marker="o", label=name)
        axis.set(title=kind, xlabel="resources", ylabel="seconds", xscale="log", yscale="log")
        axis.grid(True, which="both", alpha=0.3)
    axes[0][0].legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def _size(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text.lower().endswith("k") else int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--sizes", default="1k,10k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    parser.add_argument("--plot", type=Path, help="draw time against size to this PNG (needs matplotlib)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for size in map(_size, args.sizes.split(",")):
                rows.append(bench(kind, size, args.repeat, Path(tmp)))
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    if args.plot:
        plot(rows, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
