"""What every command shares: printing problems, exit codes, opening a scenario."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine.codes import quarter_index, quarter_name
from game.i18n import _, current_language, format_number, format_target, ngettext
from game.io.atomic import OutputFolderError, check_output_folder, output_folder
from game.scenario.basics import QUARTER_RANGE
from game.scenario.errors import InputFileError, Problem
from game.scenario.files import printable  # noqa: F401  (commands print a file's text with it from here)
from game.scenario.library import resolve_scenario, shipped_scenarios

# Every command imports this module, and `validate` runs no game: what imports the engine (numba,
# half a second) is imported inside the functions that play, not here.
if TYPE_CHECKING:
    from game.cli.textconsole import TextConsole
    from game.play.scenario import ScenarioSetup
    from game.scenario.load import LoadedScenario

    console: TextConsole  # made on first use: see __getattr__
    errors: TextConsole

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2

def __getattr__(name: str) -> Any:
    """``console`` and ``errors``, made when first asked for: rich takes 40 ms to import, which ``validate``
    (printing a line a file) and ``--help`` need not pay."""
    if name in ("console", "errors"):
        from game.cli.textconsole import make_consoles

        globals().update(make_consoles())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _errors() -> TextConsole:
    """The stderr console, for this module's own functions (module ``__getattr__`` serves other modules)."""
    return __getattr__("errors")  # type: ignore[no-any-return]


class CommandError(Exception):
    """Bad input detected by a command; printed as one clear message, exit code 2."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


def problems_error(problems: list[Problem]) -> CommandError:
    """A command error listing file problems."""
    return CommandError([str(problem) for problem in problems])


def find_scenario(scenario: str) -> Path:
    """The file of a scenario given by path or shipped id; a CommandError (with a "did you mean") if none."""
    path = resolve_scenario(scenario)
    if not path.exists():
        names = [shipped.stem for shipped in shipped_scenarios()]
        close = difflib.get_close_matches(scenario, names, n=1)
        shipped = ", ".join(names)
        if close:
            message = _("no scenario '{scenario}'; did you mean '{close}'? (shipped scenarios: {shipped}; or give "
                        "a .yaml path)").format(scenario=scenario, close=close[0], shipped=shipped)
        else:
            message = _("no scenario '{scenario}' (shipped scenarios: {shipped}; or give a .yaml path)").format(
                scenario=scenario, shipped=shipped)
        raise CommandError([message])
    return path


def load_world(scenario: str, settings: list[str], turns: int | None = None) -> ScenarioSetup:
    """Open a scenario by path or id with its ``--set`` values and ``--turns``; bad input is a CommandError."""
    from game.play.scenario import ScenarioSetup  # the engine: see the imports above
    from game.scenario.compile import SettingError, parse_settings

    path = find_scenario(scenario)
    try:
        setup = ScenarioSetup.of_file(path, parse_settings(settings), turns)
    except InputFileError as error:
        raise problems_error(error.problems) from None
    except SettingError as error:
        raise CommandError([str(error)]) from None
    start, last_quarter = setup.world.start_quarter, QUARTER_RANGE[1]
    if start + setup.world.turns - 1 > quarter_index(last_quarter):
        most = quarter_index(last_quarter) - start + 1
        raise CommandError([ngettext(
            "--turns {turns} would end after {last}, the last quarter the game names; from {first} at most "
            "{most} turn",
            "--turns {turns} would end after {last}, the last quarter the game names; from {first} at most "
            "{most} turns",
            most,
        ).format(turns=setup.world.turns, last=last_quarter, first=quarter_name(start), most=format_number(most))])
    return setup


def scenario_title(loaded: LoadedScenario) -> str:
    """The scenario's title in the current language (from its translation file; its own without one).
    A translation file with a problem is a CommandError listing it, as ``validate`` would."""
    from game.scenario.translation import scenario_texts

    try:
        return scenario_texts(loaded.scenario, loaded.path, current_language()).title
    except InputFileError as error:
        raise problems_error(error.problems) from None


def action_titles(loaded: LoadedScenario) -> dict[str, tuple[str, str]]:
    """Each action's title and description in the current language (the catalogue's own without a
    translation); a translation file with a problem is a CommandError listing it."""
    from game.scenario.translation import scenario_action_texts

    try:
        return scenario_action_texts(loaded, current_language())
    except InputFileError as error:
        raise problems_error(error.problems) from None


def prepare_engine() -> None:
    """Compile the engine's kernels now if this installation has not yet (after a plain ``pip install``),
    saying so on stderr, so the wait is explained once instead of hidden in a first game."""
    from game.kernel_cache import kernels_ready  # hashlib, platformdirs: not needed by validate

    if kernels_ready():
        return
    from game.warm_up import PREPARING, warm_up  # the engine: see the imports above

    _errors().print(_(PREPARING), markup=False)
    _errors().print(_("Ready in {seconds} s.").format(seconds=format_number(warm_up(), 1)), markup=False)


def report_error(error: CommandError) -> int:
    """Print a command error on stderr; return the bad-input exit code."""
    for message in error.messages:
        from game.cli.textconsole import error_line

        _errors().print(error_line(message), soft_wrap=True)
    return EXIT_BAD_INPUT


def whole_number(text: str) -> int:
    """argparse's reading of a whole number; an argparse error naming the text when it is none."""
    try:
        return int(text)
    except ValueError:
        raise _argument_error(_("{text} is not a whole number").format(text=repr(text))) from None


