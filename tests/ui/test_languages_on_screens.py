"""The map UI's screens and dialogs speak the language chosen: in Russian and Kazakh nothing they write themselves is
English (what a scenario or the game's rules write, its titles, events, objectives and causes, is translated with
the scenario and is left out here), and the start screen's language choice switches the whole window at once and
is remembered for the next launch, while ``--lang`` wins for its own launch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.engine.codes import COUNTRIES, POWERS, ROLES
from game.i18n import LANGUAGES, _, current_language, format_share, set_language
from game.io.settings import settings_path
from game.play.previews import scenario_previews, scenario_titles
from game.play.session import Session
from game.play.summary import favour_note, formula_text
from game.play.tutorial import objective_words
from game.ui.app import App
from game.ui.screen import Modal
from game.ui.screens.end import EndScreen, winner_rule
from game.ui.screens.game import GameScreen
from game.ui.screens.history import ChartsModal, NewsModal, TriangleModal
from game.ui.screens.modals import EventModal, HelpModal, LoadModal
from game.ui.screens.start import StartChoice
from game.ui.screens.summary import SummaryModal
from tests.ui.drawn_text import english_in, frame_texts, widget_texts
from tests.ui.driver import Driver
from tests.ui.test_newcomer18_fits import drawn_texts, overlapping

__all__ = ["drawn_texts"]  # the fixture, shared

SIZE = (1280, 720)
# Keys are named as the keyboard writes them in every language; Okabe–Ito names the colour-blind palette.
KEY_NAMES = ("Enter", "Esc", "Tab", "Ctrl", "Backspace", "Delete", "Okabe", "Ito")


@pytest.fixture
def close_pygame() -> Iterator[None]:
    yield
    pygame.display.quit()


def english(texts: Iterable[str], foreign: Iterable[str] = ()) -> list[str]:
    """The texts that hold an English word once the ``foreign`` ones (a scenario's or the rules' texts, translated
    with the scenario) are taken out of them."""
    parts = sorted({part for part in foreign if part}, key=len, reverse=True)
    cleaned = []
    for text in texts:
        left = text
        for part in parts:
            left = left.replace(part, " ")
        cleaned.append(left)
    return english_in(cleaned, strict=True, allowed=KEY_NAMES)


def cut_buttons(app: App, elements: Iterable[object] | None = None) -> list[str]:
    """The buttons (of ``elements``, else all on screen) whose text is wider than the button: pygame_gui cuts it."""
    shown = app.ui.get_sprite_group().sprites() if elements is None else elements
    return [
        button.text
        for button in shown
        if isinstance(button, UIButton) and button.visible and button.font.size(button.text)[0] > button.rect.width - 8
    ]


def dialog_texts(app: App, dialog: Modal) -> list[str]:
    """What a dialog writes: its widgets' texts and the charts it draws (after checking no button of it cuts its
    text and no label of it was shortened)."""
    app.ui.elided.clear()
    dialog.rebuild()  # labels are shortened as they are made
    app.step([])
    assert cut_buttons(app, dialog.ui.elements) == [], type(dialog).__name__
    assert app.ui.elided == [], type(dialog).__name__
    return [*widget_texts(app.ui, dialog.ui.elements), *getattr(dialog, "chart_texts", [])]


def preview_texts() -> list[str]:
    """Every text the scenarios give the start screen and the load list."""
    texts: list[str] = [*scenario_titles().values()]
    for preview in scenario_previews():
        texts += [preview.title, preview.summary, preview.briefing, preview.advanced]
        texts += [goal for _role, goal in preview.objectives]
    return texts


def played_game(saves: Path, code: str, turns: int = 2, size: tuple[int, int] = SIZE) -> tuple[App, Driver, Session]:
    """Kazakhstan's tutorial in language ``code`` with an order queued and ``turns`` turns played (dialogs closed)."""
    app = App(size=size, saves_dir=saves, choice=StartChoice("tutorial", ("KZ",), seed=1, turns=4), language=code)
    driver = Driver(app)
    driver.close_popups()
    screen = app.screen
    assert isinstance(screen, GameScreen)
    for _turn in range(turns):
        driver.click("action_host_summit")
        driver.click("target_CN")
        driver.click("queue")
        driver.click("end_turn")
        driver.close_popups()
    return app, driver, screen.session


