# METADATA
# title: Code sources
# description: |
#   Code signing and layers of functions (FG_06_02, FG_06_03): the function_settings records of
#   docs/model.md, "Code sources", for the functions and resources of a CloudFormation template
#   (every function takes the template document first: the cloudformation and sam adapters pass the
#   input, the serverless adapter its `resources`), and `layer_value`, which reads a layer ARN the
#   same way in every format. The Python twin is src/faasguard/model/cloudformation_code_sources.py.
package faasguard.lib.code_sources

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as refs

_view := "function_settings"

_config_type := "AWS::Lambda::CodeSigningConfig"

# METADATA
# title: layer_types
# description: The template types of a layer the document declares.
layer_types := {"AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion"}

# METADATA
# title: layer_value
# description: |
#   A layer ARN as the `layer` setting holds it: "own_account" when its account is the deploying one,
#   else the ARN with each part only deployment settles written `*`; undefined (unknown) when that
#   part is the account, or the text is not an ARN.
layer_value(text) := "own_account" if {
	_arn_parts(text)[4] == "\u0001"
} else := replace(concat(":", parts), "\u0001", "*") if {
	parts := _arn_parts(text)
	not contains(parts[4], "*")
	not contains(parts[4], "\u0001")
}

# the ARN's fields, the deploying account written \u0001 (CloudFormation's pseudo parameter, the
# Serverless variable, Terraform's caller identity) and any other `${…}` written `*`
_arn_parts(text) := parts if {
	own := `\$\{(?:AWS::AccountId|aws:accountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id)\}`
	holed := regex.replace(regex.replace(text, own, "\u0001"), `\$\{[^{}]*\}`, "*")
	parts := split(holed, ":")
	count(parts) >= 7
	parts[0] == "arn"
}

# METADATA
# title: setting
# description: A function_settings record with one known value (no alternatives).
setting(resource, kind, name, value, functions) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": functions,
}

# METADATA
# title: code_signing
# description: |
#   The `code_signing_config` value of a function's (effective) properties: the config of the template
#   it names, "external", or "absent"; undefined for an image function and when an unsettled Fn::If
#   leaves different branches.
code_signing(doc, props) := value if {
	not _image(doc, props)
	leaf := cfn.branch(doc, object.get(props, "CodeSigningConfigArn", null))
	value := _config_of(doc, leaf)
}

# (a helper: `not` on an expression whose call may be undefined would be undefined itself)
_image(doc, props) if cfn.known_string(doc, object.get(props, "PackageType", null)) == "Image"

_config_of(_, null) := "absent"

_config_of(_, {"Ref": "AWS::NoValue"}) := "absent"

_config_of(doc, leaf) := min(found) if {
	not leaf in {null, {"Ref": "AWS::NoValue"}}
	found := refs.ids(doc, leaf, {_config_type})
	count(found) > 0
} else := "external" if not leaf in {null, {"Ref": "AWS::NoValue"}}

# METADATA
# title: function_records
# description: |
#   The records of functions given as logical id → (effective) Properties: code_signing_config and
#   one `layer` record per known entry of Layers.
function_records(doc, functions) := {setting(id, "function", "code_signing_config", value, [id]) |
	some id, props in functions
	value := code_signing(doc, props)
} | {r |
	some id, props in functions
	some r in layer_records(doc, id, object.get(props, "Layers", null), [id], set())
}

# METADATA
# title: layer_records
# description: |
#   One `layer` record per entry of a Layers list written on `resource`; `own` the logical ids a host
#   document gives its own layers (Serverless `<Layer>LambdaLayer`).
layer_records(doc, resource, written, functions, own) := {setting(resource, "function", "layer", value, functions) |
	written != null
	some entry in cfn.entries(doc, written)
	value := layer_entry(doc, entry, own)
}

# METADATA
# title: layer_entry
# description: A layer of the document (Ref, GetAtt, `${Layer}`), else the ARN text it settles to.
layer_entry(doc, entry, own) := "document" if {
	_declared_layer(doc, entry, own)
} else := layer_value(_entry_text(doc, cfn.branch(doc, entry)))

_declared_layer(doc, entry, _) if count(refs.ids(doc, entry, layer_types)) > 0

_declared_layer(_, entry, own) if entry.Ref in own

_entry_text(doc, leaf) := leaf["Fn::Sub"] if {
	is_string(leaf["Fn::Sub"])
} else := leaf["Fn::Sub"][0] if {
	is_array(leaf["Fn::Sub"])
} else := leaf if {
	# conftest's plain string of a !Sub
	is_string(leaf)
	not _is_parameter(doc, leaf)
} else := cfn.known_string(doc, leaf)

_is_parameter(doc, name) if is_object(doc.Parameters[name])

# METADATA
# title: resource_records
# description: |
#   The records of the code-signing configs (`linked`: function id → the config id it names, for
#   their `functions`) and of the layer version permissions of a template.
resource_records(doc, linked) := _config_records(doc, linked) | _permission_records(doc)

_config_records(doc, linked) := {r |
	some id, config in cfn.resources_of_type(doc, _config_type)
	users := sort({f | some f, c in linked; c == id})
	members := {_policy_member(m) |
		some m in cfn.alternatives_at(doc, cfn.properties(config), ["CodeSigningPolicies", "UntrustedArtifactOnDeployment"])
	}
	some r in _records(id, "code_signing_config", "untrusted_artifact_on_deployment", members, users)
}

_policy_member(m) := {"value": "Warn"} if m.absent

else := m if is_string(m.value)

else := {"unknown": true}

_permission_records(doc) := {r |
	some id, permission in cfn.resources_of_type(doc, "AWS::Lambda::LayerVersionPermission")
	some [key, name] in [["Principal", "layer_principal"], ["OrganizationId", "layer_organization_id"]]
	members := {_text_member(m) | some m in cfn.alternatives_at(doc, cfn.properties(permission), [key])}
	some r in _records(id, "layer_permission", name, members, [])
}

_text_member(m) := {"value": "absent"} if m.absent

else := m if is_string(m.value)

else := {"unknown": true}

# the records of one setting from its members, with choice fields when it has several (the choice id
# is Python's `resource#view:kind:setting`)
_records(resource, kind, name, members, functions) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": name, "functions": functions},
	"value", sprintf("%s#%s:%s:%s", [resource, _view, kind, name]),
	members,
)
