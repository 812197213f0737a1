"""The fenced code blocks of a rule's `example` / `fix`, as (file name, code) to scan."""

from __future__ import annotations

import re

_FILE_BY_LANGUAGE = {
    "python": "hook.py",
    "js": "server.js",
    "javascript": "server.js",
    "ts": "route.ts",
    "typescript": "route.ts",
    "ruby": "webhooks_controller.rb",
    "php": "WebhookController.php",
    "go": "hook.go",
    "java": "WebhookController.java",
    "csharp": "WebhookController.cs",
    "cs": "WebhookController.cs",
}
_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(markdown: str) -> list[tuple[str, str]]:
    return [
        (_FILE_BY_LANGUAGE[language], code)
        for language, code in _BLOCK.findall(markdown)
        if language in _FILE_BY_LANGUAGE
    ]
