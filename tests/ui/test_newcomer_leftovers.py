"""What a newcomer's play-through left (issue 14), played with posted events: Shift+Tab goes back,
the projects count keeps its word spaces, tool tips stay inside the map and the window, the order
panel gives the expected effects the room, and it says when the order acts."""

from __future__ import annotations

import pygame
import pytest

from game.ui.gui import WholeLinesTextBox
from game.ui.placenames import state_label_box
from game.ui.theme import SIZE_SMALL
from tests.ui.driver import Driver


def test_shift_tab_goes_back_where_tab_goes_forward(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ", "RU", "CN"])
    driver = Driver(app)
    driver.close_popups()
    session, view = app.screen.session, app.screen.view
    assert view.active_role == "KZ"
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)  # no order composed: the previous team, round the ring
    assert view.active_role == "CN"
    driver.key(pygame.K_TAB)
    assert view.active_role == "KZ"
    driver.key(pygame.K_DOWN)  # the first action, aimed at its best target
    targets = session.targets_for("KZ", view.action_index)
    first = targets.index(view.target)
    driver.key(pygame.K_TAB, pygame.KMOD_SHIFT)  # back from it: the one before, round the ring
    assert view.target == targets[first - 1]
    driver.key(pygame.K_TAB)
    assert view.target == targets[first]


def word_gaps(label) -> list[int]:  # type: ignore[no-untyped-def]
    """The widths (px) of the ink-free column runs of at least 3 px inside a drawn label's text:
    one per visible word space (letters of one word sit 0–2 px apart in the body font)."""
    alpha = pygame.surfarray.array_alpha(label.image)
    inked = [bool((column > 40).any()) for column in alpha]
    first, last = inked.index(True), len(inked) - inked[::-1].index(True)
    gaps, run = [], 0
    for ink in inked[first:last]:
        if ink:
            if run >= 3:
                gaps.append(run)
            run = 0
        else:
            run += 1
    return gaps


def test_the_projects_count_shows_every_word_space(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="tutorial", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    label = next(s for s in app.ui.get_sprite_group().sprites() if getattr(s, "full_text", "").startswith("Project"))
    text = label.text
    assert text == "Project slots used: 0 of 4"
    assert len(word_gaps(label)) == text.count(" ")


def open_tips(app) -> list:  # type: ignore[no-untyped-def]
    from pygame_gui.elements import UITooltip

    return [s for s in app.ui.get_sprite_group().sprites() if isinstance(s, UITooltip)]


def test_a_state_tool_tip_at_the_map_edge_stays_on_the_map(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    screen = app.screen
    area = screen.map.layout.map
    mapview = screen.map.mapview
    china = next(
        (x, y)
        for x in range(area.right - 3, area.centerx, -4)
        for y in range(area.y + 20, area.bottom - 20, 10)
        if mapview.country_at((x, y)) == "CN"
    )
    assert china[0] > area.right - 40  # right at the sidebar's edge
    driver.hover(china)
    app.step()
    (tip,) = open_tips(app)
    assert "China" in tip.text_block.html_text
    assert area.contains(tip.rect), (tip.rect, area)  # before: it ran over the sidebar
    assert tip.rect.right < china[0]  # flipped to the pointer's left


def test_a_button_tool_tip_at_the_window_edge_shows_its_border(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()  # the start screen
    driver = Driver(app)
    button = app.locate("hot_seat")
    driver.hover((button.right - 4, button.centery))
    for _ in range(90):  # rest on it: its tool tip opens
        app.step()
    (tip,) = open_tips(app)
    assert "Several players" in tip.text_block.html_text
    window = pygame.Rect((0, 0), app.window.get_size())
    assert window.inflate(-8, -8).contains(tip.rect), tip.rect  # before: flush with the right edge


def test_the_order_panel_says_when_the_order_acts_and_gives_the_effects_the_room(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="tutorial", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    driver.click("action_sign_deal")  # a project that starts the quarter after it is given
    assert app.screen.session.quarter() == "2023Q1"
    assert driver.shows("Acts from 2023Q2 to 2024Q1, starting next quarter.")
    driver.click("action_host_summit")  # effects in the quarter it is given
    assert driver.shows("Acts at once (2023Q1).")
    queue, target = app.locate("queue"), app.locate("target_RU")
    assert queue.centery == target.centery  # Queue shares the targets' row ...
    box = app.locate("expected")
    sprites = app.ui.get_sprite_group().sprites()
    expected = next(s for s in sprites if isinstance(s, WholeLinesTextBox) and s.rect == box)
    assert len(expected.shown_lines()) >= 6  # ... so the effects get the form's height in whole lines (4 before)


def test_the_turn_summary_says_when_an_order_still_to_act_will(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="sandbox", roles=["KZ"])
    driver = Driver(app)
    driver.close_popups()
    driver.click("action_sign_deal")
    driver.click("target_RU")
    driver.click("queue")
    driver.click("end_turn")
    assert driver.has("summary_continue")
    assert driver.shows("no effect yet")  # this quarter it only costs its AP ...
    assert driver.shows("Still to act")  # ... and the summary says when it will act
    assert driver.shows("Sign a trade deal (Russia): acts from 2023Q2 to 2024Q1, starting next quarter")


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 100), ((1024, 640), 100), ((1920, 1080), 150)])
def test_place_names_keep_clear_of_the_state_labels_as_drawn(make_app, saves, size, scale) -> None:  # type: ignore[no-untyped-def]
    """After a turn a label shows its change ("RU 51 +1.2 · aligned") and grows: names were placed clear of
    its name alone, so Bishkek and the Aral Sea sat under labels."""
    from game.ui.app import App
    from game.ui.screens.start import StartChoice

    app = App(size=size, saves_dir=saves, choice=StartChoice("sandbox", ("KZ",)), scale=scale)
    driver = Driver(app)
    driver.close_popups()
    driver.click("end_turn")
    driver.close_popups()
    screen = app.screen
    panel = screen.map
    font = app.theme.fonts
    line = font.font(SIZE_SMALL).get_linesize()
    grown = 0
    for code, drawn in panel.label_boxes(app.painter).items():  # the room kept for the widest reading
        grown += drawn.width > state_label_box(code, drawn.center, font).width
        for name in panel.mapview.names:
            assert not pygame.Rect(name.pos, (font.width(name.text, SIZE_SMALL), line)).colliderect(drawn), (code, name)
    assert grown  # the labels did grow past their names
