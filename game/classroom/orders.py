"""Read teams' orders files and check them against the rules, naming file, line, field and team.

All problems of all files are reported together: a form error in one order entry
(a misspelt target, say) does not hide the legality checks of the file's other,
well-formed entries. Unknown actions get a "did you mean" hint, and an order a
team may not give toward a target lists what the team can do toward it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from game.classroom.models import OrderLine, OrdersFile
from game.engine.codes import ROLES
from game.engine.orders import Order, OrderProblem, Refusal, validate_orders
from game.engine.state import State
from game.engine.world import World
from game.i18n import LANGUAGE_CODES, N_, _, place_name
from game.play.refusals import refusal_text
from game.scenario.errors import InputFileError, Problem
from game.scenario.yamlfile import YamlDocument, read_yaml, validate_document


@dataclass(frozen=True)
class TeamOrdersFile:
    """A valid orders file: its path, its team and its orders."""

    path: Path
    team: str
    orders: list[Order]


def _team_hint(document: YamlDocument) -> str:
    team = document.data.get("team") if isinstance(document.data, dict) else None
    return _(" (team {team})").format(team=team) if isinstance(team, str) else ""


def read_orders_file(path: Path) -> tuple[YamlDocument, OrdersFile]:
    """Parse and schema-check one orders file, or raise :class:`InputFileError`."""
    document = read_yaml(path)
    try:
        model = validate_document(document, OrdersFile)
    except InputFileError as error:
        hint = _team_hint(document)
        raise InputFileError(
            [Problem(p.file, p.line, p.field, form_problem_text(p.message) + hint) for p in error.problems]
        ) from None
    return document, model


def _codes_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for code in ROLES:
        for name in [place_name(code, language) for language in LANGUAGE_CODES]:  # a name in any language
            names[name.lower()] = code
            names[name.lower().removeprefix("the ")] = code
        names[code.lower()] = code
    return names


def _schema_hint(document: YamlDocument, problem: Problem, world: World, team: str | None) -> str:
    """A hint for a form error of an order entry: the code for a country's name, a close action."""
    value = _value_at(document.data, problem.field)
    if not isinstance(value, str):
        return ""
    if problem.field.endswith(".target") or problem.field == "team":
        code = _codes_by_name().get(value.strip().lower())
        return _("; use the code {code}").format(code=code) if code else ""
    if problem.field.endswith(".action"):
        return action_hint(world, team, value)
    return ""


def _value_at(data: Any, field: str) -> Any:
    """The value at ``orders[1].target``-style paths of plain data (None when absent)."""
    current = data
    for part in field.replace("[", ".").replace("]", "").split("."):
        if not part:
            continue
        if isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            return None
    return current


def team_actions(world: World, team: str, target: str | None = None) -> list[str]:
    """The actions ``team`` may take (toward ``target``, or toward anyone), in catalogue order."""
    actions = world.actions
    r = ROLES.index(team)
    allowed = actions.allowed[:, r, :].any(axis=1) if target is None else actions.allowed[:, r, ROLES.index(target)]
    return [actions.ids[int(a)] for a in np.nonzero(allowed)[0]]


def action_hint(world: World, team: str | None, action: str) -> str:
    """``; did you mean 'host_summit'?`` over the actions the team may take (all actions if unknown)."""
    candidates = team_actions(world, team) if team in ROLES else list(world.actions.ids)
    close = difflib.get_close_matches(action.strip().lower(), candidates, n=2, cutoff=0.5)
    if not close:
        return _("; see 'class template' for the actions of {team}").format(team=team) if team in ROLES else ""
    if len(close) == 1:
        return _("; did you mean '{action}'?").format(action=close[0])
    return _("; did you mean '{first}' or '{second}'?").format(first=close[0], second=close[1])


def _legality_hint(world: World, team: str, problem: OrderProblem, game_dir: str) -> str:
    order = problem.order
    if problem.reason == Refusal.UNKNOWN_ACTION:
        return action_hint(world, team, order.action)
    if problem.reason == Refusal.NOT_ALLOWED:
        toward = team_actions(world, team, order.target)
        if toward:
            return _("; toward {target} {team} can: {actions}").format(
                target=order.target, team=team, actions=", ".join(toward))
        targets = sorted(
            {ROLES[t] for t in np.nonzero(world.actions.allowed[:, ROLES.index(team), :].any(axis=0))[0]},
            key=ROLES.index,
        )
        return _(
            "; {team} has no action toward {target} (its targets: {targets}; see 'multivector class template "
            "{game_dir} --team {team}')"
        ).format(team=team, target=order.target, targets=", ".join(targets), game_dir=game_dir)
    return ""