def positive_int(text: str) -> int:
    """argparse type: an integer ≥ 1."""
    value = whole_number(text)
    if value < 1:
        raise _argument_error(_("{value} must be at least 1").format(value=value))
    return value


def seed_int(text: str) -> int:
    """argparse type: a seed, 0 ≤ seed < 2**63."""
    value = whole_number(text)
    if not 0 <= value < 2**63:
        raise _argument_error(_("{value} must be between 0 and 2**63 - 1").format(value=value))
    return value


def _argument_error(message: str) -> Exception:
    return argparse.ArgumentTypeError(message)


MAX_RUN_INDEX = 2**40
MAX_TURNS = 100_000
MAX_BATCH_RUNS = 1_000_000  # batch and compare (per side)
MAX_LOCKSTEP_RUNS = 100_000  # tournament (per line-up) and hindcast: every run in one block


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """argparse type: a whole number from ``low`` to ``high`` (both included)."""

    def parse(text: str) -> int:
        value = whole_number(text)
        if not low <= value <= high:
            raise _argument_error(_("{value} must be between {low} and {high}").format(
                value=value, low=format_number(low), high=format_number(high)))
        return value

    return parse


def require_memory(need: int, lower: str) -> None:
    """Refuse (before any work) a command that would need more memory than this process can get."""
    from game.play.batch import memory_refusal  # the engine: see the imports above

    refusal = memory_refusal(need, lower)
    if refusal is not None:
        raise CommandError([refusal])


def capped_workers(requested: int) -> int:
    """``--workers`` at most the CPUs this process may use, saying so on stderr when lowered."""
    from game.play.batch import cpu_count  # the engine: see the imports above

    cpus = cpu_count()
    if requested <= cpus:
        return requested
    _errors().print(ngettext(
        "note: --workers {requested} lowered to {cpus}, the CPU available",
        "note: --workers {requested} lowered to {cpus}, the CPUs available", cpus,
    ).format(requested=requested, cpus=cpus), markup=False)
    return cpus


def run_index(text: str) -> int:
    """argparse type: which world of a batch, 0 ≤ index ≤ 2**40."""
    value = seed_int(text)
    if value > MAX_RUN_INDEX:
        raise _argument_error(_("{value} must be at most 2**40").format(value=value))
    return value


def turns_int(text: str) -> int:
    """argparse type: a number of turns, 1 ≤ turns ≤ 100,000."""
    value = positive_int(text)
    if value > MAX_TURNS:
        raise _argument_error(_("{value} must be at most {most}").format(value=value, most=format_number(MAX_TURNS)))
    return value


