"""The stakes the map shows beside every choice: the computer players' valuation of an order, the legality
rule's verdict before it is clicked, the projects in flight, and whether an expected change helps the player."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.value import candidates_of
from game.engine.codes import ROLES
from game.engine.orders import Order, Refusal
from game.i18n.reasons import reason_text
from game.play.match import Match
from game.play.scenario import ScenarioSetup
from game.play.session import Session
from game.play.stakes import HELPS, HURTS, NEUTRAL, choices, effect_senses, order_stake, projects_in_flight

WORTH = re.compile(r"^(.*?):.*\(worth ([+−])(\d+\.\d\d) to its score by the end\)")


def start(tmp_path: Path, scenario: str, role: str, seed: int = 1) -> Session:
    return Session.start(scenario, [role], seed=seed, saves_dir=tmp_path)


def option_of(session: Session, role: str, action: str, target: str):  # type: ignore[no-untyped-def]
    index = session.world.actions.index(action)
    choice = next(c for c in choices(session, role) if c.action == index)
    return choice.option(target)


def test_the_stake_is_the_worth_the_news_gives_the_computers_own_orders(tmp_path: Path) -> None:
    """Before a turn, the stake of each order a normal computer player then gave is the "worth … to its score by the
    end" its reason states: one valuation for the player's choices and the computer's."""
    before = start(tmp_path, "sandbox", "KZ")
    played = start(tmp_path, "sandbox", "KZ")
    played.end_turn()
    record = played.record(1)
    assert record is not None
    orders = [o for o in record.orders.orders_of_run(played.world, 0) if o.role != "KZ"]
    reasons = played.reasons(1)
    checked = 0
    for order, reason in zip([o for o in record.orders.orders_of_run(played.world, 0)], reasons, strict=True):
        found = WORTH.match(reason_text(played.world, reason))
        if order.role == "KZ" or found is None:
            continue
        sign = 1.0 if found.group(2) == "+" else -1.0
        stake = order_stake(before, order.role, before.world.actions.index(order.action), order.target)
        assert round(stake, 2) == pytest.approx(sign * float(found.group(3)), abs=0.0051), reason
        checked += 1
    assert checked >= 3 and len(orders) >= checked


def final_score(setup: ScenarioSetup, seed: int, role: str, first_orders: list[Order]) -> float:
    """The role's final score when it gives ``first_orders`` in the first turn and nothing after, every other role
    passing."""
    others = {r: "pass" for r in ROLES if r != role}
    match = Match.new(setup, seed, [role], others)
    match.play_turn(first_orders)
    while not match.is_over():
        match.play_turn([])
    session = Session(match)
    return float(session.scores()[ROLES.index(role)])


@pytest.mark.parametrize(("scenario", "role"), [("tutorial", "KZ"), ("sandbox", "RU")])
def test_an_orders_stake_has_the_sign_of_what_it_does_to_the_final_score(
    tmp_path: Path, scenario: str, role: str
) -> None:
    """The order worth most and the one worth least, each played alone against passing opponents: the final
    score moves the way the stake says and by about as much, on average over seeds (same seeds with and
    without the order)."""
    session = start(tmp_path, scenario, role)
    options = [o for c in choices(session, role) for o in c.legal]
    best, worst = max(options, key=lambda o: o.stake), min(options, key=lambda o: o.stake)
    assert best.stake > 0.1 and worst.stake < -0.05
    setup = session.match.setup
    seeds = range(1, 5)
    baseline = [final_score(setup, seed, role, []) for seed in seeds]
    for option in (best, worst):
        order = Order(role, session.world.actions.ids[option.action], option.target)
        with_order = [final_score(setup, seed, role, [order]) for seed in seeds]
        change = float(np.mean(np.subtract(with_order, baseline)))
        assert np.sign(change) == np.sign(option.stake), (order, option.stake, change)
        assert 0.5 < change / option.stake < 2.0, (order, option.stake, change)  # and about as large


