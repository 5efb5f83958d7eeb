# METADATA
# title: Input format detection
# description: |
#   Decides which of the five input formats a document is, the same way in both engines
#   (docs/model.md, src/faasguard/inputs/detect.py): terraform_plan, sam, cloudformation, serverless
#   or terraform.
package faasguard.lib.format

# METADATA
# title: format
# description: The format of the input document; undefined when it is none of the five.
format := "terraform_plan" if {
	some key in ["planned_values", "resource_changes"]
	_has_key(input, key)
} else := "sam" if {
	is_object(input.Resources)
	_is_sam(input)
} else := "cloudformation" if {
	is_object(input.Resources)
} else := "serverless" if {
	_has_key(input, "service")
	is_object(input.provider)
} else := "terraform" if {
	some key in ["resource", "module", "data", "variable", "locals"]
	_has_key(input, key)
}

# METADATA
# scope: document
# title: is_sam_transform
# description: True when a template Transform (a string or a list) is or contains the SAM transform.
is_sam_transform(transform) if transform == _sam_transform

is_sam_transform(transform) if {
	is_array(transform)
	_sam_transform in transform
}

_sam_transform := "AWS::Serverless-2016-10-31"

# The SAM transform is declared, or the template has AWS::Serverless::* resources without it: Checkov
# reads those (with Globals) whatever the Transform says, so both engines do too.
_is_sam(template) if is_sam_transform(template.Transform)

_is_sam(template) if {
	some resource in template.Resources
	is_string(resource.Type)
	startswith(resource.Type, "AWS::Serverless::")
}

_has_key(doc, key) if {
	is_object(doc)
	key in object.keys(doc)
}
