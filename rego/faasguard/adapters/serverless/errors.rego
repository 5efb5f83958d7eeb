# Serverless Framework adapter, error-handling records (docs/model.md, "Function log levels"; the
# package's METADATA is in serverless.rego): `log_format`, `application_log_level` and
# `system_log_level` from `functions.<f>.logs` (on the function key; a key it leaves out taken from the
# provider) and `provider.logs.lambda` (on `provider`, for the functions whose `logs` set none of them).
# The twin of src/faasguard/model/serverless_errors.py. Uses `_doc`, `_provider` and `_functions`.
package faasguard.adapters.serverless

import data.faasguard.lib.deployment
import data.faasguard.lib.errors
import data.faasguard.lib.serverless as sls

function_settings contains r if {
	some name, fn in _functions
	own := _errors_settings(object.get(fn, "logs", null))
	count(own) > 0
	some r in _errors_records(name, object.union(_errors_provider, own), [name])
}

function_settings contains r if {
	count(_errors_provider) > 0
	inheriting := sort({name | some name, fn in _functions; count(_errors_settings(object.get(fn, "logs", null))) == 0})
	count(inheriting) > 0
	some r in _errors_records("provider", _errors_provider, inheriting)
}

default _errors_lambda_logs := null

_errors_lambda_logs := logs.lambda if {
	logs := sls.resolve(_doc, _provider.logs)
	is_object(logs)
}

_errors_provider := _errors_settings(_errors_lambda_logs)

# Serverless key → value as written, of the logging keys a `logs` map sets
_errors_settings(written) := {key: logs[key] |
	logs := sls.resolve(_doc, written)
	is_object(logs)
	some [_, _, _, key, _] in errors.logging
	logs[key] != null
}

_errors_records(resource, written, functions) := {deployment.setting(resource, "function", name, text, functions) |
	some [name, _, _, key, unset] in errors.logging
	text := errors.text(sls.resolve(_doc, object.get(written, key, null)), unset)
}
