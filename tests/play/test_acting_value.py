"""What an order does "when it acts" (the computer's valuation without the drift's discount) is what the next turn
summary credits it with: the advice and the order details can be checked against the summary, quarter by quarter.

Why the figures agree: an order that acts at once pushes in the quarter it is given, and the summary credits it with
the score difference its ledger change makes. A power's score is linear in the values, and the push rule is linear in
the pushes at a given state, so the credit is the valuation's gradient times the push; the valuation is judged at
the state before the turn, the ledger's push at the state after the quarter's events (which move first). Drift,
noise and bounds are other parts of the summary, never the order's. So for Russia the two agree to float rounding
whenever the quarter's events leave the order's columns alone (as in the quarters below; a country's autonomy is
not linear, hence the small relative tolerance for Kazakhstan). Fatigue is in both: the engine weakens an order by
``1 / (1 + fatigue)`` and so does the valuation.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.value import acting_weights, candidates_of, role_values
from game.engine.codes import ROLES
from game.engine.orders import Order
from game.i18n import place_name
from game.play.session import Session
from game.play.stakes import order_acting, order_stake
from game.play.summary import turn_summary
from game.play.timing import OrderTiming


def start(tmp_path: Path, role: str) -> Session:
    """Middle Corridor for 12 quarters, seed 1, with ``role`` played by hand."""
    return Session.start("middle_corridor", [role], seed=1, turns=12, saves_dir=tmp_path)


def credited(session: Session, role: str, title: str) -> tuple[float, float]:
    """The last turn summary's credit and expected credit of the role's order named ``title``."""
    summary = turn_summary(session, role, session.turn)
    assert summary is not None
    outcome = next(o for o in summary.orders if title in o.text)
    return outcome.score, outcome.expected


@pytest.mark.parametrize(("role", "action", "target", "tolerance"), [
    ("RU", "summit", "KZ", 1e-9),  # linear score: exact to float rounding
    ("KZ", "host_summit", "CN", 0.02),  # autonomy is a square root: a few per cent of the figure
])
def test_when_it_acts_is_the_next_summarys_credit_for_an_order_that_acts_at_once(
    tmp_path: Path, role: str, action: str, target: str, tolerance: float
) -> None:
    session = start(tmp_path, role)
    index = session.world.actions.index(action)
    title = session.world.actions.titles[index]
    for _quarter in range(4):  # the same order each quarter: its fatigue grows, both figures fall with it
        acting = order_acting(session, role, index, target)
        assert session.queue(Order(role, action, target)) == []
        session.end_turn()
        score, expected = credited(session, role, title)
        assert expected == pytest.approx(acting, abs=1e-12)  # the summary's "expected" is the figure shown before
        if role == "RU":
            assert score == pytest.approx(acting, abs=tolerance)
        else:
            assert score == pytest.approx(acting, rel=tolerance)


def test_fatigue_is_in_the_figure_an_answer_given_again_is_worth_less(tmp_path: Path) -> None:
    """A summit given last quarter is worth less now, by exactly its fatigue: the valuation with the role's fatigue
    taken away, divided by ``1 + fatigue``."""
    session = start(tmp_path, "RU")
    summit = session.world.actions.index("summit")
    before = order_acting(session, "RU", summit, "KZ")
    session.queue(Order("RU", "summit", "KZ"))
    session.end_turn()
    now = order_acting(session, "RU", summit, "KZ")
    assert now < before
    state = session.game.state.select(np.array([0]))
    fatigue = float(state.fatigue[0, ROLES.index("RU"), summit])
    assert fatigue > 0
    rested = replace(state, fatigue=np.zeros_like(state.fatigue))
    fresh = role_values(session.world, rested, state.values, ROLES.index("RU"), acting=True).value[0]
    candidates = candidates_of(session.world.actions)[ROLES.index("RU")]
    row = int(np.flatnonzero((candidates.actions == summit) & (candidates.targets == ROLES.index("KZ")))[0])
    assert now == pytest.approx(fresh[row] / (1.0 + fatigue), rel=1e-12)


def test_by_the_end_is_what_survives_the_drift_of_when_it_acts(tmp_path: Path) -> None:
    """An order that acts at once is worth less by the end than when it acts (drift takes part of it back), with the
    same sign."""
    session = start(tmp_path, "RU")
    summit = session.world.actions.index("summit")
    acting, by_end = order_acting(session, "RU", summit, "KZ"), order_stake(session, "RU", summit, "KZ")
    assert 0 < by_end < acting


def test_a_projects_quarters_after_the_end_count_for_nothing(tmp_path: Path) -> None:
    """A project's per-quarter push counts once for each quarter it acts before the game ends."""
    world = start(tmp_path, "RU").world
    lag, duration = np.array([0, 1, 2, 30]), np.array([1, 4, 8, 2])
    now, later = acting_weights(world, world.turns - 3, lag, duration)  # 3 quarters left
    assert np.all(now == 1.0)
    assert later[:, 0].tolist() == [1.0, 2.0, 1.0, 0.0]


def test_a_project_s_expected_credit_is_its_share_of_when_it_acts_each_quarter_it_pays(tmp_path: Path) -> None:
    """A project that pays from the quarter it is given (lag 0) is credited with its push each quarter it pays: the
    summary expects, in the first, its "when it acts" figure shared over the quarters it acts in, and each quarter
    the credit its push earns (the valuation at that quarter's start, weakened by the fatigue it started with: the
    same campaign toward Uzbekistan the quarter before)."""
    session = start(tmp_path, "RU")
    index = session.world.actions.index("media_campaign")
    timing = OrderTiming.of(session.world.actions, index)
    assert timing.project and timing.lag == 0 and not timing.immediate and timing.duration > 1
    assert session.queue(Order("RU", "media_campaign", "UZ")) == []
    session.end_turn()
    assert float(session.game.state.fatigue[0, ROLES.index("RU"), index]) > 0
    acting_value = order_acting(session, "RU", index, "KZ")
    assert session.queue(Order("RU", "media_campaign", "KZ")) == []
    paid = []
    for _quarter in range(timing.duration):
        session.end_turn()
        summary = turn_summary(session, "RU", session.turn)
        assert summary is not None
        project = next(o for o in summary.orders if o.kind == "project" and place_name("KZ") in o.text)
        assert project.score == pytest.approx(project.expected, abs=1e-9)  # linear score: exact to float rounding
        paid.append(project.expected)
    assert paid[0] == pytest.approx(acting_value / timing.duration, abs=1e-12)
    assert all(amount > 0 for amount in paid)
