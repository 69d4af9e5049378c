"""The turn summary: the score change split by cause adds up exactly, the formula's terms add
up to the score, and the summary names what the player's own orders did."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.policy import make_policy
from game.engine.codes import COUNTRIES, ROLES
from game.engine.game import Game
from game.engine.orders import Order
from game.engine.scores import COUNTRY_AUTONOMY, POWER_OBJECTIVES, role_scores
from game.play.scenario import ScenarioSetup
from game.play.session import Session
from game.play.summary import PART_LABELS, formula_text, score_parts, score_terms, turn_summary

SCENARIOS = ("sandbox", "middle_corridor", "gas_union", "sanctions", "europe_woos", "tutorial")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_parts_add_up_to_the_score_change_in_every_run_turn_and_role(scenario: str) -> None:
    """6 scenarios × 48 runs × 3 turns × 8 roles = 6912 splits, each exact to 1e-9."""
    world = ScenarioSetup.open(scenario).world
    levels = {role: ("easy", "normal", "hard")[i % 3] for i, role in enumerate(ROLES)}
    game = Game.new(world, seed=17 + len(scenario), runs=48, policy=make_policy(levels))
    checked = 0
    for _ in range(min(3, world.turns)):
        start = game.state.values.copy()
        before_scores = role_scores(start, world.weight)
        record = game.play()
        after_scores = record.scores
        for run in range(start.shape[0]):
            for role in range(len(ROLES)):
                parts = score_parts(world, record, start[run], role, run)
                total = sum(part.amount for part in parts)
                change = after_scores[run, role] - before_scores[run, role]
                assert all(math.isfinite(part.amount) for part in parts)
                assert abs(total - change) < 1e-9, (scenario, run, role, total, change)
                assert [p.key for p in parts][:5] == ["yours", "others", "events", "drift", "chance"]
                checked += 1
    assert checked == 48 * 8 * min(3, world.turns)


def test_a_country_splits_its_nonlinear_score_exactly_and_orders_credit_their_owner(tmp_path: Path) -> None:
    session = Session.start("middle_corridor", ["KZ"], 3, saves_dir=tmp_path)
    session.queue(Order("KZ", "host_summit", "CN"))
    session.end_turn()
    summary = turn_summary(session, "KZ", 1)
    assert summary is not None
    assert abs(sum(p.amount for p in summary.parts) - summary.change) < 1e-9
    assert summary.change == pytest.approx(float(session.scores(1)[0] - session.scores(0)[0]), abs=1e-12)
    yours = next(p for p in summary.parts if p.key == "yours")
    ordered = [o for o in summary.orders if o.kind == "order"]
    assert len(ordered) == 1 and "Kazakhstan" in ordered[0].text
    # Only the player's orders and projects count as "your orders".
    assert sum(o.score for o in summary.orders) == pytest.approx(yours.amount, abs=1e-12)
    assert ordered[0].effects, "the order's effects are listed"
    assert all(abs(a.amount) >= abs(b.amount) for a, b in zip(ordered[0].effects, ordered[0].effects[1:], strict=False))
    assert any("favour of China" in e.label or "China" in e.label for e in ordered[0].effects)


def test_the_map_moves_are_the_largest_headline_changes_with_their_causes(tmp_path: Path) -> None:
    session = Session.start("middle_corridor", ["RU"], 5, saves_dir=tmp_path)
    session.end_turn()
    summary = turn_summary(session, "RU", 1)
    assert summary is not None
    change = np.abs(session.headline(1) - session.headline(0))
    assert summary.moves[0].change == pytest.approx(
        float((session.headline(1) - session.headline(0)).flat[np.argmax(change)])
    )
    assert [abs(m.change) for m in summary.moves] == sorted((abs(m.change) for m in summary.moves), reverse=True)
    for move in summary.moves:
        assert move.causes and abs(move.causes[0][1]) > 0
    assert turn_summary(session, "RU", 2) is None


@pytest.mark.parametrize("role", ROLES)
def test_the_formula_terms_add_up_to_the_score(role: str, tmp_path: Path) -> None:
    session = Session.start("middle_corridor", ["KZ"], 2, saves_dir=tmp_path)
    session.end_turn()
    terms = score_terms(session.world, session.values(), role)
    assert sum(t.points for t in terms) == pytest.approx(float(session.scores()[ROLES.index(role)]), abs=1e-9)
    if role in COUNTRIES:
        assert terms[0].weight == COUNTRY_AUTONOMY and terms[0].measure == "autonomy"
    else:
        assert [t.weight for t in terms] == [t.weight for t in POWER_OBJECTIVES[role]]


def test_russia_reads_its_formula_in_words() -> None:
    assert formula_text("RU") == "70 × mean dependence on Russia + 30 × mean favour of Russia (means over the 5 states)"
    assert formula_text("KZ") == "0.5 × autonomy + 25 × prosperity + 25 × stability"
    assert formula_text("CN").endswith("30 × (1 − mean tension with China) (means over the 5 states)")
    assert set(PART_LABELS) == {"yours", "others", "events", "drift", "chance", "bounds"}


def test_an_order_that_acts_next_quarter_is_named_with_when_it_acts(tmp_path: Path) -> None:
    """The first summary's 'your orders' is 0 when the only order is a project starting next quarter:
    the summary says so, with the quarters from the one timing rule the orders file uses too."""
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    session.queue(Order("KZ", "sign_deal", "RU"))
    session.queue(Order("KZ", "host_summit", "CN"))
    session.end_turn()
    summary = turn_summary(session, "KZ", 1)
    assert summary is not None
    assert summary.later == ("Sign a trade deal (Russia): acts from 2023Q2 to 2024Q1, starting next quarter",)
    deal = next(o for o in summary.orders if "Sign a trade deal" in o.text)
    assert deal.effects == () and deal.score == 0.0  # only its cost this quarter
    assert any("Host a summit" in o.text and o.effects for o in summary.orders)
    session.end_turn()
    second = turn_summary(session, "KZ", 2)
    assert second is not None and second.later == ()
    assert any(o.kind == "project" and "Sign a trade deal" in o.text for o in second.orders)  # it acts now
