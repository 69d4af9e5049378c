"""What a Russian-speaking newcomer read in English or misprinted on the map screen (``--lang ru``, 1280×800):
the queue's toast, the causes in the country tab, the event card's quote, and a quarter's "г." in the order's
timing and the projects line."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

import pygame
import pytest

from game.i18n import quarter_text, set_language
from game.play.news import EventView
from game.play.session import Session
from game.play.stakes import Project
from game.ui.app import App
from game.ui.layout import GameLayout
from game.ui.mapview import MapView
from game.ui.markup import one_full_stop
from game.ui.panels.base import action_title
from game.ui.panels.queue import projects_line, projects_line_for
from game.ui.placenames import state_label_box
from game.ui.screens.modals import EventModal
from game.ui.screens.start import StartChoice
from game.ui.theme import SIZE_SMALL, theme
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of

__all__ = ["close_pygame"]

SIZE = (1280, 800)


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    yield
    set_language("en")


def russian_tutorial(saves: Path) -> tuple[App, Driver]:
    """Kazakhstan's tutorial (seed 1) in Russian at 1280×800, its opening dialogs closed."""
    app = App(size=SIZE, saves_dir=saves, choice=StartChoice("tutorial", ("KZ",), seed=1, turns=4), language="ru")
    driver = Driver(app)
    driver.close_popups()
    return app, driver


def queue_first_accepted(app: App, indices: Iterable[int], targets: tuple[str, ...]) -> int:
    """Queue the first of ``indices`` the rules accept at one of ``targets`` (its toast then shows); its index."""
    screen = game_of(app)
    for index in indices:
        for target in targets:
            screen.view.action_index, screen.view.target = index, target
            screen.queue_selected()
            if app.toast:
                return index
    raise AssertionError("no action could be queued")


def test_queue_toast_names_the_action_in_russian(russian: None, saves: Path, close_pygame: None) -> None:
    app, _driver = russian_tutorial(saves)
    screen = game_of(app)
    session = screen.session
    titles = session.world.actions.titles
    translated = (i for i in range(len(titles)) if action_title(session, i) != titles[i])
    index = queue_first_accepted(app, translated, ("RU", "CN", "WEST"))
    assert app.toast.startswith("В очереди: " + action_title(session, index))
    assert session.world.actions.titles[index] not in app.toast


