"""Hostile and broken input (tests/hostile/, docs/security.md): every case is an error naming the
file and line, exit 2, no traceback, in bounded time, or is read exactly; alone and beside a good
template whose findings are still reported. The loader never executes template content and makes no
network call."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from faasguard.inputs import cfn_yaml
from faasguard.inputs.limits import LimitError, Limits
from tests.conftest import ROOT, run
from tests.test_examples import EXPECTED as EXAMPLE_FINDINGS

HOSTILE = Path(__file__).parent / "hostile"
GOOD = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.8
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
"""
GOOD_FINDINGS = [("FG_06_01", "good.yaml", "Fn", [3, 9], ["checkov", "rego"])]
NESTING = 5000
BIG = 200 * 1024 * 1024
TAG = "cannot parse YAML: line 6, column 16: could not determine a constructor for the tag 'tag:yaml.org,2002:python/"

# case file -> the exact error (the file itself is the error's file; for HCL, its directory)
REFUSED = {
    "truncated.yaml": "cannot parse YAML: line 6, column 26: while scanning a quoted scalar, found unexpected end of stream",
    "truncated.json": "cannot parse JSON: Unterminated string starting at: line 6 column 33 (char 146)",
    "truncated.tf": "cannot parse HCL in truncated.tf: Unexpected token Token('$END', '') at line 4, column 18.",
    "alias_bomb.yaml": "cannot parse YAML: line 9: aliases expand to more than 100000 YAML nodes; this file was not "
                       "checked (raise the limit with --max-yaml-alias-nodes or FAASGUARD_MAX_YAML_ALIAS_NODES)",
    "recursive_alias.yaml": "cannot parse YAML: line 3: an alias refers to a collection that contains it",
    "python_object_apply.yaml": TAG + "object/apply:os.system'",
    "python_object_new.yaml": TAG + "object/new:subprocess.check_call'",
    "python_name.yaml": TAG + "name:os.system'",
    "python_module.yaml": TAG + "module:os'",
    "duplicate_key.yaml": "cannot parse YAML: line 9, column 7: Duplicate found 'Runtime' (first at line 6)",
    "duplicate_key.json": "cannot parse JSON: line 8: Duplicate found 'Fn' (first at line 4)",
    # Checkov and cfn-lint flatten a merge, then refuse a key written again: so must both engines
    "merge_override.yaml": "cannot parse YAML: line 13, column 7: Duplicate found 'Runtime' (first at line 6, "
                           "brought in by the merge `<<` at line 12; Checkov and cfn-lint refuse a key that "
                           "overrides a merge)",
    "serverless_merge_override.yml": "cannot parse YML: line 12, column 5: Duplicate found 'runtime' (first at "
                                     "line 8, brought in by the merge `<<` at line 11; Checkov and cfn-lint refuse "
                                     "a key that overrides a merge)",
    "resources_list.yaml": "line 2: `Resources` is a list, not a map of resources; this file was not checked",
    "properties_string.yaml": "line 5: `Properties` of Fn is a string, not a map; this file was not checked",
    "serverless_properties_string.yml": "line 12: `Properties` of Queue is a string, not a map; this file was not "
                                        "checked",
    "serverless_functions_null.yml": "line 5: `functions` is written with no value (null), so the service declares "
                                     "no function; leave the key out if it has none, else its functions were not "
                                     "checked",
    "invalid_utf8.yaml": "line 6: not UTF-8 text (byte 0xe9 at offset 126)",
    "empty.yaml": "the file is empty",
    "deep.json": "cannot parse JSON: line 1: nested more than 100 levels deep",
    "deep.yaml": "cannot parse YAML: line 1: nested more than 100 levels deep",
    "deep.tf": "cannot parse HCL in deep.tf: nested too deep for the parser (a few hundred levels)",
    "big.json": f"the file is {BIG} bytes, over the 52428800-byte limit; this file was not checked "
                "(raise the limit with --max-file-size or FAASGUARD_MAX_FILE_SIZE)",
    "pipe.yaml": "not a regular file (a device, pipe or socket is never read)",
    "loop_a.yaml": "cannot read file: Too many levels of symbolic links",
}
NO_FUNCTION = ("the service declares no function (`functions` is absent or empty), so the Serverless "
               "Framework deploys none and no function was checked")
