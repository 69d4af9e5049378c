"""Capitals and seas are named on the map, and no name covers a state's label or another name."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui.layout import GameLayout
from game.ui.mapview import MapView
from game.ui.placenames import state_label_box
from game.ui.theme import SIZE_SMALL, theme

PLAYABLE_CAPITALS = {"Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"}


@pytest.fixture(scope="module")
def fonts():  # type: ignore[no-untyped-def]
    pygame.font.init()
    return theme().fonts


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640), (1305, 734), (1600, 900)])
def test_every_playable_capital_and_the_caspian_are_named(size: tuple[int, int], fonts) -> None:  # type: ignore[no-untyped-def]
    view = MapView(theme())
    view.set_rect(GameLayout.of(size).map)
    assert view.transform is not None
    bounds = pygame.Rect((0, 0), view.rect.size)
    wanted = {code: (state_label_box(code, centre, fonts),) for code, centre in view.labels.items()}
    placed = view.place_labels(wanted)
    labels, names = placed.states, placed.names
    shown = {name.text for name in names}
    assert shown >= PLAYABLE_CAPITALS, PLAYABLE_CAPITALS - shown
    assert "Caspian Sea" in shown and ("Aral Sea" in shown or size[0] < 1280)  # the Aral is small at 1024
    line = fonts.font(SIZE_SMALL).get_linesize()
    boxes = [pygame.Rect(n.pos, (fonts.width(n.text, SIZE_SMALL), line)) for n in names]
    for box, name in zip(boxes, names, strict=True):
        assert bounds.contains(box) and box.collidelist(list(labels.values())) == -1, name
    for a, b in itertools.combinations(boxes, 2):
        assert not a.colliderect(b)