def test_why_panel_causes_in_russian(
    russian: None, saves: Path, close_pygame: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, driver = russian_tutorial(saves)
    monkeypatch.setattr(Session, "why_headline", lambda *_args: [("chance (random fluctuation)", 0.02)])
    screen = game_of(app)
    screen.session.end_turn()
    driver.close_popups()
    screen.view.selected = "KZ"
    screen.view.inspect()
    app.step([])
    shown = screen.session.words().causes.cause("chance (random fluctuation)")
    assert shown != "chance (random fluctuation)"
    assert not driver.shows("random fluctuation")
    assert driver.shows(shown[1:])


def test_event_card_shows_the_quote_and_its_translation(russian: None, saves: Path, close_pygame: None) -> None:
    app, driver = russian_tutorial(saves)
    event = EventView(
        "x",
        "Заголовок",
        "Текст",
        "The Diplomat",
        "In February, Blinken traveled",
        "2023Q1",
        "historical",
        quote_translation="В феврале Блинкен посетил",
    )
    app.open(EventModal(app, [event]))
    app.step([])
    assert driver.shows("In February, Blinken traveled") and driver.shows("В феврале Блинкен посетил")
    assert driver.shows("ИСТОРИЧЕСКОЕ") and driver.shows("Новости: I кв. 2023")  # not "2023Q1"


def test_quarter_keeps_a_visible_space_and_one_full_stop(russian: None) -> None:
    quarter = quarter_text("2024Q1")
    assert "\u202f" not in quarter and quarter == "I кв. 2024"  # no "г.": a sentence may end on the quarter
    assert one_full_stop(f"Действует до {quarter}.") == f"Действует до {quarter}."
    assert one_full_stop("Действует до 1 марта 2024 г..") == "Действует до 1 марта 2024 г."
    assert one_full_stop("Так...") == "Так..."


def test_projects_line_names_the_target(russian: None, saves: Path, close_pygame: None) -> None:
    app, _driver = russian_tutorial(saves)
    session = game_of(app).session
    line = projects_line(session, [Project(0, "CN", 2)])
    assert "Китай" in line and "· CN " not in line


def test_help_writes_coefficients_and_favour_as_russian_does(russian: None, saves: Path, close_pygame: None) -> None:
    _app, driver = russian_tutorial(saves)
    driver.key(pygame.K_F1)
    assert driver.shows("0,5 × автономия") and not driver.shows("0.5 ×")
    assert driver.shows("Симпатии населения входят в счёт") and not driver.shows("Расположение")


def test_tutorial_card_over_the_turn_summary_is_wide_enough_to_read(
    russian: None, saves: Path, close_pygame: None
) -> None:
    app, driver = russian_tutorial(saves)
    coach = game_of(app).coach
    assert coach.progress is not None
    coach.progress.index = next(i for i, s in enumerate(coach.progress.steps) if s.id == "end_q1")
    driver.key(pygame.K_e)
    app.step([])
    assert coach.progress.current is not None and coach.progress.current.anchor == "summary_continue"
    assert coach.card is not None and coach.card.width >= 300  # 228 px read two Russian words a line


@pytest.mark.parametrize("map_rect", [GameLayout.of(SIZE).map, pygame.Rect(8, 90, 844, 670)])
def test_russian_place_names_keep_apart(russian: None, map_rect: pygame.Rect) -> None:
    """The second map is the newcomer's at 1280×800 with a window frame: names there sat flush."""
    pygame.font.init()
    fonts = theme().fonts
    view = MapView(theme())
    view.set_rect(map_rect)
    assert view.transform is not None
    wanted = {code: (state_label_box(code, centre, fonts),) for code, centre in view.labels.items()}
    names = view.place_labels(wanted).names
    assert {"Аральское море", "Кызылорда", "Ташкент"} <= {name.text for name in names}
    line = fonts.font(SIZE_SMALL).get_linesize()
    boxes = [pygame.Rect(n.pos, (fonts.width(n.text, SIZE_SMALL), line)) for n in names]
    for a, b in itertools.combinations(boxes, 2):  # flush names ("Аральское море" on "Кызылорда") read as one
        assert not a.inflate(2, 2).colliderect(b)


def test_tutorial_strip_leaves_the_news_log_title_readable(russian: None, saves: Path, close_pygame: None) -> None:
    app, driver = russian_tutorial(saves)
    screen = game_of(app)
    screen.session.end_turn()
    driver.close_popups()
    coach = screen.coach
    assert coach.progress is not None
    coach.progress.index = next(i for i, s in enumerate(coach.progress.steps) if s.id == "news_read")
    coach.progress.step_turn = screen.session.turn  # as if the first quarter's steps were followed
    driver.key(pygame.K_n)
    app.step([])
    dialog = coach.dialog_window()
    assert dialog is not None and coach.card is not None
    bar = app.modals[-1].window.title_bar  # type: ignore[attr-defined]
    assert bar.text == "Журнал новостей"
    title = pygame.Rect(dialog.left, dialog.top, 20 + bar.font.size(bar.text)[0], 44)
    assert not coach.card.colliderect(title.inflate(16, 0))  # a gap after the title: flush, they read as one


def test_the_projects_line_fits_its_row_instead_of_ending_in_an_ellipsis(
    russian: None, saves: Path, close_pygame: None
) -> None:
    """Three projects in Russian no longer fit the queue's spare row: the line drops the targets, then says how
    many run and when a slot frees, rather than ending mid-word (the full list is in the tool tip)."""
    app, _driver = russian_tutorial(saves)
    session = game_of(app).session
    fonts = app.theme.fonts
    flying = [Project(0, "CN", 2), Project(1, "WEST", 3), Project(2, "RU", 4)]
    for width in (900, 520, 380, 300):
        line = projects_line_for(session, flying, width, fonts)
        assert fonts.width(line, SIZE_SMALL) <= width and "…" not in line, (width, line)
    assert "Китай" in projects_line_for(session, flying, 2000, fonts)
    assert "3" in projects_line_for(session, flying, 300, fonts)


def test_a_long_queued_order_takes_the_smaller_type_before_it_is_cut(
    russian: None, saves: Path, close_pygame: None
) -> None:
    """The newcomer's queue read 'Добиться соглашения о трудо… · Запад': a long title now takes the smaller
    type and, if need be, the room of its cost, so the whole order shows in Russian at 1280×800."""
    app, driver = russian_tutorial(saves)
    screen = game_of(app)
    session = screen.session
    count = len(session.world.actions.titles)
    by_length = sorted(range(count), key=lambda i: -len(action_title(session, i)))
    index = queue_first_accepted(app, by_length, ("WEST", "CN", "RU"))
    app.step([])
    queued = [text for text in driver.texts() if text.startswith(action_title(session, index)[:12])]
    assert len(action_title(session, index)) >= 30 and queued, (action_title(session, index), queued)  # the longest
    assert all("…" not in text for text in queued), queued
