"""Optional dependencies: the hooks and ``scan`` need none; ``account`` and ``ci`` name the extra to install."""

from __future__ import annotations

import importlib

from golive_ci.cli import UserError

# module imported -> (distribution to install, extra that brings it)
OPTIONAL_MODULES: dict[str, tuple[str, str]] = {
    "stripe": ("stripe", "account"),
    "github": ("PyGithub", "action"),
}


def missing_modules(modules: tuple[str, ...]) -> list[str]:
    """The modules among ``modules`` that cannot be imported (absent, or broken by a bad install)."""
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def require(command: str, modules: tuple[str, ...], extra: str, why: str) -> None:
    """Raise a one-line UserError (exit 2) naming the extra to install when a module is missing."""
    missing = missing_modules(modules)
    if not missing:
        return
    names = " and ".join(OPTIONAL_MODULES[name][0] for name in missing)
    raise UserError(
        f"golive-ci {command} needs {names} {why}, which the hooks' lean install leaves out: "
        f"pip install 'golive-ci[{extra}]' (or golive-ci[all])"
    )
