; The nodes of JavaScript and TypeScript that golive_ci/tree_nodes.py finds, one capture per sort: calls
; (constructor calls included), assignments, functions (and blocks that act as one), declarations
; with a value, plain string literals. One simple pattern a line: a small file is walked in Python
; instead (golive_ci/lang/_queries.py).

(call_expression) @call
(new_expression) @call

(assignment_expression) @assignment

(arrow_function) @function
; The "function" keyword token, captured since the kinds were one list for every grammar.
"function" @function
(function_declaration) @function
(function_expression) @function
(generator_function_declaration) @function
(method_definition) @function

(variable_declarator) @declaration

(string) @string
(template_string) @string
