"""A scripted session with real input events: start screen → map → three turns → end screen."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, POWERS
from game.play.previews import scenario_previews
from tests.ui.driver import Driver


def _scenario_id() -> str:
    ids = [p.id for p in scenario_previews()]
    return "tutorial" if "tutorial" in ids else "sandbox"


def _country_point(driver: Driver, code: str) -> tuple[int, int]:
    """A window pixel inside the state, the nearest to its label (the tutorial's card covers the map's corner)."""
    screen = driver.app.screen
    view = screen.mapview  # type: ignore[attr-defined]
    lx, ly = view.labels[code]
    grid = [(dx, dy) for dy in range(-60, 120, 6) for dx in range(-80, 80, 6)]
    offsets = sorted(grid, key=lambda d: abs(d[0]) + abs(d[1]))
    for dx, dy in offsets:
        pos = (view.rect.x + lx + dx, view.rect.y + ly + dy)
        if view.country_at(pos) == code:
            return pos
    raise AssertionError(f"no pixel of {code} found")


def test_tutorial_flow_from_start_to_end_screen(make_app) -> None:  # type: ignore[no-untyped-def]
    """Mouse-only game of three quarters: queue an order, end turns, read the results."""
    driver = Driver(make_app(turns=3))
    assert driver.screen() == "StartScreen"
    driver.click(f"scenario_{_scenario_id()}")
    # Three quarters: set with the + / – buttons from the scenario's default length.
    turns = driver.app.screen.turns_value()  # type: ignore[attr-defined]
    for _ in range(abs(turns - 3)):
        driver.click("turns_minus" if turns > 3 else "turns_plus")
    driver.click("role_KZ")  # KZ stays (at least one role is kept)
    driver.click("start")
    assert driver.screen() == "GameScreen"
    session = driver.app.screen.session  # type: ignore[attr-defined]
    assert session.world.turns == 3 and session.human_roles == ["KZ"]

    # Hover shows the tooltip, a click opens the panel.
    point = _country_point(driver, "KZ")
    driver.hover(point)
    assert "Kazakhstan" in driver.texts()
    driver.click_at(point)
    assert driver.app.screen.view.selected == "KZ"  # type: ignore[attr-defined]

    # Queue an order through the actions panel.
    driver.click("tab_actions")
    driver.click("action_host_summit")
    driver.click("target_WEST")
    driver.click("queue")
    assert [str(o) for o in session.queued["KZ"]] == ["KZ host_summit WEST"]

    for turn in range(1, 4):
        driver.click("end_turn")
        driver.close_popups()
        assert session.turn == turn
    assert driver.screen() == "EndScreen"
    texts = driver.texts()
    assert any("(you)" in t for t in texts)
    # The end screen's scores are the engine's.
    end = session.game.records[-1].scores[0]
    assert f"{end[0]:.2f}" in texts
    # Autosave was written after every turn.
    assert sorted(p.name for p in session.autosave_dir.glob("autosave-*.json"))[-1] == "autosave-0003.json"


def test_panels_show_the_engines_numbers(make_app) -> None:  # type: ignore[no-untyped-def]
    """The country panel's bars, channels, favour and 'why' show what the engine holds."""
    driver = Driver(make_app(scenario="sandbox", roles=["UZ", "RU"], turns=3))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    assert session.human_roles == ["UZ", "RU"]
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_1)  # select Kazakhstan
    texts = driver.texts()
    from game.engine.explain import explain
    from game.engine.layout import BLOCKS
    from game.engine.scores import autonomy, headline

    values = session.game.state.values
    head = 100 * headline(values, session.world.weight)[0, 0]
    for p in range(len(POWERS)):
        assert f"{head[p]:.1f}" in texts
    assert any(f"Autonomy {autonomy(values, session.world.weight)[0, 0]:.1f}" in t for t in texts)
    favour = session.game.state.block("favour")[0, 0]
    tension = session.game.state.block("tension")[0, 0]
    assert f"{100 * favour[0]:.0f} / {100 * tension[0]:.0f}" in texts
    # The why list: the leader's causes, largest first, summing to the change.
    leader = POWERS[int(np.argmax(head))]
    causes = session.why_headline("KZ", leader, 1)
    change = 100 * (
        headline(values, session.world.weight)[0, 0]
        - headline(session.game.states[0].values, session.world.weight)[0, 0]
    )
    assert abs(sum(a for _, a in causes) - change[POWERS.index(leader)]) < 1e-9
    assert [abs(a) for _, a in causes] == sorted((abs(a) for _, a in causes), reverse=True)
    record = session.game.records[0]
    column = BLOCKS["dependence"].column(country="KZ", power=leader, channel="trade")
    assert explain(session.world, record, column)  # the engine has a ledger for it
    if causes:
        assert driver.shows(f"{causes[0][1]:+.2f}")  # in the why list (a pygame_gui text box)
    # Hot-seat: Tab switches the team whose actions are shown.
    driver.key(pygame.K_a)
    assert "Uzbekistan" in driver.texts()
    driver.key(pygame.K_TAB)
    assert driver.app.screen.view.active_role == "RU"  # type: ignore[attr-defined]
    assert "Russia" in driver.texts()
    points = f"{session.points('RU'):.1f}"
    assert any(points in t for t in driver.texts())
    # A refused order is shown, not queued: its Queue button is disabled and the panel says why.
    before = list(session.queued["RU"])
    for action in ("investment", "corridor_project", "energy_deal", "investment"):
        if driver.has(f"action_{action}"):
            driver.click(f"action_{action}")
            if driver.has("queue"):
                driver.click("queue")
            else:
                assert driver.shows("Cannot be queued: ")
    assert len(session.queued["RU"]) >= len(before)
    screen = driver.app.screen
    if session.queued_cost("RU") > session.points("RU") - 1:
        assert screen.view.refusal or len(session.queued["RU"]) <= 3  # type: ignore[attr-defined]
    _ = COUNTRIES


