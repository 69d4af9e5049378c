"""Choices with visible stakes, played with posted events: a greyed action says why and cannot be queued, a
click on a state aims the order, and an order can be queued and cancelled with the keyboard alone."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITooltip

from game.play.stakes import choices, stake_amount
from game.ui.panels.actions import GREYED, ActionsPanel
from tests.ui.driver import Driver


def actions_panel(app) -> ActionsPanel:  # type: ignore[no-untyped-def]
    return next(panel for panel in app.screen.panels if isinstance(panel, ActionsPanel))


def row_button(app, item: str):  # type: ignore[no-untyped-def]
    """The list's button of a row, scrolled into view."""
    panel = actions_panel(app)
    assert app.locate(item) is not None
    app.step()
    listing, text = panel.main.widgets.items[item]
    return next(i["button_element"] for i in listing.item_list if i["text"] == text)



def test_a_greyed_action_says_why_before_it_is_clicked_and_cannot_be_queued(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["RU"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    session = app.screen.session
    for target in ("KZ", "UZ"):
        driver.click("action_media_campaign")
        driver.click(f"target_{target}")
        driver.click("queue")
    assert [str(o) for o in session.queued["RU"]] == ["RU media_campaign KZ", "RU media_campaign UZ"]
    # 5 AP left: the pipeline (6 AP) is greyed, with the rule's reason in its row's tool tip.
    button = row_button(app, "action_pipeline_project")
    assert f"#{GREYED}" in button.object_ids
    reason = "not enough action points (5.0 AP left, this order costs 6 AP)"
    assert button.tool_tip_text == f"Pipeline project. Cannot be queued now: {reason}."
    assert "not now" in button.text
    driver.hover(app.locate("action_pipeline_project").center)  # rests on the row: its tool tip opens
    for _ in range(90):
        app.step()
    tips = [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITooltip)]
    assert [tip.text_block.html_text for tip in tips] == [f"Pipeline project. Cannot be queued now: {reason}."]
    driver.click("action_pipeline_project")
    assert driver.shows(f"Cannot be queued: {reason}")  # whole, in the order panel's wrapped box
    assert not driver.has("queue")  # the Queue button is disabled
    driver.key(pygame.K_RETURN)
    assert len(session.queued["RU"]) == 2
    # An open action shows its best target's stake, in score points, and is not greyed.
    summit = next(c for c in choices(session, "RU") if session.world.actions.ids[c.action] == "summit")
    assert summit.best is not None
    button = row_button(app, "action_summit")
    assert f"#{GREYED}" not in button.object_ids
    assert button.text.endswith(f"3 AP · {stake_amount(summit.best.stake)}")


def test_clicking_a_state_on_the_map_aims_the_order_at_it(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["RU"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    view = app.screen.view
    mapview = app.screen.mapview
    driver.click("action_summit")
    assert view.target == "KZ"
    # Tajikistan is small: its label is part of it.
    x, y = mapview.labels["TJ"]
    driver.click_at((mapview.rect.x + x, mapview.rect.y + y + 20))
    assert (view.target, view.tab, view.selected) == ("TJ", "actions", None)
    assert driver.shows("Your score")
    # A pixel of Uzbekistan's own land, away from every label.
    spot = next(
        (px, py)
        for px in range(mapview.rect.left, mapview.rect.right, 6)
        for py in range(mapview.rect.top, mapview.rect.bottom, 6)
        if mapview.country_at((px, py)) == "UZ" and mapview._label_at((px, py)) is None
    )
    driver.click_at(spot)
    assert view.target == "UZ" and view.tab == "actions"
    # Russia itself is not a target of its own summit: the click inspects nothing and says why.
    russia = next(
        (px, py)
        for px in range(mapview.rect.left, mapview.rect.right, 6)
        for py in range(mapview.rect.top, mapview.rect.bottom, 6)
        if mapview.country_at((px, py)) == "RU"
    )
    driver.click_at(russia)
    assert view.target == "UZ"
    assert app.toast.startswith("Hold a summit cannot target Russia; its targets: Kazakhstan")


def test_small_states_are_hit_on_their_labels_at_1024x640(saves) -> None:  # type: ignore[no-untyped-def]
    from game.ui.app import App
    from game.ui.screens.start import StartChoice

    app = App(size=(1024, 640), saves_dir=saves, choice=StartChoice(scenario="sandbox", roles=("RU",), turns=3))
    try:
        mapview = app.screen.mapview
        for code in ("KG", "TJ"):
            x, y = mapview.labels[code]
            for dx, dy in ((0, 0), (-50, -20), (50, 20)):
                assert mapview.country_at((mapview.rect.x + x + dx, mapview.rect.y + y + dy)) == code
    finally:
        pygame.display.quit()


def test_an_order_is_queued_and_cancelled_with_the_keyboard_alone(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="tutorial", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    session, view = app.screen.session, app.screen.view
    driver.key(pygame.K_DOWN)  # the first action, aimed at its best target
    first = view.action_index
    targets = session.targets_for("KZ", first)
    after = targets[(targets.index(view.target) + 1) % len(targets)]
    driver.key(pygame.K_TAB)  # the next target
    assert view.target == after
    driver.key(pygame.K_RETURN)
    assert [str(o) for o in session.queued["KZ"]] == [f"KZ {session.world.actions.ids[first]} {after}"]
    driver.key(pygame.K_DELETE)
    assert session.queued["KZ"] == []
    view.action_index = None  # with no order being composed, Tab is still the next team (hot-seat)
    driver.key(pygame.K_TAB)
    assert view.active_role == "KZ"


def test_the_list_follows_the_action_chosen_with_the_keyboard(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["RU"], turns=3)
    driver = Driver(app)
    driver.close_popups()
    panel = actions_panel(app)
    for _ in range(9):  # the ninth action, past the rows the list shows at 1280×720
        driver.key(pygame.K_DOWN)
    assert app.screen.session.world.actions.ids[app.screen.view.action_index] == "sanctions"
    listing = panel.action_list  # shorter while an action is chosen: made anew
    assert listing is not None
    row = next(i for i in listing.item_list if i["selected"])
    assert row["button_element"] is not None
    assert listing.item_list_container.get_abs_rect().contains(row["button_element"].get_abs_rect())


def test_a_finished_order_leaves_nothing_composed_behind(make_app) -> None:  # type: ignore[no-untyped-def]
    """After Queue the order moves on to the action's best target still open (never the one just given, so no red
    "already queued"; a newcomer clicking the row again found no target and a grey Queue); after End turn nothing
    is composed, so a click on a state inspects it instead of aiming last quarter's order."""
    app = make_app(scenario="tutorial", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    driver.click("coach_skip")
    driver.click("action_sign_deal")
    driver.click("target_CN")
    driver.click("queue")
    view = app.screen.view
    assert view.action_index is not None and view.target not in (None, "CN") and not view.refusal
    session = app.screen.session
    best = next(c.best for c in choices(session, "KZ") if c.action == view.action_index)
    assert best is not None and view.target == best.target  # the open target the list's stake is for
    assert not driver.shows("already queued")
    driver.key(pygame.K_e)
    driver.close_popups()
    assert view.action_index is None and view.target is None
    assert not view.composing
