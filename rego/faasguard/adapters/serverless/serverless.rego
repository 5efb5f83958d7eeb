# METADATA
# title: Serverless Framework adapter
# description: |
#   The views (docs/model.md) of a parsed serverless.yml, variables resolved by lib/serverless. A setting
#   inherited from `provider` is one record on `provider` listing the functions that inherit it. Empty
#   unless the input is a Serverless document.
package faasguard.adapters.serverless

import data.faasguard.lib.format
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

_doc := input if format.format == "serverless"

_provider := sls.resolve(_doc, _doc.provider)

# function key → its body, variables resolved (undefined when unknown)
_bodies[name] := sls.resolve(_doc, raw) if {
	functions := sls.merged(_doc, _doc.functions)
	is_object(functions)
	some name, raw in functions
}

# function key → its settings
_functions[name] := body if {
	some name, body in _bodies
	is_object(body)
}

# METADATA
# title: not_created
# description: |
#   {resource, reason}: a function written as `f:` with no body. The Framework deletes such an entry
#   (Service.setFunctionNames), so no function is deployed and it is in no other view.
not_created contains {"resource": name, "reason": _empty_function} if {
	some name, body in _bodies
	body == null
}

_empty_function := "its entry under `functions` is empty, and the Serverless Framework deploys no function for it"

# sorted keys of the functions that do not set `key` themselves
_inheriting(key) := sort({name | some name, fn in _functions; values.is_unset(fn, key)})

functions contains {"resource": name, "name": _function_name(name, fn)} if some name, fn in _functions

_function_name(name, fn) := known if {
	known := sls.field(_doc, fn, "name")
	is_string(known)
} else := name

# a container-image function has no runtime, its own or the provider's
runtimes contains {"resource": name, "value": runtime, "functions": [name]} if {
	some name, fn in _functions
	values.is_unset(fn, "image")
	runtime := sls.field(_doc, fn, "runtime")
	is_string(runtime)
}

runtimes contains {"resource": "provider", "value": runtime, "functions": functions} if {
	runtime := sls.field(_doc, _provider, "runtime")
	is_string(runtime)
	functions := [name | some name in _inheriting("runtime"); values.is_unset(_functions[name], "image")]
	count(functions) > 0
}

# The Framework deploys `functions.<f>.tracing || provider.tracing.lambda`
# (lib/plugins/aws/package/compile/functions.js): a function's own value unless it is falsy.
tracing contains {"resource": name, "mode": mode, "functions": [name]} if {
	some name, fn in _functions
	not _inherits_tracing(fn)
	mode := _tracing_mode(sls.field(_doc, fn, "tracing"))
}

tracing contains {"resource": "provider", "mode": mode, "functions": _tracing_inheritors} if {
	count(_tracing_inheritors) > 0
	mode := _provider_mode(sls.field(_doc, _provider_tracing, "lambda"))
}

# neither the function nor `provider.tracing.lambda` sets tracing → the function
tracing contains {"resource": name, "mode": "absent", "functions": [name]} if {
	_provider_lambda_unset
	some name in _tracing_inheritors
}

_tracing_inheritors := sort({name | some name, fn in _functions; _inherits_tracing(fn)})

_inherits_tracing(fn) if values.is_unset(fn, "tracing")

_inherits_tracing(fn) if sls.resolve(_doc, fn.tracing) in {false, ""}

_provider_tracing := sls.field(_doc, _provider, "tracing")

_provider_lambda_unset if values.is_unset(_provider, "tracing")

# only the `lambda` key of a map counts: a bare `provider.tracing: true` sets nothing for Lambda
# (an unknown provider.tracing is undefined, so type_name is too: unknown is not unset)
_provider_lambda_unset if type_name(_provider_tracing) != "object"

_provider_lambda_unset if values.is_unset(_provider_tracing, "lambda")

_provider_lambda_unset if sls.field(_doc, _provider_tracing, "lambda") == ""

# `lambda: false` is tracing switched off on the provider, the place to fix it
_provider_mode(false) := "PassThrough"

_provider_mode(mode) := _tracing_mode(mode) if mode != ""

_tracing_mode(true) := "Active"

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