@pytest.mark.parametrize("code", ["ru", "kk"])
@pytest.mark.parametrize("size", [SIZE, (1024, 640)])
def test_the_start_screen_and_its_dialogs_write_no_english(
    saves: Path, close_pygame: None, code: str, size: tuple[int, int]
) -> None:
    Session.start("tutorial", ["KZ"], 1, turns=4, saves_dir=saves).save()  # a game to continue and to load
    app = App(size=size, saves_dir=saves, language=code)
    foreign = [*preview_texts(), str(saves)]
    # By hand the start screen draws only the map behind it, whose place names the map's own tests check.
    app.step([])
    texts = [*widget_texts(app.ui), pygame.display.get_caption()[0]]
    assert _("Start game  (Enter)") in texts and current_language() == code
    assert english(texts, foreign) == []
    driver = Driver(app)
    driver.click("briefing_advanced")
    driver.click("hot_seat")  # and its message
    assert english([*widget_texts(app.ui), app.toast], foreign) == []
    for dialog in (HelpModal(app), LoadModal(app, lambda path: None)):
        app.open(dialog)
        if isinstance(dialog, HelpModal):
            foreign_here = [formula_text(role) for role in (COUNTRIES[0], *POWERS)]
        else:
            foreign_here = [*foreign, *(path.stem for path in dialog.files)]
        assert dialog_texts(app, dialog), type(dialog).__name__
        assert english(dialog_texts(app, dialog), foreign_here) == [], type(dialog).__name__
        dialog.close()
    driver.key(pygame.K_ESCAPE)  # "Quit Multivector?"
    assert english(dialog_texts(app, app.modals[-1])) == []


@pytest.mark.parametrize("code", ["ru", "kk"])
@pytest.mark.parametrize("size", [SIZE, (1024, 640)])
def test_the_game_s_dialogs_write_no_english(saves: Path, close_pygame: None, code: str, size: tuple[int, int]) -> None:
    """Also that none cuts a button's text or shortens a label, at 1280×720 and 1024×640 (see ``dialog_texts``)."""
    app, driver, session = played_game(saves, code, size=size)
    screen = app.screen
    assert isinstance(screen, GameScreen)
    summary = SummaryModal(app, session, session.turn, "KZ", unspent={"KZ": 1.5})
    app.open(summary)
    assert summary.summary is not None
    parts = summary.summary
    foreign = [part.label for part in parts.parts]
    foreign += [outcome.text.split(": ", 1)[-1] for outcome in parts.orders]
    foreign += [change.text() for outcome in parts.orders for change in outcome.effects]
    foreign += [move.text() for move in parts.moves] + [cause for move in parts.moves for cause, _amount in move.causes]
    foreign += [favour_note(parts), *parts.pushback, *parts.later]
    assert english(dialog_texts(app, summary), foreign) == []
    summary.close()
    news = NewsModal(app, session, session.turn)
    app.open(news)
    items = session.news(session.turn)
    # a computer player's line is shown as its move and, dimmed, why it made it
    said = [i.text for i in items] + [i.detail for i in items] + [part for i in items for part in i.text.split(": ", 1)]
    assert english(dialog_texts(app, news), said) == []
    news.close()
    events = session.events_of(1)
    if events:
        card = EventModal(app, events)
        app.open(card)
        event = events[0]
        assert english(dialog_texts(app, card), [event.title, event.text, event.quote, event.source]) == []
        card.close()
    for subject in ("KZ", "RU", "SCORES"):
        charts = ChartsModal(app, session, subject)
        app.open(charts)
        assert english(dialog_texts(app, charts)) == [], subject
        charts.toggle_changes()
        assert english(dialog_texts(app, charts)) == [], subject
        charts.close()
    triangle = TriangleModal(app, session)
    app.open(triangle)
    assert english(dialog_texts(app, triangle)) == []
    triangle.close()
    screen.open_menu()
    assert english(dialog_texts(app, app.modals[-1])) == []
    app.modals[-1].close()
    app.step([])
    for name in ("action_host_summit", "target_CN", "queue"):  # an order queued: unsaved changes
        driver.click(name)
    assert session.dirty and app.toast.startswith(_("Queued: {action} · {target}").split("{")[0])
    screen.leave()  # "Leave this game?"
    assert english(dialog_texts(app, app.modals[-1])) == []
    app.modals[-1].close()
    app.step([])
    screen.undo(ask=True)
    assert english(dialog_texts(app, app.modals[-1])) == []
    app.modals[-1].close()
    app.step([])
    app.request_quit()
    assert english(dialog_texts(app, app.modals[-1])) == []


