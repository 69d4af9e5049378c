"""A stake or an expected figure reads the same on every screen that shows it (review s3 #8): the actions list's row,
its tool tip's range over the targets, the order details and the advice ("when it acts", "by the end"), and the turn
summary's "expected". A figure that rounds to nothing once read "0.00" on one, "+0.00" or "−0.00" on another and
"±0.00" on a third."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from game.engine.orders import Order
from game.play.session import Session
from game.play.stakes import ActionChoice, Option, acting_text, by_end_text, range_text, stake_text
from game.play.summary import turn_summary
from game.ui.panels.actions import row_stake
from game.ui.screens.summary import summary_markup

GREY, GOLD, GREEN, RED = (128, 128, 128), (200, 160, 0), (0, 160, 0), (200, 0, 0)


@pytest.fixture(scope="module")
def summary_markup_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[float], str]:
    """The turn summary's markup after Russia's summit, with the summit's expected figure set to ``value``."""
    session = Session.start("middle_corridor", ["RU"], seed=1, turns=12, saves_dir=tmp_path_factory.mktemp("saves"))
    session.queue(Order("RU", "summit", "KZ"))
    session.end_turn()
    summary = turn_summary(session, "RU", session.turn)
    assert summary is not None and summary.orders

    def markup(value: float) -> str:
        orders = (replace(summary.orders[0], expected=value),)
        return summary_markup(replace(summary, orders=orders), GREY, GOLD, GREEN, RED)

    return markup


def written(value: float, summary_markup_of: Callable[[float], str]) -> list[str]:
    """``value`` as each screen writes it, cut out of the words around it."""
    choice = ActionChoice(0, (Option(0, "KZ", value, ""),))
    markup = summary_markup_of(value)
    return [
        row_stake(value),
        range_text(choice).removeprefix("score "),
        stake_text(value).split(" ")[1],
        by_end_text(value).split(" ")[0],
        acting_text(value, "2024Q2").split(" ")[0],
        markup.split("expected ", 1)[1].split("<", 1)[0],
    ]


@pytest.mark.parametrize("value", [0.27, -0.05, 0.003, -0.003, 0.0])
def test_a_figure_reads_the_same_on_every_screen(value: float, summary_markup_of: Callable[[float], str]) -> None:
    assert len(set(written(value, summary_markup_of))) == 1, written(value, summary_markup_of)


def test_a_figure_that_rounds_to_nothing_has_no_sign_to_read_either_way(
    summary_markup_of: Callable[[float], str],
) -> None:
    assert written(0.003, summary_markup_of) == written(-0.003, summary_markup_of) == written(0.0, summary_markup_of)
