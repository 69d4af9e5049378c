"""The order rule: the compiled check (``judge_orders``) against the rule written out order by order
in plain Python, on random orders and states, with points at the tolerance's edge; and every
path that asks for a verdict (validation, the engine, the computer players) gets the same one."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.codes import N_ROLES, ROLES
from game.engine.game import Game
from game.engine.layout import POINTS_START
from game.engine.orders import (
    LEGAL,
    NO_ACTION,
    POINTS_TOLERANCE,
    RULE_REFUSALS,
    IllegalOrderError,
    OrderArrays,
    Refusal,
    affordable,
    illegal_runs,
    judge_orders,
    validate_orders,
)
from game.engine.resolve import resolve_turn
from game.engine.state import State
from game.engine.world import World

TOLERANCE = 1e-9  # docs/rules.md: orders may cost at most this much more than the points in hand


def refusals_by_hand(world: World, state: State, action: np.ndarray, target: np.ndarray) -> list[Refusal | None]:
    """The rule as docs/rules.md states it, one order at a time: per order (run, role, slot order),
    its refusal or None."""
    actions, rules = world.actions, world.rules
    verdicts: list[Refusal | None] = []
    for run in range(action.shape[0]):
        for role in range(N_ROLES):
            slots = range(role * rules.max_projects, (role + 1) * rules.max_projects)
            busy = sum(1 for slot in slots if state.slot_last[run, slot] >= state.turn)
            points = state.values[run, POINTS_START + role]
            seen: set[tuple[int, int]] = set()
            counted, spent, projects = 0, 0.0, 0
            for slot in range(action.shape[2]):
                chosen, aimed = int(action[run, role, slot]), int(target[run, role, slot])
                verdict: Refusal | None = None
                if chosen == NO_ACTION:
                    pass
                elif not actions.allowed[chosen, role, aimed]:
                    verdict = Refusal.NOT_ALLOWED
                elif (chosen, aimed) in seen:
                    verdict = Refusal.DUPLICATE
                else:
                    seen.add((chosen, aimed))
                    counted += 1
                    if counted > rules.max_orders:
                        verdict = Refusal.TOO_MANY_ORDERS
                    else:
                        spent += float(actions.cost[chosen])
                        if spent > points + TOLERANCE:
                            verdict = Refusal.NOT_ENOUGH_POINTS
                        elif actions.project_mask[chosen]:
                            projects += 1
                            if busy + projects > rules.max_projects:
                                verdict = Refusal.TOO_MANY_PROJECTS
                verdicts.append(verdict)
    return verdicts


def random_case(
    world: World, start: State, rng: np.random.Generator, runs: int, width: int
) -> tuple[State, np.ndarray, np.ndarray]:
    """Random orders (mostly allowed, some twice) on states with random points and busy slots; in a
    third of the runs each role's points are what its first orders cost, give or take the tolerance;
    a fifth of the runs are kept legal (one allowed order per role, points and slots to spare)."""
    state = start.select(np.zeros(runs, dtype=np.int64))
    state.values[:, POINTS_START : POINTS_START + N_ROLES] = rng.uniform(0.0, 12.0, (runs, N_ROLES))
    busy = rng.random(state.slot_last.shape) < rng.random((runs, 1))
    state.slot_last[busy] = state.turn + 3
    shape = (runs, N_ROLES, width)
    action = np.where(rng.random(shape) < rng.uniform(0.2, 0.9), rng.integers(0, world.actions.count, shape), NO_ACTION)
    allowed = world.actions.allowed[np.maximum(action, 0), np.arange(N_ROLES)[None, :, None]]  # (R, ROLES, W, ROLES)
    target = np.where(rng.random(shape) < 0.9, np.argmax(allowed, axis=-1), rng.integers(0, N_ROLES, shape))
    twice = rng.random(runs) < 0.2
    action[twice, :, 1], target[twice, :, 1] = action[twice, :, 0], target[twice, :, 0]
    edge = rng.random(runs) < 0.35
    cost = np.where(action >= 0, world.actions.cost[np.maximum(action, 0)], 0.0)
    upto = rng.integers(1, width + 1, (runs, N_ROLES))
    total = np.where(np.arange(width)[None, None, :] < upto[..., None], cost, 0.0).sum(axis=2)
    offset = rng.choice(np.array([-3.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0]) * TOLERANCE, (runs, N_ROLES))
    points = state.values[:, POINTS_START : POINTS_START + N_ROLES]
    points[edge] = (total + offset)[edge]
    legal = rng.random(runs) < 0.2
    action[legal, :, 1:] = NO_ACTION
    action[legal, :, 0] = np.where(allowed[legal, :, 0].any(axis=-1), action[legal, :, 0], NO_ACTION)
    target[legal, :, 0] = np.argmax(allowed[legal, :, 0], axis=-1)
    points[legal] = 100.0
    state.slot_last[legal] = -1
    return state, action, target


@pytest.mark.parametrize("width", [3, 5])
def test_compiled_rule_equals_the_rule_by_hand(tiny_world: World, width: int) -> None:
    """Every order's verdict is the same from the compiled check as order by order by hand, for
    arrays as wide as a turn's orders (3) and wider (a list with too many orders for a role)."""
    start = Game.new(tiny_world, 4, runs=1, keep_ledger=False).state
    rng = np.random.default_rng(width)
    seen: set[Refusal | None] = set()
    for _ in range(40):
        state, action, target = random_case(tiny_world, start, rng, 200, width)
        verdicts = judge_orders(tiny_world, state, action, target)
        compiled = [RULE_REFUSALS[code - 1] if code != LEGAL else None for code in verdicts.code.ravel()]
        by_hand = refusals_by_hand(tiny_world, state, action, target)
        assert compiled == by_hand
        assert verdicts.refusals == sum(verdict is not None for verdict in by_hand)
        seen |= set(by_hand)
    kinds = set(RULE_REFUSALS) - ({Refusal.TOO_MANY_ORDERS} if width <= tiny_world.rules.max_orders else set())
    assert seen == kinds | {None}  # every refusal the width allows occurred, and legal orders too


