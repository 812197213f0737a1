; The nodes of Ruby that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(call) @call

(assignment) @assignment
(operator_assignment) @assignment

(do_block) @function
(method) @function
(singleton_method) @function
(call (block) @function)

(string) @string
