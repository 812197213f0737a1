"""Options and plumbing shared by the sub-commands: paths, config and output (exit codes: golive_ci.report)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from golive_ci.config import Config, find_config_file, load_config
from golive_ci.findings import Report
from golive_ci.report import FAIL_ON, FORMATS, render
from golive_ci.rules.base import RuleInfo


def comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: nearest pyproject.toml)")


def add_baseline_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("baseline (known findings that do not fail the run)")
    group.add_argument(
        "--baseline", metavar="FILE", help="baseline file (default: config `baseline`, else .golive-ci-baseline.json)"
    )
    group.add_argument("--no-baseline", action="store_true", help="ignore the baseline: every finding counts")
    group.add_argument("--show-baselined", action="store_true", help="also list the findings the baseline knows")


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select", type=comma_list, metavar="RULE,…", help="rules or checklist items to run (default: all)"
    )
    parser.add_argument("--ignore", type=comma_list, default=[], metavar="RULE,…", help="rules to skip")


def scan_root(paths: list[Path]) -> Path:
    """The folder paths are reported relative to: the one folder given, else the working folder."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve()
    return Path.cwd().resolve()


def resolve_config(args: argparse.Namespace, root: Path) -> Config:
    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise FileNotFoundError(f"configuration file not found: {path}")
        return load_config(path)
    return load_config(find_config_file(root))


def check_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")


def shown_report(report: Report, show_baselined: bool) -> Report:
    """What to print: the counted findings, plus (marked) the baselined ones when asked."""
    if not show_baselined or not report.baselined:
        return report
    from golive_ci.findings import Finding

    findings = sorted([*report.findings, *report.baselined], key=Finding.sort_key)
    return report.replace(findings=findings)


def emit(report: Report, args: argparse.Namespace, infos: Mapping[str, RuleInfo]) -> None:
    output = getattr(args, "output", None)
    color = not output and args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, args.format, infos, color=color)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
