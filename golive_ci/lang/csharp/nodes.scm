; The nodes of C# that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(invocation_expression) @call
(object_creation_expression) @call

(assignment_expression) @assignment

(anonymous_method_expression) @function
(constructor_declaration) @function
(lambda_expression) @function
(local_function_statement) @function
; The "method" keyword token, captured since the kinds were one list for every grammar.
"method" @function
(method_declaration) @function

(variable_declarator) @declaration

(raw_string_literal) @string
(string_literal) @string
(verbatim_string_literal) @string
