"""SAS-3: insecure deployment configuration — public buckets (FG_03_01), stores not encrypted at rest
(FG_03_02), wildcard CORS (FG_03_03), the default API endpoint beside a custom domain (FG_03_04),
unrestricted egress of function security groups (FG_03_05), and deployment artifacts from a public
bucket or a mutable-tag repository (FG_03_06). They read the settings views (docs/model.md)
and the bucket policies of source_policies; the Rego twins are rego/faasguard/rules/fg_03_*."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model import cors
from faasguard.model.decide import decide
from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule

# an egress rule that lets a function reach anything: all protocols to any address
OPEN_EGRESS = frozenset(("-1 0.0.0.0/0", "-1 ::/0"))

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


# what makes a bucket public (FG_03_01's criteria, shared by FG_03_06)
PUBLIC_READS = ("store_settings:block_public_*", "store_settings:ignore_public_acls",
                "store_settings:restrict_public_buckets", "store_settings:acl", "store_settings:website",
                "source_policies")


@rule("FG_03_01", reads=PUBLIC_READS)
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


@rule("FG_03_02", reads=("store_settings:kms_key", "store_settings:encrypted",
                          "store_settings:sqs_managed_sse"))
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
    return [Violation("FG_03_02", resource,
                      f"{resource} ({', '.join(sorted({r.kind for r in records}))}) is not encrypted at rest with a "
                      f"KMS key (functions: {affected(functions_of(records))}); set a KMS key",
                      functions_of(records))
            for resource, records in by_resource(found).items()]


@rule("FG_03_06", reads=(*PUBLIC_READS, "store_settings:image_tag_mutability",
                          "function_settings:code_bucket", "function_settings:image_repository"))
def deployment_artifacts(views: Views, context: Context) -> list[Violation]:
    """Functions deployed from a declared bucket that is public by FG_03_01's criteria (on the function,
    or `provider`), and declared repositories with mutable tags that image functions are deployed from
    (on the repository)."""
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
    found: dict[str, list] = defaultdict(list)
    for link in links:
        if link.value in problems:
            found[link.resource].append(link)
    return [Violation("FG_03_06", resource,
                      f"{resource} deploys the code of {affected(functions_of(records))} from "
                      + "; ".join(f"{_bucket_label(bucket)} ({', '.join(sorted(problems[bucket]))})"
                                  for bucket in sorted({r.value for r in records}))
                      + ": anyone who replaces the object changes what the next deployment ships; block "
                        "public access and drop public ACLs, policies and website hosting", functions_of(records))
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


CORS_RULE = "FG_03_03"


def _authenticated_apis(views: Views) -> set[str]:
    """APIs with an operation other than OPTIONS that requires authorization in every alternative."""
    operations, _ = decide(views.api_operations, lambda o: o.method != "OPTIONS" and o.authorization != "NONE")
    return {o.api for o in operations if o.api}


def _iam_urls(views: Views) -> set[str]:
    urls, _ = decide(views.function_urls, lambda u: u.auth_type == "AWS_IAM")
    return {u.resource for u in urls}


@rule(CORS_RULE, reads=("api_settings:cors_*",))
def wildcard_cors(views: Views, context: Context) -> list[Violation]:
    settings = [s for s in views.api_settings if s.setting.startswith("cors_")]

    def places(setting: str, value: str) -> set[tuple[str, str]]:
        records = [s for s in settings if s.setting == setting]
        return {(s.resource, s.kind) for s in context.decide(CORS_RULE, records, lambda s: s.value == value)}

    wildcard = places(cors.ORIGIN, "*")
    apis: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in settings:
        if s.setting == cors.API:
            apis[(s.resource, s.kind)].add(s.value)
    authenticated, iam_urls = _authenticated_apis(views), _iam_urls(views)
    problems: dict[str, set[str]] = defaultdict(set)
    for place in wildcard & places(cors.CREDENTIALS, "true"):
        problems[place[0]].add("allows any origin (`*`) with credentials")
    for resource, kind in wildcard:
        if kind == cors.URL and resource in iam_urls:
            problems[resource].add("allows any origin (`*`) on a function URL that requires IAM authentication")
        for api in sorted(apis[(resource, kind)] & authenticated):
            problems[resource].add(f"allows any origin (`*`) on API {api}, whose operations require authorization")
    for resource, _ in places(cors.WRITE_ORIGIN, "*"):
        problems[resource].add("lets any origin (`*`) PUT, POST or DELETE objects of the bucket")
    functions = defaultdict(set)
    for s in settings:
        functions[s.resource].update(s.functions)
    return [Violation(CORS_RULE, resource, "CORS " + "; ".join(sorted(found)) + "; name the allowed origins",
                      tuple(sorted(functions[resource])))
            for resource, found in problems.items()]


@rule("FG_03_04", reads=("api_settings:custom_domain", "api_settings:default_endpoint"))
def default_endpoint_beside_domain(views: Views, context: Context) -> list[Violation]:
    domains = {(s.resource, s.kind) for s in views.api_settings if s.setting == "custom_domain"}
    endpoints = [s for s in views.api_settings if s.setting == "default_endpoint" and (s.resource, s.kind) in domains]
    open_ = context.decide("FG_03_04", endpoints, lambda s: s.value == "enabled")
    return [
        Violation("FG_03_04", resource,
                  f"{resource} is served by a custom domain but its default execute-api endpoint stays enabled "
                  f"({', '.join(sorted({r.kind for r in records}))}); disable it so callers cannot bypass the domain",
                  ())
        for resource, records in by_resource(open_).items()
    ]


def _open_egress(record) -> bool:
    return record.kind == "security_group" and record.setting == "egress" and record.value in OPEN_EGRESS


@rule("FG_03_05", reads=("network_settings:egress",))
def unrestricted_function_egress(views: Views, context: Context) -> list[Violation]:
    found = []
    for resource, records in by_resource(context.decide("FG_03_05", views.network_settings, _open_egress)).items():
        destinations = ", ".join(sorted({r.value.split(" ", 1)[1] for r in records}))
        found.append(Violation("FG_03_05", resource,
                               f"lets {affected(functions_of(records))} send traffic of every protocol to "
                               f"{destinations}: nothing limits where a compromised function can send data",
                               functions_of(records)))
    return found
