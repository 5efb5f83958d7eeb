package faasguard.lib.groups_test

import data.faasguard.lib.groups

test_groups_items_by_key if {
	groups.by_key([["b", 2], ["a", 1], ["b", 3], ["a", 1], [["x", 1], {"o": 1}]]) == {
		"a": {1},
		"b": {2, 3},
		["x", 1]: {{"o": 1}},
	}
}

test_a_set_of_pairs_groups_the_same if {
	groups.by_key({["k", "v"], ["k", "w"]}) == {"k": {"v", "w"}}
}

test_no_pairs_no_groups if {
	groups.by_key([]) == {}
}

test_one_group_of_many if {
	groups.by_key([["t", i] | some i in numbers.range(1, 500)]) == {"t": {i | some i in numbers.range(1, 500)}}
}
