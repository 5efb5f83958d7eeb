"""SAS-3 storage: public buckets (FG_03_01), stores not encrypted at rest (FG_03_02) and deployment
artifacts from a public or unversioned bucket or a mutable-tag repository (FG_03_06), read from
store_settings and function_settings (docs/model.md) and the bucket policies of source_policies."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, rule

PUBLIC_ACCESS_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
# canned ACLs that grant everyone (or every AWS account) access, lower-cased without dashes (CFN
# `PublicRead`, S3 `public-read`)
PUBLIC_ACLS = frozenset({"publicread", "publicreadwrite", "authenticatedread"})
# stores whose only encryption at rest is a KMS key (kms_key absent: unencrypted, or a key AWS holds)
KMS_ONLY = frozenset({"sns_topic", "log_group"})


def _public_setting(record) -> str | None:
    """Why a bucket setting makes the bucket public, or None."""
    if record.setting in PUBLIC_ACCESS_FLAGS and record.value.lower() == "false":
        return f"{record.setting} is false"
    if record.setting == "acl" and record.value.lower().replace("-", "") in PUBLIC_ACLS:
        return f"ACL {record.value} grants access to everyone"
    if record.setting == "website" and record.value == "true":
        return "static website hosting is configured"
    return None


def _public_statement(statement) -> str:
    actions = ", ".join(statement.actions) or "its actions"
    return f"a policy statement allows everyone {actions} on {statement.target} with no narrowing condition"


def public_reasons(settings, policies, context: Context, rule_id: str) -> dict[str, tuple[set[str], set[str]]]:
    """Resource carrying a setting (of `settings`, store_settings records) or a statement (of `policies`,
    source_policies) that makes a declared bucket public → (why, the functions the bucket triggers):
    FG_03_01's criteria, which FG_03_06 shares."""
    buckets = [r for r in settings if r.kind == "s3_bucket"]
    declared = {r.resource: r.functions for r in buckets if r.setting == "declared"}
    found: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for record in context.decide(rule_id, buckets, lambda r: _public_setting(r) is not None):
        found[record.resource][0].add(_public_setting(record))
        found[record.resource][1].update(record.functions)
    for statement in policies:
        if statement.target in declared and statement.public and not statement.constrained \
                and statement.effect == "Allow":
            found[statement.resource][0].add(_public_statement(statement))
            found[statement.resource][1].update(declared[statement.target])
    return dict(found)


def carried_buckets(views: Views) -> dict[str, set[str]]:
    """Resource → the declared buckets whose settings or policy it carries: a bucket itself, a Terraform
    bucket resource (its `bucket` records), a bucket policy (its statements' target)."""
    carried: dict[str, set[str]] = defaultdict(set)
    for record in views.store_settings:
        if record.kind == "s3_bucket" and record.setting in ("declared", "bucket"):
            carried[record.resource].add(record.resource if record.setting == "declared" else record.value)
    for statement in views.source_policies:
        carried[statement.resource].add(statement.target)
    return carried


@rule("FG_03_01", reads=("store_settings", "source_policies"))
def public_bucket(views: Views, context: Context) -> list[Violation]:
    return [Violation("FG_03_01", resource,
                      f"{resource} makes a bucket public: {'; '.join(sorted(why))} (functions: "
                      f"{affected(tuple(sorted(functions)))}); block public access and drop public "
                      f"ACLs, policies and website hosting", tuple(sorted(functions)))
            for resource, (why, functions) in public_reasons(views.store_settings, views.source_policies, context,
                                                             "FG_03_01").items()]


def _unencrypted(record) -> bool:
    if record.setting == "kms_key":
        return record.value == ABSENT and record.kind in KMS_ONLY
    return record.setting == "encrypted" and record.value.lower() == "false"


