"""Read the API versions the installed stripe-python SDK knows, without importing (or running) it.

stripe-python's ``WebhookEndpointCreateParams.api_version`` is a ``Literal[...]`` of every API
version; its ``_ApiVersion.CURRENT`` is the version that release pins. Both are read with ``ast``.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

_PARAMS_FILES = ("params/_webhook_endpoint_create_params.py", "api_resources/webhook_endpoint.py")


def stripe_package_dir() -> Path | None:
    spec = importlib.util.find_spec("stripe")  # locates the package without executing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def sdk_api_versions(package_dir: Path) -> list[str]:
    """Every version in the webhook-endpoint ``api_version`` Literal, in the SDK's order."""
    for relative in _PARAMS_FILES:
        path = package_dir / relative
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "api_version":
                versions = [
                    item.value
                    for item in ast.walk(node.annotation)
                    if isinstance(item, ast.Constant) and isinstance(item.value, str)
                ]
                if versions:
                    return versions
    return []


def sdk_current_version(package_dir: Path) -> str | None:
    """``_ApiVersion.CURRENT``: the API version the installed release pins."""
    path = package_dir / "_api_version.py"
    if not path.is_file():
        return None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Assign)
            and any(getattr(t, "id", None) == "CURRENT" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    return None


def sdk_release(package_dir: Path) -> str | None:
    path = package_dir / "_version.py"
    if not path.is_file():
        return None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node.value.value
    return None
