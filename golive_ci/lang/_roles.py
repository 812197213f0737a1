"""Node roles: what a node kind of a language's grammar is to the language-neutral code (an if
statement, an argument list, a key/value pair …). Each profile maps the roles its grammar has to
its node kinds (``node_roles``), but for the roles of ``CAPTURED``, which its ``nodes.scm`` names
by their captures. Code outside ``lang/`` asks by role (golive_ci.lang.role_kinds,
language_roles) and never names a node kind; a role a language leaves out matches nothing there.
"""

# The roles a language's nodes.scm names (its captures), not its profile.
CAPTURED = ("call", "assignment", "function", "declaration", "string")

# Every role, and what a node of it is.
ROLES = {
    # Names.
    "identifier": "a plain identifier of a variable or constant (Ruby's constants, PHP's `name`)",
    "variable": "a name that reads a variable or constant (an identifier, PHP's `$x`)",
    "sigiled_variable": "a variable written with its sigil (PHP `$x`, Ruby `@x`, `@@x`, `$x`)",
    "property_name": "the name of a property or field after a dot",
    "self": "`this` / `self`",
    "type_name": "a type name, and the package that qualifies one",
    "namespaced_name": "a name, maybe qualified by its namespace (`A\\B\\C`)",
    # Literals and comments.
    "string": "a string literal (nodes.scm @string)",
    "string_content": "a text part of a string literal (not an interpolation)",
    "string_escape_or_interpolation": "an escape or an interpolation in a string (it is then no plain string)",
    "symbol": "a symbol (Ruby `:x`)",
    "number": "a number literal",
    "signed_number": "a unary operation that may be a signed number (`-4`, told by its text)",
    "boolean": "`true` / `false`",
    "null": "the null value (`null`, `nil`)",
    "comment": "a comment (skipped among arguments)",
    # Calls and their arguments.
    "call": "a call, constructor calls included (nodes.scm @call)",
    "call.function": "a call whose callee is its `function` field (skipped without one)",
    "call.constructor": "a constructor call (`new X(…)`; fields `constructor` or `type`)",
    "call.receiver": "a call with fields `receiver` and `method` (`recv.method(…)`)",
    "call.member": "a method call with fields `object` and `name` (`$a->name(…)`)",
    "call.scoped": "a static call with fields `scope` and `name` (`A::name(…)`)",
    "call.qualified": "a method call with fields `object` and `name` (`a.name(…)`)",
    "call.bare": "a call of a function by name, where method calls are another kind (`env('X')`)",
    "method_call": "a call on a receiver, where the grammar tells them from function calls (PHP `$a->b()`)",
    "call_block": "a block handed to a call that acts as a function (Ruby `post '/x' { … }`)",
    "argument_list": "a call's arguments, or C#'s bracketed ones (`a[\"x\"]`)",
    "argument": "the wrapper of one argument, maybe written `name: value` (fields `name` and the value)",
    "keyword_argument": "an argument written `key: value` in a call (fields `key`, `value`)",
    "spread_argument": "an argument spread into a call (`*args`, `**options`)",
    "expression_list": "several targets or values of one assignment or declaration (Go `a, b`)",
    # Literal collections.
    "array": "a literal array or list (and PHP's element of one)",
    "mapping": "a literal mapping (object, hash, array with keys)",
    "pair": "a `key: value` entry of a literal mapping (fields `key`, `value`)",
    "mapping_element": "a `key => value` entry of a literal array (two named children)",
    "shorthand_property": "a `{ name }` entry of a literal object (the name is key and value)",
    "spread": "a spread inside a literal mapping (`...options`)",
    "composite_literal_body": "Go's composite literal body (`{ … }` of `T{ … }`)",
    "keyed_element": "Go's `Key: value` in a composite literal",
    # Operations.
    "member_access": "a member access (`a.b`)",
    "subscript": "an element access (`a[b]`)",
    "env_subscript": "an element read that reads the environment as `ENV['X']`",
    "parenthesized": "an expression in parentheses",
    "wrapper": "an expression around one value that leaves it as it is (parentheses, `x as T`, `x!`)",
    "await": "`await x`",
    "non_null": "TypeScript's `x!`",
    "binary": "a binary operation (field `operator`)",
    "unary": "a unary operation",
    "type_test": "a type test (`x instanceof T`, `x is T`)",
    "ternary": "a `cond ? a : b` expression (fields `condition`, `consequence`, `alternative`)",
    "fallback_conditional": "a conditional expression, `a ?: b` when it has no `body` field",
    # Branches.
    "if": "an if statement that can have an else",
    "negated_if": "an if that runs its body when the condition is false (Ruby `unless`)",
    "modifier_if": "an if written after its body (Ruby `x if y`)",
    "else_if": "an else-if clause",
    "else": "an else clause",
    "switch": "a switch, case or match",
    "case": "an arm or label of a switch that holds a compared value",
    "switch_section": "a section of a switch that holds labels and statements",
    "switch_label": "a label of a switch section (or the `default` keyword)",
    "default_case": "the default arm of a switch",
    # Errors.
    "try": "a try statement",
    "catch": "a catch clause",
    "finally": "a finally clause",
    "caught_type": "what a catch clause names as caught",
    # Statements.
    "assignment": "an assignment (nodes.scm @assignment; fields `left`, `right`)",
    "block": "a block of statements (Ruby's `then`)",
    "return": "a return statement",
    "implicit_return": "a body whose last expression is the function's value (Ruby)",
    # Declarations.
    "function": "a function, method or lambda (nodes.scm @function)",
    "declaration": "a declaration with a value (nodes.scm @declaration)",
    "declarator": "a declared name and its value (fields `name`, `value`)",
    "paired_declaration": "a declaration with fields `left` and `right` (not `name` and `value`)",
    "declarator_subscript": "an array size or index after a declared name (not its value)",
    "initializer": "the `= value` clause of a declarator (its last named child is the value)",
    "constant_declaration": "a declaration that gives a constant its value by its `name` field",
    "positional_constant": "a constant and its value as first and last child (PHP `const X = '…'`)",
    "event_constant": "a member access that can name an SDK event-type constant (`stripe.EventTypeX`)",
    "parameter": "a function's parameter",
    "annotation": "annotations before a function (Java's `modifiers` hold them)",
    "class": "a class",
    # Imports.
    "import": "an import statement (field `source`: the module)",
    "import_names": "the names an import statement binds (`import A, { B } from …`)",
    "import_require": "the name an `import A = require('…')` binds, and the module",
    "imported_name": "one imported name, maybe renamed (fields `name`, `alias`)",
    "module_import": "an import of a whole module under one name (`* as A`)",
    "destructuring": "a destructuring pattern (`const { A } = …`)",
    "shorthand_pattern": "a `{ A }` entry of a destructuring pattern",
    "use_clause": "one name a namespace import binds (`use A\\B as C`: names, then the alias)",
}
