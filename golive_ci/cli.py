"""The ``golive-ci`` command: one sub-command per module in ``golive_ci.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from golive_ci import __version__

# name -> module providing ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS: dict[str, str] = {
    "scan": "golive_ci.commands.scan",
    "rules": "golive_ci.commands.rules",
    "versions": "golive_ci.commands.versions",
    "account": "golive_ci.commands.account",
    "ci": "golive_ci.commands.ci",
}

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UserError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golive-ci",
        description="Stripe's go-live checklist as code: static checks, account checks, PR checklist.",
    )
    parser.add_argument("--version", action="version", version=f"golive-ci {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        return report_error(exc, debug=args.debug)


def report_error(exc: Exception, *, debug: bool) -> int:
    from golive_ci.config import ConfigError
    from golive_ci.rules import UnknownRuleError
    from golive_ci.secrets import redact

    if debug:
        import traceback

        sys.stderr.write(redact("".join(traceback.format_exception(exc))))
    if isinstance(exc, UserError | ConfigError | UnknownRuleError | FileNotFoundError):
        sys.stderr.write(f"golive-ci: error: {redact(str(exc))}\n")
    else:
        hint = "" if debug else " (run with --debug for a traceback)"
        sys.stderr.write(f"golive-ci: internal error: {exc.__class__.__name__}: {redact(str(exc))}{hint}\n")
    return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