READ_AS_WRITTEN = ["unknown_tag.yaml", "serverless_functions_empty.yml"]


def _generate(case: str, folder: Path) -> Path:
    """Put a case in `folder`: a copy of the committed file, or one made here (too big to commit, or a
    file-system object)."""
    path = folder / case
    if case == "deep.json":
        path.write_text('{"Resources": ' + "[" * NESTING + "]" * NESTING + "}")
    elif case == "deep.yaml":
        path.write_text("Resources: " + "[" * NESTING + "]" * NESTING + "\n")
    elif case == "deep.tf":
        path.write_text("locals {\n  x = " + "[" * NESTING + "]" * NESTING + "\n}\n")
    elif case == "big.json":
        with open(path, "wb") as handle:  # sparse: written in no time, never read
            handle.truncate(BIG)
    elif case == "pipe.yaml":
        os.mkfifo(path)
    elif case == "loop_a.yaml":
        os.symlink(folder / "loop_b.yaml", path)
        os.symlink(path, folder / "loop_b.yaml")
    else:
        shutil.copy(HOSTILE / case, path)
    return path


# these tests are about reading files: one rule (the runtime, which each good template breaks) is enough
ONE_RULE = ("--check", "FG_06_01")


def _scan(*args: str, cwd: Path, env: dict | None = None) -> tuple[int, dict, str]:
    proc = run([sys.executable, "-m", "faasguard", "scan", *args, *ONE_RULE, "--format", "json"], cwd=cwd,
               env=env or {})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def _relative(file: str, folder: Path) -> str:
    """A reported file relative to the scanned folder (reports show paths relative to the working one)."""
    return os.path.relpath(folder / file, folder)


def _errors(report: dict, folder: Path) -> set[tuple[str, str]]:
    return {(_relative(e["file"], folder), e["message"]) for e in report["errors"]}


def _findings(report: dict, folder: Path) -> list[tuple]:
    return [(f["rule_id"], _relative(f["file"], folder), f["resource"], f["lines"], sorted(f["engines"]))
            for f in report["findings"]]


def _not_checked(report: dict, folder: Path) -> list[tuple[str, str]]:
    return sorted((_relative(n["file"], folder), n["reason"]) for n in report["not_checked"])


def _error_file(case: str) -> str:
    return "." if case.endswith(".tf") else case


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_each_case_alone_is_an_error_naming_the_file(tmp_path: Path, case: str):
    path = _generate(case, tmp_path)
    started = time.monotonic()
    code, report, _ = _scan(str(path), cwd=tmp_path)
    assert time.monotonic() - started < 20  # the point of the bomb, the deep and the big cases: termination
    assert code == 2
    found = _errors(report, tmp_path)
    if case == "loop_a.yaml":  # both ends of the loop are named when the directory is scanned (below)
        assert found == {(case, REFUSED[case])}
    else:
        assert found == {(_error_file(case), REFUSED[case])}
    assert report["findings"] == []


