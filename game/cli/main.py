"""Entry point of the ``multivector`` command.

Each command's module is imported only when that command runs (see ``COMMANDS``): importing
them all pulled in numba, the engine's kernels and rich before ``--help`` could print a line
(0.75 s and more), while ``--help`` needs only each command's name and one-line summary.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Collection, Iterator, Sequence
from types import ModuleType

from game import __version__
from game.cli.parser import LANGUAGE_OPTION, OneLineParser
from game.i18n import LANGUAGE_VARIABLE, LANGUAGES, N_, UnknownLanguageError, _, resolve_language, set_language

# name -> (module that registers and runs the command, summary listed by ``multivector --help``).
# The module is imported when its command is the one asked for; the summary must equal the help
# the module registers (tests/test_cli_startup.py checks it). Summaries are translated when listed.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("game.cli.validate", N_("check scenario files and report every problem with file:line: field")),
    "run": ("game.cli.run", N_("play one game headless and write CSV, JSON and a chart")),
    "why": ("game.cli.why", N_("list the causes of a change, largest first")),
    "actions": ("game.cli.actions", N_("list the actions each role can take (a handout)")),
    "batch": ("game.cli.batch", N_("play many games at once and write distributions and fan charts")),
    "compare": ("game.cli.compare", N_("compare two what-ifs with common random numbers and confidence intervals")),
    "sweep": ("game.cli.sweep", N_("play a batch at every point of a grid or sample of lever values")),
    "sensitivity": ("game.cli.sensitivity", N_("which lever matters most: Sobol or Morris indices (SALib)")),
    "class": (
        "game.cli.classgame", N_("run a class game from teams' orders files (new, template, turn, status, undo, …)")
    ),
    "report": ("game.cli.report", N_("write a printable HTML debrief of a class game or a run")),
    "tournament": (
        "game.cli.tournament",
        N_("pit AI levels against each other role by role: win rates, paired wins, action shares, agency"),
    ),
    "hindcast": ("game.cli.hindcast", N_("play 2022-2024 and compare the model with published figures")),
    "play": ("game.cli.play", N_("open the map game")),
}


def command_module(name: str) -> ModuleType:
    """The module of command ``name`` (imported now: this is where a command's dependencies load)."""
    return importlib.import_module(COMMANDS[name][0])


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """No garbage collection in the block (as it was after it): a block that makes many objects that all
    live on (importing numba and the engine, loading numba's registries) had the collector walk them again
    and again for nothing, 0.1 s of a batch's start."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def build_parser(chosen: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: the commands in ``chosen`` (every command when None) registered by their
    modules with all their options, the others by name and summary only."""
    parser = OneLineParser(
        prog="multivector",
        description=_("Multivector: Central Asia between Russia, China and the West."),
        epilog=_("example: {command}").format(command="multivector run sandbox --seed 1 --out out/first"),
    )
    parser.add_argument("--version", action="version", version=f"multivector {__version__}",
                        help=_("show the program's version number and exit"))
    parser.add_argument(
        LANGUAGE_OPTION, metavar="CODE",
        help=_("language of the messages: {codes} (default: the {variable} variable, else the system's "
               "language, else English); give it before the command").format(
            codes=", ".join(language.code for language in LANGUAGES), variable=LANGUAGE_VARIABLE),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, summary) in COMMANDS.items():
        if chosen is None or name in chosen:
            command_module(name).add_parser(commands)
        else:
            commands.add_parser(name, help=_(summary))
    return parser


def global_words(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """(the ``--lang`` code, the command) a command line gives: the language is an option of the program,
    before the command (``--lang`` takes a value; ``--help`` and ``--version`` take none); the command is
    the first other word that is not an option. Either is None when not given.

    >>> global_words(["--lang", "ru", "validate", "sandbox"]), global_words(["--lang=kk", "--help"])
    (('ru', 'validate'), ('kk', None))
    """
    asked: str | None = None
    words = iter(argv)
    for word in words:
        if word == LANGUAGE_OPTION:
            asked = next(words, None)
        elif word.startswith(LANGUAGE_OPTION + "="):
            asked = word.partition("=")[2]
        elif not word.startswith("-"):
            return asked, word
    return asked, None


def switch_language(asked: str | None) -> bool:
    """Speak the language ``--lang`` asks for (else ``MULTIVECTOR_LANG``, the system's, English); False,
    after saying so in the language the player would otherwise get, when the code is not a shipped one."""
    try:
        set_language(resolve_language(asked))
    except UnknownLanguageError:
        from game.cli.common import CommandError, flush, report_error  # rich: only to print an error

        set_language(resolve_language())
        shipped = ", ".join(f"{language.code} ({language.own_name})" for language in LANGUAGES)
        report_error(CommandError([_("{option} {code}: no such language; choose one of {languages}").format(
            option=LANGUAGE_OPTION, code=asked, languages=shipped)]))
        flush()
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the command, and turn bad input into one message and exit 2."""
    argv = sys.argv[1:] if argv is None else list(argv)
    asked, named = global_words(argv)
    if not switch_language(asked):
        from game.cli.common import EXIT_BAD_INPUT

        return EXIT_BAD_INPUT
    with paused_collector():  # a command's module imports numba, pydantic and the engine: objects that live on
        parser = build_parser([named] if named in COMMANDS else [])
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        from game.cli.common import EXIT_BAD_INPUT  # rich, which common prints with, is not needed before

        parser.print_help()
        return EXIT_BAD_INPUT
    arguments.language_asked = asked  # --lang given (the class server then keeps every page in it)
    return run_command(arguments)


def run_command(arguments: argparse.Namespace) -> int:
    """Run a parsed command (its module is imported by now)."""
    # Here, not at the top, for --help and --version: common prints with rich (40 ms to import).
    from game.cli.common import CommandError, flush, prepare_engine, report_error

    try:
        if getattr(arguments, "needs_engine", True):
            prepare_engine()
        return int(arguments.handler(arguments))
    except CommandError as error:
        return report_error(error)
    except OSError as error:  # an unwritable --out, a full disk: say so, lose nothing
        problem = error.strerror or str(error)
        if error.filename:
            message = _("cannot write or read {path}: {problem}").format(path=error.filename, problem=problem)
        else:
            message = _("cannot write or read: {problem}").format(problem=problem)
        return report_error(CommandError([message]))
    except KeyboardInterrupt:
        return 130
    finally:
        flush()


def entry() -> None:
    """Console-script entry point."""
    # numpy's BLAS starts a thread per CPU, which spun for 0.1 s of CPU at import while the command started on
    # the same cores; no command multiplies large matrices. One thread, unless the user chose otherwise.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    status = main()
    # The process ends now: its last garbage collections would walk every object numba, the engine and
    # matplotlib made (0.15 s after a batch) only to free memory that the system takes back at once.
    gc.freeze()
    sys.exit(status)
