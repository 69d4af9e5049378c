"""Read teams' orders files and check them against the rules, naming file, line, field and team."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.classroom.models import OrdersFile
from game.engine.codes import ROLE_NAMES
from game.engine.orders import Order, validate_orders
from game.engine.state import State
from game.engine.world import World
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
    return f" (team {team})" if isinstance(team, str) else ""


def read_orders_file(path: Path) -> tuple[YamlDocument, OrdersFile]:
    """Parse and schema-check one orders file, or raise :class:`InputFileError`."""
    document = read_yaml(path)
    try:
        model = validate_document(document, OrdersFile)
    except InputFileError as error:
        hint = _team_hint(document)
        raise InputFileError(
            [Problem(p.file, p.line, p.field, p.message + hint) for p in error.problems]
        ) from None
    return document, model


def check_orders_files(
    paths: list[Path], world: World, state: State, teams: list[str], quarter: str
) -> tuple[list[TeamOrdersFile], list[Problem]]:
    """Every orders file read and checked; all problems of all files together.

    A file must be for a team of this game and for this quarter, only one file per
    team, and every order must be legal now (:func:`validate_orders` with the team as
    the only role the file controls).
    """
    problems: list[Problem] = []
    accepted: list[TeamOrdersFile] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            document, model = read_orders_file(path)
        except InputFileError as error:
            problems += error.problems
            continue
        team = model.team
        name = document.name
        if team not in teams:
            problems.append(
                document.problem(["team"], f"{team} is not a team of this game ({', '.join(teams)})")
            )
            continue
        if team in seen:
            problems.append(
                document.problem(["team"], f"a second orders file for {team} (first: {seen[team]})")
            )
            continue
        seen[team] = path
        if model.turn != quarter:
            problems.append(
                document.problem(
                    ["turn"], f"team {team}: these orders are for {model.turn}, but the game is at {quarter}"
                )
            )
            continue
        orders = [Order(team, line.action, line.target) for line in model.orders]
        file_problems = []
        # Check growing prefixes so each problem is pinned to the order that caused it.
        known = 0
        for index in range(len(orders)):
            found = validate_orders(world, state, orders[: index + 1], roles=[team])
            for problem in found[known:]:
                file_problems.append(
                    document.problem(
                        ["orders", index], f"team {team} ({ROLE_NAMES[team]}): {problem.message}"
                    )
                )
            known = len(found)
        if file_problems:
            problems += file_problems
            continue
        accepted.append(TeamOrdersFile(Path(name), team, orders))
    return accepted, problems
