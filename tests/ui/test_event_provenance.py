"""The event card says what kind of event it is and where it comes from, as "Outlet, date"."""

from __future__ import annotations

from tests.ui.driver import Driver


def _cards(driver: Driver) -> list[list[str]]:
    """The text of every event card of the turn just played, card by card."""
    cards = []
    driver.click("summary_continue")  # the turn summary comes first
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
    card = " ".join(michel)
    # The tag and the source come right after the title, before the story, so no scrolling hides them.
    title = card.index("Michel meets Central Asia's leaders in Astana")
    tag = card.index("HISTORICAL: THIS HAPPENED")
    source = card.index("Source: Responsible Statecraft (from Eurasianet), 28 November 2022")
    assert title < tag < source < title + 200
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
    card = " ".join(texts)
    assert "RANDOM: A SHOCK OF A KIND THE REGION HAS SEEN" in card
    assert card.lower().count("no single source") == 1  # said once, not twice
    assert card.lower().count("a shock of a kind the region has seen") == 1
    assert "Source:" not in card