def test_every_case_beside_a_good_template(tmp_path: Path):
    """One directory holding every case and a good template: each case is reported, the good
    template's finding too, by both engines, in the JSON and the text report. (About 8 s: two scans
    with Checkov.)"""
    for case in [*REFUSED, *READ_AS_WRITTEN]:
        _generate(case, tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD)
    code, report, _ = _scan(".", cwd=tmp_path)
    assert code == 2
    expected = {(case, message) for case, message in REFUSED.items() if case != "empty.yaml" and _error_file(case) == case}
    # the *.tf cases are one module: one error naming each file
    module = (".", "; ".join(message for case, message in sorted(REFUSED.items()) if _error_file(case) != case))
    assert _errors(report, tmp_path) == expected | {module, ("loop_b.yaml", REFUSED["loop_a.yaml"])}
    assert _findings(report, tmp_path) == [
        *GOOD_FINDINGS, ("FG_06_01", "unknown_tag.yaml", "Embedded", [3, 12], ["checkov", "rego"])]
    assert _not_checked(report, tmp_path) == [("serverless_functions_empty.yml", NO_FUNCTION)]
    text = run([sys.executable, "-m", "faasguard", "scan", ".", *ONE_RULE], cwd=tmp_path)
    assert text.returncode == 2 and "Traceback" not in text.stderr
    assert "good.yaml\n  HIGH     FG_06_01  Fn  lines 3-9  [checkov+rego]" in text.stdout
    assert f"ERROR deep.json: {REFUSED['deep.json']}" in text.stdout
    assert f"ERROR alias_bomb.yaml: {REFUSED['alias_bomb.yaml']}" in text.stdout


def test_unsafe_tags_are_never_executed(tmp_path: Path):
    """The payloads would create `pwned` in the working directory; also through a Serverless include."""
    for case in ("python_object_apply.yaml", "python_object_new.yaml"):
        _scan(str(_generate(case, tmp_path)), cwd=tmp_path)
        with pytest.raises(yaml.YAMLError):
            cfn_yaml.load((HOSTILE / case).read_text())
    (tmp_path / "serverless.yml").write_text(
        "service: s\nprovider:\n  name: aws\n  runtime: ${file(./python_object_apply.yaml):Resources}\n")
    code, report, _ = _scan(str(tmp_path / "serverless.yml"), cwd=tmp_path)
    assert code == 2
    assert [e["message"] for e in report["errors"]] == [
        "cannot include ${file(./python_object_apply.yaml):Resources} in serverless.yml: cannot parse "
        "python_object_apply.yaml: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"]
    assert not (tmp_path / "pwned").exists()
    assert not (ROOT / "pwned").exists()


def test_an_unknown_tag_makes_its_value_unknown_not_the_file_unreadable(tmp_path: Path):
    code, report, _ = _scan(str(_generate("unknown_tag.yaml", tmp_path)), cwd=tmp_path)
    assert (code, report["errors"]) == (1, [])
    assert _findings(report, tmp_path) == [("FG_06_01", "unknown_tag.yaml", "Embedded", [3, 12], ["checkov", "rego"])]
    value, _ = cfn_yaml.load("Runtime: !Rain::Embed runtime.txt\nList: !Other [a, b]\n")
    assert value == {"Runtime": {"Fn::Rain::Embed": "runtime.txt"}, "List": {"Fn::Other": ["a", "b"]}}


def test_anchors_used_sensibly_are_read():
    """Merges that add keys are read; a key that overrides a merged one (REFUSED) or that two merges
    bring in is refused, as Checkov and cfn-lint refuse it."""
    text = "base: &base {Runtime: python3.12}\nother: &other {Timeout: 9}\nfns:\n" + "".join(
        f"  f{i}:\n    <<: [*base, *other]\n    MemorySize: {i}\n" for i in range(200))
    value, _ = cfn_yaml.load(text)
    assert value["fns"]["f7"] == {"Runtime": "python3.12", "Timeout": 9, "MemorySize": 7}
    with pytest.raises(yaml.YAMLError, match="Duplicate found 'Timeout' .at lines 1 and 2, both brought in by merges"):
        cfn_yaml.load("base: &base {Timeout: 3}\nother: &other {Timeout: 9}\nf:\n  <<: [*base, *other]\n")


