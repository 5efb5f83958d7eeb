# The code-source records of lib/terraform (this package, terraform.rego), read as docs/model.md ("Code
# sources") says: function_settings of aws_lambda_function (code_signing_config, layer),
# aws_lambda_code_signing_config (untrusted_artifact_on_deployment) and
# aws_lambda_layer_version_permission (layer_principal, layer_organization_id).
# src/faasguard/model/terraform_code_sources.py is the Python twin.
#
# The adapters hand these rules the resources of code_source_resource_types as `views` reads them; the
# HCL adapter adds to each its block as written (`written`: the layer entries keep their references),
# the plan adapter to each function the accounts the plan's caller identity read (`caller_accounts`).
package faasguard.lib.terraform

import data.faasguard.lib.cloudformation_secrets as cfn_secrets
import data.faasguard.lib.code_sources

# METADATA
# title: code_source_resource_types
# description: The resource types the code-source records read (adapters pass them as they are).
code_source_resource_types := {
	"aws_lambda_function", "aws_lambda_code_signing_config",
	"aws_lambda_layer_version", "aws_lambda_layer_version_permission",
}

# METADATA
# title: code_source_views
# description: The code-source records of the normalized resources, as an object of sets.
code_source_views := {"function_settings": _cs_function_settings}

_cs_function_settings contains r if some r in _cs_signing_settings

_cs_function_settings contains r if some r in _cs_layer_settings

_cs_function_settings contains r if some r in _cs_permission_settings

_cs_zip_functions contains f if {
	some f in _of_type("aws_lambda_function")
	not f.values.package_type == "Image"
}

_cs_configs(f) := {t.address |
	some t in _api_referenced(f, "code_signing_config_arn", "aws_lambda_code_signing_config")
}

# the config a function references, else absent or external; undefined when only deployment settles it
_cs_code_signing(f) := min(configs) if {
	configs := _cs_configs(f)
	count(configs) > 0
} else := "absent" if {
	not "code_signing_config_arn" in f.unknown
	object.get(f.values, "code_signing_config_arn", null) == null
} else := "external" if {
	not "code_signing_config_arn" in f.unknown
}

_cs_signing_settings contains setting if {
	some f in _cs_zip_functions
	value := _cs_code_signing(f)
	setting := code_sources.setting(f.address, "function", "code_signing_config", value, [f.address])
}

_cs_signing_settings contains r if {
	some c in _of_type("aws_lambda_code_signing_config")
	users := sort({f.address | some f in _cs_zip_functions; c.address in _cs_configs(f)})
	policy := _cs_policy(c)
	some r in _ss_records(c, "function_settings", "code_signing_config", "untrusted_artifact_on_deployment", policy, users)
}

# policies.untrusted_artifact_on_deployment, Warn (AWS's default) when unset
_cs_policy(c) := "Warn" if {
	not "policies" in c.unknown
	object.get(_cs_policy_block(c), "untrusted_artifact_on_deployment", null) == null
} else := _cs_text(_cs_policy_block(c).untrusted_artifact_on_deployment) if {
	not "policies" in c.unknown
}

# a boolean or number is the text Terraform makes of it (`true` is "true", not Enforce), as in Python
_cs_text(value) := cfn_secrets.setting_text(value) if {
	not is_string(value)
	not is_object(value)
	not is_array(value)
} else := value

# the first block decides, as in Python (Terraform allows one: several made the function conflict)
_cs_policy_block(c) := block if {
	block := _items(c.values.policies)[0]
	is_object(block)
} else := {}

_cs_permission_settings contains r if {
	some p in _of_type("aws_lambda_layer_version_permission")
	some [attr, name] in [["principal", "layer_principal"], ["organization_id", "layer_organization_id"]]
	not attr in p.unknown
	value := object.get(p.values, attr, null)
	some r in _ss_records(p, "function_settings", "layer_permission", name, _cs_absent(value), [])
}

_cs_absent(null) := "absent"

_cs_absent(value) := value if value != null

_cs_layer_settings contains code_sources.setting(f.address, "function", "layer", value, [f.address]) if {
	some f in _of_type("aws_lambda_function")
	some value in _cs_layers(f)
}

# HCL: each entry as written (a one-entry list is written as its entry); a reference to a layer version
# of the configuration is the document's. Plan: the known entries (a plan marks the whole list unknown
# as soon as one entry is).
_cs_layers(f) := {_cs_hcl_entry(f, entry) |
	some entry in _items(object.get(f.written, "layers", []))
	is_string(entry)
} if {
	f.written
} else := {_cs_planned_entry(f, entry) |
	some entry in object.get(f.values, "layers", [])
	is_string(entry)
} if {
	not "layers" in f.unknown
}

_cs_hcl_entry(f, entry) := "document" if {
	contains(entry, "${")
	some key in reference_keys(entry)
	some t in _referenced(f.scope, key)
	t.type == "aws_lambda_layer_version"
} else := code_sources.layer_value(entry)

_cs_planned_entry(f, entry) := "own_account" if {
	split(entry, ":")[4] in object.get(f, "caller_accounts", set())
} else := code_sources.layer_value(entry)
