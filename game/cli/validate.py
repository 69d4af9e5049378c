"""The ``validate`` command: checks scenario and translation files without playing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandError,
    examples_text,
    find_scenario,
    plain_text,
    printable,
    report_error,
)
from game.i18n import N_, _
from game.scenario.errors import InputFileError, Problem
from game.scenario.load import check_baseline, check_catalogue, load_scenario
from game.scenario.models import ActionCatalogue, Baseline, ObservedFigures
from game.scenario.translation import check_translation_file, is_translation_file, translation_problems
from game.scenario.yamlfile import read_yaml, validate_document

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector validate FILE...``: check scenario files (or shipped scenarios by id); exit 0 when all are
valid, 2 otherwise. A historical event without a complete citation (outlet, title, date, url) is refused;
a counterfactual event told as fact gets a warning on stderr (the file is still valid)."""
)
EXAMPLES = ("multivector validate my_scenario.yaml", "multivector validate sandbox tutorial")


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "validate",
        help=_("check scenario files and report every problem with file:line: field"),
        description=plain_text(_(DESCRIPTION)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=examples_text(EXAMPLES),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("scenario YAML files or shipped scenario ids"))
    parser.set_defaults(handler=run, needs_engine=False)


def run(arguments: argparse.Namespace) -> int:
    """Validate each file and print its problems."""
    failed = 0
    for given in arguments.files:
        try:
            path = Path(given) if Path(given).exists() or Path(given).suffix else find_scenario(given)
        except CommandError as error:
            failed += 1
            report_error(error)
            continue
        try:
            warnings = check_file(path)
        except InputFileError as error:
            failed += 1
            for problem in error.problems:
                _say(str(problem), sys.stderr)
            continue
        for warning in warnings:
            _say(_("warning: {warning}").format(warning=warning), sys.stderr)
        _say(_("ok    {path}").format(path=path), sys.stdout)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _say(line: str, stream: TextIO) -> None:
    """One line as the text it is (control characters made visible); plain print, not rich: a line a file
    needs no console, and validate starts faster without importing one."""
    print(printable(line), file=stream, flush=True)


def check_file(path: Path) -> tuple[Problem, ...]:
    """Check one file by its kind: a translation, an action catalogue, a baseline, observed figures, or a
    scenario (with the files it names and its translations).

    Raises :class:`InputFileError` when it is refused; returns the warnings of a file accepted.
    """
    if is_translation_file(path):
        check_translation_file(path)
        return ()
    if path.parent.name == "observed":
        validate_document(read_yaml(path), ObservedFigures)
        return ()
    if path.name == "actions.yaml" or path.parent.name == "baseline":
        document = read_yaml(path)
        if path.name == "actions.yaml":
            catalogue = validate_document(document, ActionCatalogue)
            problems = check_catalogue(document, catalogue, None)
        else:
            problems = check_baseline(document, validate_document(document, Baseline))
        if problems:
            raise InputFileError(problems)
        return ()
    loaded = load_scenario(path)
    problems = translation_problems(loaded)
    if problems:
        raise InputFileError(problems)
    return loaded.warnings
