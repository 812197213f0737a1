"""The ``golive-ci`` command: ``main`` here, one sub-command per module of this package (``COMMANDS``)."""

from __future__ import annotations

import importlib
import sys

from golive_ci import __version__
from golive_ci.candidates import CandidateSearch, start_from_command_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# name -> (module providing ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; one-line help).
# Only the module of the command being run is imported: start-up time is part of every hook run.
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("golive_ci.cli.scan", "scan files or a repository with the static rules"),
    "rules": ("golive_ci.cli.rules", "list the rules and account checks, or document one"),
    "versions": ("golive_ci.cli.versions", "the repository's Stripe API-version picture"),
    "account": ("golive_ci.cli.account", "check the live Stripe account"),
    "ci": ("golive_ci.cli.ci", "run every check for CI and publish the go-live checklist"),
    "baseline": ("golive_ci.cli.baseline", "record today's findings so that only new ones fail"),
}

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UserError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


def chosen_command(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (global options take no values, so it is the first word)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``argv``, only the sub-command it names has its options loaded."""
    import argparse  # after start_from_command_line: git's search starts before this import

    from golive_ci.cli.help_format import ArgumentParser, HelpFormatter

    chosen = chosen_command(argv) if argv is not None else None
    parser = ArgumentParser(
        prog="golive-ci",
        description="Stripe's go-live checklist as code: static checks, account checks, PR checklist.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"golive-ci {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, summary) in COMMANDS.items():
        if chosen in COMMANDS and name != chosen:
            sub.add_parser(name, help=summary, formatter_class=HelpFormatter)
            continue
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=summary, description=module.HELP, formatter_class=HelpFormatter)
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # git's search for candidate files runs while the rest of golive-ci is imported.
    head_start = start_from_command_line(argv)
    try:
        return _run(argv, head_start)
    finally:
        if head_start is not None:
            head_start.discard()


def _run(argv: list[str], head_start: CandidateSearch | None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_ERROR
    args.head_start = head_start
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
    from golive_ci.escaping import escape_untrusted
    from golive_ci.rules import UnknownRuleError
    from golive_ci.secrets import redact

    if debug:
        import traceback

        trace = redact("".join(traceback.format_exception(exc))).splitlines()
        sys.stderr.write("".join(escape_untrusted(line) + "\n" for line in trace))
    message = escape_untrusted(redact(str(exc)))  # paths and configuration values: repository text
    if isinstance(exc, UserError | ConfigError | UnknownRuleError | FileNotFoundError):
        sys.stderr.write(f"golive-ci: error: {message}\n")
    else:
        hint = "" if debug else " (run with --debug for a traceback)"
        sys.stderr.write(f"golive-ci: internal error: {exc.__class__.__name__}: {message}{hint}\n")
    return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
