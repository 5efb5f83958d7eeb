# METADATA
# title: CloudFormation API views
# description: |
#   The API views (api_operations, lambda_permissions, authorizers, cognito) of a template: the plain
#   CloudFormation resources of any Resources object (`resource_views`, so that a format embedding
#   CloudFormation resources reads them the same way) and what the SAM transform generates
#   (`sam_views`). Every function takes the template document first (lib/cloudformation). The Python
#   twin is src/faasguard/model/cloudformation_apis.py and the modules it calls.
package faasguard.lib.cloudformation_apis

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: no_host
# description: |
#   What a host document adds to the CloudFormation resources it embeds: `functions` maps logical
#   ids it generates to function ids of the views (Serverless `HelloLambdaFunction` → `hello`),
#   `attached` lists the authorizer logical ids its own events use. A plain template adds nothing.
no_host := {"functions": {}, "attached": []}

# METADATA
# title: set_at_deployment
# description: |
#   A value that is set to something only deployment settles (a JWT issuer built with Fn::Sub):
#   present, so never missing, and not a value a rule can compare.
set_at_deployment := "(set at deployment)"

# every string of a value may name a resource: `X`, `X.Arn` (conftest's dropped tags), `${X}`, `${X.Arn}`
_names(v) := {name |
	walk(v, [_, x])
	is_string(x)
	some name in _string_names(x)
}

_string_names(s) := {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}`, s, -1)
} | {m[1] |
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$`, s, 1)
}

# the value a tree of Fn::If settles to, or `_undecided` when an unknown condition leaves different
# branches (set, but not known: no name, not absent, not a string)
_settled(doc, v) := settled if {
	settled := cfn.branch(doc, v)
} else := _undecided

_undecided := {"faasguard:undecided": true}

# METADATA
# title: ids
# description: The created template resources of the given types that a value (through known Fn::If) names anywhere.
ids(doc, v, types) := {name |
	some name in _names(_settled(doc, v))
	cfn.created(doc)[name].Type in types
}

# METADATA
# title: one
# description: The one resource of the given types a value names (undefined when none or several).
one(doc, v, types) := id if {
	found := ids(doc, v, types)
	count(found) == 1
	some id in found
}

_one_or_empty(doc, v, types) := id if {
	id := one(doc, v, types)
} else := ""

# METADATA
# title: functions
# description: The sorted function ids a value (an integration URI, a FunctionName) names, the host's included.
functions(doc, v, host) := sort(ids(doc, v, cfn.function_types) | {id |
	some name, id in host.functions
	name in _names(_settled(doc, v))
})

# METADATA
# scope: document
# title: is_true
# description: A known boolean as CloudFormation reads it (true, "true").
is_true(true)

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

_unset(null)

_unset({"Ref": "AWS::NoValue"})

# METADATA
# title: set_string
# description: A string setting, "" when absent, the known string, set_at_deployment when set to something unknown.
set_string(doc, v) := "" if _unset(_settled(doc, v))

else := s if {
	s := cfn.value(doc, _settled(doc, v))
	is_string(s)
} else := set_at_deployment

# METADATA
# title: set_strings
# description: The entries of a list setting as set_string reads them (non-empty ones); an unknown list is one entry.
set_strings(doc, v) := [] if _unset(_settled(doc, v))

else := [s | some entry in settled; s := set_string(doc, entry); s != ""] if {
	settled := _settled(doc, v)
	is_array(settled)
} else := [set_string(doc, _settled(doc, v))]

# METADATA
# title: jwt_settings
# description: |
#   [issuer, audiences] of a JWT configuration block (keys as its format spells them); a block only
#   deployment settles has both set_at_deployment.
jwt_settings(doc, v, issuer, audience) := ["", []] if _unset(_settled(doc, v))

else := [set_string(doc, _get(block, issuer)), set_strings(doc, _get(block, audience))] if {
	block := cfn.branch(doc, v)
	values.is_map(block)
} else := [set_at_deployment, [set_at_deployment]]

# METADATA
# title: absent_is_none
# description: |
#   The alternatives (lib/cloudformation members) of an authorization type, upper-cased; an absent one
#   is NONE (API Gateway's default), a value that is not a string unknown.
absent_is_none(doc, props, key) := {_authorization_member(m) | some m in cfn.alternatives_at(doc, props, [key])}

_authorization_member(m) := {"value": "NONE"} if m.absent

else := {"value": upper(m.value)} if is_string(m.value)

else := {"unknown": true}

# METADATA
# title: known_or_null
# description: The known value of a template value, or null.
known_or_null(doc, v) := known if {
	known := cfn.value(doc, v)
} else := null
