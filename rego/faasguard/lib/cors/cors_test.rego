package faasguard.lib.cors_test

import data.faasguard.lib.cors

test_header_literals if {
	cors.header_literal("'*'") == "*"
	cors.header_literal("'https://a.example.com'") == "https://a.example.com"
	not cors.header_literal("method.request.header.Origin")
	not cors.header_literal("'")
}

test_text if {
	cors.text(true) == "true"
	cors.text(3) == "3"
	cors.text("x") == "x"
	not cors.text({"a": 1})
}

test_write_methods if {
	cors.is_write_method("put")
	not cors.is_write_method("GET")
}
