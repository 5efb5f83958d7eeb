# Serverless Framework adapter, dependency manifests: the function_settings records of the input field
# the loader writes for the service folder (on `provider`) and the handler / module folders of functions
# (on the function key) (lib/dependencies, docs/model.md). Uses `_doc` of serverless.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.dependencies

function_settings contains r if some r in dependencies.function_settings(_doc)
