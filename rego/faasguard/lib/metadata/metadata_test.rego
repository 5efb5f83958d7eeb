package faasguard.lib.metadata_test

import data.faasguard.lib.embedded
import data.faasguard.lib.metadata

test_catalog_from_the_data_document if {
	metadata.catalog == {"FG_X": {"severity": "LOW"}} with data.faasguard.catalog as {"FG_X": {"severity": "LOW"}}
}

test_runtimes_from_the_data_document if {
	runtimes := {"rt": {"deprecated": "2020-01-01"}}
	metadata.runtimes == runtimes with data.faasguard.runtimes as {"runtimes": runtimes}
}

# conftest -p loads no data documents
test_embedded_copy_without_data_documents if {
	metadata.catalog == embedded.catalog with data.faasguard.catalog as null
	metadata.runtimes == embedded.runtimes.runtimes with data.faasguard.runtimes as null
}
