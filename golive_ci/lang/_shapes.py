"""The node roles of a language profile: what the language-neutral code (golive_ci/webhooks,
golive_ci/logging_calls) asks of a tree, each role listed per language by its grammar's node kinds
(tree-sitter node types, named or not). A role a language leaves empty matches nothing there.

The code asks a union over every language (golive_ci.lang.node_kinds): a kind matches only in a
grammar that has it.
"""

SHAPE_ROLES = (
    # Names: plain identifiers of variables and constants (Ruby's constants, PHP's ``name``); names of
    # properties and fields after a dot; sigiled variables (PHP ``$x``, Ruby ``@x``); ``this``/``self``;
    # type names and the package that qualifies one.
    "identifier_kinds",
    "property_name_kinds",
    "variable_kinds",
    "self_kinds",
    "type_name_kinds",
    # Literals: the text parts of a string (not its interpolations), symbols, numbers, unary operations
    # that may be a signed number (``-4``, told by their text), booleans, null/nil; comments.
    "string_content_kinds",
    "symbol_kinds",
    "number_kinds",
    "signed_number_kinds",
    "boolean_kinds",
    "null_kinds",
    "comment_kinds",
    # Expressions: ``a.b``, ``a[b]``; constructor calls (``new X()``) and, where the grammar tells them
    # from function calls, method calls on a receiver (PHP ``$a->b()``); argument lists and the
    # wrapper of one argument; Go's ``a, b``; array literals (and PHP's element of one); key/value
    # pairs of an object or hash literal; Go's composite literal body and its ``Key: value``.
    "member_access_kinds",
    "subscript_kinds",
    "constructor_kinds",
    "method_call_kinds",
    "argument_list_kinds",
    "argument_kinds",
    "expression_list_kinds",
    "array_kinds",
    "pair_kinds",
    "composite_literal_body_kinds",
    "keyed_element_kinds",
    # Operations: ``(x)``, ``await x``, TypeScript's ``x!``, binary operations (with an ``operator``
    # field), unary ones, type tests (``x instanceof T``, ``x is T``).
    "parenthesized_kinds",
    "await_kinds",
    "non_null_kinds",
    "binary_kinds",
    "unary_kinds",
    "type_test_kinds",
    # Branches: if statements that can have an else; ifs that run their body when the condition is
    # false (Ruby ``unless``) and ifs written after their body (Ruby ``x if y``); else-if and else
    # clauses; ternaries.
    "if_kinds",
    "negated_if_kinds",
    "modifier_if_kinds",
    "else_if_kinds",
    "else_kinds",
    "ternary_kinds",
    # Switches: the switch/case/match; the arms or labels that hold a compared value; the sections of
    # a switch that hold labels and statements, and those labels (or the ``default`` keyword); the
    # default arm.
    "switch_kinds",
    "case_kinds",
    "switch_section_kinds",
    "switch_label_kinds",
    "default_case_kinds",
    # Errors: try statements, their catch and finally clauses, what a catch clause names as caught.
    "try_kinds",
    "catch_kinds",
    "finally_kinds",
    "caught_type_kinds",
    # Statements: a block of statements (Ruby's ``then``), return statements, and bodies whose last
    # expression is the function's value (Ruby).
    "block_kinds",
    "return_kinds",
    "implicit_return_kinds",
    # Declarations: a function's parameters; annotations before a function (Java's ``modifiers`` hold
    # them); classes; declarations that give a constant its value by their ``name`` field; blocks
    # handed to a call that act as a function (Ruby ``post "/x" { … }``); member accesses that can
    # name an SDK event-type constant (C# ``Events.ChargeSucceeded``, Go ``stripe.EventTypeX``).
    "parameter_kinds",
    "annotation_kinds",
    "class_kinds",
    "constant_declaration_kinds",
    "call_block_kinds",
    "event_constant_kinds",
    # Idioms: any body can carry its own catch clauses (Ruby ``def … rescue … end``), not only a try;
    # calls return errors as values checked with ``if err != nil`` (Go); ``.catch(callback)`` on a
    # call's promise handles its errors (JavaScript); the pattern of an annotation that binds a
    # handler's parameter to the request body (Spring ``@RequestBody``), None: none.
    "bodies_take_handlers",
    "errors_as_values",
    "promise_error_callbacks",
    "body_parameter_annotation",
)
