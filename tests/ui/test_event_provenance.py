"""The event card says what kind of event it is and where it comes from, as "Outlet, date"."""

from __future__ import annotations

from tests.ui.driver import Driver


def _cards(driver: Driver) -> list[list[str]]:
    """The text of every event card of the turn just played, card by card."""
    cards = []
    while driver.has("event_continue"):
        cards.append(driver.texts())
        driver.click("event_continue")
    return cards


def test_event_card_shows_tag_and_outlet_with_date(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="europe_woos", roles=["KZ"], turns=2))
    driver.close_popups()
    driver.click("end_turn")
    cards = _cards(driver)
    michel = next(card for card in cards if any("Michel meets Central Asia's leaders in Astana" in t for t in card))
    assert any("HISTORICAL: THIS HAPPENED" in t for t in michel)
    assert any("Source: Responsible Statecraft (from Eurasianet), 28 November 2022" in t for t in michel)
    assert not any("europe-woos-central-asia" in t for card in cards for t in card)


def test_random_event_card_says_it_is_random(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.play.session import EventView
    from game.ui.screens.modals import EventModal

    app = make_app(scenario="europe_woos", roles=["KZ"], turns=2)
    driver = Driver(app)
    driver.close_popups()
    shock = EventView("summit_fatigue", "Promises without money", "Opinion cools.", "", "", "2023Q3", "random")
    app.open(EventModal(app, [shock]))
    texts = driver.texts()
    assert any("RANDOM: A SHOCK OF A KIND THE REGION HAS SEEN" in t for t in texts)
    assert any("No single source" in t for t in texts)
    assert not any("Source:" in t for t in texts)
