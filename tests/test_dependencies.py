"""FG_06_06's input layer (faasguard.inputs.dependencies): the manifest readers of each ecosystem, hostile
manifests (too big, XML entities and DTDs, broken TOML/JSON: unknown, never a crash or a pass), where each
format's functions deploy from, the input field both engines read, and the same function_settings records
from the Python model and the Rego adapters (the real opa binary) on every fixture of the rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs import dependencies
from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import rego_each_document
from tests.fixture_cases import FIXTURES

FIELD = dependencies.FIELD


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _problems(tmp_path: Path, files: dict[str, str]) -> dict[str, list[str]]:
    folder = _write(tmp_path / "src", files)
    return {m.file: list(m.problems) for m in dependencies.read_manifests(folder, tmp_path)}


# ---- Python -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("requirement, loose", [
    ("requests==2.32.3", None), ("urllib3===2.2.3", None), ("Pillow[webp] == 11.0.0", None),
    ("pkg @ https://example.com/pkg-1.0.tar.gz", None), ("./libs/shared", None),
    ("boto3==1.35.36 ; python_version >= '3.9'", None),
    ("requests>=2", "requests>=2"), ("flask", "flask"), ("jinja2~=3.1", "jinja2~=3.1"),
    ("django==5.*", "django==5.*"), ("numpy!=2.0.0", "numpy!=2.0.0"), ("pandas>=2,<3", "pandas>=2,<3"),
])
def test_a_requirement_is_pinned_only_to_one_version(requirement, loose):
    assert dependencies.python_requirement_pinned(requirement) == loose


def test_requirements_txt_as_pip_compile_writes_it(tmp_path):
    text = ("# generated\nboto3==1.35.36 \\\n    --hash=sha256:abc\n    # via -r requirements.in\n"
            "-r base.txt\n--index-url https://pypi.example.com/simple\nrequests>=2  # open\nflask\n")
    assert _problems(tmp_path, {"requirements.txt": text}) == {"src/requirements.txt": ["unpinned: requests>=2, flask"]}


def test_pyproject_needs_a_lock_or_exact_versions(tmp_path):
    pyproject = ('[project]\nname = "svc"\ndependencies = ["requests>=2", "boto3==1.35.36"]\n'
                 '[tool.poetry.dependencies]\npython = "^3.12"\nattrs = "24.2.0"\nhttpx = {version = "^0.27"}\n'
                 'shared = {path = "../shared"}\n')
    assert _problems(tmp_path, {"pyproject.toml": pyproject}) == {
        "src/pyproject.toml": ["no lock file (poetry.lock, uv.lock, pdm.lock, pylock.toml) and unpinned: requests>=2, "
                               "httpx ^0.27"]}
    assert _problems(tmp_path, {"uv.lock": "version = 1\n"}) == {"src/pyproject.toml": []}


def test_a_lock_file_above_the_folder_counts_up_to_the_project_folder(tmp_path):
    package = '{"dependencies": {"zod": "^3.23.8"}}'
    _write(tmp_path, {"pnpm-lock.yaml": "lockfileVersion: '9.0'\n"})
    assert _problems(tmp_path, {"package.json": package}) == {"src/package.json": []}
    # a lock file outside the project folder is not this project's
    project = _write(tmp_path / "outer" / "project", {"src/package.json": package})
    _write(tmp_path / "outer", {"package-lock.json": "{}"})
    assert [m.problems for m in dependencies.read_manifests(project / "src", project)] == [
        ("no lock file (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml) and unpinned: zod ^3.23.8",)]


# ---- Node, Go, Ruby, Maven ---------------------------------------------------------------------------

@pytest.mark.parametrize("version, pinned", [
    ("1.2.3", True), ("=1.2.3", True), ("v1.2.3", True), ("1.0.0-beta.2", True), ("file:../shared", True),
    ("workspace:*", True), ("npm:lodash@4.17.21", True),
    ("^1.2.0", False), ("~1.2", False), ("*", False), ("latest", False), ("", False), ("1.x", False),
    (">=1 <2", False), ("github:user/repo", False), (None, False),
])
def test_node_versions(version, pinned):
    assert dependencies.node_version_pinned(version) is pinned


def test_package_json_without_lock_names_its_ranges_and_ignores_dev_dependencies(tmp_path):
    package = '{"dependencies": {"a": "1.0.0", "b": "^2.0.0", "c": ""}, "devDependencies": {"jest": "*"}}'
    assert _problems(tmp_path, {"package.json": package}) == {"src/package.json": [
        "no lock file (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml) and unpinned: "
        "b ^2.0.0, c (no version)"]}


def test_exact_versions_without_a_lock_still_leave_transitive_ones_open(tmp_path):
    assert _problems(tmp_path, {"package.json": '{"dependencies": {"a": "1.0.0"}}'}) == {"src/package.json": [
        "no lock file (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml)"]}
    assert _problems(tmp_path / "none", {"package.json": '{"name": "x", "dependencies": {}}'}) == {
        "src/package.json": []}


def test_go_and_ruby_need_their_checksum_and_lock_files(tmp_path):
    files = {"go.mod": "module x\n\ngo 1.23\n\nrequire github.com/aws/aws-lambda-go v1.47.0\n",
             "Gemfile": "source 'https://rubygems.org'\ngem 'aws-sdk-s3', '~> 1'\n"}
    assert _problems(tmp_path, files) == {"src/go.mod": ["no go.sum beside go.mod"],
                                          "src/Gemfile": ["no Gemfile.lock beside Gemfile"]}
    _write(tmp_path / "src", {"go.sum": "", "Gemfile.lock": "GEM\n"})
    assert _problems(tmp_path, files) == {"src/go.mod": [], "src/Gemfile": []}


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <properties><sdk.version>2.28.26</sdk.version><jackson.version>[2.17,)</jackson.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.16</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>${sdk.version}</version></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version}</version></dependency>
    <dependency><groupId>com.amazonaws</groupId><artifactId>aws-lambda-java-core</artifactId><version>LATEST</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId></dependency>
    <dependency><groupId>com.acme</groupId><artifactId>shared</artifactId><version>${revision}</version></dependency>
  </dependencies>
</project>
"""


