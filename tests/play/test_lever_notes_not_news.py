"""An event whose every effect the game's levers scale to nothing (gas union's note on Russia's means, with the
russia_capacity lever at its default 0) does nothing in that game: it is not shown as news, nor in the newspaper
and the debrief's chronicle. With the lever set it acts, and it is news."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.play.session import Session
from game.report.newspaper import event_stories

NOTE = "russia_capacity_setting"  # scripted for the first quarter, every effect scaled by russia_capacity
HISTORY = "gas_union_proposed"  # a real event of the same quarter


def _first_quarter(saves: Path, settings: dict[str, float]) -> Session:
    session = Session.start("gas_union", ["CN"], 1, turns=2, saves_dir=saves, settings=settings)
    session.end_turn()
    return session


@pytest.mark.parametrize(("settings", "shown"), [({}, False), ({"russia_capacity": 1.0}, True)])
def test_a_lever_note_is_news_only_when_the_lever_makes_it_act(
    tmp_path: Path, settings: dict[str, float], shown: bool
) -> None:
    session = _first_quarter(tmp_path, settings)
    cards = [event.id for event in session.events_of(1)]
    assert HISTORY in cards
    assert (NOTE in cards) is shown
    assert (session.world.events.titles[session.world.events.ids.index(NOTE)] in
            [item.text for item in session.news(1) if item.kind == "event"]) is shown
    chronicle = [story.event_id for story in event_stories(session.world, session.loaded, session.game)]
    assert HISTORY in chronicle
    assert (NOTE in chronicle) is shown
