"""golive-ci rules: list the rules, or print one rule's documentation."""

from __future__ import annotations

import argparse
import json
import sys

from golive_ci.rules import UnknownRuleError, all_rule_infos
from golive_ci.rules.base import RuleInfo

HELP = "list the rules and account checks, or show the documentation of one (golive-ci rules secret-key)"


def documented_rules() -> list[RuleInfo]:
    """Static rules, the git-history finding of `golive-ci ci`, and the account checks."""
    from golive_ci.account import all_check_infos
    from golive_ci.history import HISTORY_RULE_INFO

    return [*all_rule_infos(), HISTORY_RULE_INFO, *all_check_infos()]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", nargs="?", help="a rule to document")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    infos = {info.slug: info for info in documented_rules()}
    if args.slug:
        info = infos.get(args.slug)
        if info is None:
            raise UnknownRuleError(f"unknown rule {args.slug!r}; `golive-ci rules` lists them")
        if args.format == "json":
            sys.stdout.write(json.dumps(_as_dict(info), indent=2) + "\n")
        else:
            sys.stdout.write(info.render())
        return 0
    if args.format == "json":
        sys.stdout.write(json.dumps([_as_dict(i) for i in infos.values()], indent=2) + "\n")
        return 0
    width = max(len(slug) for slug in infos)
    for info in infos.values():
        line = f"{info.slug:<{width}}  {info.kind:<7}  {info.severity.value:<7}  {info.checklist:<14}  {info.summary}"
        sys.stdout.write(line + "\n")
    return 0


def _as_dict(info: RuleInfo) -> dict[str, str]:
    return {
        "slug": info.slug,
        "kind": info.kind,
        "severity": info.severity.value,
        "checklist": info.checklist,
        "summary": info.summary,
        "why": info.why.strip(),
        "example": info.example.strip(),
        "fix": info.fix.strip(),
    }
