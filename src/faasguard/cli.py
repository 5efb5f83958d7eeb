"""The `faasguard` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from faasguard import __version__, catalog, paths
from faasguard.config import CONFIG_NAME

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EPILOG = """exit codes of `scan`:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on (or, with --fail-on-undecided, an undecided value)
  2  a usage, input or engine error (a file or rule that could not be evaluated)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faasguard",
                                     description="checks for AWS serverless risks (after the CSA serverless "
                                                 "top-12) for Checkov and OPA; `faasguard list` shows the rules",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"faasguard {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan files and directories with both engines",
                               epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--format", choices=("text", "json", "sarif", "junit", "markdown"), default="text")
    scan.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    scan.add_argument("--engine", choices=("both", "checkov", "rego"), default="both")
    scan.add_argument("--rego-backend", choices=("wasm", "opa", "server"), default="wasm",
                      help="wasm: compiled bundle in process (default, no binary); opa: the opa binary; "
                           "server: a running OPA server (--opa-url)")
    scan.add_argument("--opa-path", metavar="PATH", help="the opa binary (default: PATH, then .tools/bin)")
    scan.add_argument("--opa-url", metavar="URL", help="OPA server holding the faasguard bundle, e.g. http://127.0.0.1:8181")
    scan.add_argument("--fail-on", choices=catalog.SEVERITY_ORDER, default="INFO", type=str.upper,
                      help="lowest severity that makes the exit code 1 (default: INFO)")
    scan.add_argument("--check", action="append", metavar="IDS",
                      help="only these rules: ids, wildcards (FG_04_*) or a severity (HIGH = HIGH and above); repeatable, comma-separated")
    scan.add_argument("--skip-check", action="append", metavar="IDS",
                      help="skip these rules: ids, wildcards or a severity (LOW = LOW and below)")
    scan.add_argument("--framework", action="append", choices=catalog.FORMATS,
                      help="only these formats (repeatable; cloudformation includes SAM)")
    scan.add_argument("--config", metavar="FILE",
                      help=f"suppressions file (default: the nearest {CONFIG_NAME} at or above the first PATH)")
    scan.add_argument("--show-parity", action="store_true",
                      help="list findings that not every engine reported (each is a faasguard bug); exit 2 if any")
    scan.add_argument("--var-file", action="append", metavar="FILE", dest="var_files",
                      help="a Terraform variables file for the root modules, as `terraform plan -var-file` "
                           "(repeatable, later files win; terraform.tfvars and *.auto.tfvars are read anyway)")
    scan.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                      help="the date rules judge by (runtime deprecations, exception expiry); default: today in UTC")
    scan.add_argument("--verbose", action="store_true",
                      help="list the undecided values in the text and markdown reports "
                           "(the summary always counts them)")
    scan.add_argument("--fail-on-undecided", action="store_true",
                      help="exit 1 when a rule is undecided on a value (one only deployment settles, "
                           "alternatives that disagree) or a module call is not read")
    scan.add_argument("--skip-unknown", action="store_true",
                      help="ignore named files that are not infrastructure as code instead of reporting them (pre-commit)")
    scan.add_argument("--max-file-size", type=_size, metavar="SIZE",
                      help="refuse files larger than this, e.g. 200M (default: $FAASGUARD_MAX_FILE_SIZE, else 50M)")
    scan.add_argument("--max-yaml-alias-nodes", type=_size, metavar="N",
                      help="refuse YAML whose aliases expand to more nodes than this "
                           "(default: $FAASGUARD_MAX_YAML_ALIAS_NODES, else 100000)")
    scan.add_argument("--changed-only", action="store_true",
                      help="plans: report only resources the plan creates, updates or replaces "
                           "(findings of other files are kept)")
    scan.add_argument("--tf-dir", metavar="DIR",
                      help="plans: the root module the plan was made from, so findings give the .tf file "
                           "and lines and its checkov:skip comments apply (default: the plan's folder "
                           "when it holds .tf files)")
    permissions = commands.add_parser(
        "permissions", help="per function: its entry points, its effective permissions and their sources, "
                            "its attack paths (docs/attack-paths.md)")
    permissions.add_argument("paths", nargs="+", metavar="PATH")
    permissions.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    permissions.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    graph = commands.add_parser("graph", help="draw entry points, functions, roles and data stores, attack paths "
                                              "in red (docs/attack-paths.md)")
    graph.add_argument("paths", nargs="+", metavar="PATH")
    graph.add_argument("--format", choices=("dot", "mermaid"), default="mermaid")
    graph.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    bundle = commands.add_parser("bundle", help="OPA bundles of the faasguard policies")
    bundle_commands = bundle.add_subparsers(dest="bundle_command", required=True)
    build = bundle_commands.add_parser("build", help="build bundle.tar.gz for `opa run -s` (optionally signed)")
    build.add_argument("--output", "-o", default="bundle.tar.gz", metavar="FILE")
    build.add_argument("--sign", metavar="KEY", help="signing key: a PEM private key (RSA/ECDSA) or an HMAC secret")
    build.add_argument("--signing-alg", default="RS256", help="JWS algorithm for --sign (default RS256)")
    build.add_argument("--revision", help="bundle revision (default: the faasguard version)")
    build.add_argument("--opa-path", metavar="PATH")
    commands.add_parser("checks-dir", help="print the Checkov --external-checks-dir path")
    commands.add_parser("rego-dir", help="print the Rego bundle path")
    commands.add_parser("list", help="list the rules")
    return parser


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _size(text: str) -> int:
    from faasguard.inputs.limits import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _options(args: argparse.Namespace):
    from faasguard import config
    from faasguard.inputs import limits
    from faasguard.scan import ENGINES, RegoOptions, ScanOptions
    from faasguard.selection import split, unknown_patterns

    engines = ENGINES if args.engine == "both" else (args.engine,)
    if args.rego_backend == "server" and not args.opa_url and "rego" in engines:
        raise config.ConfigError("--rego-backend server needs --opa-url")
    unknown = unknown_patterns(split(args.check) + split(args.skip_check))
    if unknown:
        raise config.ConfigError(f"no rule matches {', '.join(unknown)} (see `faasguard list`)")
    config_path = Path(args.config) if args.config else config.find(Path(args.paths[0]))
    try:
        file_limits = limits.from_environment(args.max_file_size, args.max_yaml_alias_nodes)
    except limits.LimitError as exc:
        raise config.ConfigError(str(exc)) from None
    missing = [f for f in args.var_files or () if not Path(f).is_file()]
    if missing:  # as terraform refuses it, rather than an error on each root module
        raise config.ConfigError(f"--var-file {missing[0]}: no such file")
    if args.tf_dir:
        from faasguard.plan_review import SourceError, check_tf_dir

        try:
            check_tf_dir(args.tf_dir)
        except SourceError as exc:
            raise config.ConfigError(str(exc)) from None
    return ScanOptions(
        engines=engines,
        rego=RegoOptions(args.rego_backend, args.opa_path, args.opa_url),
        frameworks=tuple(args.framework or ()),
        check=tuple(split(args.check)),
        skip_check=tuple(split(args.skip_check)),
        config=config.load(config_path),
        skip_unknown=args.skip_unknown,
        today=args.today,
        limits=file_limits,
        var_files=tuple(str(Path(f).resolve()) for f in args.var_files or ()),
        changed_only=args.changed_only,
        tf_dir=args.tf_dir,
    )


