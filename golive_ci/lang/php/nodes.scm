; The nodes of PHP that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(function_call_expression) @call
(member_call_expression) @call
(nullsafe_member_call_expression) @call
(object_creation_expression) @call
(scoped_call_expression) @call

(assignment_expression) @assignment

(anonymous_function) @function
(arrow_function) @function
; The "function" keyword token, captured since the kinds were one list for every grammar.
"function" @function
(function_definition) @function
(method_declaration) @function

(encapsed_string) @string
(string) @string