def test_save_and_load_through_the_ui_continue_identically(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S, then load the save from the start screen: the rest of the game hashes the same."""
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=4, seed=11))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    quicksave = f"sandbox-KZ-{session.quarter()}"  # saves are named by scenario, role and quarter
    assert (saves / f"{quicksave}.json").exists()
    while driver.screen() == "GameScreen":
        driver.key(pygame.K_e)
        driver.close_popups()
    straight = [r.hashes for r in session.game.records]

    other = Driver(make_app(turns=4))
    other.click("load")
    other.click(f"load_{quicksave}")
    other.click("load_chosen")
    assert other.screen() == "GameScreen"
    resumed = other.app.screen.session  # type: ignore[attr-defined]
    assert resumed.turn == 1 and resumed.state_hash() == session.game.states[1].hashes()[0]
    while other.screen() == "GameScreen":
        other.key(pygame.K_e)
        other.close_popups()
    assert [r.hashes for r in resumed.game.records] == straight


def test_undo_and_replay(make_app) -> None:  # type: ignore[no-untyped-def]
    """Replay steps back through turns; 'Undo to here' restores that turn's state."""
    driver = Driver(make_app(scenario="sandbox", roles=["CN"], turns=5))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    for _ in range(3):
        driver.key(pygame.K_e)
        driver.close_popups()
    hash_after_one = session.game.states[1].hashes()[0]
    driver.key(pygame.K_r)
    driver.key(pygame.K_LEFT)
    assert driver.app.screen.view.shown_turn == 1  # type: ignore[attr-defined]
    driver.click("undo_here")
    assert session.turn == 3  # a click asks first (issue 14)
    driver.click("Undo")
    assert session.turn == 1 and session.state_hash() == hash_after_one
    driver.key(pygame.K_u)
    assert session.turn == 0


def test_quit_asks_first_when_unsaved(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)  # an order queued since the turn's autosave
    driver.post(pygame.event.Event(pygame.QUIT))
    assert driver.app.running and driver.has("Cancel")
    driver.click("Cancel")
    assert driver.app.running and not driver.app.modals
    driver.post(pygame.event.Event(pygame.QUIT))
    driver.click("Save and quit")
    assert not driver.app.running


def test_resize_relays_out(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    for size in ((960, 600), (1600, 900), (1000, 1000)):
        driver.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        assert driver.app.window.get_size() == size
        end = driver.app.locate("end_turn")
        assert end is not None and driver.app.window.get_rect().contains(end)
        assert driver.app.ui.window_resolution == size
