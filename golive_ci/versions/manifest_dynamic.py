"""Manifests of the dynamic-language SDKs: PyPI, npm, RubyGems and Packagist."""

from __future__ import annotations

import ast
import configparser
import json
import re
import tomllib
from pathlib import Path

from golive_ci.parsing import lazy_pattern
from golive_ci.posix_paths import posix_path
from golive_ci.versions.sdk_dependency import ManifestError, SdkDependency, dependency, line_of
from golive_ci.versions.specs import RANGE, SpecInfo, composer_spec, npm_spec, python_spec, ruby_spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# PEP 508: name, extras, specifier, marker. Names are compared normalised (PEP 503).
_REQUIREMENT = lazy_pattern(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(@\s*\S+|[^;#]*)?")


def parse_dynamic(ecosystem: str, path: str, text: str, root: Path, tree: Any = None) -> list[SdkDependency]:
    """``tree``: the Ruby syntax tree of ``text`` when the caller has it already."""
    name = posix_path(path).name
    try:
        if ecosystem == "node":
            return _package_json(path, text, root)
        if ecosystem == "php":
            return _composer_json(path, text)
        if ecosystem == "ruby":
            return _gemfile(path, text, tree)
        if name == "pyproject.toml":
            return _pyproject(path, text)
        if name == "Pipfile":
            return _pipfile(path, text)
        if name == "setup.cfg":
            return _setup_cfg(path, text)
        if name == "setup.py":
            return _setup_py(path, text)
        return _requirements(path, text)
    except (ValueError, tomllib.TOMLDecodeError, configparser.Error, SyntaxError) as exc:
        raise ManifestError(f"cannot parse {name}: {exc.__class__.__name__}: {str(exc)[:120]}") from None


# --- Python -------------------------------------------------------------------------------------


def _stripe_requirement(requirement: str) -> str | None:
    """The specifier of a ``stripe`` requirement string (``""`` when bare), else None."""
    match = _REQUIREMENT.match(requirement)
    if match is None or re.sub(r"[-_.]+", "-", match.group(1)).lower() != "stripe":
        return None
    return (match.group(3) or "").strip()


def _python_dependency(path: str, text: str, spec: str, line_pattern: str) -> SdkDependency:
    info = SpecInfo(RANGE) if spec.startswith("@") else python_spec(spec)
    return dependency("python", "stripe", path, line_of(text, line_pattern), spec, info)


_SETUP_CFG_LINE = r"^[ \t]*stripe[ \t]*+(\[[^\]]*\])?[ \t]*+(?:[=<>~!@;]|$)"
_PEP508_LINE = r"""["'][ \t]*+stripe[ \t]*+(\[[^\]]*\])?[ \t]*+(?:[=<>~!@;"']|$)"""


def _requirements(path: str, text: str) -> list[SdkDependency]:
    found: list[SdkDependency] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        spec = _stripe_requirement(line)
        if spec is not None:
            info = SpecInfo(RANGE) if spec.startswith("@") else python_spec(spec)
            found.append(dependency("python", "stripe", path, number, spec, info))
    return found


def _pyproject(path: str, text: str) -> list[SdkDependency]:
    document = tomllib.loads(text)
    found: list[SdkDependency] = []
    project = document.get("project", {})
    strings: list[tuple[str, bool]] = [(r, False) for r in project.get("dependencies", [])]
    for name, extra in project.get("optional-dependencies", {}).items():
        strings += [(r, _is_dev_group(name)) for r in extra]
    for name, group in document.get("dependency-groups", {}).items():
        strings += [(r, _is_dev_group(name)) for r in group if isinstance(r, str)]
    for requirement, dev in strings:
        spec = _stripe_requirement(str(requirement))
        if spec is not None:
            found.append(_python_dependency(path, text, spec, _PEP508_LINE).replace(dev=dev))
    poetry = document.get("tool", {}).get("poetry", {})
    tables = [(poetry.get("dependencies", {}), False), (poetry.get("dev-dependencies", {}), True)]
    tables += [(group.get("dependencies", {}), _is_dev_group(name)) for name, group in poetry.get("group", {}).items()]
    for table, dev in tables:
        for name, value in table.items():
            if name.lower() == "stripe":
                found.append(_poetry_like(path, text, value).replace(dev=dev))
    return found


def _is_dev_group(name: str) -> bool:
    return name.lower() in ("dev", "develop", "development", "test", "tests", "testing", "lint", "docs", "typing")


def _poetry_like(path: str, text: str, value: Any) -> SdkDependency:
    if isinstance(value, dict):
        if "git" in value or "path" in value or "url" in value:
            return dependency("python", "stripe", path, line_of(text, r"^[ \t]*stripe[ \t]*="), "", SpecInfo(RANGE))
        value = value.get("version", "")
    spec = str(value)
    return dependency("python", "stripe", path, line_of(text, r"^[ \t]*stripe[ \t]*="), spec, python_spec(spec))


def _pipfile(path: str, text: str) -> list[SdkDependency]:
    document = tomllib.loads(text)
    found = []
    for section in ("packages", "dev-packages"):
        for name, value in document.get(section, {}).items():
            if name.lower() == "stripe":
                found.append(_poetry_like(path, text, value).replace(dev=section == "dev-packages"))
    return found


def _setup_cfg(path: str, text: str) -> list[SdkDependency]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    if not parser.has_option("options", "install_requires"):
        return []
    found = []
    for requirement in parser.get("options", "install_requires").splitlines():
        spec = _stripe_requirement(requirement)
        if spec is not None:
            found.append(_python_dependency(path, text, spec, _SETUP_CFG_LINE))
    return found


def _setup_py(path: str, text: str) -> list[SdkDependency]:
    """Literal ``install_requires`` lists only: a list built at run time is not guessed at."""
    tree = ast.parse(text)
    lists: dict[str, ast.AST] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                lists[target.id] = statement.value
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup"):
            continue
        for keyword in node.keywords:
            if keyword.arg not in ("install_requires", "extras_require"):
                continue
            value = lists.get(keyword.value.id, keyword.value) if isinstance(keyword.value, ast.Name) else keyword.value
            for item in ast.walk(value):
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    spec = _stripe_requirement(item.value)
                    if spec is not None:
                        found.append(_python_dependency(path, text, spec, _PEP508_LINE))
    return found


# --- npm, Packagist, RubyGems -------------------------------------------------------------------


def _package_json(path: str, text: str, root: Path) -> list[SdkDependency]:
    document = json.loads(text)
    if not isinstance(document, dict):
        return []
    found = []
    sections = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
    typed = (root / path).parent.joinpath("tsconfig.json").is_file() or any(
        "typescript" in (document.get(s) or {}) for s in sections
    )
    for section in sections:
        spec = (document.get(section) or {}).get("stripe")
        if isinstance(spec, str):
            line = _json_key_line(text, section, "stripe")
            dev = section == "devDependencies"
            found.append(dependency("node", "stripe", path, line, spec, npm_spec(spec), typed=typed, dev=dev))
    return found


def _json_key_line(text: str, section: str, key: str) -> int:
    """Line of ``"key":`` inside the object ``"section": {…}`` (first occurrence after the section key)."""
    start = re.search(rf'"{re.escape(section)}"\s*:\s*\{{', text)
    offset = start.end() if start else 0
    match = re.compile(rf'"{re.escape(key)}"\s*:').search(text, offset)
    return text.count("\n", 0, match.start()) + 1 if match else line_of(text, rf'"{re.escape(key)}"\s*:')


def _composer_json(path: str, text: str) -> list[SdkDependency]:
    document = json.loads(text)
    if not isinstance(document, dict):
        return []
    found = []
    for section in ("require", "require-dev"):
        spec = (document.get(section) or {}).get("stripe/stripe-php")
        if isinstance(spec, str):
            line = _json_key_line(text, section, "stripe/stripe-php")
            dev = section == "require-dev"
            found.append(dependency("php", "stripe/stripe-php", path, line, spec, composer_spec(spec), dev=dev))
    return found


# Gemfile / plugin.rb `gem`, and a .gemspec's `spec.add_dependency` and its variants.
_GEM_DECLARATIONS = frozenset({"gem", "add_dependency", "add_runtime_dependency", "add_development_dependency"})


def _gemfile(path: str, text: str, tree: Any = None) -> list[SdkDependency]:
    from golive_ci.lang import language_roles
    from golive_ci.parsing import parse, walk
    from golive_ci.sourcefile import ParseError
    from golive_ci.syntax import string_value, text_of
    from golive_ci.tree_nodes import kinds_of

    try:
        if tree is None:
            tree = parse(text.encode("utf-8"), "ruby")
    except ParseError as exc:
        raise ValueError(str(exc)) from None
    found = []
    roles = language_roles("ruby")
    calls, strings_, lists = roles["call.receiver"], kinds_of("string"), roles["array"]
    for node in walk(tree.root_node):
        method = text_of(node.child_by_field_name("method")) if node.type in calls else ""
        if method not in _GEM_DECLARATIONS:
            continue
        arguments = node.child_by_field_name("arguments")
        values = [c for c in arguments.named_children] if arguments is not None else []
        if not values or string_value(values[0]) != "stripe":
            continue
        strings = [
            s for v in values[1:] for s in ([v] if v.type in strings_ else v.named_children if v.type in lists else [])
        ]
        requirements = [string_value(v) or "" for v in strings if v.type in strings_]
        pairs = roles["pair"]
        sourced = any(v.type in pairs and text_of(v).startswith(("git", "github", "path")) for v in values[1:])
        info = SpecInfo(RANGE) if sourced else ruby_spec(requirements)
        dev = method == "add_development_dependency" or _in_dev_group(node, values[1:])
        found.append(
            dependency("ruby", "stripe", path, node.start_point[0] + 1, ", ".join(requirements), info, dev=dev)
        )
    return found


_RUBY_DEV_GROUPS = re.compile(r":(?:development|test)\b|[\"'](?:development|test)[\"']")


def _in_dev_group(node: Any, options: list[Any]) -> bool:
    """``gem "stripe", group: :test`` or inside ``group :development, :test do … end`` only."""
    from golive_ci.lang import language_roles
    from golive_ci.syntax import text_of

    roles = language_roles("ruby")
    pairs, calls = roles["pair"], roles["call.receiver"]
    own = [text_of(v) for v in options if v.type in pairs and text_of(v).startswith(("group", ":group"))]
    if own:
        return all(_RUBY_DEV_GROUPS.search(text) for text in own)
    parent = node.parent
    while parent is not None:
        if parent.type in calls and text_of(parent.child_by_field_name("method")) == "group":
            arguments = parent.child_by_field_name("arguments")
            return arguments is not None and bool(_RUBY_DEV_GROUPS.search(text_of(arguments)))
        parent = parent.parent
    return False
