"""stripe-golive: every static go-live rule on the staged files (choose with --select/--ignore)."""

from __future__ import annotations

from collections.abc import Sequence

from golive_ci.cli.common import comma_list
from golive_ci.hook_runner import hook_parser, run_hook
from golive_ci.rules import resolve_selection


def main(argv: Sequence[str] | None = None) -> int:
    parser = hook_parser("Run golive-ci's static go-live rules on the given files.")
    parser.add_argument("--select", type=comma_list, metavar="RULE,…", help="rules to run (default: all)")
    parser.add_argument("--ignore", type=comma_list, default=[], metavar="RULE,…", help="rules to skip")
    args = parser.parse_args(argv)
    try:
        rules = resolve_selection(args.select, args.ignore)
    except ValueError as exc:
        parser.error(str(exc))
    return run_hook(args, rules)


if __name__ == "__main__":
    raise SystemExit(main())
