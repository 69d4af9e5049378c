"""One set of units: the news log reads on 0–100 like every panel, action points are "AP" and never
"points", and a state's band agrees with the number shown beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.play.session import Session
from game.ui.bands import band_bounds, band_of, read_state, shown_score
from game.ui.theme import action_points

FRACTION = re.compile(r"(?<![\d.+−-])0\.\d\d(?!\d)")  # a bare 0.xx value: the old 0–1 scale


def test_the_news_log_shows_values_on_0_to_100(saves: Path) -> None:
    session = Session.start("sandbox", ["KZ"], 1, 3, "normal", saves)
    session.end_turn()
    lines = [item.text for item in session.news(1) if item.kind == "order_ai"]
    assert len(lines) > 5
    values = [line for line in lines if re.search(r" is \d+/100", line)]
    assert values, lines  # "its prosperity is 36/100", as the country panel's bars show it
    for line in lines:
        assert " is 0." not in line and "points" not in line, line
        assert "to its score by the end" in line or "rule of thumb" in line, line
    assert not [line for line in lines if FRACTION.search(line.split(" (worth ")[0])]


@pytest.mark.parametrize("score", [34.95, 34.6, 49.5, 49.96, 64.7, 64.999])
def test_a_label_never_rounds_into_the_next_band(score: float) -> None:
    reading = read_state({"RU": score, "CN": 10.0, "WEST": 5.0})
    for decimals in (0, 1):
        shown = reading.score_text(decimals)
        assert band_of(float(shown)) == reading.band == band_of(score), (score, shown)
    assert reading.band == band_of(score)


def test_labels_round_as_usual_away_from_a_boundary() -> None:
    assert [shown_score(s) for s in (41.4, 50.0, 50.4, 72.5)] == ["41", "50", "50", "72"]
    assert shown_score(49.6) == "49" and read_state({"RU": 49.6, "CN": 1.0, "WEST": 1.0}).band == "leaning"
    assert [lower for _, lower, _, _ in band_bounds()] == [0.0, 35.0, 50.0, 65.0]


def test_action_points_are_named_apart_from_the_score() -> None:
    assert action_points(1) == "1 AP" and action_points(5, 1) == "5.0 AP"


def test_the_map_screen_writes_ap_never_pts(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.driver import Driver

    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    driver.close_popups()
    texts = driver.texts()
    assert any(text.endswith(" AP") or " AP " in text for text in texts)
    assert not [text for text in texts if re.search(r"\bpts?\b", text)]
