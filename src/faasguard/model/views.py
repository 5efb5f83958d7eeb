"""The normalized views every rule reads (docs/model.md). Unknown values never appear in a view.

A value the files settle to one of several alternatives gives one record per known alternative, each
with the same `choice` (an id of the decision point) and `choices` (how many alternatives there are,
unknown ones included); a rule violates on such a value only when every alternative does
(`faasguard.model.decide`). A plain value has `choice` "" and `choices` 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ABSENT = "absent"


@dataclass(frozen=True)
class Function:
    resource: str
    name: str


@dataclass(frozen=True)
class Runtime:
    resource: str
    value: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "runtime"


@dataclass(frozen=True)
class Tracing:
    resource: str
    mode: str  # the known mode, or ABSENT
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "tracing"


@dataclass(frozen=True)
class FunctionUrl:
    resource: str
    auth_type: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "auth_type"


@dataclass(frozen=True)
class EnvironmentVariable:
    resource: str
    name: str
    value: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1

    @property
    def attribute(self) -> str:
        return f"environment.{self.name}"


@dataclass(frozen=True)
class PolicyStatement:
    """A statement of a policy a function role gets. `resource` is where the statement is written (the
    finding's place), `roles` the function roles it reaches (see Role), `iam_resources` and
    `iam_not_resources` its Resource / NotResource entries (known strings only). What wrote it, when
    `resource` alone does not say, is in `Views.origins`."""

    resource: str
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    functions: tuple[str, ...]
    iam_resources: tuple[str, ...] = ()
    iam_not_resources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ManagedPolicy:
    resource: str
    policy: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    roles: tuple[str, ...] = ()
    attribute = "managed_policies"


@dataclass(frozen=True)
class Role:
    """A function role: a role some function of the document uses, or one that trusts
    `lambda.amazonaws.com` (anyone with iam:PassRole and lambda:CreateFunction can give it a function).
    `resource` is the role's id: a Terraform address or logical id; for a role the format generates, the
    place that configures it (a SAM function without `Role`; Serverless `provider` for the shared role,
    the function key for a per-function role)."""

    resource: str
    functions: tuple[str, ...]
    permissions_boundary: bool


@dataclass(frozen=True)
class ApiOperation:
    """A REST API method, an HTTP or WebSocket API route, or a SAM / Serverless event that creates one.
    `kind` is "rest", "http" or "websocket"; `method` the upper-cased HTTP method ("ANY", "GET", …; ""
    for WebSocket); `path` the resource path or route key ("/orders", "$connect"); `authorization` the
    effective authorization, upper-cased: "NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM" (a Lambda
    authorizer) or "JWT"; `api_key_required` whether a key is required. `resource` is where the setting
    is written (the method / route resource, the SAM function or Serverless function key for its
    events, the SAM API for its OpenAPI `DefinitionBody`)."""

    resource: str
    api: str
    kind: str
    method: str
    path: str
    authorization: str
    api_key_required: bool
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "authorization"


@dataclass(frozen=True)
class LambdaPermission:
    """A statement of a function's resource policy (`aws_lambda_permission`, `AWS::Lambda::Permission`).
    `principal` as written (known string); `constrained` when it has a SourceArn, SourceAccount or
    PrincipalOrgID; `function_url_auth_type` the upper-cased FunctionUrlAuthType ("" when not a
    function-URL permission); `source_arn` / `source_account` whether SourceArn / SourceAccount is set
    (to anything, a reference included)."""

    resource: str
    principal: str
    constrained: bool
    function_url_auth_type: str
    functions: tuple[str, ...]
    source_arn: bool = False
    source_account: bool = False


@dataclass(frozen=True)
class Authorizer:
    """An API authorizer. `kind` upper-cased: "TOKEN", "REQUEST", "COGNITO_USER_POOLS", "JWT", "AWS_IAM";
    `attached` whether some method / route / event of the document uses it; `jwt_issuer` and
    `jwt_audiences` the JWT configuration (known strings; "" / () when not set)."""

    resource: str
    name: str
    kind: str
    attached: bool
    jwt_issuer: str
    jwt_audiences: tuple[str, ...]


@dataclass(frozen=True)
class CognitoSetting:
    """A security setting of a Cognito resource, normalised: `kind` is "user_pool", "user_pool_client"
    or "identity_pool"; `setting` one of "password_minimum_length" (int as text, the AWS default "8" when
    unset), "password_requires" (the comma-separated missing classes among lowercase, uppercase, numbers,
    symbols; "" when all are required — AWS's default), "mfa" ("OFF", "ON", "OPTIONAL"; "OFF" when
    unset), "explicit_auth_flows" (one record per flow, upper-cased), "writable_custom_attribute" (one per
    mutable custom attribute a client may write, its name without `custom:`), "allow_unauthenticated"
    ("true"/"false")."""

    resource: str
    kind: str
    setting: str
    value: str


@dataclass(frozen=True)
class EventSource:
    """A trigger: a bucket, topic, queue, stream or table whose events invoke functions. `kind` is "s3",
    "sns", "sqs", "kinesis", "dynamodb", "eventbridge" or "other"; `source` the id of the source
    resource when the document declares it ("" when it lives elsewhere); `resource` is where the
    trigger is written (the SAM function or Serverless function key for its events, the event source
    mapping, bucket notification or subscription resource)."""

    resource: str
    kind: str
    source: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class SourcePolicyStatement:
    """A statement of the resource policy of a bucket, topic or queue the document declares (`target`,
    its id). `public` when the principal is `*` or `{"AWS": "*"}`; `constrained` when a condition on
    `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
    `aws:SourceVpce`, `aws:SourceVpc` or `aws:SourceIp` (any operator, any case) narrows who that is. The
    resource policies of REST APIs are read so too (`target` the API). `resource` is where the statement is written (the
    policy resource, or the bucket / topic / queue that embeds it)."""

    resource: str
    target: str
    effect: str
    actions: tuple[str, ...]
    public: bool
    constrained: bool


@dataclass(frozen=True)
class Setting:
    """A security setting of a resource the document declares, normalised to text: one record per
    (resource, setting) value, or per member of a list-valued setting (a CORS origin, an egress rule).
    `kind` names what the resource is ("s3_bucket", "sqs_queue", "rest_api", "function", …) and the
    settings each kind has are listed in docs/model.md under the view that holds them; a setting that
    is not written holds its documented default or ABSENT. `functions` are the functions the resource
    serves or belongs to, when the view says so. A value with alternatives gives one record per known
    alternative (views.py header); an unknown value gives none and is kept in `unknowns`."""

    resource: str
    kind: str
    setting: str
    value: str
    functions: tuple[str, ...] = ()
    choice: str = ""
    choices: int = 1

    @property
    def attribute(self) -> str:
        return self.setting


@dataclass(frozen=True)
class NotCreated:
    """A resource whose existence the files settle to false: it is not judged (a notice says why)."""

    resource: str
    reason: str


@dataclass(frozen=True)
class Unknown:
    """A value a view would hold that only deployment settles (a parameter without default, an SSM
    reference, a Terraform variable without default, a plan's after_unknown, …): no rule can judge
    it, so every rule reading `view` reports it as undecided rather than passing it in silence."""

    resource: str
    view: str  # the view the value would be in ("runtimes", "environment", …)
    attribute: str  # as records name it: "runtime", "environment.API_KEY", "policy", …
    why: str
    functions: tuple[str, ...]


@dataclass
class Views:
    functions: list[Function] = field(default_factory=list)
    runtimes: list[Runtime] = field(default_factory=list)
    tracing: list[Tracing] = field(default_factory=list)
    function_urls: list[FunctionUrl] = field(default_factory=list)
    environment: list[EnvironmentVariable] = field(default_factory=list)
    policy_statements: list[PolicyStatement] = field(default_factory=list)
    managed_policies: list[ManagedPolicy] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    api_operations: list[ApiOperation] = field(default_factory=list)
    lambda_permissions: list[LambdaPermission] = field(default_factory=list)
    authorizers: list[Authorizer] = field(default_factory=list)
    cognito: list[CognitoSetting] = field(default_factory=list)
    event_sources: list[EventSource] = field(default_factory=list)
    source_policies: list[SourcePolicyStatement] = field(default_factory=list)
    # settings views (Setting records), one per concern; docs/model.md lists each kind's settings
    store_settings: list[Setting] = field(default_factory=list)  # buckets, queues, topics, tables, logs, ECR
    api_settings: list[Setting] = field(default_factory=list)  # API endpoints, stages, CORS
    network_settings: list[Setting] = field(default_factory=list)  # security groups of functions
    secret_settings: list[Setting] = field(default_factory=list)  # secret stores, parameters, env references
    function_settings: list[Setting] = field(default_factory=list)  # per-function settings (KMS key, …)
    monitoring_settings: list[Setting] = field(default_factory=list)  # alarms, trails, state machine logs
    # statements of the roles Cognito identity pools give their users (PolicyStatement records whose
    # `roles` are those roles and `functions` is empty)
    identity_pool_statements: list[PolicyStatement] = field(default_factory=list)
    not_created: list[NotCreated] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)
    # statement -> what wrote it when its `resource` alone does not say ("SAM policy template S3CrudPolicy",
    # "iam.role.statements"): shown by `faasguard permissions` and the attack paths; no rule reads it, and
    # the Rego model has no such view
    origins: dict[PolicyStatement, str] = field(default_factory=dict)


def functions_tuple(ids) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))