@pytest.mark.parametrize("code", ["ru", "kk"])
@pytest.mark.parametrize("size", [SIZE, (1024, 640)])
def test_the_end_screen_writes_no_english_and_nothing_is_cut(
    saves: Path, close_pygame: None, drawn_texts: list[tuple[str, pygame.Rect]], code: str, size: tuple[int, int]
) -> None:
    app = App(size=size, saves_dir=saves, language=code)
    session = Session.start("tutorial", ["KZ"], 1, turns=4, saves_dir=saves)
    while not session.is_over():
        session.end_turn()
    app.ui.elided.clear()
    app.goto(EndScreen(app, session))
    texts = frame_texts(app)
    assert english(texts, [objective_words(session, role) for role in ROLES]) == []
    assert app.ui.elided == []  # no label shortened with "…"
    drawn_texts.clear()
    app.step([])
    assert drawn_texts and overlapping(drawn_texts) == []  # the longer words run into no column
    # Both paragraphs end with their last line (a paragraph leaves out the lines its room lacks), and the verdict
    # above the tables needs no scrolling.
    drawn = " ".join(line for line, _rect in drawn_texts)
    shift = _(
        "Largest shift: {state}'s dependence on {power} ({change}). Replay the game (R) and click the state to "
        "see the causes turn by turn."
    )
    for paragraph in (winner_rule(session), shift):
        assert " ".join(paragraph.split()[-3:]) in drawn, paragraph
    assert app.screen.ui.named["verdict_text"].scroll_bar is None
    labels = [
        app.locate(name) for name in ("end_new", "end_replay", "end_charts", "end_triangle", "end_save", "end_quit")
    ]
    assert all(rect is not None and app.window.get_rect().contains(rect) for rect in labels)
    assert cut_buttons(app) == []


def test_the_language_chosen_on_the_start_screen_speaks_at_once_and_is_remembered(
    saves: Path, close_pygame: None
) -> None:
    app = App(size=SIZE, saves_dir=saves)
    assert current_language() == "en"  # MULTIVECTOR_LANG=en in the tests, nothing chosen yet
    names = {language.own_name for language in LANGUAGES}
    assert names <= set(widget_texts(app.ui))  # each language listed by its own name
    driver = Driver(app)
    driver.click("role_UZ")
    driver.click("language_ru")
    assert current_language() == "ru"
    texts = frame_texts(app)
    assert "Начать игру  (Enter)" in texts and "Start game  (Enter)" not in texts
    assert app.screen.roles == ["UZ"]  # type: ignore[attr-defined]  # the choices made are kept
    assert pygame.display.get_caption()[0].startswith("Multivector — Центральная Азия")
    assert json.loads(settings_path().read_text(encoding="utf-8"))["language"] == "ru"
    pygame.display.quit()
    set_language("en")

    again = App(size=SIZE, saves_dir=saves)  # the next launch opens in the language chosen
    assert current_language() == "ru" and "Начать игру  (Enter)" in frame_texts(again)
    pygame.display.quit()
    App(size=SIZE, saves_dir=saves, language="kk")  # --lang wins for its launch, and is not remembered
    assert current_language() == "kk"
    assert json.loads(settings_path().read_text(encoding="utf-8"))["language"] == "ru"


