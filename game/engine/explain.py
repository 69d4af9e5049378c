"""The "why" of a change: read a turn's ledger back as named causes, largest first."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.codes import ROLE_NAMES, ROLES, quarter_name
from game.engine.layout import slot_owner
from game.engine.ledger import CauseKind, LedgerRow, ledger_rows
from game.engine.orders import NO_ACTION
from game.engine.resolve import TurnRecord
from game.engine.world import World

_GENERAL = {
    CauseKind.DRIFT: "drift back toward the long-run level",
    CauseKind.NOISE: "chance (random fluctuation)",
    CauseKind.CLAMP: "bounds enforced",
    CauseKind.INCOME: "action points earned",
}


@dataclass(frozen=True)
class Cause:
    """A named cause of a change: its kind, a stable key, and a sentence for people."""

    kind: CauseKind
    key: str
    text: str


def order_of_cause(
    world: World, record: TurnRecord, run: int, kind: CauseKind, index: int
) -> tuple[int, int, int] | None:
    """The (giver, action, target) indices of a ledger cause that is an order given this turn or a state's or
    power's project in flight; None for any other cause (an event, drift, noise)."""
    if kind is CauseKind.ORDER:
        giver, slot = divmod(index, record.orders.action.shape[2])
        return giver, int(record.orders.action[run, giver, slot]), int(record.orders.target[run, giver, slot])
    if kind is CauseKind.PROJECT and index < world.order_slots:
        giver = slot_owner(index, world.rules.max_projects)
        return giver, int(record.slot_ref[run, index]), int(record.slot_target[run, index])
    return None


def describe_cause(world: World, record: TurnRecord, run: int, kind: CauseKind, index: int) -> Cause:
    """Name one ledger cause of one run in one turn."""
    if kind in _GENERAL:
        return Cause(kind, kind.value, _GENERAL[kind])
    if kind in (CauseKind.EVENT, CauseKind.CRISIS):
        title = world.events.titles[index]
        suffix = " (under way)" if kind is CauseKind.CRISIS else ""
        return Cause(kind, world.events.ids[index], f"event ({world.events.tags[index]}): {title}{suffix}")
    given = order_of_cause(world, record, run, kind, index)
    if kind is CauseKind.ORDER and given is not None:
        giver_index, action, target_index = given
        assert action != NO_ACTION
        giver, receiver = ROLES[giver_index], ROLES[target_index]
        order = f"{giver} {world.actions.ids[action]} {receiver}"
        title = world.actions.titles[action]
        return Cause(kind, order, f"order by {ROLE_NAMES[giver]}: {title} ({ROLE_NAMES[receiver]})")
    ref = int(record.slot_ref[run, index])
    started = quarter_name(world.start_quarter + int(record.slot_started[run, index]))
    if given is not None:  # a state's or power's project
        role, target = ROLES[given[0]], ROLES[given[2]]
        order = f"{role} {world.actions.ids[ref]} {target}"
        title = world.actions.titles[ref]
        text = f"project by {ROLE_NAMES[role]}: {title} ({ROLE_NAMES[target]}), ordered {started}"
        return Cause(kind, f"{order}@{started}", text)
    title = world.events.titles[ref]
    tag = world.events.tags[ref]
    return Cause(kind, f"{world.events.ids[ref]}@{started}", f"event ({tag}): {title} ({started}, continuing)")


@dataclass(frozen=True)
class Explanation:
    """One cause's share of a variable's change in one turn."""

    cause: Cause
    amount: float


def explain(world: World, record: TurnRecord, column: int, run: int = 0) -> list[Explanation]:
    """Causes of one variable's change in one turn, largest first (they sum to the change).

    Causes with the same name (an order's cost and effect, say) are merged.
    """
    totals: dict[Cause, float] = {}
    for row in ledger_rows(list(record.entries), run):
        if row.column != column:
            continue
        cause = describe_cause(world, record, run, row.kind, row.index)
        totals[cause] = totals.get(cause, 0.0) + row.amount
    ranked = sorted(totals.items(), key=lambda item: (-abs(item[1]), item[0].key))
    return [Explanation(cause, amount) for cause, amount in ranked]


def named_rows(world: World, record: TurnRecord, run: int = 0) -> list[tuple[LedgerRow, Cause]]:
    """Every ledger row of a run in a turn with its named cause, in ledger order."""
    return [
        (row, describe_cause(world, record, run, row.kind, row.index))
        for row in ledger_rows(list(record.entries), run)
    ]
