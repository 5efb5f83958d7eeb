# METADATA
# title: Graphs
# description: |
#   Walks over links between resources (API Gateway resources to their parents). Built on
#   graph.reachable, which OPA's WebAssembly target implements natively (graph.reachable_paths is not).
package faasguard.lib.graphs

# METADATA
# title: chain
# description: |
#   The nodes reachable from `start` in `parents` (every node -> the set of its parent nodes; a node
#   that is not a key is not followed), ordered from the
#   top-most to `start`, when they form one simple chain (each node has at most one parent, no loop);
#   undefined otherwise.
chain(parents, start) := [node |
	some depth in numbers.range(1, count(nodes))
	some node, d in depths
	d == depth
] if {
	nodes := graph.reachable(parents, {start})
	count(nodes) > 0
	every node in nodes {
		count(object.get(parents, node, set())) <= 1
	}
	depths := {node: count(graph.reachable(parents, {node})) | some node in nodes}
	count({d | some d in depths}) == count(nodes)
}