def test_pom_versions(tmp_path):
    assert _problems(tmp_path, {"pom.xml": POM}) == {"src/pom.xml": [
        "unpinned: com.fasterxml.jackson.core:jackson-databind [2.17,), com.amazonaws:aws-lambda-java-core LATEST, "
        "org.apache.commons:commons-lang3 (no version)"]}
    # with a parent, a missing version is the parent's to set
    inherited = POM.replace("<modelVersion>4.0.0</modelVersion>",
                            "<parent><groupId>com.acme</groupId><artifactId>bom</artifactId><version>1</version></parent>")
    assert "commons-lang3" not in _problems(tmp_path / "p", {"pom.xml": inherited})["src/pom.xml"][0]


# ---- hostile manifests ----------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<project><dependencies><dependency><artifactId>&lol2;</artifactId></dependency></dependencies></project>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<project><name>&xxe;</name></project>
"""


@pytest.mark.parametrize("name, text, reason", [
    ("pom.xml", BILLION_LAUGHS, "cannot parse pom.xml"),
    ("pom.xml", EXTERNAL_ENTITY, "cannot parse pom.xml"),
    ("pom.xml", "<project><dependencies>", "cannot parse pom.xml"),
    ("pyproject.toml", "[project\ndependencies = [", "cannot parse pyproject.toml"),
    ("pyproject.toml", "a = " + "[" * 100_000 + "]" * 100_000, "cannot parse pyproject.toml: nested too deeply"),
    ("package.json", '{"dependencies": {"a": "1.0.0",}', "cannot parse package.json"),
    ("package.json", "[" * 5000 + "]" * 5000, "cannot parse package.json"),
    ("package.json", '{"dependencies": {"a": "1.0.0"}, "dependencies": {"b": "*"}}', "cannot parse package.json"),
])
def test_a_manifest_that_cannot_be_read_safely_is_unknown(tmp_path, name, text, reason):
    _write(tmp_path / "src", {name: text})
    entry = dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), "src"), tmp_path)
    assert entry["manifests"] == [] and entry["unknown"].startswith(reason), entry
    assert entry["unknown"].endswith("its dependencies were not judged")


def test_deeply_nested_xml_is_read_without_recursion(tmp_path):
    assert _problems(tmp_path, {"pom.xml": "<a>" * 100_000 + "</a>" * 100_000}) == {"src/pom.xml": []}


def test_a_huge_or_binary_manifest_is_unknown(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "requirements.txt").write_text("requests\n" * (dependencies.MAX_MANIFEST_SIZE // 9 + 1))
    assert "over the 1048576-byte limit" in dependencies.entry(
        dependencies.CodeFolder("Fn", ("Fn",), "src"), tmp_path)["unknown"]
    (folder / "requirements.txt").write_bytes(b"requests==1.0\n\xff\xfe")
    assert "not UTF-8" in dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), "src"), tmp_path)["unknown"]


def test_a_folder_outside_the_project_missing_or_unsettled_is_unknown(tmp_path):
    project = _write(tmp_path / "project", {"template.yaml": ""})
    _write(tmp_path, {"elsewhere/requirements.txt": "requests\n"})
    outside = dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), "../elsewhere"), project)
    assert outside["manifests"] == [] and "is outside project" in outside["unknown"]
    missing = dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), "build/"), project)
    assert "does not exist" in missing["unknown"]
    why = "CodeUri is settled only at deployment"
    unsettled = dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), None, why), project)
    assert unsettled == {"resource": "Fn", "functions": ["Fn"], "folder": "", "manifests": [],
                         "unknown": "CodeUri is settled only at deployment"}


# ---- where functions deploy from ---------------------------------------------------------------------

def test_sam_code_folders(tmp_path):
    template = {"Transform": "AWS::Serverless-2016-10-31",
                "Parameters": {"Folder": {"Type": "String"}, "Known": {"Type": "String", "Default": "known/"}},
                "Globals": {"Function": {"CodeUri": "shared/"}},
                "Resources": {
                    "Inherits": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.h"}},
                    "Own": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": {"Ref": "Known"}}},
                    "Unsettled": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": {"Ref": "Folder"}}},
                    "InS3": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "s3://b/k.zip"}},
                    "Zip": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "dist/app.zip"}},
                    "Render": {"Type": "AWS::Serverless::Function", "Properties": {"PackageType": "Image"}},
                    "Inline": {"Type": "AWS::Serverless::Function", "Properties": {"InlineCode": "x"}},
                    "Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Code": "plain"}},
                    "PlainS3": {"Type": "AWS::Lambda::Function",
                                "Properties": {"Code": {"S3Bucket": "b", "S3Key": "k"}}}}}
    found = {e["resource"]: (e["folder"], bool(e["unknown"]))
             for e in dependencies.entries("sam", str(tmp_path / "template.yaml"), template)}
    assert found == {"Inherits": ("shared/", True), "Own": ("known/", True), "Unsettled": ("", True),
                     "Plain": ("plain", True)}


def test_serverless_code_folders(tmp_path):
    service = {"service": "s", "provider": {"name": "aws"}, "functions": {
        "root": {"handler": "handler.main"}, "nested": {"handler": "src/orders/handler.main"},
        "module": {"handler": "app.handler", "module": "reports"}, "image": {"image": "repo@sha256:x"},
        "artifact": {"handler": "a.h", "package": {"artifact": "dist/a.zip"}},
        "variable": {"handler": "${opt:folder}/handler.main"}}}
    found = {(e["resource"], e["folder"], tuple(e["functions"]))
             for e in dependencies.entries("serverless", str(tmp_path / "serverless.yml"), service)}
    assert found == {("provider", ".", ("module", "nested", "root", "variable")), ("nested", "src/orders", ("nested",)),
                     ("module", "reports", ("module",)), ("variable", "", ("variable",))}


def test_terraform_archive_folders(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "go.mod").write_text("module x\nrequire a v1.0.0\n")
    _write(tmp_path / "modules" / "fn", {"code/requirements.txt": "requests\n"})
    (tmp_path / "main.tf").write_text('''
data "archive_file" "api" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/api.zip"
}
resource "archive_file" "file" {
  type        = "zip"
  source_file = "${path.module}/src/main.go"
  output_path = "file.zip"
}
variable "folder" {}
data "archive_file" "unsettled" {
  type        = "zip"
  source_dir  = var.folder
  output_path = "u.zip"
}
resource "aws_lambda_function" "api" {
  filename = data.archive_file.api.output_path
  count    = 2
}
resource "aws_lambda_function" "file" { filename = archive_file.file.output_path }
resource "aws_lambda_function" "unsettled" { filename = data.archive_file.unsettled.output_path }
resource "aws_lambda_function" "prebuilt" { filename = "dist/prebuilt.zip" }
module "fn" { source = "./modules/fn" }
''')
    (tmp_path / "modules" / "fn" / "main.tf").write_text('''
data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/code"
  output_path = "${path.module}/code.zip"
}
resource "aws_lambda_function" "worker" { filename = data.archive_file.code.output_path }
''')
    documents = load_module(tmp_path)
    found = {(e["resource"], e["folder"], bool(e["unknown"]), tuple(p for m in e["manifests"] for p in m["problems"]))
             for d in documents for e in d.data.get(FIELD, [])}
    assert found == {("aws_lambda_function.api", "./src", False, ("no go.sum beside go.mod",)),
                     ("aws_lambda_function.file", "./src", False, ("no go.sum beside go.mod",)),
                     ("aws_lambda_function.unsettled", "", True, ()),
                     ("module.fn.aws_lambda_function.worker", "./code", False, ("unpinned: requests",))}


def test_a_template_cannot_write_the_field_itself(tmp_path):
    data = {"Resources": {}, FIELD: [{"resource": "X", "functions": [], "manifests": [
        {"file": "f", "problems": ["p"]}], "unknown": ""}]}
    dependencies.attach("cloudformation", str(tmp_path / "t.yaml"), data)
    assert FIELD not in data


# ---- both engines: the same records -------------------------------------------------------------------

def _fixture_documents():
    return load_paths([str(FIXTURES / "FG_06_06")]).documents


def _python_records(document) -> set[tuple]:
    views = build(document.format, document.data)
    return {(s.resource, s.setting, s.value, s.functions) for s in views.function_settings
            if s.setting.startswith("dependency_")}


def test_both_engines_give_the_same_records_on_every_fixture():
    documents = _fixture_documents()
    assert len(documents) == 15 and all(FIELD in d.data for d in documents)
    expression = ('[[s.resource, s.setting, s.value, s.functions] | some s in data.faasguard.model.function_settings; '
                  'startswith(s.setting, "dependency_")]')
    rego = rego_each_document([d.data for d in documents], expression)
    for document, records in zip(documents, rego):
        assert {(r, s, v, tuple(f)) for r, s, v, f in records} == _python_records(document), document.path


def test_unknown_folders_are_undecided_in_python():
    unknowns = {(Path(d.path).name, u.resource, u.attribute) for d in _fixture_documents()
                for u in build(d.format, d.data).unknowns if u.view == "function_settings"}
    assert unknowns == {("fail_unpinned.yaml", "ArchiveInvoicesFunction", "dependency_manifest"),
                        ("pass_missing_folder", "aws_lambda_function.notifier", "dependency_manifest"),
                        ("pass_missing_folder.json", "aws_lambda_function.notifier", "dependency_manifest")}


def test_a_manifest_linking_outside_the_project_is_unknown(tmp_path):
    project = _write(tmp_path / "project", {"src/app.py": ""})
    _write(tmp_path, {"secret/requirements.txt": "requests\n"})
    (project / "src" / "requirements.txt").symlink_to(tmp_path / "secret" / "requirements.txt")
    found = dependencies.entry(dependencies.CodeFolder("Fn", ("Fn",), "src"), project)
    assert found["manifests"] == [] and "outside the project folder" in found["unknown"]


@pytest.mark.parametrize("text", ['tool = "x"\n', '[tool]\npoetry = 3\n', 'project = []\n',
                                  '[project]\ndependencies = "requests"\n', '[tool.poetry]\ndependencies = []\n'])
def test_a_pyproject_of_an_unexpected_shape_is_read_around(tmp_path, text):
    assert _problems(tmp_path, {"pyproject.toml": text}) == {"src/pyproject.toml": []}


@pytest.mark.parametrize("text", ["[]", '"x"', '{"dependencies": ["a"]}', '{"dependencies": {"a": 1}}'])
def test_a_package_json_of_an_unexpected_shape_is_read_around(tmp_path, text):
    assert len(_problems(tmp_path, {"package.json": text})["src/package.json"]) <= 1


def test_a_plan_archive_read_only_at_apply_is_unknown(tmp_path):
    import json

    plan = json.loads((FIXTURES / "FG_06_06" / "terraform_plan" / "fail_unpinned.json").read_text())
    archive = plan["prior_state"]["values"]["root_module"]["resources"].pop()
    plan["resource_changes"].append({
        "address": archive["address"], "mode": "data", "type": "archive_file", "name": archive["name"],
        "provider_name": archive["provider_name"],
        "change": {"actions": ["read"], "before": None, "after": {"type": "zip", "output_path": "./build/webhook.zip"},
                   "after_unknown": {"source_dir": True, "output_base64sha256": True}}})
    found = dependencies.entries("terraform_plan", str(tmp_path / "plan.json"), plan)
    assert found == [{"resource": "aws_lambda_function.webhook", "functions": ["aws_lambda_function.webhook"],
                      "folder": "", "manifests": [],
                      "unknown": "the source_dir of data.archive_file.webhook is settled only at deployment"}]
