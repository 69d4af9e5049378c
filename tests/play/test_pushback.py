"""The newcomer's West-facing orders and the fall of Kazakhstan's dependence on the West: the turn summary
names what outweighed them (chance and China's trade deal), from the ledger."""

from __future__ import annotations

import pytest

from game.engine.orders import Order
from game.play.pushback import pushback_sentence
from game.play.session import Session
from game.play.summary import turn_summary
from game.play.tutorial import scripted_plan


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """The tutorial at seed 1, played by its own suggested plan (the newcomer's path, which wins)."""
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path_factory.mktemp("saves"))
    tutorial = session.loaded.scenario.tutorial
    assert tutorial is not None
    for orders in scripted_plan(tutorial):
        for action, target in orders:
            assert not session.queue(Order("KZ", action, target))
        session.end_turn()
    return session


def test_the_turn_summary_says_what_outweighed_the_west_facing_orders(tutorial: Session) -> None:
    summary = turn_summary(tutorial, "KZ", 2)
    assert summary is not None
    assert summary.pushback[-1] == (
        "Kazakhstan's dependence on the West fell 0.64 although your orders raised it by 0.10: chance (random "
        "fluctuation) −0.51 and project by China: Trade deal (Kazakhstan), ordered 2023Q1 −0.18 outweighed them."
    )
    # the same split, summed: the West dependence did fall by the sentence's amount
    history = tutorial.headline_history()
    assert f"{history[1, 0, 2] - history[2, 0, 2]:.2f}" == "0.64"


def test_no_sentence_when_the_map_moved_with_the_orders_or_without_them() -> None:
    with_them = [("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1", 0.31), ("chance", -0.1)]
    assert pushback_sentence("KZ", "KZ", "WEST", with_them) == ""
    tiny = [("order by Kazakhstan: Host a summit (the West)", 0.02), ("chance (random fluctuation)", -0.4)]
    assert pushback_sentence("KZ", "KZ", "WEST", tiny) == ""  # a push of 0.02 is not worth a sentence


def test_a_players_own_order_against_itself_is_named_as_theirs() -> None:
    causes = [
        ("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1", 0.30),
        ("project by Kazakhstan: Sign a trade deal (China), ordered 2023Q1", -0.45),
    ]
    # the net push of Kazakhstan's orders is downward (−0.15) and the dependence fell: it moved with them
    assert pushback_sentence("KZ", "KZ", "WEST", causes) == ""
    sentence = pushback_sentence("KZ", "KZ", "WEST", [*causes[:1], ("chance (random fluctuation)", -0.5)])
    assert sentence.endswith("chance (random fluctuation) −0.50 outweighed them.")
    mixed = [
        causes[0],
        ("project by Kazakhstan: Sign a trade deal (China), ordered 2023Q1", -0.2),
        ("chance (random fluctuation)", -0.3),
    ]
    named = pushback_sentence("KZ", "KZ", "WEST", mixed)
    assert (
        "your orders raised it by 0.10: chance (random fluctuation) −0.30 and your project: Sign a trade deal "
        "(China), ordered 2023Q1 −0.20 outweighed them." in named
    )
