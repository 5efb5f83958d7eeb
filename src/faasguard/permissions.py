"""What `faasguard permissions` and `faasguard graph` show: per function of every document under the
paths, its entry points, its effective permissions with their sources, its attack paths
(faasguard.model.attack_paths) and, where the document declares the data stores a broad grant covers, a
narrower replacement. Files that cannot be read are errors, as in a scan."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from faasguard.inputs.document import Document, InputError
from faasguard.inputs.load import load_paths
from faasguard.model import build, iam_data
from faasguard.model.attack_paths import (DATA_UNSCOPED, SERVICE_WIDE, AttackPath, EntryPoint, Grant, entry_points,
                                          grants, paths_of, roles_by_function)
from faasguard.model.views import Views

# the resource types of the data stores a function's grants can reach, by the service that acts on them
STORE_SERVICES = {
    "aws_dynamodb_table": "dynamodb", "AWS::DynamoDB::Table": "dynamodb", "AWS::Serverless::SimpleTable": "dynamodb",
    "aws_s3_bucket": "s3", "AWS::S3::Bucket": "s3",
    "aws_sqs_queue": "sqs", "AWS::SQS::Queue": "sqs",
    "aws_sns_topic": "sns", "AWS::SNS::Topic": "sns",
    "aws_kinesis_stream": "kinesis", "AWS::Kinesis::Stream": "kinesis",
    "aws_secretsmanager_secret": "secretsmanager", "AWS::SecretsManager::Secret": "secretsmanager",
}
# per service: the SAM policy template scoped to one store (aws-sam-translator's, whose actions the
# other formats' replacement lists), its parameter, and how a CloudFormation template names the store
# for it and its ARN
_REPLACEMENTS = {
    "dynamodb": ("DynamoDBCrudPolicy", "TableName", "!Ref {id}", "!GetAtt {id}.Arn"),
    "s3": ("S3CrudPolicy", "BucketName", "!Ref {id}", "!Sub ${{{id}.Arn}}/*"),
    "sqs": ("SQSSendMessagePolicy", "QueueName", "!GetAtt {id}.QueueName", "!GetAtt {id}.Arn"),
    "sns": ("SNSPublishMessagePolicy", "TopicName", "!GetAtt {id}.TopicName", "!Ref {id}"),
    "kinesis": ("KinesisCrudPolicy", "StreamName", "!Ref {id}", "!GetAtt {id}.Arn"),
    "secretsmanager": ("AWSSecretsManagerGetSecretValuePolicy", "SecretArn", "!Ref {id}", "!Ref {id}"),
}
_TERRAFORM_ADDRESS = re.compile(r"(?:^|\.)(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$")


@dataclass(frozen=True)
class DataStore:
    resource: str
    service: str


@dataclass(frozen=True)
class Replacement:
    grant: Grant
    text: str


@dataclass
class FunctionAccess:
    file: str
    format: str
    function: str
    role: str
    entry_points: list[EntryPoint]
    grants: list[Grant]
    paths: list[AttackPath]
    replacements: list[Replacement]


@dataclass
class DocumentAccess:
    file: str
    format: str
    functions: list[FunctionAccess]
    stores: list[DataStore]


@dataclass
class AccessReport:
    documents: list[DocumentAccess] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def functions(self) -> list[FunctionAccess]:
        return [f for d in self.documents for f in d.functions]


def data_stores(document: Document) -> list[DataStore]:
    """The data stores the document declares (Terraform by address, the others by resource type)."""
    if document.format in ("terraform", "terraform_plan"):
        found = [(address, _TERRAFORM_ADDRESS.search(address)) for address in document.locations]
        return sorted({DataStore(a, STORE_SERVICES[m.group(1)]) for a, m in found
                       if m and m.group(1) in STORE_SERVICES}, key=lambda s: s.resource)
    data = document.data
    resources = (data.get("resources") or {}).get("Resources") if document.format == "serverless" else data.get("Resources")
    if not isinstance(resources, dict):
        return []
    return sorted((DataStore(rid, STORE_SERVICES[body["Type"]]) for rid, body in resources.items()
                   if isinstance(body, dict) and body.get("Type") in STORE_SERVICES), key=lambda s: s.resource)


_SAM_TEMPLATE = "SAM policy template "
_EVERY_RESOURCE = " on every resource"


def _replacement_text(fmt: str, grant: Grant, service: str, store: str) -> str:
    """The grant scoped to one store: the same SAM policy template (or, for a whole service, the
    service's CRUD template) naming it; elsewhere the grant's actions (a whole service: the CRUD
    template's) on the store's ARN."""
    template, parameter, named, arn = _REPLACEMENTS[service]
    if grant.origin.startswith(_SAM_TEMPLATE):
        template = grant.origin.removeprefix(_SAM_TEMPLATE)
        parameter = (iam_data.sam_policy_templates()[template]["parameters"] or [parameter])[0]
    if fmt == "sam" and (grant.origin.startswith(_SAM_TEMPLATE) or grant.level == SERVICE_WIDE):
        return f"{template}: {{{parameter}: {named.format(id=store)}}}"
    if grant.level == SERVICE_WIDE:
        actions = sorted({a for s in iam_data.sam_policy_templates()[template]["statements"] for a in s["Action"]})
    else:  # the data actions the grant lists, those of this service
        listed = grant.what.removesuffix(_EVERY_RESOURCE).split(", ")
        actions = [a for a in listed if a.split(":", 1)[0].lower() == service]
    where = f"{store}.arn" if fmt in ("terraform", "terraform_plan") else arn.format(id=store)
    return f"{', '.join(actions)} on {where}"


def replacements(fmt: str, function_grants: list[Grant], stores: list[DataStore]) -> list[Replacement]:
    """For each grant on every resource of a service whose stores the document declares, the grant
    scoped to each of those stores (the function likely needs one of them)."""
    by_service = defaultdict(list)
    for store in stores:
        by_service[store.service].append(store.resource)
    found = {}
    for grant in function_grants:
        if grant.level not in (SERVICE_WIDE, DATA_UNSCOPED):
            continue
        for service in grant.services:
            for store in by_service.get(service, ()) if service in _REPLACEMENTS else ():
                text = _replacement_text(fmt, grant, service, store)
                found.setdefault((grant.what, text), Replacement(grant, text))
    return list(found.values())


def _document_access(document: Document, views: Views) -> DocumentAccess:
    stores = data_stores(document)
    every_entry, every_grant = entry_points(views), grants(views)
    entries, granted, found = defaultdict(list), defaultdict(list), defaultdict(list)
    for entry in every_entry:
        entries[entry.function].append(entry)
    for grant in every_grant:
        granted[grant.function].append(grant)
    for path in paths_of(every_entry, every_grant):  # the paths of what was just computed, not again
        found[path.function].append(path)
    roles = roles_by_function(views)
    functions = [FunctionAccess(document.location(f.resource).file, document.format, f.resource,
                                roles.get(f.resource, ""), entries[f.resource], granted[f.resource],
                                found[f.resource], replacements(document.format, granted[f.resource], stores))
                 for f in views.functions]
    return DocumentAccess(document.path, document.format, functions, stores)


def read(paths: list[str]) -> AccessReport:
    loaded = load_paths(paths)
    report = AccessReport(errors=list(loaded.errors))
    for document in loaded.documents:
        try:
            views = build(document.format, document.data)
        except Exception as exc:  # fail closed: a document the model cannot read is an error, not an empty list
            report.errors.append(InputError(document.path, f"cannot build the model: {exc}"))
            continue
        report.documents.append(_document_access(document, views))
    return report
