# Deployment artifacts of CloudFormation and SAM functions (this package, storage.rego): the
# function_settings links from a function to the declared bucket its code comes from (`code_bucket`)
# or the declared ECR repository its image comes from (`image_repository`), docs/model.md
# "Deployment artifacts". The Python twin is artifact_views in
# src/faasguard/model/cloudformation_storage.py.
package faasguard.lib.storage

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

# METADATA
# title: bucket_type
# description: The CloudFormation type of a bucket.
bucket_type := "AWS::S3::Bucket"

# METADATA
# title: repository_type
# description: The CloudFormation type of an ECR repository.
repository_type := "AWS::ECR::Repository"

# METADATA
# title: image_repository_pattern
# description: An image URI's repository name, <registry>.dkr.ecr.<region>.<domain>/<name>[:tag | @digest].
image_repository_pattern := `^[^/]+\.dkr\.ecr\.[^/]+/([^:@]+)`

# METADATA
# title: artifact_links
# description: |
#   The function_settings links of the functions given as logical id → (effective) Properties;
#   `sam` the ids of those that are AWS::Serverless::Function (CodeUri, ImageUri).
artifact_links(doc, functions, sam) := {setting(id, "function", name, target, [id]) |
	some id, props in functions
	some [name, target] in _artifacts(doc, props, id in sam)
}

# METADATA
# title: image_users
# description: Repository → the sorted image functions deployed from it, of the links of artifact_links.
image_users(links) := {link.value: sort({f | some l in links; l.value == link.value; some f in l.functions}) |
	some link in links
	link.setting == "image_repository"
}

_artifacts(doc, props, sam) := {["image_repository", r] |
	some r in image_repositories(doc, _image_uri(props, sam))
} if {
	_is_image(doc, props)
} else := {["code_bucket", b] | some b in _code_buckets(doc, props, sam)}

_is_image(doc, props) if cfn.known_string(doc, object.get(props, "PackageType", null)) == "Image"

_image_uri(props, true) := object.get(props, "ImageUri", null)

_image_uri(props, false) := _at(props, "Code", "ImageUri")

_at(props, key, child) := object.get(props[key], child, null) if values.is_map(props[key])

else := null

_code_buckets(doc, props, false) := declared_named(doc, _at(props, "Code", "S3Bucket"), bucket_type, "BucketName")

# SAM's CodeUri: {Bucket: …} or s3://bucket/key (a local path is uploaded by `sam deploy` elsewhere)
_code_buckets(doc, props, true) := declared_named(doc, settled.Bucket, bucket_type, "BucketName") if {
	settled := cfn.branch(doc, object.get(props, "CodeUri", null))
	values.is_map(settled)
} else := declared_named(doc, split(substring(known, 5, -1), "/")[0], bucket_type, "BucketName") if {
	known := cfn.known_string(doc, cfn.branch(doc, object.get(props, "CodeUri", null)))
	startswith(known, "s3://")
} else := set()

# METADATA
# title: image_repositories
# description: |
#   The declared repositories an image URI names by reference (`${Repo.RepositoryUri}:tag`, `!Ref Repo`
#   in an Fn::Sub or Fn::Join) or by a known URI's repository name; none when a digest (`@…`) pins it.
image_repositories(doc, written) := set() if {
	settled := cfn.branch(doc, written)
	_pinned(doc, settled)
} else := declared_named(doc, m[1], repository_type, "RepositoryName") if {
	known := cfn.known_string(doc, cfn.branch(doc, written))
	some m in regex.find_all_string_submatch_n(image_repository_pattern, known, 1)
} else := declared_named(doc, written, repository_type, "RepositoryName")

_pinned(_, settled) if {
	walk(settled, [_, leaf])
	is_string(leaf)
	contains(leaf, "@")
}

_pinned(doc, settled) if contains(cfn.known_string(doc, settled), "@")

# METADATA
# title: declared_named
# description: |
#   The created resources of a type a value names (through its Fn::If; none when an unsettled condition
#   leaves different branches): by a reference in any of its strings (Ref, GetAtt, Fn::Sub, Fn::Join
#   parts), or by being their known name property.
declared_named(doc, written, type, name_property) := referenced | named if {
	settled := cfn.branch(doc, written)
	declared := cfn.resources_of_type(doc, type)
	referenced := {id | some id in _reference_names(settled); declared[id]}
	named := {id |
		known := cfn.known_string(doc, settled)
		some id, resource in declared
		cfn.known_string(doc, object.get(cfn.properties(resource), name_property, null)) == known
	}
} else := set()

# the logical ids the strings of a value may name: a whole `R` / `R.Attr` and every `${R}` / `${R.Attr}`
_reference_names(value) := {name |
	walk(value, [_, leaf])
	is_string(leaf)
	some name in _string_names(leaf)
}

_string_names(text) := {m[1] |
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?$`, text, 1)
} | {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}`, text, -1)
}
