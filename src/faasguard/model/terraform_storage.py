"""Terraform modules and plans → store_settings (docs/model.md, "Storage settings"): the public-access
settings of buckets (on the bucket, or on the aws_s3_bucket_public_access_block / _acl /
_website_configuration resource that carries them) and the encryption at rest of queues, topics, log
groups and file systems. Each record names the functions the store (for a bucket's own resources: the
bucket they name) triggers; a bucket's own resource also gets a `bucket` record naming each declared
bucket it configures. Deployment artifacts: each repository's `image_tag_mutability`, and the
function_settings links from a function to the bucket its `s3_bucket` or the repository its `image_uri`
names. The twin is rego/faasguard/lib/terraform/storage.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_storage import IMAGE_REPOSITORY, LINKS, VIEW, triggered_functions
from faasguard.model.terraform import Index, TfResource
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

BUCKET = "aws_s3_bucket"
REPOSITORY = "aws_ecr_repository"
# objects whose `bucket` a function's `s3_bucket = aws_s3_object.x.bucket` names
OBJECTS = ("aws_s3_object", "aws_s3_bucket_object")
# an aws_s3_bucket_public_access_block's flags: each false unless set (the provider's default)
PUBLIC_ACCESS_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
# encrypted stores: type → (kind, [(attribute, setting, value when unset)])
STORES = {
    "aws_sqs_queue": ("sqs_queue", [("kms_master_key_id", "kms_key", ABSENT),
                                    ("sqs_managed_sse_enabled", "sqs_managed_sse", "true")]),
    "aws_sns_topic": ("sns_topic", [("kms_master_key_id", "kms_key", ABSENT)]),
    "aws_cloudwatch_log_group": ("log_group", [("kms_key_id", "kms_key", ABSENT)]),
    "aws_efs_file_system": ("efs_file_system", [("encrypted", "encrypted", "false")]),
}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    triggered = triggered_functions(builder.views)
    image_users = _artifact_links(index, builder)
    for bucket in index.of_type(BUCKET):
        functions = triggered.get(bucket.address, ())
        builder.setting(VIEW, bucket.address, "s3_bucket", "declared", "true", functions)
        _setting(builder, bucket, "acl", "acl", None, functions)
        if _blocks(bucket.value("website")):
            builder.setting(VIEW, bucket.address, "s3_bucket", "website", "true", functions)
    for repository in index.of_type(REPOSITORY):
        _setting(builder, repository, "image_tag_mutability", "image_tag_mutability", "MUTABLE",
                 image_users.get(repository.address, ()), "ecr_repository")
    for rtype in ("aws_s3_bucket_public_access_block", "aws_s3_bucket_acl", "aws_s3_bucket_website_configuration"):
        for resource in index.of_type(rtype):
            for bucket in named_buckets(index, resource, "bucket"):
                builder.setting(VIEW, resource.address, "s3_bucket", "bucket", bucket.address)
    for resource, functions in _bucket_resources(index, triggered, "aws_s3_bucket_public_access_block"):
        for flag in PUBLIC_ACCESS_FLAGS:
            _setting(builder, resource, flag, flag, "false", functions)
    for resource, functions in _bucket_resources(index, triggered, "aws_s3_bucket_acl"):
        _setting(builder, resource, "acl", "acl", None, functions)
    for resource, functions in _bucket_resources(index, triggered, "aws_s3_bucket_website_configuration"):
        builder.setting(VIEW, resource.address, "s3_bucket", "website", "true", functions)
    for rtype, (kind, settings) in STORES.items():
        for resource in index.of_type(rtype):
            for attribute, setting, unset in settings:
                _setting(builder, resource, attribute, setting, unset, triggered.get(resource.address, ()), kind)


def _bucket_resources(index: Index, triggered: dict[str, set[str]], rtype: str):
    """(resource, functions of the buckets its `bucket` names) of each resource of a bucket's type."""
    for resource in index.of_type(rtype):
        buckets = named_buckets(index, resource, "bucket")
        yield resource, {f for b in buckets for f in triggered.get(b.address, ())}


def named_buckets(index: Index, resource: TfResource, attribute: str) -> list[TfResource]:
    """The declared buckets an attribute names: by reference, or by their known `bucket` name."""
    return _named(index, resource, attribute, BUCKET, "bucket")


def _named(index: Index, resource: TfResource, attribute: str, rtype: str, name: str, value=None) -> list[TfResource]:
    found = {t.address: t for t in index.referenced(resource, attribute, rtype)}
    known = resource.value(attribute) if value is None else value
    if isinstance(known, str):
        found.update((t.address, t) for t in index.of_type(rtype) if t.value(name) == known)
    return list(found.values())


def _artifact_links(index: Index, builder: ViewBuilder) -> dict[str, set[str]]:
    """`code_bucket` / `image_repository` links of each function; returns repository → its functions."""
    users: dict[str, set[str]] = {}
    for function in index.of_type("aws_lambda_function"):
        if function.value("package_type") == "Image":
            for repository in _image_repositories(index, function):
                users.setdefault(repository.address, set()).add(function.address)
                builder.setting(LINKS, function.address, "function", "image_repository", repository.address,
                                [function.address])
            continue
        buckets = {b.address for b in named_buckets(index, function, "s3_bucket")}
        buckets |= {b.address for kind in OBJECTS for o in index.referenced(function, "s3_bucket", kind)
                    for b in named_buckets(index, o, "bucket")}
        for bucket in sorted(buckets):
            builder.setting(LINKS, function.address, "function", "code_bucket", bucket, [function.address])
    return users


def _image_repositories(index: Index, function: TfResource) -> list[TfResource]:
    """The declared repositories `image_uri` names (by reference, or a known URI's repository name),
    unless a digest pins the image: `@` in the URI, or (a plan, whose expression text is gone) a
    reference to an `image_digest`."""
    written = function.as_written("image_uri")
    uri = function.value("image_uri")
    texts = [t for t in (written, uri) if isinstance(t, str)]
    references = function.reference_texts.get("image_uri", [])
    if any("@" in t for t in texts) or any(t.endswith(".image_digest") for t in references):
        return []
    match = IMAGE_REPOSITORY.match(uri) if isinstance(uri, str) else None
    return _named(index, function, "image_uri", REPOSITORY, "name", match.group(1) if match else "")


def _setting(builder: ViewBuilder, resource: TfResource, attribute: str, setting: str, unset: str | None,
             functions, kind: str = "s3_bucket") -> None:
    """A record of an attribute's value; `unset` the value when it is not set (None: no record)."""
    value = resource.value(attribute)
    if value is None and unset is None:
        return
    if setting == "kms_key" and value is UNKNOWN:  # a key only apply settles (one the plan creates) is still a key
        value = "set"
    builder.setting(VIEW, resource.address, kind, setting, unset if value is None else value, functions,
                    resource.as_written(attribute))


def _blocks(value: Any) -> list[dict[str, Any]]:
    listed = value if isinstance(value, list) else [value]
    return [b for b in listed if isinstance(b, dict)]
