"""Configuration from ``[tool.golive-ci]`` in pyproject.toml or a ``.golive-ci.toml`` file."""

from __future__ import annotations

from pathlib import Path

from golive_ci.config_model import Config
from golive_ci.findings import Severity
from golive_ci.sources.files import SkippedFile, read_file

CONFIG_LIMIT = 1024 * 1024  # a configuration file larger than this is refused

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILES = (".golive-ci.toml", "pyproject.toml")
KNOWN_KEYS = {"exclude", "extend-exclude", "select", "ignore", "severity", "rules", "account", "baseline", "language"}


class ConfigError(Exception):
    """A configuration the user wrote that cannot be used; shown as a message, exit code 2."""


def find_config_file(start: Path) -> Path | None:
    """The nearest ``.golive-ci.toml`` or pyproject.toml with a ``[tool.golive-ci]`` table."""
    directory = start if start.is_dir() else start.parent
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
        if (candidate_dir / ".git").exists():
            return None
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return b"[tool.golive-ci" in read_file(pyproject, CONFIG_LIMIT)
    except OSError:
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    import tomllib  # only when there is a file to read: start-up time counts in every hook run

    try:
        document = tomllib.loads(read_file(path, CONFIG_LIMIT).decode("utf-8"))
    except SkippedFile as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.reason}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = document.get("tool", {}).get("golive-ci", {}) if path.name == "pyproject.toml" else document
    return parse_config(table, path)


def parse_config(table: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "configuration"
    from golive_ci.config_check import check_names
    from golive_ci.selection import suggestion

    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        hint = suggestion(unknown[0], KNOWN_KEYS)
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}{hint}; known: {', '.join(sorted(KNOWN_KEYS))}")
    check_names(table, where, ConfigError)
    config = Config(path=path)
    config.exclude = _string_list(table, "exclude", where) + _string_list(table, "extend-exclude", where)
    if "select" in table:
        config.select = _string_list(table, "select", where)
    config.ignore = _string_list(table, "ignore", where)
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of rule = \"error|warning|info\"")
    for rule, value in severity.items():
        try:
            config.severity[rule] = Severity.parse(str(value))
        except ValueError as exc:
            raise ConfigError(f"{where}: severity.{rule}: {exc}") from None
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: 'rules' must hold one table per rule, e.g. [tool.golive-ci.rules.secret-key]")
    config.rules = rules
    account = table.get("account", {})
    if not isinstance(account, dict):
        raise ConfigError(f"{where}: 'account' must be a table")
    config.account = account
    baseline = table.get("baseline", "")
    if not isinstance(baseline, str):
        raise ConfigError(f"{where}: 'baseline' must be a file name, e.g. baseline = \".golive-ci-baseline.json\"")
    config.baseline = baseline.strip()
    history = rules.get("secret-key-history", {})
    if "rotated" in history:
        from golive_ci.config_check import parse_rotated

        history["rotated"] = parse_rotated(history["rotated"], f"{where}: [rules.secret-key-history]", ConfigError)
    if "language" in table:
        value = table["language"]
        if value not in ("en", "fr"):
            raise ConfigError(f'{where}: \'language\' must be "en" or "fr", not {value!r}')
        config.language = value
    return config


def _string_list(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return list(value)
