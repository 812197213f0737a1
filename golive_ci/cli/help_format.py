"""argparse's parser and help formatter: usage errors escaped, and no ``shutil`` import on every run."""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


class HelpFormatter(argparse.HelpFormatter):
    """argparse builds a formatter for every option it adds, and the stock one imports ``shutil``
    (with ``bz2`` and ``lzma``) to read the terminal's width: about 3 ms of every hook run. This
    one reads it the same way (``COLUMNS``, then the terminal, then 80) through ``os``."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


def terminal_columns(fallback: int = 80) -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else fallback


class ArgumentParser(argparse.ArgumentParser):
    """Usage errors quote what was given (``invalid choice: '…'``), and the hooks' arguments come
    from the repository's ``.pre-commit-config.yaml``: the message is redacted and escaped like
    any repository text (see :mod:`golive_ci.escaping`). Sub-command parsers inherit this class."""

    def error(self, message: str) -> NoReturn:
        from golive_ci.escaping import escape_untrusted
        from golive_ci.secrets import redact

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {escape_untrusted(redact(message))}\n")
