"""The turn summary dialog after End turn, the top bar's score with its last change and formula,
and the country panel's deltas and "why" for every variable (headless, posted events)."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.engine.codes import ROLES
from game.play.summary import score_terms, signed
from game.ui.markup import sentence_case
from game.ui.panels.country import CountryPanel
from game.ui.panels.topbar import score_tooltip
from game.ui.screens.game import GameScreen
from game.ui.screens.summary import SummaryModal, shown_parts
from tests.ui.driver import Driver


def _russia_after_one_turn(make_app) -> tuple[Driver, GameScreen]:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="middle_corridor", roles=["RU"], seed=3))
    driver.close_popups()
    screen = driver.app.screen
    assert isinstance(screen, GameScreen)
    driver.key(pygame.K_DOWN)  # the first action, its first target
    driver.key(pygame.K_RETURN)  # queued
    assert screen.session.queued["RU"], "an order was queued"
    driver.click("end_turn")
    return driver, screen


def test_end_turn_shows_the_summary_first_and_its_parts_add_up(make_app) -> None:  # type: ignore[no-untyped-def]
    driver, screen = _russia_after_one_turn(make_app)
    session = screen.session
    modal = driver.app.top()
    assert isinstance(modal, SummaryModal) and modal.summary is not None
    summary = modal.summary
    before, after = session.scores(0)[ROLES.index("RU")], session.scores(1)[ROLES.index("RU")]
    assert (summary.score_before, summary.score_after) == (before, after)
    assert abs(sum(part.amount for part in summary.parts) - (after - before)) < 1e-9
    # The change is that of the two scores as written, and so is the table's total.
    written = round(float(after), 2) - round(float(before), 2)
    head = f"Russia · score {before:.2f} to {after:.2f} ({signed(written)} this quarter)"
    assert head in driver.texts()
    # The bar table names each part with its signed amount (two decimals, adding up to the total as written).
    parts, total = shown_parts(summary)
    for (label, amount), part in zip(parts, summary.parts, strict=True):
        assert label == part.label and abs(amount - part.amount) <= 0.01 + 1e-9
        assert label in modal.chart_texts and signed(amount) in modal.chart_texts
    assert round(sum(amount for _, amount in parts), 2) == round(total, 2) == round(written, 2)
    assert "total this quarter" in modal.chart_texts
    assert driver.shows("What your orders did") and driver.shows("Largest moves on the map")
    mine = [o for o in session.match.game.records[0].orders.orders_of_run(session.world, 0) if o.role == "RU"]
    assert len(mine) == 1
    ordered = session.world.actions.titles[session.world.actions.index(mine[0].action)]
    assert driver.shows(ordered), "the player's order is named"
    # Continue goes on to the event cards (the turn's events), then back to the map.
    events = session.events_of(1)
    driver.key(pygame.K_RETURN)
    assert driver.has("event_continue") == bool(events)
    driver.close_popups()
    assert not driver.app.modals


def test_the_score_shows_its_last_change_and_reopens_the_summary(make_app) -> None:  # type: ignore[no-untyped-def]
    driver, screen = _russia_after_one_turn(make_app)
    driver.close_popups()
    session = screen.session
    index = ROLES.index("RU")
    change = round(float(session.scores(1)[index]), 2) - round(float(session.scores(0)[index]), 2)  # as written
    shown = f"score {session.scores()[index]:.2f} ({signed(change)})"
    assert any(shown in text for text in driver.texts()), driver.texts()
    driver.click("objective")
    assert isinstance(driver.app.top(), SummaryModal)
    driver.key(pygame.K_ESCAPE)
    assert not driver.app.modals


def test_the_score_tooltip_gives_the_formula_with_each_term(make_app) -> None:  # type: ignore[no-untyped-def]
    _, screen = _russia_after_one_turn(make_app)
    session = screen.session
    tip = score_tooltip(session, "RU")
    terms = score_terms(session.world, session.values(), "RU")
    assert f"70 × mean dependence on Russia ({terms[0].value:.2f}) = {terms[0].points:.1f}" in tip
    assert f"30 × mean favour of Russia ({terms[1].value:.2f}) = {terms[1].points:.1f}" in tip
    assert f"= {session.scores()[ROLES.index('RU')]:.2f}" in tip
    assert "your orders" in tip and "chance" in tip


def test_the_country_panel_explains_favour_and_shows_deltas(make_app) -> None:  # type: ignore[no-untyped-def]
    driver, screen = _russia_after_one_turn(make_app)
    driver.close_popups()
    driver.key(pygame.K_1)  # Kazakhstan
    driver.click("why_RU")
    session = screen.session
    moved = session.headline(1)[0] - session.headline(0)[0]
    assert signed(float(moved[0]), 1) in driver.texts(), "the bar shows its change since the turn before"
    panel = next(p for p in screen.panels if isinstance(p, CountryPanel))
    menu = panel.main.widgets.named["why_measure"]
    pygame.event.post(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text="favour", ui_element=menu))
    driver.app.step()
    change = 100 * (session.block("favour", 1)[0, 0] - session.block("favour", 0)[0, 0])
    assert driver.shows(f"favour · Russia: {signed(change)} (scale 0–100)")  # named a change, not a level
    assert driver.shows(f"Change in {session.quarter(0)} · favour")
    causes = session.why_variable("favour", 1, country="KZ", power="RU")
    assert causes and driver.shows(sentence_case(causes[0][0]))  # a line of the list starts with a capital
    assert sum(amount for _, amount in causes) == pytest.approx(change, abs=1e-9)


def test_the_trace_records_what_the_summary_shows(make_app, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trace = tmp_path / "trace.jsonl"
    monkeypatch.setenv("MULTIVECTOR_UI_TRACE", str(trace))
    _, screen = _russia_after_one_turn(make_app)
    lines = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    shown = [line for line in lines if line["kind"] == "turn_summary"]
    assert len(shown) == 1
    assert abs(sum(shown[0]["parts"].values()) - shown[0]["change"]) < 1e-9
    assert shown[0]["score_after"] == screen.session.scores()[ROLES.index("RU")]
