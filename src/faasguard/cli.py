"""The `faasguard` command."""
from __future__ import annotations

import argparse
import sys

from faasguard import __version__, catalog, paths

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EPILOG = """exit codes of `scan`:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  a usage, input or engine error (a file or rule that could not be evaluated)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faasguard", description="CSA serverless top-12 checks for Checkov and OPA",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"faasguard {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan files and directories with both engines",
                               epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--format", choices=("text", "json"), default="text")
    scan.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    scan.add_argument("--engine", choices=("both", "checkov", "rego"), default="both")
    scan.add_argument("--rego-backend", choices=("wasm", "opa", "server"), default="wasm",
                      help="wasm: compiled bundle in process (default, no binary); opa: the opa binary; "
                           "server: a running OPA server (--opa-url)")
    scan.add_argument("--opa-path", metavar="PATH", help="the opa binary (default: PATH, then .tools/bin)")
    scan.add_argument("--opa-url", metavar="URL", help="OPA server holding the faasguard bundle, e.g. http://127.0.0.1:8181")
    scan.add_argument("--fail-on", choices=catalog.SEVERITY_ORDER, default="INFO", type=str.upper,
                      help="lowest severity that makes the exit code 1 (default: INFO)")
    commands.add_parser("checks-dir", help="print the Checkov --external-checks-dir path")
    commands.add_parser("rego-dir", help="print the Rego bundle path")
    commands.add_parser("list", help="list the rules")
    return parser


def _scan(args: argparse.Namespace) -> int:
    from faasguard.report import json_report, text_report
    from faasguard.scan import ENGINES, RegoOptions, scan

    engines = ENGINES if args.engine == "both" else (args.engine,)
    if args.rego_backend == "server" and not args.opa_url and "rego" in engines:
        print("faasguard: --rego-backend server needs --opa-url", file=sys.stderr)
        return EXIT_ERROR
    rego = RegoOptions(args.rego_backend, args.opa_path, args.opa_url)
    result = scan(args.paths, engines=engines, rego=rego)
    text = (json_report if args.format == "json" else text_report).render(result)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    if result.errors:
        return EXIT_ERROR
    failing = [f for f in result.findings if catalog.severity_at_least(f.rule.severity, args.fail_on)]
    return EXIT_FINDINGS if failing else EXIT_OK


def _list() -> int:
    for rule in catalog.rules().values():
        print(f"{rule.id}  {rule.severity:<8} {','.join(rule.sas):<14} {rule.title}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_ERROR
    if args.command == "checks-dir":
        print(paths.checks_dir())
        return EXIT_OK
    if args.command == "rego-dir":
        print(paths.rego_dir())
        return EXIT_OK
    if args.command == "list":
        return _list()
    return _scan(args)