def test_points_may_fall_short_by_the_tolerance_and_no_more(tiny_world: World) -> None:
    """Orders costing 9 are legal with 9 − 0.5e-9 points in hand, refused with 9 − 2e-9."""
    assert POINTS_TOLERANCE == TOLERANCE
    state = Game.new(tiny_world, 4, runs=2, keep_ledger=False).state
    orders = OrderArrays.empty(2, tiny_world.rules.max_orders)
    ru, kz, uz = ROLES.index("RU"), ROLES.index("KZ"), ROLES.index("UZ")
    orders.action[:, ru, :2] = [tiny_world.actions.index("corridor_project"), tiny_world.actions.index("investment")]
    orders.target[:, ru, :2] = [kz, uz]
    state.values[:, POINTS_START + ru] = [9.0 - 0.5e-9, 9.0 - 2e-9]
    problems = illegal_runs(tiny_world, state, orders)
    assert problems == ["run 1: RU investment UZ: RU has 9.0 action points; these orders cost 9.0"]
    assert affordable(9.0, 9.0 - 0.5e-9) and not affordable(9.0, 9.0 - 2e-9)


def test_validation_and_the_engine_give_the_same_verdicts(tiny_world: World) -> None:
    """The orders of a run, listed, get from ``validate_orders`` the refusals the engine finds in
    their array form, in the same words; the engine refuses a turn exactly when one is found."""
    start = Game.new(tiny_world, 4, runs=1, keep_ledger=False).state
    rng = np.random.default_rng(11)
    refused_turns = 0
    for _ in range(10):
        state, action, target = random_case(tiny_world, start, rng, 30, tiny_world.rules.max_orders)
        orders = OrderArrays(action, target)
        engine = illegal_runs(tiny_world, state, orders)
        validated = [
            f"run {run}: {problem}"
            for run in range(state.runs)
            for problem in validate_orders(tiny_world, state, orders.orders_of_run(tiny_world, run), run=run)
        ]
        assert validated == engine
        for run in range(state.runs):
            one = state.run(run)
            alone = OrderArrays(action[run : run + 1], target[run : run + 1])
            problems = [line for line in engine if line.startswith(f"run {run}:")]
            if problems:
                refused_turns += 1
                with pytest.raises(IllegalOrderError):
                    resolve_turn(tiny_world, one, alone, Game.new(tiny_world, 4).streams)
            else:
                resolve_turn(tiny_world, one, alone, Game.new(tiny_world, 4).streams, keep_ledger=False)
    assert 0 < refused_turns < 300
