# The identity_pool_statements view of a serverless.yml (docs/model.md): the statements of the
# policies of the resources.Resources roles an AWS::Cognito::IdentityPoolRoleAttachment gives
# identity-pool users, read as function roles' policies are (iam.rego); the Python twin is
# src/faasguard/model/serverless_iam.py (_identity_pool_roles).
package faasguard.adapters.serverless

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

# METADATA
# title: identity_pool_roles
# description: The roles an identity pool's role attachment names (`!GetAtt Role.Arn` or the logical id).
identity_pool_roles contains role if {
	some resource in _template_resources
	resource.Type == "AWS::Cognito::IdentityPoolRoleAttachment"
	roles := sls.field(_doc, _properties(resource), "Roles")
	values.is_map(roles)
	some written in roles
	role := _named_role(sls.resolve(_doc, written))
}

_pool_documents contains d if some d in _role_documents(identity_pool_roles)

_pool_documents contains d if {
	some role in identity_pool_roles
	some d in _managed_documents(object.get(_cfn_roles[role], "ManagedPolicyArns", null), [role])
}

# METADATA
# title: identity_pool_statements
# description: Statements of the roles Cognito identity pools give their users (docs/model.md).
identity_pool_statements contains object.union(
	sls.statement(_doc, statement),
	{"resource": owner, "roles": reached, "functions": []},
) if {
	some [owner, document, reached] in _pool_documents
	some statement in sls.document_statements(sls.resolve(_doc, document))
}
