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
                   (and scan opa/separate: the same with `--rego-backend opa`)
- growth:          time and memory at each size over the first size

usage: python bench/run.py [--kinds plan,hcl,sam,serverless] [--sizes 1k,10k,50k] [--repeat 3]
                           [--configs NAME,...] [--json FILE] [--plot FILE.png] [--from-json FILE]...

With no option: every kind at 1k resources, once (about six minutes on two cores); growth needs more
sizes (10k takes about half an hour with every configuration, 50k plans are best timed with the Rego
configurations alone).

A configuration that fails (the WebAssembly backend out of memory on a large plan) is recorded as
failed, with its exit code, and the others still run.
Needs opa and conftest (scripts/install-tools.sh puts them in .tools/bin); --plot needs matplotlib
(pip install -e '.[bench]').
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
# a plan of 50,000 resources is about 95 MB, over the default file size limit (50 MB)
LARGE_FILES = ["--max-file-size", str(1024 * 1024 * 1024)]
CHECKOV_FRAMEWORK = {"plan": "terraform_plan", "hcl": "terraform", "sam": "cloudformation", "serverless": "serverless"}
# the peak resident set of a command and its children, measured by a parent that only waits
_MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL).returncode; "
            "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    failed: int | None = None  # the exit code of a run that failed


@dataclass
class Row:
    kind: str
    size: int
    resources: int
    times: dict[str, Sample] = field(default_factory=dict)


def _tool(name: str) -> str:
    found = shutil.which(name) or str(ROOT / ".tools" / "bin" / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: run scripts/install-tools.sh")
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
        peaks.append(int(peak_kb) / 1024)
        if int(code) not in ok:
            return Sample(seconds[-1], peaks[-1], failed=int(code))
    return Sample(statistics.median(seconds), max(peaks))


def check_findings(generated: Generated, cwd: Path, engines: tuple[str, ...] = ("checkov", "rego")) -> None:
    """`faasguard scan` with these engines finds exactly what the generator planted, each finding from
    every engine, and nothing fails."""
    # the opa backend: the WebAssembly one runs out of memory on the largest plans (docs/performance.md)
    engine = engines[0] if len(engines) == 1 else "both"
    proc = subprocess.run([sys.executable, "-m", "faasguard", "scan", *map(str, generated.paths), "--format", "json",
                           "--today", TODAY, "--engine", engine, "--rego-backend", "opa", "--opa-path", _tool("opa"),
                           *LARGE_FILES],
                          capture_output=True, text=True, cwd=cwd)
    report = json.loads(proc.stdout)
    found = {(f["rule_id"], os.path.abspath(cwd / f["file"]), f["resource"]) for f in report["findings"]}
    agreed = all(sorted(f["engines"]) == sorted(engines) for f in report["findings"])
    if report["errors"] or found != generated.expected or not agreed:
        raise SystemExit(f"{generated.kind}: the scan did not find what was planted: errors {report['errors'][:3]}, "
                         f"missing {sorted(generated.expected - found)[:5]}, unexpected {sorted(found - generated.expected)[:5]}, "
                         f"every finding from {engines}: {agreed}")


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


def bench(kind: str, size: int, repeat: int, work: Path, configs: set[str] | None = None) -> Row:
    generated = generate(kind, size, work / kind)
    # checked with the engines the timed configurations run (Checkov on a 50k plan takes long)
    checkov_runs = {"scan checkov", "scan both", "scan both opa", "checkov builtin", "checkov builtin+ours", "checkov ours"}
    check_findings(generated, work, ("checkov", "rego") if not configs or configs & checkov_runs else ("rego",))
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
    scan = [sys.executable, "-m", "faasguard", "scan", *paths, "--format", "json", "--output", os.devnull, *LARGE_FILES]
    runs = {
        "opa parse": [opa, "eval", "-i", str(document), "count(input)"],
        "opa bundle": [opa, "eval", "-b", str(ROOT / "rego"), "-d", str(data), "-i", str(document), query],
        "conftest": [conftest, "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main", "--data", str(data),
                     "-o", "json", "--no-color", *_files(generated)],
        "scan rego opa": [*scan, "--engine", "rego", "--rego-backend", "opa", "--opa-path", opa],
        "scan rego wasm": [*scan, "--engine", "rego"],
        "scan checkov": [*scan, "--engine", "checkov"],
        "scan both": scan,
        "scan both opa": [*scan, "--rego-backend", "opa", "--opa-path", opa],
        "checkov builtin": checkov,
        "checkov builtin+ours": [*checkov, *ours],
        "checkov ours": [*checkov, *ours, *only_ours],
    }
    unknown = (configs or set()) - set(runs)
    if unknown:
        raise SystemExit(f"unknown configurations {sorted(unknown)}; there are {list(runs)}")
    for name, command in runs.items():
        if configs and name not in configs:
            continue
        sample = row.times[name] = measure(command, repeat, work)
        failed = f" failed (exit {sample.failed})" if sample.failed is not None else ""
        print(f"  {kind:<10} {size:>6} {name:<22} {sample.seconds:8.2f} s {sample.peak_mb:8.0f} MB{failed}",
              file=sys.stderr, flush=True)
    return row


RATIOS = {  # name -> (numerator, denominators): the configurations each ratio compares
    "bundle/parse": ("opa bundle", ("opa parse",)),
    "wasm/opa": ("scan rego wasm", ("scan rego opa",)),
    "checkov+ours/builtin": ("checkov builtin+ours", ("checkov builtin",)),
    "scan/separate": ("scan both", ("checkov ours", "conftest")),
    "scan opa/separate": ("scan both opa", ("checkov ours", "conftest")),
}


def _ok(row: Row, name: str) -> bool:
    return name in row.times and row.times[name].failed is None


def ratios(row: Row) -> dict[str, float]:
    """The ratios whose configurations all ran and succeeded in this row."""
    return {ratio: row.times[top].seconds / sum(row.times[name].seconds for name in bottom)
            for ratio, (top, bottom) in RATIOS.items() if all(_ok(row, name) for name in (top, *bottom))}


def _cell(sample: Sample | None) -> str:
    if sample is None:
        return "—"
    if sample.failed is not None:
        return f"failed (exit {sample.failed}) after {sample.seconds:.2f} s, {sample.peak_mb:.0f} MB"
    return f"{sample.seconds:.2f} s, {sample.peak_mb:.0f} MB"


def report(rows: list[Row]) -> str:
    lines = []
    for kind in dict.fromkeys(r.kind for r in rows):
        mine = [r for r in rows if r.kind == kind]
        names = list(dict.fromkeys(name for r in mine for name in r.times))
        lines.append(f"\n## {kind}\n")
        lines.append("| configuration | " + " | ".join(f"{r.resources} res." for r in mine) + " | growth (time, memory) |")
        lines.append("|---|" + "---|" * len(mine) + "---|")
        for name in names:
            cells = [_cell(r.times.get(name)) for r in mine]
            measured = [r for r in mine if _ok(r, name)]
            first = measured[0].times[name] if measured else None
            growth = " → ".join(f"{r.times[name].seconds / first.seconds:.1f}×/{r.times[name].peak_mb / first.peak_mb:.1f}×"
                                for r in measured[1:])
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth or '—'} |")
        for r in mine:
            found = ratios(r)
            if found:
                lines.append(f"\n{r.resources} resources: " + ", ".join(f"{k} {v:.2f}" for k, v in found.items()))
    return "\n".join(lines)


