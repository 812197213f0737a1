"""The fenced code blocks of a rule's ``example`` and ``fix`` docs, as (file suffix, code) pairs."""

from __future__ import annotations

import re

_BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.DOTALL)
_SUFFIX = {"python": ".py", "js": ".js", "ts": ".ts", "ruby": ".rb", "php": ".php", "go": ".go", "java": ".java"}
_SUFFIX |= {"csharp": ".cs", "cs": ".cs", "javascript": ".js", "typescript": ".ts"}


def doc_snippets(rule: type) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Code blocks of ``rule.example`` and ``rule.fix`` whose language golive-ci reads."""
    return _blocks(rule.example), _blocks(rule.fix)


def _blocks(text: str) -> list[tuple[str, str]]:
    found = []
    for language, code in _BLOCK.findall(text):
        suffix = _SUFFIX.get(language.lower())
        if suffix is not None:
            found.append((suffix, code if language != "php" or code.startswith("<?php") else "<?php\n" + code))
    return found
