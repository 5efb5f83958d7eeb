package faasguard.lib.embedded_test

import data.faasguard.lib.embedded

# opa test loads the bundle's data documents: the embedded copy must equal them
test_embedded_catalog_is_the_generated_data if embedded.catalog == data.faasguard.catalog

test_embedded_runtimes_are_the_generated_data if embedded.runtimes == data.faasguard.runtimes

test_embedded_defaults_are_the_generated_data if embedded.defaults == data.faasguard.defaults
