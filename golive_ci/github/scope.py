"""What a pull request changes about how golive-ci judges it, for the checklist of ``ci``.

The pull request's author controls the configuration the run reads: ``exclude = ["*"]``, a rule
turned off, a ``.gitattributes`` line that hides a file from diffs, or a baseline that marks a key
as audited all make the checklist quieter. None of that is refused (it may be a fair change), but
the checklist says so, next to how many files the configuration leaves out of the scan.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from golive_ci.config import Config
from golive_ci.discovery import git_files, is_excluded, walk_files
from golive_ci.sources.git import find_repository

# File name -> what it is; matched in any folder.
WATCHED_NAMES = {
    ".golive-ci.toml": "golive-ci configuration",
    ".gitattributes": "git attributes: can hide files from diffs",
    ".secrets.baseline": "baseline of accepted secrets",
    ".golive-ci-baseline.json": "golive-ci baseline",
}
TOOL_TABLE = "[tool.golive-ci]"


def scope_changes(
    toplevel: Path, base: str, head: str, changed: Iterable[str], config: Config, prefix: str
) -> list[str]:
    """One label per changed file that changes what is checked, e.g. ``.gitattributes (git attributes…)``.

    ``changed`` are the pull request's changed paths (relative to ``toplevel``); ``prefix`` is
    the scanned folder relative to ``toplevel`` ("" for the top level).
    """
    baselines = _configured_baselines(config, toplevel, prefix)
    in_use = _config_in_use(config, toplevel)
    labels: list[str] = []
    for path in sorted(set(changed)):
        name = posixpath.basename(path)
        if name in WATCHED_NAMES:
            labels.append(f"{path} ({WATCHED_NAMES[name]})")
        elif path == in_use and name != "pyproject.toml":
            labels.append(f"{path} (the golive-ci configuration in use)")
        elif path in baselines:
            labels.append(f"{path} (baseline named in the configuration)")
        elif name == "pyproject.toml" and _tool_table_changed(toplevel, base, head, path):
            labels.append(f"{path} {TOOL_TABLE}")
    return labels


def _configured_baselines(config: Config, toplevel: Path, prefix: str) -> set[str]:
    """Baselines the configuration names: the secret-key rule's detect-secrets baseline (relative to
    the scanned folder) and golive-ci's own ``baseline`` (relative to the configuration file), if
    this version has that key. Paths relative to ``toplevel``."""
    found: set[str] = set()
    value = config.rule_options("secret-key").get("baseline")
    if isinstance(value, str) and value.strip():
        found.add(posixpath.normpath(posixpath.join(prefix, value.strip())))
    own = getattr(config, "baseline", "")
    if isinstance(own, str) and own.strip():
        folder = Path(config.path).parent if config.path is not None else toplevel
        relative = _relative_to(folder / own.strip(), toplevel)
        if relative:
            found.add(relative)
    return found


def _relative_to(path: Path, toplevel: Path) -> str:
    try:
        return Path(posixpath.normpath(path.absolute().as_posix())).relative_to(toplevel.resolve()).as_posix()
    except ValueError:  # outside the repository: not part of the pull request
        return ""


def _config_in_use(config: Config, toplevel: Path) -> str:
    """The configuration file of this run (e.g. ``--config ci/golive.toml``) relative to ``toplevel``."""
    return "" if config.path is None else _relative_to(Path(config.path).resolve(), toplevel)


def _tool_table_changed(toplevel: Path, base: str, head: str, path: str) -> bool:
    """Whether ``[tool.golive-ci]`` differs between the merge base and the head; True when unsure."""
    repository = find_repository(str(toplevel))
    if repository is None:
        return True
    merge_base = repository.run("merge-base", base, head, timeout=60)
    if merge_base.returncode != 0:
        return True
    since = merge_base.stdout.decode("ascii", "replace").strip()
    before, after = (_tool_table(repository, f"{commit}:{path}") for commit in (since, head))
    return before is _UNREADABLE or after is _UNREADABLE or before != after


_UNREADABLE = object()


def _tool_table(repository: Any, blob: str) -> object:
    """The ``[tool.golive-ci]`` table of a pyproject.toml blob; None when the file or table is absent."""
    import tomllib

    result = repository.run("cat-file", "blob", blob, timeout=60)
    if result.returncode != 0:
        return None  # the file does not exist at that commit
    try:
        document = tomllib.loads(result.stdout.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):  # nesting deep enough to recurse out
        return _UNREADABLE
    tool = document.get("tool")
    return tool.get("golive-ci") if isinstance(tool, dict) else None


def count_excluded_files(root: Path, exclude: list[str]) -> int:
    """How many files below ``root`` the configuration's exclude patterns leave out of the scan.

    Counted over every listed file (git's list in a repository, a walk elsewhere), independently of
    the scan, which only lists the files that may hold something to find.
    """
    if not exclude:
        return 0
    names = git_files(root)
    if names is None:
        names = list(walk_files(root))
    return sum(1 for name in names if is_excluded(name, exclude))