def _render(args: argparse.Namespace, result, stdout) -> str:
    from faasguard.report import json_report, junit_report, markdown_report, sarif_report, text_report

    if args.format == "text":
        color = not args.output and text_report.use_color(stdout)
        return text_report.render(result, color=color, verbose=args.verbose)
    if args.format == "markdown":
        return markdown_report.render(result, verbose=args.verbose)
    renderers = {"json": json_report.render, "sarif": sarif_report.render, "junit": junit_report.render}
    return renderers[args.format](result)


def _scan(args: argparse.Namespace) -> int:
    from faasguard.config import ConfigError
    from faasguard.progress import Progress
    from faasguard.scan import scan

    # captured before Checkov's import runs colorama.init(), which wraps the streams and strips colours
    stdout, stderr = sys.stdout, sys.stderr

    try:
        options = _options(args)
    except ConfigError as exc:
        print(f"faasguard: {exc}", file=sys.stderr)
        return EXIT_ERROR
    with Progress(stderr) as progress:
        result = scan(args.paths, options, progress)
    text = _render(args, result, stdout)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        stdout.write(text)
    if not result.documents and not result.errors and not args.skip_unknown:
        print(f"faasguard: no CloudFormation, SAM, Serverless Framework, Terraform or plan file found under "
              f"{', '.join(args.paths)}", file=sys.stderr)
        return EXIT_ERROR
    disagreements = result.disagreements() if args.show_parity else []
    for finding in disagreements:
        print(f"faasguard: parity: {finding.rule_id} {finding.file} {finding.resource} found only by "
              f"{', '.join(finding.engines)}", file=sys.stderr)
    if result.errors or disagreements:
        return EXIT_ERROR
    failing = [f for f in result.active_findings if catalog.severity_at_least(f.rule.severity, args.fail_on)]
    undecided = result.undecided if args.fail_on_undecided else []
    return EXIT_FINDINGS if failing or undecided else EXIT_OK


def _access(args: argparse.Namespace) -> int:
    """`permissions` and `graph`: exit 2 when a file could not be read (it is listed, the rest shown)."""
    from faasguard.permissions import read
    from faasguard.report import graph, permissions_report

    renderers = permissions_report.RENDERERS if args.command == "permissions" else graph.RENDERERS
    report = read(args.paths)
    text = renderers[args.format](report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for error in report.errors:
        print(f"faasguard: {error.file}: {error.message}", file=sys.stderr)
    if not report.documents and not report.errors:
        print(f"faasguard: no CloudFormation, SAM, Serverless Framework, Terraform or plan file found under "
              f"{', '.join(args.paths)}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_ERROR if report.errors else EXIT_OK


def _bundle_build(args: argparse.Namespace) -> int:
    from faasguard.bundle import BundleError, build

    try:
        build(Path(args.output), sign_key=args.sign, signing_alg=args.signing_alg, revision=args.revision,
              opa_path=args.opa_path)
    except BundleError as exc:
        print(f"faasguard: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(args.output)
    return EXIT_OK


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
    if args.command == "bundle":
        return _bundle_build(args)
    if args.command in ("permissions", "graph"):
        return _access(args)
    return _scan(args)
