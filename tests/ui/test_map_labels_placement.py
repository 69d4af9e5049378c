"""Issue 14, "the map as the board": no label on the map hides another, sits under the legend or the tutorial's
card, runs off the map or under a route line, every capital is named, and nothing moves from one quarter to the
next (newcomers saw "shgabat" under the legend, the corridor through "Bishkek", the Turkmenistan label over
"Baku", and labels jumping between quarters)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from game.i18n import set_language
from game.scenario.library import shipped_scenarios
from game.ui.app import App
from game.ui.mapview import CORRIDOR_FULL_SHARE, corridor_width
from game.ui.panels.coach import CoachPanel
from game.ui.panels.map import MapPanel
from game.ui.placenames import DOT_RADIUS, MapLabels, route_lines
from game.ui.screens.start import StartChoice
from game.ui.theme import SIZE_SMALL
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of

__all__ = ["close_pygame"]

SCENARIOS = [path.stem for path in shipped_scenarios()]
WINDOWS = [((1280, 720), 100), ((1024, 640), 100), ((1920, 1080), 150)]
PLAYABLE_CAPITALS = {"astana", "tashkent", "bishkek", "dushanbe", "ashgabat"}
NAME_REACH = 6  # most pixels between a city's dot (as drawn) and its name: farther, the name seems another dot's


@pytest.fixture(params=["en", "ru"])
def language(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    set_language(request.param)
    yield request.param
    set_language("en")


def open_map(saves: Path, scenario: str, size: tuple[int, int], scale: int, language: str) -> tuple[App, Driver]:
    """A game of ``scenario`` on its map, its opening dialogs (and the tutorial's card) closed."""
    choice = StartChoice(scenario, ("KZ",), seed=1, turns=4)
    app = App(size=size, saves_dir=saves, choice=choice, scale=scale, language=language)
    driver = Driver(app)
    driver.close_popups()
    coach = game_of(app).coach
    if coach.progress is not None:  # the card is a box over the map of its own (tested with the tutorial's steps)
        coach.skip()
        app.step([])
    return app, driver


def tutorial_map(saves: Path, size: tuple[int, int]) -> tuple[App, Driver, CoachPanel, MapPanel]:
    """The tutorial as Kazakhstan at ``size``, its dialogs closed: the app, a driver, the coach and the map."""
    app = App(size=size, saves_dir=saves, choice=StartChoice("tutorial", ("KZ",), seed=1, turns=4))
    driver = Driver(app)
    driver.close_popups()
    return app, driver, game_of(app).coach, map_panel(app)


def map_panel(app: App) -> MapPanel:
    return next(p for p in game_of(app).painted if isinstance(p, MapPanel))


def name_boxes(app: App, labels: MapLabels) -> list[pygame.Rect]:
    """The place names as drawn (map pixels)."""
    fonts = app.theme.fonts
    line = fonts.font(SIZE_SMALL).get_linesize()
    return [pygame.Rect(name.pos, (fonts.width(name.text, SIZE_SMALL), line)) for name in labels.names]


def placement(labels: MapLabels) -> tuple[object, ...]:
    """Where everything went (what a player would see move)."""
    return (sorted((code, tuple(box)) for code, box in labels.states.items()), [(n.place, n.pos) for n in labels.names])


def gap(a: pygame.Rect, b: pygame.Rect) -> int:
    """Pixels of map between two boxes, along the axis on which they lie farthest apart (0 when they touch)."""
    across = max(b.left - a.right, a.left - b.right, 0)
    down = max(b.top - a.bottom, a.top - b.bottom, 0)
    return max(across, down)


def check_names_by_their_dots(app: App, labels: MapLabels) -> None:
    """Every city's name sits next to its own dot (finding 2 of nc3: at 1024×640 "Dushanbe" stood at the
    Turkmen–Uzbek border, "Tashkent" inside Kyrgyzstan), and the five states' capitals are named."""
    dots = {city.id: pygame.Rect(x - DOT_RADIUS, y - DOT_RADIUS, 2 * DOT_RADIUS + 1, 2 * DOT_RADIUS + 1)
            for city, (x, y) in labels.dots}
    for name, box in zip(labels.names, name_boxes(app, labels), strict=True):
        if name.place in dots:
            assert gap(dots[name.place], box) <= NAME_REACH, name
    assert {name.place for name in labels.names} >= PLAYABLE_CAPITALS


def check_clear(app: App, panel: MapPanel, labels: MapLabels) -> None:
    """Every state's label lies over its state; no two labels overlap, none lies under a box over the map or
    past its edge, no name crosses a route line unless it is a capital's on a backing, and every capital on
    the open map is named."""
    rect = panel.layout.map
    bounds = pygame.Rect((0, 0), rect.size)
    covers = [cover.move(-rect.x, -rect.y) for cover in panel.covers()]
    states = list(labels.states.values())
    names = name_boxes(app, labels)
    assert len(states) == 5  # every playable state keeps a label ...
    for code, box in labels.states.items():
        assert panel.mapview.state_at_map(box.center) == code  # ... over its own state
    for box in [*states, *names]:
        assert bounds.contains(box), box
        assert box.collidelist(covers) == -1, box
    for a, b in itertools.combinations([*states, *names], 2):
        assert not a.colliderect(b), (a, b)
    lines = route_lines(app.map_data, panel.mapview.transform, corridor_width(CORRIDOR_FULL_SHARE))  # type: ignore[arg-type]
    for name, box in zip(labels.names, names, strict=True):
        crossing = [line for line in lines if line.crosses(box)]
        assert not crossing or (name.kind == "capital" and name.backed), name
    named = {name.place for name in labels.names}
    open_capitals = {
        city.id
        for city, pos in labels.dots
        if city.kind == "capital" and not any(cover.inflate(40, 40).collidepoint(pos) for cover in covers)
    }
    assert open_capitals >= PLAYABLE_CAPITALS  # the five are on every map size
    assert open_capitals <= named, open_capitals - named


@pytest.mark.parametrize(
    ("size", "scale"), WINDOWS, ids=lambda v: "x".join(map(str, v)) if isinstance(v, tuple) else str(v)
)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_labels_keep_clear_and_stay_put_from_one_quarter_to_the_next(
    saves: Path, close_pygame: None, language: str, scenario: str, size: tuple[int, int], scale: int
) -> None:
    app, driver = open_map(saves, scenario, size, scale, language)
    assert app.ui_scale == scale
    panel = map_panel(app)
    before = panel.placed_labels(app.painter)
    check_clear(app, panel, before)
    check_names_by_their_dots(app, before)
    shown = placement(before)
    driver.key(pygame.K_e)  # the next quarter: other numbers on every label
    driver.close_popups()
    assert game_of(app).view.shown_turn == 1
    panel._candidate_boxes = (None, {})  # placed afresh, boxes measured again: not the placement of a quarter ago
    panel.mapview._placement = None
    after = panel.placed_labels(app.painter)
    assert after is not before
    assert placement(after) == shown
    assert panel.mapview.names == list(after.names)  # the names drawn are those placed


def test_the_corridor_runs_clear_of_the_city_names_it_passed_through(saves: Path, close_pygame: None) -> None:
    """b04: the corridor's line ran through "Bishkek", "Almaty", "Shymkent" and "Kyzylorda"."""
    app, _ = open_map(saves, "middle_corridor", (1920, 1080), 150, "en")
    panel = map_panel(app)
    labels = panel.placed_labels(app.painter)
    lines = route_lines(app.map_data, panel.mapview.transform, corridor_width(CORRIDOR_FULL_SHARE))  # type: ignore[arg-type]
    near = {"bishkek", "almaty", "shymkent", "kyzylorda"}
    for name, box in zip(labels.names, name_boxes(app, labels), strict=True):
        if name.place in near:
            assert not any(line.crosses(box) for line in lines), name


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640)])
def test_no_label_goes_under_the_tutorial_card_whatever_step_it_shows(
    saves: Path, close_pygame: None, size: tuple[int, int]
) -> None:
    """The card is a box over the map of its own: the names keep off it as the states' labels do."""
    app, driver, coach, panel = tutorial_map(saves, size)
    assert coach.progress is not None
    seen = 0
    for step in (1, 2, 14, 15, 21, 27, 31):
        coach.progress.index = step - 1
        driver.hover((2, 2))
        card = app.locate("coach_card")
        seen += card is not None and card.colliderect(panel.layout.map)
        labels = panel.placed_labels(app.painter)
        rect = panel.layout.map
        boxes = [*labels.states.values(), *name_boxes(app, labels)]
        for box in boxes:
            assert pygame.Rect((0, 0), rect.size).contains(box), (step, box)
            assert box.collidelist([cover.move(-rect.x, -rect.y) for cover in panel.covers()]) == -1, (step, box)
        assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.colliderect(b)], step
    assert seen  # the card did lie over the map