def test_every_option_of_every_role_has_the_valuations_stake(tmp_path: Path) -> None:
    """Each (action, target) the table allows has a stake, and one the table never allows has none."""
    session = start(tmp_path, "sandbox", "CN")
    candidates = candidates_of(session.world.actions)[ROLES.index("CN")]
    listed = {(o.action, o.target) for c in choices(session, "CN") for o in c.options}
    assert listed == {(int(a), ROLES[int(t)]) for a, t in zip(candidates.actions, candidates.targets, strict=True)}
    summit = session.world.actions.index("summit")
    assert order_stake(session, "CN", summit, "CN") == 0.0


def greyed_as_the_rule_says(session: Session, role: str) -> dict[Refusal | None, int]:
    """Each option is greyed exactly when ``validate_orders`` refuses it after the queued orders; the kinds seen."""
    seen: dict[Refusal | None, int] = {}
    for choice in choices(session, role):
        for option in choice.options:
            order = Order(role, session.world.actions.ids[choice.action], option.target)
            problems = [p for p in session.check([*session.queued[role], order]) if p.order == order]
            kind = problems[-1].reason if problems else None
            assert bool(option.problem) == (kind is not None), (order, option.problem, problems)
            seen[kind] = seen.get(kind, 0) + 1
    return seen


def test_greyed_options_are_those_the_legality_rule_refuses_with_its_reason(tmp_path: Path) -> None:
    session = start(tmp_path, "sandbox", "RU")
    assert greyed_as_the_rule_says(session, "RU") == {None: sum(len(c.options) for c in choices(session, "RU"))}
    for target in ("KZ", "UZ"):
        assert session.queue(Order("RU", "media_campaign", target)) == []
    seen = greyed_as_the_rule_says(session, "RU")
    assert set(seen) == {None, Refusal.DUPLICATE, Refusal.NOT_ENOUGH_POINTS}
    assert option_of(session, "RU", "media_campaign", "KZ").problem == (
        "already queued this turn (the same order cannot be given twice)"
    )
    assert option_of(session, "RU", "pipeline_project", "KZ").problem == (
        "not enough action points (5.0 AP left, this order costs 6 AP)"
    )
    # The Queue button says the same as the greyed row: one translator of the rule's verdict.
    greyed = option_of(session, "RU", "pipeline_project", "KZ").problem
    assert session.queue(Order("RU", "pipeline_project", "KZ")) == [greyed]
    assert session.queue(Order("RU", "media_campaign", "KG")) == []
    seen = greyed_as_the_rule_says(session, "RU")
    assert set(seen) == {Refusal.TOO_MANY_ORDERS, Refusal.DUPLICATE}
    assert option_of(session, "RU", "pressure", "TJ").problem == "3 orders already queued (at most 3 a turn)"
    # Three media campaigns in flight, a loan makes four: the next project is over the limit.
    session.end_turn()
    assert [p.quarters_left for p in projects_in_flight(session)["RU"]] == [2, 2, 2]  # 3 quarters, one played
    assert session.queue(Order("RU", "loan", "KZ")) == []
    seen = greyed_as_the_rule_says(session, "RU")
    assert Refusal.TOO_MANY_PROJECTS in seen
    assert option_of(session, "RU", "trade_deal", "UZ").problem == (
        "project limit reached (3 in flight and 1 queued, at most 4 at a time: wait for one to finish)"
    )
    assert option_of(session, "RU", "pressure", "UZ").problem == ""  # not a project: still open


def test_an_over_game_greys_everything(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], seed=2, turns=1, saves_dir=tmp_path)
    session.end_turn()
    assert {o.problem for c in choices(session, "KZ") for o in c.options} == {"the game is over"}


def test_effects_are_judged_by_the_players_own_score(tmp_path: Path) -> None:
    """The same change reads differently for two roles: tension between Kazakhstan and Russia does not enter
    Kazakhstan's score; Kazakhstan's dependence on Russia lowers its autonomy but is what Russia wants."""
    session = start(tmp_path, "sandbox", "KZ")
    summit = session.world.actions.index("summit")
    effects = session.expected_effects("RU", summit, "KZ", limit=8)
    by_label = {e.label: e for e in effects}
    tension, share = by_label["tension KZ–RU"], by_label["KZ trade share of RU"]
    assert tension.amount < 0 and share.amount > 0
    assert effect_senses(session, "KZ", [tension, share]) == [NEUTRAL, HURTS]
    assert effect_senses(session, "RU", [share]) == [HELPS]
