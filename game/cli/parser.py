"""The argument parser of every command: refusals are one line (kept light: ``--help`` imports it)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose refusals are one line on stderr (exit 2): the problem and where
    to read more, without the usage block argparse prints above its error."""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` as one line naming the command and its ``--help``; exit 2."""
        # Imported here, not at the top: common prints with rich, which --help and --version never need.
        from game.cli.common import EXIT_BAD_INPUT, CommandError, flush, report_error

        report_error(CommandError([f"{self.prog}: {message} (see {self.prog} --help)"]))
        flush()
        sys.exit(EXIT_BAD_INPUT)
