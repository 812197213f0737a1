; The nodes of Java that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(method_invocation) @call
(object_creation_expression) @call

(assignment_expression) @assignment

(constructor_declaration) @function
(lambda_expression) @function
(method_declaration) @function

(variable_declarator) @declaration

(string_literal) @string
