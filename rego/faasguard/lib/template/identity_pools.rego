# The identity_pool_statements view of CloudFormation and SAM templates (docs/model.md): the statements
# of the policies of the roles AWS::Cognito::IdentityPoolRoleAttachment.Roles gives identity-pool users,
# read as function roles' policies are (role_grants). The Python twin is
# src/faasguard/model/cloudformation_iam.py (_identity_pool_views).
package faasguard.lib.template

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: identity_pool_roles
# description: The AWS::IAM::Role ids an identity pool's role attachment names (authenticated, unauthenticated).
identity_pool_roles contains role if {
	some attachment in cfn.resources_of_type(_doc, "AWS::Cognito::IdentityPoolRoleAttachment")
	roles := cfn.branch(_doc, object.get(cfn.properties(attachment), "Roles", null))
	values.is_map(roles)
	some written in roles
	some role in cfn.referenced_of_type(_doc, cfn.branch(_doc, written), {"AWS::IAM::Role"})
}

# [resource, document] → the identity-pool roles it reaches
_pool_reached[[resource, document]] contains role if {
	some [resource, document, role] in role_grants(identity_pool_roles)
}

# METADATA
# title: identity_pool_statements
# description: The statements of the identity-pool roles' policies, each once with every such role it reaches.
identity_pool_statements contains object.union(s, {"resource": resource, "roles": sort(role_ids), "functions": []}) if {
	some [resource, document], role_ids in _pool_reached
	some s in cfn.document_statements(_doc, document)
}
