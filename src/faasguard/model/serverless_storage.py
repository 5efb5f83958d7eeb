"""Serverless Framework services → store_settings (docs/model.md, "Storage settings").

The CloudFormation resources of `resources.Resources` are read as in a template
(cloudformation_storage.resource_views). An `sns` event naming a topic (not an ARN) makes the Framework
create that topic with no `KmsMasterKeyId` (naming.js getTopicLogicalId; unless `resources.Resources`
declares that logical id itself): a `kms_key` record `absent` on the function key. Buckets the Framework
creates for `s3` events, and its deployment bucket, get S3's defaults (public access blocked, ACLs
disabled, SSE-S3): nothing to record about their public access.

Deployment artifacts: the Framework uploads every zip-packaged function to its deployment bucket, the one
it creates (`ServerlessDeploymentBucket`), or an existing one named by `deploymentBucket.name` (a string
`deploymentBucket` in old services). The `code_bucket` link is on `provider` for those functions: to
`provider` (the Framework's bucket) or to a bucket of `resources.Resources` whose known BucketName is that
name. A function
`image` URI (or `image.uri`) naming a repository of `resources.Resources` by its known RepositoryName, and
not pinned by a digest, is an `image_repository` link; images the Framework builds (`image.name`) are
deployed by digest. The twin is rego/faasguard/adapters/serverless/storage.rego.
"""
from __future__ import annotations

from faasguard.model import cloudformation_storage
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import PROVIDER
from faasguard.model.serverless_triggers import declared_ids, trigger_events, normalized
from faasguard.model.values import UNKNOWN, is_map, known_string
from faasguard.model.views import ABSENT


def add_views(service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    template = Template(resources) if is_map(resources) else Template({})
    image_users = _image_links(service, builder, template)
    if is_map(resources):
        cloudformation_storage.resource_views(template, builder, image_users)
    _deployment_bucket(service, builder, template)
    declared = declared_ids(service)
    for key, function in service.functions.items():
        for event_key, value in trigger_events(service, function):
            if event_key == "sns":
                _implicit_topic(service, builder, key, value, declared)


def _implicit_topic(service, builder: ViewBuilder, key: str, value, declared: frozenset[str]) -> None:
    """The topic an `sns` event creates: `sns: name` or `sns: {topicName: name}` without `arn`."""
    written = value
    if is_map(value):
        if value.get("arn") is not None:
            return
        written = value.get("topicName")
    name = service.resolve(written)
    if isinstance(name, dict) or name is None:
        return  # a Ref / GetAtt names a topic of the stack: read with resources.Resources
    text = known_string(name)
    if text is None:
        builder.setting(cloudformation_storage.VIEW, key, "sns_topic", "kms_key", UNKNOWN, [key], written)
    elif not text.startswith("arn:") and f"SNSTopic{normalized(text)}" not in declared:
        builder.setting(cloudformation_storage.VIEW, key, "sns_topic", "kms_key", ABSENT, [key])


def _image_links(service, builder: ViewBuilder, template: Template) -> dict[str, set[str]]:
    """`image_repository` links of functions whose image URI names a declared repository."""
    users: dict[str, set[str]] = {}
    for key, function in service.functions.items():
        image = service.resolve(function.get("image"))
        uri = service.resolve(image.get("uri")) if is_map(image) else image
        text = known_string(uri)
        match = cloudformation_storage.IMAGE_REPOSITORY.match(text) if text and "@" not in text else None
        if match is None:
            continue
        for repository in cloudformation_storage.declared_named(template, match.group(1),
                                                                cloudformation_storage.REPOSITORY, "RepositoryName"):
            users.setdefault(repository, set()).add(key)
            builder.setting(cloudformation_storage.LINKS, key, "function", "image_repository", repository, [key])
    return users


def _deployment_bucket(service, builder: ViewBuilder, template: Template) -> None:
    """The `code_bucket` link of the zip-packaged functions, on `provider`."""
    packaged = sorted(k for k, f in service.functions.items() if f.get("image") is None)
    if not packaged:
        return
    settings = service.resolve(service.provider.get("deploymentBucket"))
    name = service.resolve(settings.get("name")) if is_map(settings) else settings
    if name is None:
        builder.setting(cloudformation_storage.LINKS, PROVIDER, "function", "code_bucket", PROVIDER, packaged)
        return
    text = known_string(name)
    buckets = cloudformation_storage.declared_named(template, text, cloudformation_storage.BUCKET,
                                                    "BucketName") if text else set()
    for bucket in sorted(buckets):
        builder.setting(cloudformation_storage.LINKS, PROVIDER, "function", "code_bucket", bucket, packaged)

