# The dependency records of the plan adapter (this package, plan.rego): the function_settings of the input
# field the loader writes for the `archive_file` folders functions deploy (lib/dependencies).
package faasguard.adapters.plan

import data.faasguard.lib.dependencies
import data.faasguard.lib.format

# METADATA
# title: dependency_views
# scope: document
# description: |
#   The dependency records (function_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default dependency_views := {}

dependency_views := {"function_settings": dependencies.function_settings(input)} if format.format == "terraform_plan"
