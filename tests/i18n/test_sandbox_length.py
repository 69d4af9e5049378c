"""The sandbox's summary, shown on the start screen and by the command line, says how to choose the game's length
in both: the start screen's own label and the command line's flag, in every language."""

from __future__ import annotations

import pytest

from game.i18n import LANGUAGE_CODES, _, set_language
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_texts


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_sandbox_summary_names_the_length_control_of_the_map_and_the_flag(code: str) -> None:
    loaded = load_scenario(resolve_scenario("sandbox"))
    set_language(code)
    summary = scenario_texts(loaded.scenario, loaded.path, code).summary
    label = _("Quarters")  # the heading over the start screen's length buttons
    assert label in summary and "--turns" in summary, summary
    assert "(use --turns)" not in summary
