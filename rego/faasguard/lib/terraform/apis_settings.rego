# The authorizers, lambda_permissions and cognito views of lib/terraform's API views (this package,
# apis.rego).
package faasguard.lib.terraform

# -------------------------------------------------------------------------------- authorizers

_authorizer_users := {
	"aws_api_gateway_authorizer": "aws_api_gateway_method",
	"aws_apigatewayv2_authorizer": "aws_apigatewayv2_route",
}

_authorizers_attached contains t.address if {
	some type, user in _authorizer_users
	some r in _of_type(user)
	some t in _api_referenced(r, "authorizer_id", type)
}

_authorizer_records contains _authorizer(a, _authorizer_kind(a, "type", "TOKEN"), "", []) if {
	some a in _of_type("aws_api_gateway_authorizer")
}

_authorizer_records contains _authorizer(a, _authorizer_kind(a, "authorizer_type", ""), issuer, audiences) if {
	some a in _of_type("aws_apigatewayv2_authorizer")
	issuer := _jwt_issuer(a)
	audiences := _jwt_audiences(a)
}

_authorizer(a, kind, issuer, audiences) := {
	"resource": a.address, "name": _api_name(a), "kind": kind, "attached": a.address in _authorizers_attached,
	"jwt_issuer": issuer, "jwt_audiences": sort({x | some x in audiences}),
}

_api_name(r) := r.values.name if is_string(r.values.name)

else := r.address

# The known type, upper-cased; the default when unset; "" when deployment settles it.
_authorizer_kind(a, attr, unset) := "" if {
	attr in a.unknown
} else := upper(a.values[attr]) if {
	is_string(a.values[attr])
} else := unset if {
	_api_value(a, [attr]) == null
} else := ""

# The issuer; "(set at deployment)" when deployment settles it (or chooses among alternatives).
_jwt_issuer(a) := _set_at_deployment if {
	not _api_settled(a, ["jwt_configuration", 0, "issuer"])
} else := issuer if {
	issuer := _api_value(a, ["jwt_configuration", 0, "issuer"])
	is_string(issuer)
} else := ""

# The known audiences, and "(set at deployment)" for those deployment settles.
_jwt_audiences(a) := [_set_at_deployment] if {
	not _api_settled(a, ["jwt_configuration", 0, "audience"])
} else := array.concat(_api_strings(audiences), [_set_at_deployment | _jwt_unsettled_audience(a, audiences)]) if {
	audiences := _api_value(a, ["jwt_configuration", 0, "audience"])
}

_jwt_unsettled_audience(a, _) if _api_unknown_inside(a, ["jwt_configuration", 0, "audience"])

_jwt_unsettled_audience(_, audiences) if {
	some audience in audiences
	_is_choice(audience)
}

# ------------------------------------------------------------------------- lambda permissions

_permission_records contains {
	"resource": p.address, "principal": principal, "constrained": _permission_constrained(p),
	"function_url_auth_type": upper(url_auth), "functions": sort(_api_functions_named(p, "function_name")),
	"source_arn": _permission_sets(p, "source_arn"), "source_account": _permission_sets(p, "source_account"),
} if {
	some p in _of_type("aws_lambda_permission")
	not "principal" in p.unknown
	principal := p.values.principal
	is_string(principal)
	url_auth := _permission_url_auth(p)
}

# The function URL auth type; "" when unset; undefined when deployment settles it. Provider 6.x: a
# public URL's second statement carries invoked_via_function_url alone; it belongs to the URL (FG_02_03).
_permission_url_auth(p) := "NONE" if {
	not "function_url_auth_type" in p.unknown
	_api_value(p, ["function_url_auth_type"]) == null
	p.values.invoked_via_function_url == true
} else := "" if {
	not "function_url_auth_type" in p.unknown
	_api_value(p, ["function_url_auth_type"]) == null
} else := url_auth if {
	not "function_url_auth_type" in p.unknown
	url_auth := p.values.function_url_auth_type
	is_string(url_auth)
}

# whether the permission sets the attribute (to anything, an unknown value included)
_permission_sets(p, attr) if _api_is_set(p, attr)

else := false

_permission_constrained(p) if {
	some attr in ["source_arn", "source_account", "principal_org_id"]
	_api_is_set(p, attr)
} else := false

# ------------------------------------------------------------------------------------ Cognito

_cognito(r, kind, setting, value) := {"resource": r.address, "kind": kind, "setting": setting, "value": value}

