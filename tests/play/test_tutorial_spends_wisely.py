"""The tutorial's plan as a newcomer follows it: every order it asks for adds to Kazakhstan's score, a
quarter that leaves action points unspent says why that is right, and the zero-effect summit and favour
(not part of a state's score) are explained where they appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.orders import Order
from game.play.session import Session
from game.play.stakes import choices, order_stake
from game.play.tutorial import scripted_plan
from game.scenario.tutorial import Tutorial, TutorialStep


def _tutorial(session: Session) -> Tutorial:
    tutorial = session.loaded.scenario.tutorial
    assert tutorial is not None
    return tutorial


def _quarters(tutorial: Tutorial) -> list[list[TutorialStep]]:
    """The steps of each quarter, up to and including its End turn (the last summary's steps left out)."""
    quarters: list[list[TutorialStep]] = [[]]
    for step in tutorial.steps:
        quarters[-1].append(step)
        if step.done == "turn_ended":
            quarters.append([])
    return quarters[:-1]


Played = list[tuple[list[float], float, list[str]]]


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Played:
    """For each quarter of seed 1 followed step by step: the stakes of the orders queued, the points left at
    End turn, and the stakes the summit shows then (what the player sees in the actions list)."""
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path_factory.mktemp("saves"))
    ids = session.world.actions.ids
    out = []
    for orders in scripted_plan(_tutorial(session)):
        stakes = []
        for action, target in orders:
            stakes.append(order_stake(session, "KZ", ids.index(action), target))
            assert not session.queue(Order("KZ", action, target))
        summit = next(c for c in choices(session, "KZ") if ids[c.action] == "host_summit")
        shown = [f"{o.target} {o.stake:+.2f}" for o in summit.legal]
        out.append((stakes, session.points("KZ") - session.queued_cost("KZ"), shown))
        session.end_turn()
    return out


def test_every_order_the_tutorial_asks_for_adds_to_the_score(played: Played) -> None:
    stakes = [stake for quarter, _, _ in played for stake in quarter]
    assert len(stakes) == 5
    assert min(stakes) >= 0.005, stakes  # none reads 0.00 or below in the actions list


def test_a_quarter_that_leaves_points_unspent_says_why(played: Played, tmp_path: Path) -> None:
    tutorial = _tutorial(Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path))
    quarters = _quarters(tutorial)
    assert len(quarters) == len(played) == 4
    for number, ((_, unspent, _), steps) in enumerate(zip(played, quarters, strict=True), start=1):
        said = " ".join(step.text for step in steps)
        if unspent >= 0.5:
            words = said.lower()
            assert "points" in words and any(w in words for w in ("unspent", "keep", "kept", "left at the end")), number
        else:
            assert "spends the last of your five action points" in said


def test_where_summits_add_nothing_the_card_says_so_and_asks_for_none(played: Played, tmp_path: Path) -> None:
    tutorial = _tutorial(Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path))
    for (stakes, _, shown), steps in zip(played[2:], _quarters(tutorial)[2:], strict=True):
        assert not stakes  # quarters 3 and 4: no order asked for
        assert any(s.endswith(("+0.00", "-0.00")) for s in shown), shown  # the summit reads 0.00 there
        said = " ".join(step.text for step in steps)
        assert "0.00" in said and "score" in said  # what the list shows, and what it means


def test_favour_is_said_not_to_count_in_a_states_score_where_the_tutorial_shows_it(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    blinken = next(e for e in session.loaded.scenario.events if e.id == "tut_blinken_in_astana")
    assert "not in Kazakhstan's" in blinken.text and "click" not in blinken.text.lower()  # class pages show it too
    inspect = next(step for step in _tutorial(session).steps if step.id == "inspect_q2")
    assert "favour bars" in inspect.text  # the coach step, on the map, is where to look at them
    zero = next(step for step in _tutorial(session).steps if step.id == "summit_zero")
    assert "favour" in zero.text and "neither is\npart of a state's score".replace("\n", " ") in zero.text
