"""Issue 14: at 150 % on a 1080p screen (a 1269×666 canvas) the tutorial's card and the legend covered most of
the map. On a short map the legend starts folded to one button (the player opens or folds it; the map's labels
keep clear of it either way). The card stays at the map's left: at its right, by the panel, it hid more states'
labels (15 cases against 12 over the first twelve steps at 1024×640, 1066×666 and 1269×666 in four languages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.i18n import _
from game.ui.app import App
from game.ui.layout import LEGEND_CLOSED_HEIGHT, LEGEND_HEIGHT
from game.ui.panels.map import MapPanel
from game.ui.screens.start import StartChoice
from tests.ui.driver import Driver
from tests.ui.test_layout_and_wording import close_pygame, game_of  # noqa: F401  (a fixture)
from tests.ui.test_newcomer18_fits import label_boxes


def _click(driver: Driver, name: str) -> None:
    """Click a widget of a window at 150 %: the pointer moves in the window's pixels, not the canvas's."""
    rect = driver.app.locate(name)
    assert rect is not None, name
    driver.click_at((rect.centerx * 3 // 2 + 1, rect.centery * 3 // 2 + 1))


def _map_layout(app: App):  # type: ignore[no-untyped-def]
    return next(p for p in game_of(app).painted if isinstance(p, MapPanel)).layout


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("window", [(1904, 1000), (1600, 1000)], ids=["1920x1080@150", "1600x1000@150"])
def test_on_a_short_map_the_card_and_the_folded_legend_leave_most_of_it_in_view(
    saves: Path, close_pygame: None, language: str, window: tuple[int, int]  # noqa: F811
) -> None:
    app = App(size=window, saves_dir=saves, scale=150, language=language,
              choice=StartChoice("tutorial", ("KZ",), seed=1))
    driver = Driver(app)
    assert app.window.get_size()[1] == 666  # the canvas: the window's pixels at 150 %
    layout = _map_layout(app)
    card = app.locate("coach_card")
    assert card is not None and layout.legend.height == LEGEND_CLOSED_HEIGHT and driver.has("legend_show")
    button = app.locate("legend_show")
    assert button is not None and app.theme.fonts.width(_("Show the legend"), 13) <= button.width - 8  # whole
    covered = card.width * card.height + layout.legend.width * layout.legend.height
    assert covered <= 0.3 * layout.map.width * layout.map.height  # it was 38 % at 1600×1000 in Russian

    _click(driver, "legend_show")  # the legend whole, when the player asks for it
    layout = _map_layout(app)
    assert layout.legend.height == LEGEND_HEIGHT and driver.has("legend_hide") and not driver.has("legend_show")
    assert not [code for code, box in label_boxes(app).items() if box.colliderect(layout.legend)]
    _click(driver, "legend_hide")
    assert _map_layout(app).legend.height == LEGEND_CLOSED_HEIGHT


@pytest.mark.parametrize("window", [(1280, 720), (1024, 640)])
def test_at_100_percent_the_legend_stays_open_as_every_layout_was_drawn(
    saves: Path, close_pygame: None, window: tuple[int, int]  # noqa: F811
) -> None:
    driver = Driver(App(size=window, saves_dir=saves, scale=100, choice=StartChoice("tutorial", ("KZ",), seed=1)))
    layout = _map_layout(driver.app)
    card = driver.app.locate("coach_card")
    assert layout.legend.height == LEGEND_HEIGHT and card is not None and not card.colliderect(layout.legend)


def test_a_panel_made_before_the_first_build_has_the_legend_the_screen_lays_out(
    saves: Path, close_pygame: None  # noqa: F811
) -> None:
    """One rule says whether the legend starts open: a panel made anew (its layout before its first build) has
    the legend as the game screen lays it out, at 100 % on a short map and after the player folds it."""
    app = App(size=(1024, 640), saves_dir=saves, scale=100, choice=StartChoice("tutorial", ("KZ",), seed=1))
    driver = Driver(app)
    game = game_of(app)
    fresh = MapPanel(app, game.view, game)
    assert fresh.layout.legend == _map_layout(app).legend and fresh.layout.legend.height == LEGEND_HEIGHT
    driver.click("legend_hide")
    assert _map_layout(app).legend.height == LEGEND_CLOSED_HEIGHT
    assert MapPanel(app, game.view, game).layout.legend == _map_layout(app).legend
