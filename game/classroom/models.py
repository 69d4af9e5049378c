"""Pydantic models of a class game's files: the game folder's ``game.json`` and orders files.

An orders file (YAML, one per team and turn)::

    team: KZ
    turn: 2023Q2
    orders:
      - {action: host_summit, target: WEST}
      - {action: diversify_routes, target: RU}

``game.json`` is the single source of truth of a class game: the scenario (path and
fingerprint), seed, settings and every turn's orders and state snapshots (a
:class:`game.io.save.SaveFile`), plus the teams, the teacher's deadline policy, the
events the teacher injected, and who gave which orders each turn.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal, TypeGuard

from pydantic import Field, field_validator

from game.engine.codes import ROLES
from game.io.save import SaveFile
from game.scenario.models import (
    Citation,
    Effect,
    Identifier,
    LongText,
    Quarter,
    RoleCode,
    ShortText,
    Spread,
    Strict,
)

CLASS_FORMAT: Final = "multivector-class-game"
CLASS_VERSION = 1
DeadlinePolicy = Literal["computer", "hold"]


def is_role(code: str) -> TypeGuard[RoleCode]:
    """True when ``code`` is a role's code (``KZ`` … ``WEST``)."""
    return code in ROLES


class OrderLine(Strict):
    """One order: an action and its target (the actor is the file's team)."""

    action: Identifier
    target: RoleCode


class OrdersFile(Strict):
    """A team's orders for one turn."""

    team: RoleCode
    turn: Quarter
    orders: list[OrderLine] = Field(default_factory=list, max_length=12)

    @field_validator("orders", mode="before")
    @classmethod
    def _nothing_is_no_orders(cls, value: object) -> object:
        """``orders:`` with only comments under it means no orders."""
        return [] if value is None else value


class CustomEvent(Strict):
    """An event the teacher writes (a YAML file), in the scenario's event vocabulary."""

    id: Identifier
    title: ShortText
    text: LongText
    tag: Literal["historical", "counterfactual", "random"] = "counterfactual"  # a teacher's own, unless said
    source: Citation | None = None
    effects: list[Effect] = Field(default_factory=list)
    spread: Spread | None = None


class Injection(Strict):
    """An event the teacher injected: it fires at the start of turn ``turn`` (0-based)."""

    turn: Annotated[int, Field(ge=0)]
    row: Annotated[int, Field(ge=0)]
    event: Identifier
    title: ShortText
    custom: CustomEvent | None = None


SUBMISSIONS_DIR = "submissions"  # the class server keeps the teams' orders in SUBMISSIONS_DIR/QUARTER/orders-TEAM.yaml


class TeamOrders(Strict):
    """What one team did in one turn, and where the orders came from."""

    team: RoleCode
    source: Literal["file", "computer", "held"]
    file: str | None = None
    orders: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list)


class PlayedTurn(Strict):
    """One turn of the class game as the teams played it."""

    quarter: Quarter
    teams: list[TeamOrders]


class ClassGameFile(Strict):
    """``game.json``: everything about a class game."""

    format: Literal["multivector-class-game"]
    version: int
    title: ShortText
    teams: list[RoleCode] = Field(min_length=1)
    deadline_policy: DeadlinePolicy = "computer"
    team_policies: dict[RoleCode, DeadlinePolicy] = Field(default_factory=dict)
    reserved_injections: Annotated[int, Field(ge=0, le=64)] = 12
    injections: list[Injection] = Field(default_factory=list)
    played: list[PlayedTurn] = Field(default_factory=list)
    save: SaveFile

    def policy_of(self, team: str) -> DeadlinePolicy:
        """What happens to this team when its orders are missing."""
        return self.team_policies.get(team, self.deadline_policy) if is_role(team) else self.deadline_policy
