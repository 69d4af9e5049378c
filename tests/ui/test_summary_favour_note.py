"""The turn summary dialog says, beside a summit's favour change, that favour is not part of a state's score."""

from __future__ import annotations

from game.ui.screens.summary import SummaryModal
from tests.ui.driver import Driver


def test_a_summits_favour_change_comes_with_the_note(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], seed=1, turns=2))
    driver.close_popups()
    driver.click("action_host_summit")
    driver.click("target_CN")
    driver.click("queue")
    driver.click("end_turn")
    assert isinstance(driver.app.top(), SummaryModal)
    driver.app.step([])
    shown = " ".join(driver.texts())
    assert "favour of China" in shown
    assert "Favour is not part of your score (it counts in Russia's and the West's)." in shown
