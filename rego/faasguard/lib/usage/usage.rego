# METADATA
# title: Usage records
# description: |
#   What every format's usage records share (docs/model.md, "Usage"; FG_11_03, FG_11_04): which
#   references make a function invoked or a role used, and the function_settings records built from a
#   document's "who references whom" triples [referrer, attribute, target] (a referrer is a resource id,
#   or an output or module call handing the target on). Everything is built once per document, with
#   sets and objects keyed by target. The Python twin is src/faasguard/model/usage.py.
package faasguard.lib.usage

import data.faasguard.lib.deployment

# METADATA
# title: retaining
# description: DeletionPolicy / UpdateReplacePolicy values (upper-cased) that keep the resource.
retaining := {"RETAIN", "RETAINEXCEPTONCREATE"}

# METADATA
# title: retention_attributes
# description: The retention attributes of a resource, and the settings that hold them.
retention_attributes := {"DeletionPolicy": "deletion_policy", "UpdateReplacePolicy": "update_replace_policy"}

# METADATA
# title: default_policy
# description: CloudFormation's policy when the attribute is not written.
default_policy := "DELETE"

# METADATA
# title: serverless_provider
# description: The type the Serverless adapter gives its `provider` as a referrer.
serverless_provider := "serverless:provider"

# METADATA
# title: serverless_function
# description: The type the Serverless adapter gives its function keys as referrers.
serverless_function := "serverless:function"

# Resources that name a function without invoking it (what is about the function, IAM policies naming
# it): type -> the attributes whose references do not count ("*": all of them).
_not_invoking := {
	"AWS::Logs::LogGroup": {"*"},
	"AWS::CloudWatch::Alarm": {"*"},
	"AWS::CloudWatch::Dashboard": {"*"},
	"AWS::Lambda::Version": {"*"},
	"AWS::Lambda::Alias": {"*"},
	"AWS::Lambda::EventInvokeConfig": {"FunctionName"},
	"AWS::IAM::Role": {"*"},
	"AWS::IAM::Policy": {"*"},
	"AWS::IAM::ManagedPolicy": {"*"},
	"AWS::IAM::RolePolicy": {"*"},
	"aws_cloudwatch_log_group": {"*"},
	"aws_cloudwatch_metric_alarm": {"*"},
	"aws_cloudwatch_dashboard": {"*"},
	"aws_lambda_alias": {"*"},
	"aws_lambda_provisioned_concurrency_config": {"*"},
	"aws_lambda_function_event_invoke_config": {"function_name", "qualifier"},
	"aws_lambda_function_recursion_config": {"*"},
	"aws_lambda_runtime_management_config": {"*"},
	"aws_iam_role": {"*"},
	"aws_iam_policy": {"*"},
	"aws_iam_role_policy": {"*"},
	serverless_provider: {"iam", "iamRoleStatements"},
	serverless_function: {"iamRoleStatements"},
}

# Resources that stand for the function they name (a reference to an alias is one to its function).
_stands_for_function := {"AWS::Lambda::Version", "AWS::Lambda::Alias", "aws_lambda_alias"}

# Resources that configure a role rather than use it.
_role_plumbing := {
	"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
	"aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment",
	"aws_iam_role_policy_attachments_exclusive", "aws_iam_role_policies_exclusive",
}

# METADATA
# title: invokers
# description: |
#   Resources that invoke the function one attribute names: when only deployment settles it, any
#   function of the document may be the one invoked.
invokers := {
	"AWS::Lambda::Permission": "FunctionName",
	"AWS::Lambda::EventSourceMapping": "FunctionName",
	"AWS::Lambda::Url": "TargetFunctionArn",
	"aws_lambda_permission": "function_name",
	"aws_lambda_event_source_mapping": "function_name",
	"aws_lambda_function_url": "function_name",
}

_counts_as_invocation(types, referrer, attribute) if {
	ignored := object.get(_not_invoking, object.get(types, referrer, ""), set())
	not "*" in ignored
	not attribute in ignored
}

# METADATA
# title: records
# description: |
#   The `invoked_by` records of `functions` (a referrer, or one of `own_paths[f]`, the format's own
#   events / URL settings; `absent` when nothing invokes it) and the `referenced_by` records of `roles`
#   (kind iam_role). `unsettled` holds the functions a path to which only deployment settles (key
#   "*": all of them): such a function without a known path has no `absent` record.
records(types, triples, functions, roles, own_paths, unsettled) := invocation_records | role_records if {
	invocation_records := _invocation_records(types, triples, functions, own_paths, unsettled)
	role_records := _role_records(types, triples, roles)
}

_invocation_records(types, triples, functions, own_paths, unsettled) := (invoked | own) | absent if {
	standing := [[referrer, target] |
		some [referrer, _, target] in triples
		types[referrer] in _stands_for_function
		target in functions
	]
	stands_for := {alias: fns |
		some [alias, _] in standing
		fns := {fn | some [a, fn] in standing; a == alias}
	}
	invocations := {[fn, referrer] |
		some [referrer, attribute, target] in triples
		referrer != target
		_counts_as_invocation(types, referrer, attribute)
		some fn in (({target} & functions) | object.get(stands_for, target, set()))
	}
	invoked := {_record(fn, "function", "invoked_by", referrer) | some [fn, referrer] in invocations}
	own := {_record(fn, "function", "invoked_by", path) | some fn, paths in own_paths; some path in paths}
	with_path := {fn | some [fn, _] in invocations} | {fn | some fn, paths in own_paths; count(paths) > 0}
	absent := {_record(fn, "function", "invoked_by", "absent") |
		some fn in functions
		not fn in with_path
		not unsettled[fn]
		not unsettled["*"]
	}
}

_role_records(types, triples, roles) := used | unused if {
	uses := {[role, referrer] |
		some [referrer, _, role] in triples
		role in roles
		referrer != role
		not object.get(types, referrer, "") in _role_plumbing
	}
	used := {_role_record(role, referrer) | some [role, referrer] in uses}
	used_roles := {role | some [role, _] in uses}
	unused := {_role_record(role, "absent") | some role in roles; not role in used_roles}
}

_record(fn, kind, name, value) := deployment.setting(fn, kind, name, value, [fn])

_role_record(role, value) := deployment.setting(role, "iam_role", "referenced_by", value, [])

# METADATA
# title: concurrency_disabled
# description: |
#   A known reserved concurrency as "true" (0: the function cannot run) or "false"; undefined when not
#   a number (or a string of digits).
concurrency_disabled(value) := "true" if {
	_number(value) == 0
} else := "false" if {
	is_number(_number(value))
}

_number(value) := value if is_number(value)

_number(value) := to_number(trim_space(value)) if {
	is_string(value)
	regex.match(`^\s*-?[0-9]+\s*$`, value)
}
