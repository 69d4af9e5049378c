"""nc3 finding 10: after the tutorial card's Next the card shrinks or moves away, and the map's tool tip popped up
under the still pointer where the button was. No map tip shows until the pointer moves."""

from __future__ import annotations

from game.ui.app import App
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import game_of


def test_no_map_tip_under_the_pointer_until_it_moves_after_next(make_app) -> None:  # type: ignore[no-untyped-def]
    app: App = make_app(scenario="tutorial", roles=["KZ"], seed=1, turns=4)
    driver = Driver(app)
    screen = game_of(app)
    coach = screen.coach
    seen = 0
    for _ in range(12):
        step = coach.progress.current
        if step is None or step.done != "next" or app.modals:
            break
        button = app.locate("coach_next")
        assert button is not None
        driver.click_at(button.center)
        for _ in range(3):
            app.step([])
        if screen.map.mapview.country_at(button.center) is None or coach.card.collidepoint(button.center):
            continue  # the pointer is not over a state on show
        seen += 1
        assert screen.view.hover is not None
        assert screen.tooltip.tip is None, f"a map tip under the pointer after Next (step {step.id})"
        driver.hover((button.centerx + 1, button.centery))
        driver.hover(button.center)
        assert screen.tooltip.tip is not None  # a move shows it again
    assert seen  # some Next left the pointer over the map