def test_a_serverless_resource_of_another_shape_in_an_include_is_an_error_without_a_line(tmp_path: Path):
    from faasguard.inputs.load import load_paths

    (tmp_path / "serverless.yml").write_text(
        "service: s\nprovider: {name: aws, runtime: python3.13}\nfunctions:\n  f: {handler: h.h}\n"
        "resources: ${file(./resources.yml)}\n")
    (tmp_path / "resources.yml").write_text("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: [a]\n")
    loaded = load_paths([str(tmp_path)])
    assert loaded.documents == []
    # the include is found in the folder too, and read as the template it looks like
    assert sorted((e.file, e.message) for e in loaded.errors) == [
        (str(tmp_path / "resources.yml"), "line 4: `Properties` of Topic is a list, not a map; this file was not checked"),
        (str(tmp_path / "serverless.yml"), "`Properties` of Topic is a list, not a map; this file was not checked")]


def test_a_chain_of_merges_is_read_in_linear_time():
    """Each mapping's merged keys are found once, however many merges reach it."""
    text = "m0: &m0 {k0: 0}\n" + "".join(f"m{i}: &m{i} {{<<: *m{i - 1}, k{i}: {i}}}\n" for i in range(1, 400))
    started = time.monotonic()
    value, _ = cfn_yaml.load(text, Limits(max_alias_nodes=10**6))
    assert len(value["m399"]) == 400 and time.monotonic() - started < 5


def test_the_alias_limit_can_be_raised(tmp_path: Path):
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + ", ".join(["*a"] * 10) + "]\n"  # 110 alias nodes
    with pytest.raises(LimitError, match="^line 2: aliases expand to more than 100 YAML nodes"):
        cfn_yaml.load(text, Limits(max_alias_nodes=100))
    assert len(cfn_yaml.load(text, Limits(max_alias_nodes=110))[0]["b"]) == 10
    path = _generate("alias_bomb.yaml", tmp_path)
    for args, env in ((["--max-yaml-alias-nodes", "200K"], {}), ([], {"FAASGUARD_MAX_YAML_ALIAS_NODES": "200K"})):
        code, report, _ = _scan(str(path), *args, cwd=tmp_path, env=env)
        assert [e["message"] for e in report["errors"]] == [
            REFUSED["alias_bomb.yaml"].replace("100000", str(200 * 1024))]


