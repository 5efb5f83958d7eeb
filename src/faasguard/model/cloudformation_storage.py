"""CloudFormation and SAM templates → store_settings (docs/model.md, "Storage settings"): the public-access
settings of buckets, the tag mutability of ECR repositories and the encryption at rest of queues, topics,
log groups and file systems; and the function_settings links from a function to the bucket
its code or the repository its image comes from ("Deployment artifacts").

`resource_views` reads the plain CloudFormation types of any Template, so that Serverless reads its
`resources.Resources` the same way. Each record names the functions the store triggers (event_sources,
built before this module runs); a repository's, the image functions it serves. The twin is
rego/faasguard/lib/storage.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, Template
from faasguard.model.values import UNKNOWN, choice_of, is_map
from faasguard.model.views import ABSENT, Views

VIEW = "store_settings"
LINKS = "function_settings"
BUCKET = "AWS::S3::Bucket"
REPOSITORY = "AWS::ECR::Repository"
# an image URI's repository name: <registry>.dkr.ecr.<region>.<domain>/<name>[:tag | @digest]
IMAGE_REPOSITORY = re.compile(r"^[^/]+\.dkr\.ecr\.[^/]+/([^:@]+)")
# the logical ids a string may name: a whole `R` / `R.Attr` (conftest's dropped !Ref / !GetAtt, a
# GetAtt's list entry) and every `${R}` / `${R.Attr}` of an Fn::Sub text
_WHOLE_NAME = re.compile(r"^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$")
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
# AWS::S3::Bucket PublicAccessBlockConfiguration keys → settings; a key left out of a declared block is
# false (S3 PutPublicAccessBlock), a bucket without the block gets S3's default (all true, since 2023-04)
PUBLIC_ACCESS_FLAGS = {"BlockPublicAcls": "block_public_acls", "BlockPublicPolicy": "block_public_policy",
                       "IgnorePublicAcls": "ignore_public_acls", "RestrictPublicBuckets": "restrict_public_buckets"}
# encrypted stores: type → (kind, [(property, setting, value when unset)])
STORES = {
    "AWS::SQS::Queue": ("sqs_queue", [("KmsMasterKeyId", "kms_key", ABSENT),
                                      ("SqsManagedSseEnabled", "sqs_managed_sse", "true")]),
    "AWS::SNS::Topic": ("sns_topic", [("KmsMasterKeyId", "kms_key", ABSENT)]),
    "AWS::Logs::LogGroup": ("log_group", [("KmsKeyId", "kms_key", ABSENT)]),
    "AWS::EFS::FileSystem": ("efs_file_system", [("Encrypted", "encrypted", "false")]),
}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resource_views(template, builder, artifact_views(template, functions, builder))


def resource_views(template: Template, builder: ViewBuilder, image_users: dict[str, set[str]] | None = None) -> None:
    """The store settings of the plain CloudFormation resources of a template; `image_users`: repository
    → the image functions deployed from it."""
    triggered = triggered_functions(builder.views)
    for rid in template.of_type(BUCKET):
        _bucket(template, builder, rid, triggered.get(rid, ()))
    for rid in template.of_type(REPOSITORY):
        props = template.properties(rid)
        builder.setting(VIEW, rid, "ecr_repository", "image_tag_mutability",
                        _with_default(template, props, "ImageTagMutability", "MUTABLE"),
                        (image_users or {}).get(rid, ()), props.get("ImageTagMutability"))
    for rtype, (kind, settings) in STORES.items():
        for rid in template.of_type(rtype):
            props = template.properties(rid)
            for key, setting, unset in settings:
                builder.setting(VIEW, rid, kind, setting, _with_default(template, props, key, unset),
                                triggered.get(rid, ()), props.get(key))


def triggered_functions(views: Views) -> dict[str, set[str]]:
    """Declared source id → the functions its events invoke (event_sources)."""
    found: dict[str, set[str]] = {}
    for source in views.event_sources:
        if source.source:
            found.setdefault(source.source, set()).update(source.functions)
    return found


def _with_default(template: Template, props: dict[str, Any], key: str, unset: str) -> Any:
    return choice_of([unset if m is NO_VALUE else m for m in template.alternatives_at(props, key)])


def _bucket(template: Template, builder: ViewBuilder, rid: str, functions) -> None:
    props = template.properties(rid)
    builder.setting(VIEW, rid, "s3_bucket", "declared", "true", functions)
    if props.get("AccessControl") is not None:
        builder.setting(VIEW, rid, "s3_bucket", "acl", _with_default(template, props, "AccessControl", ABSENT),
                        functions, props.get("AccessControl"))
    if props.get("WebsiteConfiguration") is not None:
        members = template.alternatives_at(props, "WebsiteConfiguration")
        website = choice_of(["false" if m is NO_VALUE else "true" if is_map(m) else UNKNOWN for m in members])
        builder.setting(VIEW, rid, "s3_bucket", "website", website, functions, props.get("WebsiteConfiguration"))
    blocks = template.alternatives_at(props, "PublicAccessBlockConfiguration")
    if props.get("PublicAccessBlockConfiguration") is None:
        return
    for key, setting in PUBLIC_ACCESS_FLAGS.items():
        builder.setting(VIEW, rid, "s3_bucket", setting, _flag(template, blocks, key), functions,
                        props.get("PublicAccessBlockConfiguration"))


def _flag(template: Template, blocks: list[Any], key: str) -> Any:
    """A public-access flag over the alternatives of the block: S3's default (true) where the block is
    absent, false where the block leaves the flag out."""
    values: list[Any] = []
    for block in blocks:
        if block is NO_VALUE:
            values.append("true")
        elif is_map(block):
            values += ["false" if m is NO_VALUE else m for m in template.alternatives_at(block, key)]
        else:
            values.append(UNKNOWN)
    return choice_of(values)


# ------------------------------------------------------------------------------- deployment artifacts


def artifact_views(template: Template, functions: dict, builder: ViewBuilder) -> dict[str, set[str]]:
    """A `code_bucket` / `image_repository` link per function whose package comes from a bucket or
    repository the template declares; returns repository → its image functions."""
    image_users: dict[str, set[str]] = defaultdict(set)
    for rid, (kind, props) in functions.items():
        sam = kind == "AWS::Serverless::Function"
        if template.known(props.get("PackageType")) == "Image":
            written = props.get("ImageUri") if sam else _at(props, "Code", "ImageUri")
            for repository in image_repositories(template, written):
                image_users[repository].add(rid)
                builder.setting(LINKS, rid, "function", "image_repository", repository, [rid])
        else:
            for bucket in _code_buckets(template, props.get("CodeUri") if sam else _at(props, "Code", "S3Bucket"), sam):
                builder.setting(LINKS, rid, "function", "code_bucket", bucket, [rid])
    return image_users


def _at(props: dict[str, Any], key: str, child: str) -> Any:
    value = props.get(key)
    return value.get(child) if is_map(value) else None


def _code_buckets(template: Template, written: Any, sam: bool) -> set[str]:
    """The declared buckets `Code.S3Bucket`, or SAM's `CodeUri` (`{Bucket: …}` or `s3://bucket/key`; a
    local path is uploaded by `sam deploy` to a bucket outside the template), names."""
    if not sam:
        return declared_named(template, written, BUCKET, "BucketName")
    settled = template.branch(written)
    if is_map(settled):
        return declared_named(template, settled.get("Bucket"), BUCKET, "BucketName")
    known = template.known(settled)
    if isinstance(known, str) and known.startswith("s3://"):
        return declared_named(template, known[len("s3://"):].split("/", 1)[0], BUCKET, "BucketName")
    return set()


def image_repositories(template: Template, written: Any) -> set[str]:
    """The declared repositories an image URI names by reference (`${Repo.RepositoryUri}:tag`, `!Ref Repo`
    in an Fn::Sub or Fn::Join) or by a known URI's repository name; none when a digest (`@…`) pins it."""
    settled = template.branch(written)
    known = template.known(settled)
    if settled is UNKNOWN or any("@" in s for s in strings_in(settled) + [known] if isinstance(s, str)):
        return set()
    match = IMAGE_REPOSITORY.match(known) if isinstance(known, str) else None
    return declared_named(template, match.group(1) if match else settled, REPOSITORY, "RepositoryName")


def declared_named(template: Template, written: Any, rtype: str, name_property: str) -> set[str]:
    """The created resources of a type a value names (through its Fn::If; none when an unsettled condition
    leaves different branches): by a reference in any of its strings (Ref, GetAtt, Fn::Sub, Fn::Join
    parts), or by being their known name property."""
    settled = template.branch(written)
    if settled is UNKNOWN or settled is None:
        return set()
    declared = template.of_type(rtype)
    named = {n for s in strings_in(settled) for n in reference_names(s)} & set(declared)
    known = template.known(settled)
    if isinstance(known, str):
        named |= {rid for rid in declared if template.known(template.properties(rid).get(name_property)) == known}
    return named


def strings_in(value: Any) -> list[str]:
    """Every string of a value, at any depth (map keys excluded)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [s for item in items for s in strings_in(item)]


def reference_names(text: str) -> set[str]:
    whole = _WHOLE_NAME.match(text)
    return ({whole.group(1)} if whole else set()) | set(_SUB_NAME.findall(text))
