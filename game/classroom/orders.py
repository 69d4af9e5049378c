"""Read teams' orders files and check them against the rules, naming file, line, field and team.

All problems of all files are reported together: a YAML slip in one entry (a missing
comma) or a form error (a misspelt target, say) does not hide the other entries' slips,
form errors or legality checks. The rules' reasons are said by the one translator of
refusals (:func:`game.play.refusals.refusal_text`), as on the map. Unknown actions get a
"did you mean" hint, and an order a team may not give toward a target lists what the team
can do toward it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from game.classroom.models import OrderLine, OrdersFile
from game.engine.codes import ROLES
from game.engine.orders import Order, OrderProblem, Refusal, validate_orders
from game.engine.state import State
from game.engine.world import World
from game.i18n import LANGUAGE_CODES, _, place_name
from game.i18n.phrases import program_command
from game.play.refusals import refusal_text
from game.scenario.errors import InputFileError, Problem
from game.scenario.files import read_limited
from game.scenario.yamlfile import MAX_FILE_BYTES, YamlDocument, parse_yaml_bytes, read_yaml, validate_document


@dataclass(frozen=True)
class TeamOrdersFile:
    """A valid orders file: its path, its team and its orders."""

    path: Path
    team: str
    orders: list[Order]


def _team_hint(document: YamlDocument) -> str:
    team = document.data.get("team") if isinstance(document.data, dict) else None
    return _(" (team {team})").format(team=team) if isinstance(team, str) else ""


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
            "; {team} has no action toward {target} (its targets: {targets}; see '{program} class template "
            "{game_dir} --team {team}')"
        ).format(team=team, target=order.target, targets=", ".join(targets), program=program_command(),
                 game_dir=game_dir)
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
        Problem(p.file, p.line, p.field, p.message + _schema_hint(document, p, world, team) + suffix)
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
            document, slips, mended = read_past_slips(path)
        except InputFileError as error:
            problems += error.problems
            continue
        model, team, turn, entries, file_problems = _lenient_read(document, world)
        # A mended part's emptiness is no problem of its own: its slip says what is wrong there.
        file_problems = [problem for problem in file_problems if problem.line not in mended]
        file_problems = sorted(slips + file_problems, key=lambda problem: problem.line or 0)
        if team is None or team not in teams or team in seen:
            if team is not None and team not in teams:
                file_problems.append(document.problem(["team"], not_a_team(team, teams)))
            elif team is not None:
                file_problems.append(
                    document.problem(["team"], _("a second orders file for {team} (first: {first})").format(
                        team=team, first=seen[team]))
                )
            # Without a team of this game the rules cannot judge the orders; their action names still can be.
            problems += file_problems + _unknown_actions(document, entries, world, team)
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


def _unknown_actions(
    document: YamlDocument, entries: list[tuple[int, OrderLine]], world: World, team: str | None
) -> list[Problem]:
    """The entries naming an action the scenario lacks, with a "did you mean" hint (for a file whose team the rules
    cannot judge by)."""
    return [
        document.problem(
            ["orders", index],
            refusal_text(OrderProblem(Order(team or "", line.action, line.target), Refusal.UNKNOWN_ACTION, ""))
            + action_hint(world, team, line.action),
        )
        for index, line in entries
        if line.action not in world.actions.ids
    ]


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """The (first, end) line ranges of an orders file's parts: each top-level key, each list entry, with the indented
    lines that continue them (comments and blank lines go with the part before; those before the first part, with
    none)."""
    starts = [
        number for number, line in enumerate(lines)
        if line.strip() and not line.lstrip().startswith("#") and (not line[0].isspace() or line.lstrip()[0] == "-")
    ]
    return list(zip(starts, [*starts[1:], len(lines)], strict=False))  # none for a file of no parts


def read_past_slips(path: Path) -> tuple[YamlDocument, list[Problem], set[int]]:
    """An orders file read even when some of its parts are not valid YAML: each part (the team, the turn, each order
    entry) is parsed alone, every broken one is a problem at its own line, and the document is the file with each
    broken entry left empty (so the others keep their places, ``orders[2]``, and are still checked); with the
    slips and the (1-based) lines mended. Raises :class:`InputFileError` when the file cannot be read at all, or its
    slips cannot be told apart."""
    try:
        return read_yaml(path), [], set()
    except InputFileError as error:
        first = error
    try:
        lines = read_limited(path, MAX_FILE_BYTES).decode("utf-8").splitlines()
    except (InputFileError, UnicodeDecodeError):
        raise first from None
    slips: list[Problem] = []
    mended = list(lines)
    broken: set[int] = set()
    for start, end in _chunks(lines):
        try:
            parse_yaml_bytes("\n".join(lines[start:end]).encode("utf-8"), first.problems[0].file)
        except InputFileError as error:
            slips += [replace(p, line=None if p.line is None else p.line + start) for p in error.problems]
            entry = lines[start].lstrip().startswith("-")
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            mended[start:end] = [f"{indent}- {{}}" if entry else ""] + [""] * (end - start - 1)
            broken.update(range(start + 1, end + 1))
    try:
        if not slips:
            raise first
        document = parse_yaml_bytes("\n".join(mended).encode("utf-8"), first.problems[0].file)
    except InputFileError:
        raise first from None
    return document, slips, broken


def not_a_team(team: str, teams: list[str]) -> str:
    """``RU is not a team of this game (KZ, UZ)``."""
    return _("{team} is not a team of this game ({teams})").format(team=team, teams=", ".join(teams))
