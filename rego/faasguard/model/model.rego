# METADATA
# title: Normalized model
# description: |
#   The views of docs/model.md, each the union of the views of the five format adapters
#   (data.faasguard.adapters.{terraform,plan,cloudformation,sam,serverless}). Rules read only this package.
#   An adapter that is not loaded contributes nothing.
package faasguard.model

import data.faasguard.lib.format as detection
import data.faasguard.lib.values

# METADATA
# title: format
# description: The input's format (terraform_plan, cloudformation, sam, serverless, terraform).
format := detection.format

_adapters := ["terraform", "plan", "cloudformation", "sam", "serverless"]

_view(name) := {r | some adapter in _adapters; some r in _adapter_view(adapter, name)}

# The Terraform HCL and plan adapters give all their views as one object (lib/terraform builds them
# together); the others one rule per view.
_adapter_view(adapter, name) := {r | some group in _view_groups; some r in _views_entry(adapter, group, name)} if {
	adapter in {"terraform", "plan"}
}

_adapter_view(adapter, name) := data.faasguard.adapters[adapter][name] if not adapter in {"terraform", "plan"}

# the objects of views the Terraform adapters give: functions and IAM, APIs (apis.rego), triggers
# (triggers.rego), and one per concern of the settings views (storage.rego, cors.rego, …)
_view_groups := [
	"views", "api_views", "trigger_views", "storage_views", "cors_views", "exposure_views",
	"network_views", "secret_views", "secret_store_views", "validation_views", "edge_views",
	"deployment_views", "logging_views", "api_monitoring_views", "monitoring_views",
	"code_source_views", "dependency_views", "limit_views", "throttling_views", "failure_views",
	"error_views", "lifecycle_views", "usage_views", "persistence_views", "efs_views",
]

_views_entry(adapter, object_name, name) := object.get(_views_object(adapter, object_name), name, set())

_views_object(adapter, object_name) := object.get(data.faasguard.adapters[adapter], object_name, {})

# METADATA
# title: functions
# description: "{resource, name}: one per Lambda function."
functions := _view("functions")

# METADATA
# title: runtimes
# description: "{resource, value, functions}: one per place a known runtime is set."
runtimes := _view("runtimes")

# METADATA
# title: tracing
# description: "{resource, mode, functions}: one per place the effective tracing mode comes from."
tracing := _view("tracing")

# METADATA
# title: function_urls
# description: "{resource, auth_type, functions}: one per function URL; auth_type upper-cased (`none` is NONE)."
function_urls contains object.union(r, {"auth_type": upper(r.auth_type)}) if some r in _view("function_urls")

# METADATA
# title: environment
# description: |
#   {resource, name, value, functions}: one per environment variable with a known string value.
#   Checked here once for every format: a `{{resolve:…}}` dynamic reference is never known.
environment contains record if {
	some record in _view("environment")
	values.is_literal(record.value)
}

# METADATA
# title: policy_statements
# description: |
#   {resource, effect, actions, not_actions, iam_resources, iam_not_resources, roles, functions}:
#   statements of policies a function role gets (docs/model.md). An adapter may leave out the
#   empty lists; they are filled in here, so every record has every field.
policy_statements contains object.union(_statement_defaults, r) if some r in _view("policy_statements")

_statement_defaults := {"iam_resources": [], "iam_not_resources": [], "roles": []}

# METADATA
# title: managed_policies
# description: "{resource, policy, roles, functions}: managed policies attached to a function role."
managed_policies contains object.union({"roles": []}, r) if some r in _view("managed_policies")

# METADATA
# title: roles
# description: |
#   {resource, functions, permissions_boundary}: function roles, the roles some function uses or
#   that trust lambda.amazonaws.com (docs/model.md).
roles := _view("roles")

# METADATA
# title: api_operations
# description: |
#   {resource, api, kind, method, path, authorization, api_key_required, functions}: REST methods,
#   HTTP/WebSocket routes and the SAM/Serverless events that create them (docs/model.md).
api_operations := _view("api_operations")

# METADATA
# title: lambda_permissions
# description: |
#   {resource, principal, constrained, function_url_auth_type, functions}: statements of functions'
#   resource policies.
lambda_permissions := _view("lambda_permissions")

# METADATA
# title: authorizers
# description: "{resource, name, kind, attached, jwt_issuer, jwt_audiences}: API authorizers."
authorizers := _view("authorizers")

# METADATA
# title: cognito
# description: "{resource, kind, setting, value}: security settings of Cognito pools and clients."
cognito := _view("cognito")

# METADATA
# title: event_sources
# description: "{resource, kind, source, functions}: triggers (buckets, topics, queues, streams) of functions."
event_sources := _view("event_sources")

# METADATA
# title: source_policies
# description: |
#   {resource, target, effect, actions, public, constrained}: statements of the resource policies of
#   the buckets, topics and queues of the document.
source_policies := _view("source_policies")

# Settings views (docs/model.md): {resource, kind, setting, value, functions}, one record per value
# (or list member) of a security setting; `functions` is filled in here when an adapter leaves it out.
_settings(name) := {object.union({"functions": []}, r) | some r in _view(name)}

# METADATA
# title: store_settings
# description: "{resource, kind, setting, value, functions}: buckets, queues, topics, tables, log groups, ECR."
store_settings := _settings("store_settings")

# METADATA
# title: api_settings
# description: "{resource, kind, setting, value, functions}: settings of APIs, stages, function URLs (endpoints, CORS)."
api_settings := _settings("api_settings")

# METADATA
# title: network_settings
# description: "{resource, kind, setting, value, functions}: security groups of functions."
network_settings := _settings("network_settings")

# METADATA
# title: secret_settings
# description: "{resource, kind, setting, value, functions}: secret stores, secret parameters, deploy-time secrets."
secret_settings := _settings("secret_settings")

# METADATA
# title: function_settings
# description: "{resource, kind, setting, value, functions}: per-function settings (KMS key, …)."
function_settings := _settings("function_settings")

# METADATA
# title: monitoring_settings
# description: "{resource, kind, setting, value, functions}: alarms, trails, state machine logging and tracing."
monitoring_settings := _settings("monitoring_settings")

# METADATA
# title: identity_pool_statements
# description: |
#   {resource, effect, actions, not_actions, iam_resources, iam_not_resources, roles, functions}:
#   statements of the roles Cognito identity pools give their users (`roles`; `functions` empty).
identity_pool_statements contains object.union_n([_statement_defaults, {"functions": []}, r]) if {
	some r in _view("identity_pool_statements")
}

# METADATA
# title: not_created
# description: |
#   {resource, reason}: resources whose existence the files settle to false (a false CloudFormation
#   Condition, a Terraform count or for_each of zero). Adapters leave them out of every other view.
not_created := _view("not_created")

# METADATA
# title: decided
# description: |
#   The records of a set of violating view records that violate in every alternative. A record of a
#   value with alternatives (docs/model.md) carries `choice` (the decision point), `choices` (how many
#   alternatives it has, unknown ones included) and `alternative` (its index); it counts only when the
#   records of all `choices` alternatives are among the violating ones (an unknown alternative has no
#   record, so it never is). Records without `choice` are plain values and count as they are.
#   Linear: one set of [choice, alternative] pairs, looked up by membership.
decided(violating) := {r | some r in violating; not r.choice} | {r |
	offending := {[x.choice, x.alternative] | some x in violating; x.choice}
	some r in violating
	r.choice
	every i in numbers.range(0, r.choices - 1) {
		[r.choice, i] in offending
	}
}
