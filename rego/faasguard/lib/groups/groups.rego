# METADATA
# title: Groups
# description: |
#   Grouping items by a key in O(n log n) in every OPA engine. The obvious forms are quadratic in one
#   of them: a comprehension grouping inside a comprehension (`{k: {x | some x in xs; x.k == k} | …}`)
#   scans every item for every key where OPA cannot index it (WebAssembly: its memory grew with the
#   square of a plan's resources), and a rule with the key in its head (`g[k] contains x`) is slow to
#   build and evaluated again per lookup in the opa binary. Sorting the pairs puts each group in one run.
package faasguard.lib.groups

# METADATA
# title: by_key
# description: |
#   [[key, item], …] (an array or a set) -> {key: {item, …}}. Read the result with object.get: a key
#   without items is absent.
by_key(pairs) := _runs(sort(pairs))

# each run of equal keys in the sorted pairs, as one group
_runs(sorted) := {sorted[start][0]: {pair[1] | some pair in array.slice(sorted, start, stops[i])} |
	some i, start in starts
} if {
	starts := [i | some i, _ in sorted; _starts_group(sorted, i)]
	stops := array.concat(array.slice(starts, 1, count(starts)), [count(sorted)])
}

_starts_group(_, 0)

_starts_group(sorted, i) if sorted[i][0] != sorted[i - 1][0]