@rule("FG_03_02", reads=("store_settings",))
def unencrypted_store(views: Views, context: Context) -> list[Violation]:
    stores = [r for r in views.store_settings if r.kind in KMS_ONLY | {"sqs_queue", "efs_file_system"}]
    found = context.decide("FG_03_02", stores, _unencrypted)
    # a queue is unencrypted only when it has no KMS key and SSE-SQS is switched off
    queues = [r for r in stores if r.kind == "sqs_queue"]
    without_key = {r.resource for r in context.decide("FG_03_02", queues,
                                                      lambda r: r.setting == "kms_key" and r.value == ABSENT)}
    found += [r for r in context.decide("FG_03_02", queues,
                                        lambda r: r.setting == "sqs_managed_sse" and r.value.lower() == "false")
              if r.resource in without_key]
    grouped: dict[str, list] = defaultdict(list)
    for record in found:
        grouped[record.resource].append(record)
    return [Violation("FG_03_02", resource,
                      f"{resource} ({', '.join(sorted({r.kind for r in records}))}) is not encrypted at rest with a "
                      f"KMS key (functions: {affected(_functions(records))}); set a KMS key",
                      _functions(records))
            for resource, records in grouped.items()]


def _functions(records) -> tuple[str, ...]:
    return tuple(sorted({f for r in records for f in r.functions}))


@rule("FG_03_06", reads=("store_settings", "source_policies"))
def deployment_artifacts(views: Views, context: Context) -> list[Violation]:
    """Functions deployed from a public or unversioned declared bucket (on the function, or `provider`),
    and declared repositories with mutable tags that image functions are deployed from (on the repository)."""
    return _code_bucket_findings(views, context) + _repository_findings(views, context)


def _code_bucket_findings(views: Views, context: Context) -> list[Violation]:
    links = [r for r in views.function_settings if r.kind == "function" and r.setting == "code_bucket"]
    linked = {link.value for link in links}
    carried = {carrier: buckets & linked for carrier, buckets in carried_buckets(views).items() if buckets & linked}
    problems: dict[str, set[str]] = defaultdict(set)
    settings = [r for r in views.store_settings if r.resource in carried]
    policies = [s for s in views.source_policies if s.target in linked]
    for carrier, (why, _) in public_reasons(settings, policies, context, "FG_03_06").items():
        for bucket in carried[carrier]:
            problems[bucket].add(f"it is public: {'; '.join(sorted(why))}")
    versioning = [r for r in views.store_settings if r.kind == "s3_bucket" and r.setting == "versioning"
                  and r.resource in linked]
    for record in context.decide("FG_03_06", versioning, lambda r: r.value != "Enabled"):
        problems[record.resource].add(f"versioning is {'not configured' if record.value == ABSENT else record.value}")
    found: dict[str, list] = defaultdict(list)
    for link in links:
        if link.value in problems:
            found[link.resource].append(link)
    return [Violation("FG_03_06", resource,
                      f"{resource} deploys the code of {affected(_functions(records))} from "
                      + "; ".join(f"{_bucket_label(bucket)} ({', '.join(sorted(problems[bucket]))})"
                                  for bucket in sorted({r.value for r in records}))
                      + ": anyone who replaces the object changes what the next deployment ships; enable "
                        "versioning and block public access", _functions(records))
            for resource, records in found.items()]


def _bucket_label(bucket: str) -> str:
    return "the deployment bucket the Framework creates" if bucket == "provider" else f"bucket {bucket}"


def _repository_findings(views: Views, context: Context) -> list[Violation]:
    links = [r for r in views.function_settings if r.kind == "function" and r.setting == "image_repository"]
    users: dict[str, set[str]] = defaultdict(set)
    for link in links:
        users[link.value].update(link.functions)
    repositories = [r for r in views.store_settings if r.kind == "ecr_repository"
                    and r.setting == "image_tag_mutability" and r.resource in users]
    mutable = {r.resource for r in context.decide("FG_03_06", repositories, lambda r: r.value.upper() == "MUTABLE")}
    return [Violation("FG_03_06", repository,
                      f"{repository} keeps mutable image tags and {affected(tuple(sorted(users[repository])))} "
                      f"deploy their image from it by tag: a tag re-pointed after review changes what the next "
                      f"deployment ships; set image tag mutability to IMMUTABLE (or deploy by digest)",
                      tuple(sorted(users[repository])))
            for repository in sorted(mutable)]