def plot(rows: list[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(dict.fromkeys(r.kind for r in rows))
    figure, axes = plt.subplots(1, len(kinds), figsize=(5 * len(kinds), 4), squeeze=False)
    for axis, kind in zip(axes[0], kinds):
        mine = [r for r in rows if r.kind == kind]
        for name in ("scan rego wasm", "scan rego opa", "scan checkov", "scan both", "scan both opa", "opa bundle",
                     "conftest", "checkov builtin+ours"):
            points = [(r.resources, r.times[name].seconds) for r in mine if _ok(r, name)]
            if points:
                axis.plot(*zip(*points), marker="o", label=name)
        axis.set(title=kind, xlabel="resources", ylabel="seconds", xscale="log", yscale="log")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def _row(entry: dict) -> Row:
    return Row(entry["kind"], entry["size"], entry["resources"],
               {name: Sample(**sample) for name, sample in entry["times"].items()})


def _merged(rows: list[Row]) -> list[Row]:
    """Rows of the same kind and size (configurations measured in separate runs) as one."""
    merged: dict[tuple[str, int], Row] = {}
    for row in rows:
        merged.setdefault((row.kind, row.size), Row(row.kind, row.size, row.resources)).times.update(row.times)
    return list(merged.values())


def _size(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text.lower().endswith("k") else int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--sizes", default="1k")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--configs", help="only these configurations (comma-separated names, as printed)")
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    parser.add_argument("--from-json", type=Path, action="append", default=[],
                        help="measure nothing: report (and plot) the measurements of earlier --json files")
    parser.add_argument("--plot", type=Path, help="draw time against size to this PNG (needs matplotlib)")
    args = parser.parse_args()
    rows = _merged([_row(entry) for path in args.from_json for entry in json.loads(path.read_text())])
    configs = set(args.configs.split(",")) if args.configs else None
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(",") if not args.from_json else []:
            for size in map(_size, args.sizes.split(",")):
                rows.append(bench(kind, size, args.repeat, Path(tmp), configs))
    rows.sort(key=lambda r: (list(KINDS).index(r.kind), r.resources))
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    if args.plot:
        plot(rows, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
