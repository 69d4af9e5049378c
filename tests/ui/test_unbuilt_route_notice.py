"""An order that pushes along a route not in place says so where its expected effects are listed."""

from __future__ import annotations

from tests.ui.driver import Driver


def test_the_wests_energy_deal_with_turkmenistan_says_no_pipeline(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["WEST"], turns=2))
    driver.close_popups()
    driver.click("tab_actions")
    driver.click("action_energy_deal")
    driver.click("target_TM")
    text = " ".join(driver.texts())
    assert "No energy route from Turkmenistan to the West: a pipeline project builds one." in text
    driver.click("target_KZ")  # the Caspian route to Baku is in place
    assert "No energy route" not in " ".join(driver.texts())