def test_the_file_size_limit_can_be_raised_by_option_or_environment(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(GOOD)  # 201 bytes
    refused = ("the file is 201 bytes, over the 100-byte limit; this file was not checked "
               "(raise the limit with --max-file-size or FAASGUARD_MAX_FILE_SIZE)")
    code, report, _ = _scan("good.yaml", "--engine", "rego", cwd=tmp_path, env={"FAASGUARD_MAX_FILE_SIZE": "100"})
    assert (code, _errors(report, tmp_path)) == (2, {("good.yaml", refused)})
    code, report, _ = _scan("good.yaml", "--engine", "rego", "--max-file-size", "1K", cwd=tmp_path,
                            env={"FAASGUARD_MAX_FILE_SIZE": "100"})
    assert (code, report["errors"]) == (1, [])
    proc = run([sys.executable, "-m", "faasguard", "scan", "good.yaml", "--max-file-size", "lots"], cwd=tmp_path)
    assert proc.returncode == 2
    assert "argument --max-file-size: not a positive size (a number, optionally with K, M or G): lots" in proc.stderr
    proc = run([sys.executable, "-m", "faasguard", "scan", "good.yaml"], cwd=tmp_path,
               env={"FAASGUARD_MAX_FILE_SIZE": "-1"})
    assert (proc.returncode, proc.stderr) == (2, "faasguard: FAASGUARD_MAX_FILE_SIZE: not a positive size (a number, "
                                                 "optionally with K, M or G): -1\n")


def test_a_raised_size_limit_holds_for_terraform_and_for_the_checkov_checks(tmp_path: Path):
    """The Checkov checks read the file again: they must apply the scan's limits, not the defaults."""
    (tmp_path / "good.yaml").write_text(GOOD + "#" * 2048 + "\n")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text('resource "aws_sns_topic" "t" {}\n' + "#" * 2048 + "\n")
    code, report, _ = _scan(".", "--max-file-size", "4K", cwd=tmp_path, env={"FAASGUARD_MAX_FILE_SIZE": "1K"})
    assert (code, report["errors"]) == (1, [])
    assert _findings(report, tmp_path) == GOOD_FINDINGS
    code, report, _ = _scan("tf", "--engine", "rego", cwd=tmp_path, env={"FAASGUARD_MAX_FILE_SIZE": "1K"})
    assert [e["message"].split(";")[0] for e in report["errors"]] == [
        "main.tf: the file is 2081 bytes, over the 1024-byte limit"]


def test_a_bom_and_crlf_line_ends_are_read_with_the_right_lines(tmp_path: Path):
    (tmp_path / "good.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    (tmp_path / "template.json").write_bytes(
        b"\xef\xbb\xbf" + json.dumps(yaml.safe_load(GOOD), indent=2).replace("\n", "\r\n").encode())
    code, report, _ = _scan(".", cwd=tmp_path)
    assert (code, report["errors"]) == (1, [])
    assert _findings(report, tmp_path) == [*GOOD_FINDINGS, ("FG_06_01", "template.json", "Fn", [4, 12],
                                                            ["checkov", "rego"])]


def test_invalid_utf8_names_the_byte_offset_and_line(tmp_path: Path):
    (tmp_path / "t.yaml").write_bytes(b"Resources:\n" + b"#\n" * 38 + b"x" * 20 + b"\xe9\n")
    code, report, _ = _scan("t.yaml", cwd=tmp_path)
    assert (code, _errors(report, tmp_path)) == (2, {("t.yaml", "line 40: not UTF-8 text (byte 0xe9 at offset 107)")})


def test_an_empty_file_in_a_directory_is_ignored(tmp_path: Path):
    _generate("empty.yaml", tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD)
    code, report, _ = _scan(".", "--engine", "rego", cwd=tmp_path)
    assert (code, report["errors"]) == (1, [])


def test_a_service_without_functions_is_a_notice_and_null_functions_an_error(tmp_path: Path):
    """`functions` absent or `{}`: a service of resources only, no error, exit 0, and the report says
    no function was checked. `functions:` with no value (entries removed or commented out; the
    Framework's schema wants an object) is an error (REFUSED)."""
    _generate("serverless_functions_empty.yml", tmp_path)
    (tmp_path / "absent.yml").write_text("service: s\nprovider:\n  name: aws\n")
    code, report, _ = _scan(".", cwd=tmp_path)
    assert (code, report["errors"], report["findings"]) == (0, [], [])
    assert _not_checked(report, tmp_path) == [(name, NO_FUNCTION) for name in (
        "absent.yml", "serverless_functions_empty.yml")]


def test_links_to_directories_are_not_followed_and_loops_are_errors(tmp_path: Path):
    """A loop or a link out of the tree (to `/`) would make a scan endless or read anything: never
    followed. A loop (a link to a folder above it, or links leading to each other) is an error, exit 2 (so is
    `/` holds every folder); another link to a directory is listed as not checked."""
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "app").mkdir()
    os.symlink(tmp_path, tmp_path / "app" / "loop")
    os.symlink(tmp_path / "app", tmp_path / "app" / "self")
    os.symlink(tmp_path / "ping", tmp_path / "pong")
    os.symlink(tmp_path / "pong", tmp_path / "ping")
    os.symlink("/", tmp_path / "root")
    (tmp_path / "shared").mkdir()
    os.symlink(tmp_path / "shared", tmp_path / "app" / "shared")
    started = time.monotonic()
    code, report, _ = _scan(".", "--engine", "rego", cwd=tmp_path)
    assert time.monotonic() - started < 20
    assert (code, len(report["findings"])) == (2, 1)
    assert _errors(report, tmp_path) == {
        ("app/loop", f"a link to {tmp_path}, a directory that holds it: a loop, not followed"),
        ("app/self", f"a link to {tmp_path / 'app'}, a directory that holds it: a loop, not followed"),
        ("ping", "cannot read: Too many levels of symbolic links"),
        ("pong", "cannot read: Too many levels of symbolic links"),
        ("root", "a link to /, a directory that holds it: a loop, not followed")}
    assert _not_checked(report, tmp_path) == [
        ("app/shared", f"a link to the directory {tmp_path / 'shared'}, not followed; name that directory to scan it")]


