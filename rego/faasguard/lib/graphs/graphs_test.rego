package faasguard.lib.graphs_test

import data.faasguard.lib.graphs

test_chain_from_the_top if {
	graphs.chain({"c": {"b"}, "b": {"a"}, "a": set()}, "c") == ["a", "b", "c"]
	graphs.chain({"c": set()}, "c") == ["c"]

	# graph.reachable follows only nodes that are keys of the graph
	graphs.chain({"c": {"b"}}, "c") == ["c"]
	not graphs.chain({}, "c")
}

test_no_chain_with_a_loop_or_two_parents if {
	not graphs.chain({"c": {"b"}, "b": {"c"}}, "c")
	not graphs.chain({"c": {"a", "b"}}, "c")
}
