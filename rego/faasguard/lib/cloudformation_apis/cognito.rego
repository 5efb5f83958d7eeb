package faasguard.lib.cloudformation_apis

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

_user_pool := "AWS::Cognito::UserPool"

# the character classes of a password policy, in the order the view lists the missing ones
_password_classes := [
	["RequireLowercase", "lowercase"], ["RequireUppercase", "uppercase"],
	["RequireNumbers", "numbers"], ["RequireSymbols", "symbols"],
]

# attributes every user pool has; any other name in `Schema` is a custom attribute (`custom:<name>`)
_standard_attributes := {
	"address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale",
	"middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
	"preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo",
}

# the cognito view: settings of user pools, user pool clients and identity pools (AWS defaults when unset)
_cognito(doc) := (_pool_settings(doc) | _client_settings(doc)) | _identity_pool_settings(doc)

_setting(id, kind, setting, value) := {"resource": id, "kind": kind, "setting": setting, "value": value}

# a known boolean (true, "false", …), `fallback` when unset; undefined when unknown
_boolean(doc, v, fallback) := fallback if _unset(_settled(doc, v))

else := known if {
	known := cfn.value(doc, _settled(doc, v))
	is_boolean(known)
} else := lower(known) == "true" if {
	known := cfn.value(doc, _settled(doc, v))
	is_string(known)
	lower(known) in {"true", "false"}
}

# a known scalar as text (an integral number as digits), `fallback` when unset; undefined when unknown
_text(doc, v, fallback) := fallback if _unset(_settled(doc, v))

else := known if {
	known := cfn.value(doc, _settled(doc, v))
	is_string(known)
} else := format_int(known, 10) if {
	known := cfn.value(doc, _settled(doc, v))
	is_number(known)
	known == floor(known)
}

# a nested block: {"unset": true}, {"map": m}, or {"unknown": true} when the template does not settle it to a map
_block(doc, mapping, key) := {"unset": true} if {
	values.is_map(mapping)
	_unset(_settled(doc, _get(mapping, key)))
} else := {"map": m} if {
	values.is_map(mapping)
	m := cfn.branch(doc, _get(mapping, key))
	values.is_map(m)
} else := {"unknown": true}

# the password policy of a pool's properties, as _block gives it
_password_policy(doc, props) := policies if {
	policies := _block(doc, props, "Policies")
	not policies.map
} else := _block(doc, _block(doc, props, "Policies").map, "PasswordPolicy")

_pool_settings(doc) := {s |
	some id, resource in cfn.resources_of_type(doc, _user_pool)
	some s in _pool_records(doc, id, cfn.properties(resource))
}

_pool_records(doc, id, props) := {
	_setting(id, "user_pool", "password_minimum_length", "8"),
	_setting(id, "user_pool", "password_requires", ""),
} | _mfa(doc, id, props) if {
	_password_policy(doc, props).unset
} else := _policy_records(doc, id, _password_policy(doc, props).map) | _mfa(doc, id, props) if {
	_password_policy(doc, props).map
} else := _mfa(doc, id, props)

_mfa(doc, id, props) := {_setting(id, "user_pool", "mfa", upper(mfa)) |
	mfa := _text(doc, _get(props, "MfaConfiguration"), "OFF")
}

_policy_records(doc, id, policy) := {_setting(id, "user_pool", "password_minimum_length", length) |
	length := _text(doc, _get(policy, "MinimumLength"), "8")
} | {_setting(id, "user_pool", "password_requires", concat(", ", missing)) |
	required := {name: b | some [key, name] in _password_classes; b := _boolean(doc, _get(policy, key), false)}
	missing := [name | some [_, name] in _password_classes; required[name] == false]
	_requires_known(missing, required)
}

# the known missing classes are a record even when others are unknown
_requires_known(missing, _) if count(missing) > 0

_requires_known(_, required) if count(required) == count(_password_classes)

# the mutable custom attributes of a pool's Schema (one declared mutable at least once)
_mutable_attributes(doc, pool) := {name |
	some entry in cfn.entries(doc, _get(cfn.properties(cfn.created(doc)[pool]), "Schema"))
	attribute := cfn.branch(doc, entry)
	values.is_map(attribute)
	name := trim_prefix(cfn.known_string(doc, _get(attribute, "Name")), "custom:")
	not name in _standard_attributes
	_boolean(doc, _get(attribute, "Mutable"), true) == true
}

_client_settings(doc) := {s |
	some id, resource in cfn.resources_of_type(doc, "AWS::Cognito::UserPoolClient")
	props := cfn.properties(resource)
	some s in (_flows(doc, id, props) | _writable_records(doc, id, props))
}

_flows(doc, id, props) := {_setting(id, "user_pool_client", "explicit_auth_flows", upper(flow)) |
	some entry in cfn.entries(doc, _get(props, "ExplicitAuthFlows"))
	flow := cfn.known_string(doc, entry)
}

_writable_records(doc, id, props) := {_setting(id, "user_pool_client", "writable_custom_attribute", name) |
	pool := one(doc, _get(props, "UserPoolId"), {_user_pool})
	some name in _writable(doc, _get(props, "WriteAttributes"), _mutable_attributes(doc, pool))
}

# the mutable custom attributes a client may write: all of them without WriteAttributes, else those
# it lists as custom:<name>
_writable(doc, written, mutable) := mutable if _unset(_settled(doc, written))

else := {name |
	listed := {s | some entry in cfn.branch(doc, written); s := cfn.known_string(doc, entry)}
	some name in mutable
	concat("", ["custom:", name]) in listed
} if {
	is_array(cfn.branch(doc, written))
} else := set()

_identity_pool_settings(doc) := {_setting(id, "identity_pool", "allow_unauthenticated", sprintf("%v", [allowed])) |
	some id, resource in cfn.resources_of_type(doc, "AWS::Cognito::IdentityPool")
	allowed := _boolean(doc, _get(cfn.properties(resource), "AllowUnauthenticatedIdentities"), false)
}
