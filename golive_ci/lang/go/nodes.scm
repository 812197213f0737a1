; The nodes of Go that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(call_expression) @call

(assignment_statement) @assignment

(func_literal) @function
(function_declaration) @function
(method_declaration) @function

(const_spec) @declaration
(short_var_declaration) @declaration
(var_spec) @declaration

(interpreted_string_literal) @string
(raw_string_literal) @string