def add_command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    description: str | None,
    examples: str | Sequence[str],
) -> argparse.ArgumentParser:
    """Register a subcommand: one-line help, a description, and example command lines shown as written."""
    return commands.add_parser(  # type: ignore[no-any-return]
        name,
        help=help_text,
        description=plain_text(description),
        epilog=examples_text(examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def examples_text(examples: str | Sequence[str]) -> str:
    """A command's example lines under the heading ``example:`` (one) or ``examples:`` (several), translated
    (a string is a text written out whole, heading included)."""
    if isinstance(examples, str):
        return examples
    if len(examples) == 1:
        return _("example: {command}").format(command=examples[0])
    return "\n".join([_("examples:"), *(f"  {example}" for example in examples)])


def plain_text(docstring: str | None) -> str | None:
    """A module docstring as help text: without the ````code```` quotes written for the documentation."""
    return None if docstring is None else docstring.replace("``", "")


def add_scenario_argument(parser: argparse.ArgumentParser, note: str = "") -> None:
    """The SCENARIO argument: a scenario file or a shipped scenario's id."""
    parser.add_argument("scenario", metavar="SCENARIO", help=_("scenario file or shipped scenario id") + note)


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    """``--set LEVER=VALUE`` (repeatable), read later by :func:`load_world`."""
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="LEVER=VALUE",
        help=_("override a scenario lever or rule constant (repeatable)"),
    )


def add_turns_option(parser: argparse.ArgumentParser, description: str | None = None) -> None:
    """``--turns N``, bounded as saves are (1 to 100,000); ``description`` is its help, translated."""
    default = _("play this many turns instead of the scenario's")
    parser.add_argument("--turns", type=turns_int, help=description or default)


def add_out_option(parser: argparse.ArgumentParser, required: bool, files: str) -> None:
    """``--out DIR`` and ``--force``: the folder a command's outputs replace whole (see :func:`writing_outputs`);
    ``files`` (translated) says what it receives."""
    parser.add_argument("--out", type=out_dir, required=required, help=_("folder for {files}").format(files=files))
    parser.add_argument(
        "--force", action="store_true",
        help=_("replace --out even when it holds files that are not this command's earlier output"),
    )


def refuse_foreign_output(arguments: argparse.Namespace) -> None:
    """Before any work: refuse an ``--out`` holding something else than this command's earlier output."""
    if arguments.out is None:
        return
    try:
        check_output_folder(arguments.out, arguments.command, arguments.force)
    except OutputFolderError as error:
        raise CommandError([str(error)]) from None


@contextlib.contextmanager
def writing_outputs(arguments: argparse.Namespace) -> Iterator[Path]:
    """The folder to write into; it replaces ``--out`` whole when the block ends (never a mix of two runs)."""
    try:
        with output_folder(arguments.out, arguments.command, arguments.force) as staging:
            try:
                yield staging
            except OSError as error:  # name the file the user asked for, not its temporary sibling
                if error.filename is None or not Path(error.filename).is_relative_to(staging):
                    raise
                named = arguments.out / Path(error.filename).relative_to(staging)
                raise OSError(error.errno, error.strerror, str(named)) from None
    except OutputFolderError as error:
        raise CommandError([str(error)]) from None


def out_dir(text: str) -> Path:
    """argparse type: an output folder (created later); refuses an existing file."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise _argument_error(_("{path} exists and is not a folder").format(path=text))
    return path


def band_cell(p10: float, median: float, p90: float) -> str:
    """``46.8 [46.5–48.0]``: the band with the median's decimals, so the median is seen inside it.

    >>> band_cell(46.52, 46.8, 47.96)
    '46.8 [46.5–48.0]'
    """
    return f"{format_number(median, 1)} [{format_number(p10, 1)}–{format_number(p90, 1)}]"


def target_cell(target: float) -> str:
    """A victory target in a table: two decimals written the language's way, a dash when the game has none
    (the engine's ``target_text``, in the player's language)."""
    return format_target(target)


def wrote(paths: Sequence[Path | str]) -> str:
    """The line that closes a command: ``wrote a.csv, b.json`` in the current language."""
    return _("wrote {files}").format(files=", ".join(str(path) for path in paths))


def flush() -> None:
    """Flush standard streams (used before exiting)."""
    sys.stdout.flush()
    sys.stderr.flush()
