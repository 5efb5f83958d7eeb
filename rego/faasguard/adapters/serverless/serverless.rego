# METADATA
# title: Serverless Framework adapter
# description: |
#   The views (docs/model.md) of a parsed serverless.yml, variables resolved by lib/serverless. A setting
#   inherited from `provider` is one record on `provider` listing the functions that inherit it. Empty
#   unless the input is a Serverless document.
package faasguard.adapters.serverless

import data.faasguard.lib.format
import data.faasguard.lib.iam
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

_doc := input if format.format == "serverless"

_provider := sls.resolve(_doc, _doc.provider)

# function key → its settings (a function written as `f:` with no body has none)
_functions[name] := _body(sls.resolve(_doc, raw)) if {
	functions := sls.resolve(_doc, _doc.functions)
	is_object(functions)
	some name, raw in functions
}

_body(fn) := fn if is_object(fn)

_body(null) := {}

# sorted keys of the functions that do not set `key` themselves
_inheriting(key) := sort({name | some name, fn in _functions; values.is_unset(fn, key)})

functions contains {"resource": name, "name": _function_name(name, fn)} if some name, fn in _functions

_function_name(name, fn) := known if {
	known := sls.field(_doc, fn, "name")
	is_string(known)
} else := name

runtimes contains {"resource": name, "value": runtime, "functions": [name]} if {
	some name, fn in _functions
	runtime := sls.field(_doc, fn, "runtime")
	is_string(runtime)
}

# container-image functions have no runtime and inherit none
runtimes contains {"resource": "provider", "value": runtime, "functions": functions} if {
	runtime := sls.field(_doc, _provider, "runtime")
	is_string(runtime)
	functions := [name | some name in _inheriting("runtime"); values.is_unset(_functions[name], "image")]
	count(functions) > 0
}

tracing contains {"resource": name, "mode": mode, "functions": [name]} if {
	some name, fn in _functions
	mode := _tracing_mode(sls.field(_doc, fn, "tracing"))
}

tracing contains {"resource": "provider", "mode": mode, "functions": _inheriting("tracing")} if {
	mode := _tracing_mode(sls.field(_doc, sls.field(_doc, _provider, "tracing"), "lambda"))
	count(_inheriting("tracing")) > 0
}

# neither the function nor the provider sets tracing → the function
tracing contains {"resource": name, "mode": "absent", "functions": [name]} if {
	_provider_tracing_unset
	some name in _inheriting("tracing")
}

_provider_tracing_unset if values.is_unset(_provider, "tracing")

_provider_tracing_unset if {
	provider_tracing := sls.field(_doc, _provider, "tracing")
	values.is_map(provider_tracing)
	values.is_unset(provider_tracing, "lambda")
}

_tracing_mode(true) := "Active"

_tracing_mode(false) := "PassThrough"

_tracing_mode(mode) := mode if is_string(mode)

function_urls contains {"resource": name, "auth_type": auth_type, "functions": [name]} if {
	some name, fn in _functions
	auth_type := _url_auth_type(sls.field(_doc, fn, "url"))
}

_url_auth_type(true) := "NONE"

_url_auth_type(url) := "NONE" if {
	values.is_map(url)
	values.is_unset(url, "authorizer")
}

_url_auth_type(url) := _auth_type(sls.field(_doc, url, "authorizer")) if values.is_map(url)

_auth_type("aws_iam") := "AWS_IAM"

_auth_type(authorizer) := "NONE" if authorizer != "aws_iam"

environment contains {"resource": name, "name": key, "value": v, "functions": [name]} if {
	some name, fn in _functions
	some key, v in _environment(fn)
}

environment contains {"resource": "provider", "name": key, "value": v, "functions": sort(object.keys(_functions))} if {
	some key, v in _environment(_provider)
}

_environment(obj) := {key: v |
	variables := sls.field(_doc, obj, "environment")
	values.is_map(variables)
	some key, raw in variables
	v := sls.resolve(_doc, raw)
	is_string(v)
}

policy_statements contains object.union(s, {"resource": resource, "functions": users}) if {
	some [resource, obj, users] in _iam_holders
	some s in iam.statements({"Statement": [_known_statement(entry) | some entry in _entries(obj, _statement_paths)]})
}

managed_policies contains {"resource": resource, "policy": policy, "functions": users} if {
	some [resource, obj, users] in _iam_holders
	some policy in _entries(obj, _managed_policy_paths[resource == "provider"])
	is_string(policy)
}

# [resource, settings, functions]: the provider when its generated role is used, and every function
_iam_holders contains ["provider", _provider, users] if {
	values.is_unset(_provider, "role")
	_generated_role
	users := _inheriting("role")
	count(users) > 0
}

_iam_holders contains [name, fn, [name]] if some name, fn in _functions

# provider.iam.role is not an ARN or name (a string) nor an intrinsic: the Framework generates the role
_generated_role if values.is_unset(_provider, "iam")

_generated_role if {
	provider_iam := sls.field(_doc, _provider, "iam")
	values.is_map(provider_iam)
	values.is_unset(provider_iam, "role")
}

_generated_role if values.is_map(_at(_provider, ["iam", "role"]))

_statement_paths := [["iam", "role", "statements"], ["iamRoleStatements"]]

# keyed by "is it the provider": functions have no iamManagedPolicies
_managed_policy_paths := {
	true: [["iam", "role", "managedPolicies"], ["iamManagedPolicies"]],
	false: [["iam", "role", "managedPolicies"]],
}

# the resolved entries of the lists at the given paths
_entries(obj, paths) := [entry |
	some path in paths
	list := _at(obj, path)
	is_array(list)
	some raw in list
	entry := sls.resolve(_doc, raw)
]

_at(obj, [key]) := sls.field(_doc, obj, key)

_at(obj, [first, second]) := sls.field(_doc, sls.field(_doc, obj, first), second)

_at(obj, [first, second, third]) := sls.field(_doc, sls.field(_doc, sls.field(_doc, obj, first), second), third)

_known_statement(statement) := {key: v |
	some key in ["Effect", "Action", "NotAction"]
	v := _known_strings(statement[key])
}

_known_strings(v) := [s | some entry in v; s := sls.resolve(_doc, entry); is_string(s)] if is_array(v)

_known_strings(v) := sls.resolve(_doc, v) if not is_array(v)