_cognito_records contains _cognito(c, "user_pool_client", "explicit_auth_flows", upper(flow)) if {
	some c in _of_type("aws_cognito_user_pool_client")
	_api_settled(c, ["explicit_auth_flows"])
	some flow in _api_strings(_api_value(c, ["explicit_auth_flows"]))
}

# Mutable custom attributes of the client's pool that the client may write: all of them when
# write_attributes is not set, else those it lists as custom:<name>.
_cognito_records contains _cognito(c, "user_pool_client", "writable_custom_attribute", name) if {
	some c in _of_type("aws_cognito_user_pool_client")
	some pool in _api_referenced(c, "user_pool_id", "aws_cognito_user_pool")
	some name in _cognito_custom_attributes(pool)
	_cognito_writes(c, name)
}

_cognito_records contains _cognito(i, "identity_pool", "allow_unauthenticated", value) if {
	some i in _of_type("aws_cognito_identity_pool")
	_api_settled(i, ["allow_unauthenticated_identities"])
	value := json.marshal(_api_flag(_api_value(i, ["allow_unauthenticated_identities"])))
}

# AWS's defaults without a password_policy block: 8 characters, every class required.
_cognito_records contains _cognito(p, "user_pool", "password_minimum_length", _cognito_length(length)) if {
	some p in _of_type("aws_cognito_user_pool")
	not _api_unknown(p, ["password_policy"])
	_api_settled(p, ["password_policy", 0, "minimum_length"])
	length := _cognito_minimum_length(p)
}

_cognito_records contains _cognito(p, "user_pool", "password_requires", concat(", ", missing)) if {
	some p in _of_type("aws_cognito_user_pool")
	not _api_unknown(p, ["password_policy"])
	present := _cognito_policy_present(p)
	every class in _cognito_classes {
		_cognito_class_settled(p, present, class)
	}
	missing := [class |
		some class in _cognito_classes
		present
		not _api_true(_api_value(p, ["password_policy", 0, concat("_", ["require", class])]))
	]
}

_cognito_records contains _cognito(p, "user_pool", "mfa", _cognito_mfa(_api_value(p, ["mfa_configuration"]))) if {
	some p in _of_type("aws_cognito_user_pool")
	_api_settled(p, ["mfa_configuration"])
}

_cognito_classes := ["lowercase", "uppercase", "numbers", "symbols"]

_cognito_policy_present(p) if {
	is_object(_api_value(p, ["password_policy"]))
} else if {
	is_object(_api_value(p, ["password_policy", 0]))
} else := false

_cognito_minimum_length(p) := _api_value(p, ["password_policy", 0, "minimum_length"]) if {
	_cognito_policy_present(p)
} else := 8

_cognito_class_settled(_, false, _)

_cognito_class_settled(p, true, class) if _api_settled(p, ["password_policy", 0, concat("_", ["require", class])])

# A minimum length as text; AWS's default 8 when unset.
_cognito_length(value) := format_int(value, 10) if {
	is_number(value)
} else := format_int(to_number(value), 10) if {
	is_string(value)
	regex.match(`^[0-9]+$`, value)
} else := "8"

_cognito_mfa(value) := upper(value) if is_string(value)

else := "OFF"

_cognito_writes(c, _) if {
	not "write_attributes" in c.unknown
	_api_value(c, ["write_attributes"]) == null
}

_cognito_writes(c, name) if {
	_api_settled(c, ["write_attributes"])
	concat(":", ["custom", name]) in _api_strings(_api_value(c, ["write_attributes"]))
}

# The custom attributes clients may change. The AWS provider sends `mutable = false` when it is not
# set; developer-only attributes only admins write.
_cognito_custom_attributes(pool) := {name |
	not _api_unknown(pool, ["schema"])
	some i, block in _openapi_list(_api_value(pool, ["schema"]))
	is_object(block)
	every field in ["name", "mutable", "developer_only_attribute"] {
		_api_settled(pool, ["schema", i, field])
	}
	is_string(block.name)
	name := trim_prefix(block.name, "custom:")
	name != ""
	not name in _cognito_standard_attributes
	_api_true(object.get(block, "mutable", null))
	not _api_true(object.get(block, "developer_only_attribute", null))
}

# Attributes every user pool has; any other schema attribute is a custom one (custom:<name>).
_cognito_standard_attributes := {
	"address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "identities",
	"locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
	"preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo",
}
