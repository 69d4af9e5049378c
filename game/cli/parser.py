"""The argument parser of every command: refusals are one line (kept light: ``--help`` imports it).

argparse's own words (``usage:``, ``options``, its refusals) are translated through the game's catalog:
argparse looks its ``_`` and ``ngettext`` up in its module each time it writes them, so they are pointed
at the game's (the words it uses are marked below, for the catalog).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from game.i18n import N_, _, ngettext

LANGUAGE_OPTION = "--lang"  # the program's own option (before the command), read by game.cli.main

# The words of argparse a player meets (help and refusals), in the catalog so each language has them.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)
setattr(argparse, "_", _)  # noqa: B010  (argparse's stub does not declare its module's translator)
setattr(argparse, "ngettext", ngettext)  # noqa: B010


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose refusals are one line on stderr (exit 2): the problem and where
    to read more, without the usage block argparse prints above its error.

    A misspelled option is named first (with the option it was probably meant to be), even when
    argparse would rather say that a required one is missing; options are never abbreviated, so
    ``--run 10`` is refused instead of silently read as ``--runs 10``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.words: list[str] = []

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse's, remembering the words given (an error names a misspelled one among them)."""
        self.words = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """Print ``message`` as one line naming the command and its ``--help``; exit 2."""
        # Imported here, not at the top: common prints with rich, which --help and --version never need.
        from game.cli.common import EXIT_BAD_INPUT, CommandError, flush, report_error

        command = self.command_parser()
        # Only the words after the command's name are its options: a --lang before it is the program's own.
        named = command.prog.split()[1:2]
        after = self.words[self.words.index(named[0]) + 1:] if named and named[0] in self.words else self.words
        unknown = command.unknown_option(after)
        if unknown == LANGUAGE_OPTION:  # the program's option, given after a command
            program, *named = command.prog.split()
            message = _("{option} goes before the command: {example}").format(
                option=LANGUAGE_OPTION, example=" ".join([program, LANGUAGE_OPTION, "CODE", *named, "…"]))
        elif unknown is not None:
            close = difflib.get_close_matches(unknown, command.option_names(), n=1)
            message = (
                _("unknown option {option}; did you mean {close}?").format(option=unknown, close=close[0]) if close
                else _("unknown option {option}").format(option=unknown)
            )
        report_error(CommandError([_("{command}: {message} (see {command} --help)").format(
            command=command.prog, message=message)]))
        flush()
        sys.exit(EXIT_BAD_INPUT)

    def command_parser(self) -> OneLineParser:
        """The parser of the (sub)command the words name (this one when they name none)."""
        parser = self
        for word in self.words:
            choices = next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
            chosen = choices.get(word) if isinstance(choices, dict) else None
            if isinstance(chosen, OneLineParser):
                parser = chosen
        return parser

    def option_names(self) -> list[str]:
        """Every option this parser knows (``--runs``, ``-h``, …)."""
        return list(self._option_string_actions)

    def unknown_option(self, words: Sequence[str]) -> str | None:
        """The first of ``words`` that looks like a long option and is none of this parser's."""
        for word in words:
            name = word.split("=", 1)[0]
            if name.startswith("--") and len(name) > 2 and name not in self._option_string_actions:
                return name
        return None