def test_a_language_switch_keeps_the_scale_row_and_the_language_row_apart(saves: Path, close_pygame: None) -> None:
    """The language buttons sit under the UI scale row, right of the subtitle, in every language: no two widgets of
    the header overlap and none is cut."""
    for size in (SIZE, (1024, 640), (960, 600)):
        app = App(size=size, saves_dir=saves, language="en")
        for language in LANGUAGES:
            app.ui.elided.clear()
            Driver(app).click(f"language_{language.code}")  # the screen is built again in the language
            app.resize()  # (English, spoken already, is built again here)
            app.step([])
            names = ["scale_label", "fullscreen", "help_hint", *(f"language_{lang.code}" for lang in LANGUAGES)]
            rects = {name: app.locate(name) for name in names}
            assert all(rect is not None for rect in rects.values()), rects
            placed = [(name, rect) for name, rect in rects.items() if rect is not None]
            overlaps = [(a, b) for i, (a, ra) in enumerate(placed) for b, rb in placed[i + 1 :] if ra.colliderect(rb)]
            assert overlaps == [], (size, language.code)
            assert app.ui.elided == [], (size, language.code)
            assert cut_buttons(app) == [], (size, language.code)
        pygame.display.quit()


def test_play_hands_its_lang_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """``multivector --lang kk play`` opens the window in Kazakh whatever was chosen on the start screen before
    (the window is told the language was asked for); without ``--lang`` the window decides."""
    import game.ui.app
    from game.cli import main, play

    opened: list[str | None] = []
    monkeypatch.setattr(play, "has_screen", lambda: True)
    monkeypatch.setattr(play, "prepare_engine", lambda: None)
    monkeypatch.setattr(game.ui.app, "run_app", lambda *args, language=None, **kwargs: opened.append(language) or 0)
    assert main.main(["--lang", "kk", "play"]) == 0
    assert main.main(["play"]) == 0
    assert opened == ["kk", None]


def test_a_settings_file_naming_a_language_the_game_lacks_is_said_and_passed_over(
    saves: Path, close_pygame: None
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"language": "fr"}', encoding="utf-8")
    app = App(size=SIZE, saves_dir=saves)
    assert current_language() == "en"  # MULTIVECTOR_LANG=en decides, as with no choice made
    assert "language is not valid (language is one of en, ru, kk, uz, or null)" in app.toast


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_menus_scale_heading_is_never_cut_at_150_percent(saves: Path, close_pygame: None, language: str) -> None:
    """At about 1920×1080 and 150% the menu's heading was "UI scale: 150% (your choice; the largest this windo…": where
    the reason in brackets does not fit, the heading says the scale alone."""
    from game.io.settings import Settings, save_settings
    from game.ui.screens.start import StartChoice

    save_settings(Settings(ui_scale=150))  # the player's choice, as the newcomer had made it: the longest heading
    app = App(size=(1900, 1040), saves_dir=saves, language=language,  # a real 1080p window, less its frame
              choice=StartChoice("middle_corridor", ("RU",), seed=1, turns=8))
    driver = Driver(app)
    driver.close_popups()
    app.ui.elided.clear()
    driver.key(pygame.K_ESCAPE)
    app.step([])
    assert type(app.modals[-1]).__name__ == "MenuModal"
    assert driver.shows(format_share(1.5)) and not [text for text in app.ui.elided if format_share(1.5) in text]