def _lenient_read(
    document: YamlDocument, world: World
) -> tuple[OrdersFile | None, str | None, str | None, list[tuple[int, OrderLine]], list[Problem]]:
    """Schema-check a document; on errors, keep what is well-formed.

    Returns (model or None, team, turn, the well-formed entries with their index, problems).
    """
    try:
        model = validate_document(document, OrdersFile)
    except InputFileError as error:
        problems = list(error.problems)
    else:
        return model, model.team, model.turn, list(enumerate(model.orders)), []
    data = document.data if isinstance(document.data, dict) else {}
    team = data.get("team") if data.get("team") in ROLES else None
    problem_fields = {p.field for p in problems}
    turn = data.get("turn") if isinstance(data.get("turn"), str) and "turn" not in problem_fields else None
    entries: list[tuple[int, OrderLine]] = []
    raw = data.get("orders")
    if isinstance(raw, list) and not any(f == "orders" for f in problem_fields):
        for index, item in enumerate(raw):
            try:
                entries.append((index, OrderLine.model_validate(item)))
            except ValidationError:
                continue
    suffix = _team_hint(document)
    problems = [
        Problem(p.file, p.line, p.field, form_problem_text(p.message) + _schema_hint(document, p, world, team) + suffix)
        for p in problems
    ]
    return None, team, turn, entries, problems


def check_orders_files(
    paths: list[Path],
    world: World,
    state: State,
    teams: list[str],
    quarter: str,
    game_dir: str = "GAME_DIR",
) -> tuple[list[TeamOrdersFile], list[Problem]]:
    """Every orders file read and checked; all problems of all files together.

    A file must be for a team of this game and for this quarter, only one file per
    team, and every order must be legal now (:func:`validate_orders` with the team as
    the only role the file controls). Well-formed entries of a file with form errors
    are still checked against the rules, so one run of the command shows everything.
    """
    problems: list[Problem] = []
    accepted: list[TeamOrdersFile] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            document = read_yaml(path)
        except InputFileError as error:
            problems += error.problems
            continue
        model, team, turn, entries, file_problems = _lenient_read(document, world)
        if team is None:
            problems += file_problems
            continue
        if team not in teams:
            file_problems.append(
                document.problem(["team"], not_a_team(team, teams))
            )
            problems += file_problems
            continue
        if team in seen:
            file_problems.append(
                document.problem(["team"], _("a second orders file for {team} (first: {first})").format(
                    team=team, first=seen[team]))
            )
            problems += file_problems
            continue
        seen[team] = path
        if turn is not None and turn != quarter:
            file_problems.append(
                document.problem(
                    ["turn"], _("team {team}: these orders are for {turn}, but the game is at {quarter}").format(
                        team=team, turn=turn, quarter=quarter)
                )
            )
        orders = [Order(team, line.action, line.target) for _index, line in entries]
        # Check growing prefixes so each problem is pinned to the order that caused it.
        known = 0
        for position, (index, _line) in enumerate(entries):
            found = validate_orders(world, state, orders[: position + 1], roles=[team])
            for problem in found[known:]:
                file_problems.append(
                    document.problem(
                        ["orders", index],
                        _("team {team} ({name}): {problem}").format(
                            team=team, name=place_name(team), problem=refusal_text(problem))
                        + _legality_hint(world, team, problem, game_dir),
                    )
                )
            known = len(found)
        if file_problems or model is None:
            problems += file_problems
            continue
        accepted.append(TeamOrdersFile(Path(document.name), team, orders))
    return accepted, problems


def not_a_team(team: str, teams: list[str]) -> str:
    """``RU is not a team of this game (KZ, UZ)``."""
    return _("{team} is not a team of this game ({teams})").format(team=team, teams=", ".join(teams))


# The shapes of the form checker's (English) messages on an orders file (game.scenario.yamlfile), said again in the
# reader's language.
_FORM_SHAPES = (
    (re.compile(r"^(?P<value>.+) is not one of (?P<options>.+)$"), N_("{value} is not one of {options}")),
    (re.compile(r"^missing required field$"), N_("missing required field")),
    (re.compile(r"^unknown field$"), N_("unknown field")),
    (re.compile(r"^unknown field; did you mean '(?P<field>[^']+)'\?$"), N_("unknown field; did you mean '{field}'?")),
    (re.compile(r"^(?P<value>.+) is not a quarter from (?P<first>\S+) to (?P<last>\S+) \(written like 2023Q4\)$"),
     N_("{value} is not a quarter from {first} to {last} (written like 2023Q4)")),
    (re.compile(r"^(?P<value>.+) does not match the expected form (?P<pattern>.+)$"),
     N_("{value} does not match the expected form {pattern}")),
)


def form_problem_text(message: str) -> str:
    """A form error of an orders file in the current language (a message of a shape not known here is given as the
    checker wrote it)."""
    for shape, words in _FORM_SHAPES:
        found = shape.match(message)
        if found is not None:
            return _(words).format(**found.groupdict())
    return message