@contextlib.contextmanager
def _unprivileged():
    """Root reads any file whatever its mode (CI runs as root): check permissions as `nobody` instead,
    in this process, and take root back after."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_unreadable_files_and_directories_are_errors():
    from faasguard.inputs.load import load_paths

    folder = Path(tempfile.mkdtemp())  # not under pytest's folder, which only its owner may enter
    try:
        folder.chmod(0o755)
        for name in ("good.yaml", "secret.yaml"):
            (folder / name).write_text(GOOD)
            (folder / name).chmod(0o644)
        (folder / "closed").mkdir()
        (folder / "closed" / "template.yaml").write_text(GOOD)
        for path in (folder / "secret.yaml", folder / "closed"):
            path.chmod(0)
        with _unprivileged():
            loaded = load_paths([str(folder)])
    finally:
        (folder / "closed").chmod(0o755)
        shutil.rmtree(folder)
    assert sorted((e.file, e.message) for e in loaded.errors) == [
        (str(folder / "closed"), "cannot read directory: Permission denied"),
        (str(folder / "secret.yaml"), "cannot read file: Permission denied")]
    assert [d.path for d in loaded.documents] == [str(folder / "good.yaml")]


def test_a_scan_with_an_unreadable_file_reports_it_and_exits_2(tmp_path: Path):
    """The same through the command line: here the unreadable file is a link loop, which root cannot
    read either."""
    (tmp_path / "good.yaml").write_text(GOOD)
    _generate("loop_a.yaml", tmp_path)
    code, report, _ = _scan(".", "--engine", "rego", cwd=tmp_path)
    assert (code, len(report["findings"])) == (2, 1)
    assert _errors(report, tmp_path) == {("loop_a.yaml", "cannot read file: Too many levels of symbolic links"),
                                         ("loop_b.yaml", "cannot read file: Too many levels of symbolic links")}


SITECUSTOMIZE = '''\
import os, socket, sys

LOG = os.environ["FAASGUARD_CONNECTIONS"]
ALLOWED = os.environ.get("FAASGUARD_ALLOWED_ADDRESS", "")


def _refuse(event, args):
    if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
        address = "%s:%s" % args[1][:2]
    elif event == "socket.getaddrinfo":
        address = "%s:%s" % args[:2]
    else:
        return
    if address != ALLOWED:
        with open(LOG, "a") as log:
            log.write(event + " " + address + "\\n")
        raise OSError("network access refused by the test")


sys.addaudithook(_refuse)
'''


def test_a_scan_makes_no_network_call(tmp_path: Path):
    """`faasguard scan --engine both` on the examples with every connection and name lookup refused
    (and logged) by an audit hook: the same findings, no connection attempted (Checkov included:
    BC_SKIP_MAPPING is set by the engine, and no test environment variable helps here). About 10 s:
    one scan of the examples with Checkov."""
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "connections.log"
    env = {key: value for key, value in os.environ.items() if key != "BC_SKIP_MAPPING"}
    env.update(PYTHONPATH=str(tmp_path), FAASGUARD_CONNECTIONS=str(log), NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-m", "faasguard", "scan", "examples", "--engine", "both", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=ROOT)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not log.exists(), log.read_text()
    report = json.loads(proc.stdout)
    assert (proc.returncode, report["errors"]) == (1, [])
    found = {(f["rule_id"], Path(f["file"]).resolve().relative_to(ROOT).as_posix(), f["resource"])
             for f in report["findings"] if sorted(f["engines"]) == ["checkov", "rego"]}
    assert found == EXAMPLE_FINDINGS
