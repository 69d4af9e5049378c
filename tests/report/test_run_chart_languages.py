"""The chart ``multivector run`` writes (dependence.png) is in the language of the command: a Russian teacher's
run printed "Kazakhstan", "dependence (0–100)" and "start" on an otherwise Russian debrief."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.i18n import language_scope
from game.play.match import Match
from game.play.scenario import ScenarioSetup
from game.play.texts import scenario_words
from game.report import charts
from tests.play.test_play_layer_languages import english_in


def chart_words(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str) -> list[str]:
    """Every text the chart draws (title, panel titles, axis label, legend, quarter ticks) in language ``code``."""
    drawn: list[str] = []

    def keep_texts(figure: Any, dpi: int = 90) -> bytes:
        drawn.append(figure.get_suptitle())
        for axis in figure.axes:
            drawn.extend([axis.get_title(), axis.get_ylabel(), *(t.get_text() for t in axis.get_xticklabels())])
            legend = axis.get_legend()
            drawn.extend(t.get_text() for t in legend.get_texts()) if legend else None
        return b""

    monkeypatch.setattr(charts, "png_bytes", keep_texts)
    monkeypatch.setattr(charts, "write_atomic", lambda path, data: None)
    with language_scope(code):
        setup = ScenarioSetup.open("tutorial")
        match = Match.new(setup, 1)
        match.play_to_end()
        charts.dependence_chart(match.game, tmp_path / "dependence.png", title=scenario_words(setup.loaded).texts.title)
    return [text for text in drawn if text]


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_the_run_chart_speaks_the_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str) -> None:
    words = chart_words(monkeypatch, tmp_path, code)
    assert len(words) >= 5 + 3 + 2  # the panels' states, the powers, the title and the axis
    assert [text for text in words if english_in(text) or "Q" in text] == []


def test_the_english_run_chart_keeps_its_words(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    words = chart_words(monkeypatch, tmp_path, "en")
    assert "Kazakhstan" in words and "the West" in words and "dependence (0–100)" in words and "start" in words
    assert any(text.endswith(": dependence on each power") for text in words)
