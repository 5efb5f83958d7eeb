package faasguard.lib.cloudformation

import data.faasguard.lib.values

# METADATA
# title: conditions
# description: |
#   The template Conditions the parameter defaults settle, as name → boolean (unknown ones are left
#   out). Fn::Equals compares two known scalars as text; Fn::And, Fn::Or, Fn::Not and `Condition`
#   references combine them. Rego has no recursion, so the expressions are evaluated in rounds, each
#   one level deeper, as the Python model does; a condition nested deeper than the last round is unknown.
#   Every view calls this many times with the same document: for the input it is computed once (a
#   rule), as a function call is not cached (and OPA's WebAssembly target frees no memory while it
#   evaluates).
conditions(doc) := _input_conditions if doc == input

else := _conditions(doc)

_input_conditions := _conditions(input)

_conditions(doc) := {path[0]: v | some path, v in _rounds(doc); count(path) == 1}

# METADATA
# title: not_created
# description: The resources whose Condition is false with the parameter defaults, as logical id → reason.
not_created(doc) := _input_not_created if doc == input

else := _not_created(doc)

_input_not_created := _not_created(input)

_not_created(doc) := {id: sprintf("Condition %s is false with the parameter defaults", [r.Condition]) |
	settled := conditions(doc)
	some id, r in doc.Resources
	settled[r.Condition] == false
}

# 12 rounds: CONDITION_ROUNDS in src/faasguard/model/cloudformation.py
_rounds(doc) := r12 if {
	nodes := _condition_nodes(doc)
	r1 := _round(doc, nodes, {})
	r2 := _round(doc, nodes, r1)
	r3 := _round(doc, nodes, r2)
	r4 := _round(doc, nodes, r3)
	r5 := _round(doc, nodes, r4)
	r6 := _round(doc, nodes, r5)
	r7 := _round(doc, nodes, r6)
	r8 := _round(doc, nodes, r7)
	r9 := _round(doc, nodes, r8)
	r10 := _round(doc, nodes, r9)
	r11 := _round(doc, nodes, r10)
	r12 := _round(doc, nodes, r11)
}

# every condition function of the Conditions section, by its path (the condition name first)
_condition_nodes(doc) := {path: node |
	is_object(doc.Conditions)
	walk(doc.Conditions, [path, node])
	count(path) > 0
	values.is_intrinsic(node)
	some function in object.keys(node)
	function in {"Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals", "Condition"}
}

# each node's value from its operands' values of the previous round (`known`); unknown ones left out
_round(doc, nodes, known) := {path: v | some path, node in nodes; v := _evaluate(doc, node, path, known)}

_evaluate(doc, node, _, _) := _equals(doc, node["Fn::Equals"])

_evaluate(_, node, _, known) := known[[node.Condition]]

_evaluate(_, node, path, known) := negated if {
	is_array(node["Fn::Not"])
	count(node["Fn::Not"]) == 1
	negated := known[array.concat(path, ["Fn::Not", 0])] == false
}

# an operand equal to `settled_by` settles an Fn::And (false) or Fn::Or (true)
_evaluate(_, node, path, known) := settled_by if {
	some function, settled_by in _settled_by
	is_array(node[function])
	some i, _ in node[function]
	known[array.concat(path, [function, i])] == settled_by
}

# every operand known and none equal to `settled_by`: the other value
_evaluate(_, node, path, known) := other if {
	some function, settled_by in _settled_by
	operands := node[function]
	is_array(operands)
	count(operands) > 0
	every i, _ in operands {
		known[array.concat(path, [function, i])] != settled_by
	}
	other := settled_by == false
}

_settled_by := {"Fn::And": false, "Fn::Or": true}

_equals(doc, operands) := result if {
	is_array(operands)
	count(operands) == 2
	result := _scalar_text(doc, operands[0]) == _scalar_text(doc, operands[1])
}

# the text of a value that is one known scalar (an Fn::If is not allowed here)
_scalar_text(doc, v) := text(m.value) if {
	members := _members(doc, v)
	count(members) == 1
	some m in members
}
