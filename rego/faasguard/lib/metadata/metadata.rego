# METADATA
# title: Rule metadata and runtime data
# description: |
#   data.faasguard.catalog and data.faasguard.runtimes, the generated data documents of the bundle,
#   when they are loaded (opa eval -b, opa run, opa test); conftest loads only the .rego files of
#   `-p`, so there the embedded copy (lib/embedded) stands in.
package faasguard.lib.metadata

import data.faasguard.lib.embedded

# METADATA
# title: catalog
# description: Rule id → catalog entry (id, title, severity, sas, fix per format, guideline, …).
catalog := data.faasguard.catalog if {
	is_object(data.faasguard.catalog)
} else := embedded.catalog

# METADATA
# title: runtimes
# description: Lambda runtime identifier → {deprecated, block_create, block_update} dates (YYYY-MM-DD).
runtimes := data.faasguard.runtimes.runtimes if {
	is_object(data.faasguard.runtimes.runtimes)
} else := embedded.runtimes.runtimes

# METADATA
# title: defaults
# description: The documented default of every tunable setting (generated from faasguard.settings).
defaults := data.faasguard.defaults if {
	is_object(data.faasguard.defaults)
} else := embedded.defaults
