"""Where the map writes the names of cities and seas: each name beside its dot (or inside its
water), never over a state's label, another name or another dot.

Names are placed in order of importance, so a crowded map drops the least useful ones: the
playable states' capitals first (all five fit at 1280×720), then the other capitals, the
seas and large lakes, and the corridor's ports and cities last. Each name tries positions
on rings further and further from its dot; a name with no free position is left out (the
state's tool tip still names it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.i18n import place_name
from game.ui.layout import MAP_LABEL_HEIGHT, MAP_LABEL_MIN_WIDTH, MAP_LABEL_SHORT_HEIGHT
from game.ui.mapdata import City, MapData, ScreenTransform, WaterBody
from game.ui.theme import S2, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, Fonts

LABEL_GAP = 2  # pixels between two states' labels moved apart
LABEL_LINE_INDENT = 16  # the leader's glyph before a label's reading line
NAME_GAP = 3  # pixels kept clear between two place names (flush, "Аральское море" over "Кызылорда" read as one)
RINGS = (7, 14, 24, 34)  # pixels from a dot to the nearest edge of its name, tried in turn
SEA_NAMES_AT_LEAST_KM2 = 20000.0  # by the box around it: smaller lakes (Sarygamysh, Urmia ...) stay unnamed


@dataclass(frozen=True)
class PlacedName:
    """A name to draw: its text, its top-left corner (pixels) and what it names."""

    text: str
    pos: tuple[int, int]
    kind: str  # capital | city | port | border | sea | lake


def state_label_box(
    code: str, centre: tuple[int, int], fonts: Fonts, line: str = "", large: bool = True
) -> pygame.Rect:
    """The box of a state's map label centred on ``centre``: its name (bold, in the large type for a large
    state) over its reading ``line`` (leader, score, change since last turn, band), at least the minimum."""
    name = fonts.width(place_name(code), SIZE_LABEL if large else SIZE_BODY, True)
    width = max(name, fonts.width(line, SIZE_SMALL) + LABEL_LINE_INDENT if line else 0, MAP_LABEL_MIN_WIDTH) + 2 * S2
    box = pygame.Rect(0, 0, width, MAP_LABEL_HEIGHT)
    box.center = centre
    return box


def local_name(place_id: str, fallback: str) -> str:
    """A place's name in the current language (:func:`game.i18n.place_name`), or ``fallback`` (the map data's
    English name) for a place the table lacks."""
    try:
        return place_name(place_id)
    except KeyError:
        return fallback


LABEL_REACH, LABEL_STEP = 160, 4  # how far (pixels) a label may move from its place on its state, and in what steps
_STEPS = range(-LABEL_REACH, LABEL_REACH + 1, LABEL_STEP)
_OFFSETS = sorted(
    ((dx, dy) for dx in _STEPS for dy in _STEPS),
    key=lambda d: d[0] * d[0] + 2 * d[1] * d[1],  # a label is wider than tall: sideways first
)


def short_label_box(full: pygame.Rect, name_width: int) -> pygame.Rect:
    """A state's label without its reading line (the name and the shares' bar), centred where ``full`` is."""
    box = pygame.Rect(0, 0, max(name_width, MAP_LABEL_MIN_WIDTH) + 2 * S2, MAP_LABEL_SHORT_HEIGHT)
    box.center = full.center
    return box


def place_state_labels(
    boxes: dict[str, tuple[pygame.Rect, pygame.Rect]],
    state_at: Callable[[tuple[int, int]], str | None],
    bounds: pygame.Rect,
    covers: tuple[pygame.Rect, ...] = (),
) -> dict[str, pygame.Rect]:
    """Each state's label (its full box, else its short box: see :func:`short_label_box`) at the place nearest
    where it is centred whose middle still lies on that state (``state_at`` names the state under a point), clear
    of the labels placed before, of ``covers`` (the legend, the tutorial's card) and inside ``bounds``. A label
    never goes onto another state to find room: it drops its reading line first, and a state with no free place
    on it at all gets no label (what covers it, the card or the legend, hides it anyway). States are placed in
    the order given (the small ones first: they have the fewest places).

    >>> full, short = pygame.Rect(0, 0, 120, 48), pygame.Rect(0, 0, 120, 28)
    >>> full.center = short.center = (100, 100)
    >>> west = lambda pos: "A" if pos[0] < 150 else "B"  # state A left of x=150
    >>> band = pygame.Rect(0, 40, 400, 40)
    >>> placed = place_state_labels({"A": (full, short)}, west, pygame.Rect(0, 0, 400, 400), (band,))
    >>> placed["A"].top >= 80 and west(placed["A"].center) == "A"
    True
    """
    order = list(boxes)
    best: dict[str, pygame.Rect] = {}
    for _ in range(len(order)):  # a state left without room goes first next time: keep the most labels
        placed = _place_in_order(order, boxes, state_at, bounds, covers)
        if len(placed) > len(best):
            best = placed
        left = [code for code in order if code not in placed]
        if not left:
            break
        order = left + [code for code in order if code in placed]
    return best


def _place_in_order(
    order: list[str],
    boxes: dict[str, tuple[pygame.Rect, pygame.Rect]],
    state_at: Callable[[tuple[int, int]], str | None],
    bounds: pygame.Rect,
    covers: tuple[pygame.Rect, ...],
) -> dict[str, pygame.Rect]:
    """One pass of :func:`place_state_labels`, the states taken in ``order``."""
    placed: dict[str, pygame.Rect] = {}
    taken = [cover.inflate(2 * LABEL_GAP, 2 * LABEL_GAP) for cover in covers]
    for code in order:
        spot = next(
            (
                moved
                for box in boxes[code]
                for moved in (box.move(dx, dy) for dx, dy in _OFFSETS)
                if bounds.contains(moved) and moved.collidelist(taken) == -1 and state_at(moved.center) == code
            ),
            None,
        )
        if spot is not None:
            placed[code] = spot
            taken.append(spot.inflate(2 * LABEL_GAP, 2 * LABEL_GAP))
    return placed


def _priority(city: City, playable: set[str]) -> int:
    if city.kind == "capital":
        return 0 if city.country in playable else 1
    return 3


def _beside(dot: tuple[int, int], size: tuple[int, int]) -> list[tuple[int, int]]:
    """Top-left corners for a name of ``size`` around a dot: right, left, above, below, then the corners."""
    x, y = dot
    w, h = size
    spots = []
    for gap in RINGS:
        up, down = y - h - gap + 1, y + gap - 1  # clear of the dot (radius 5) at the first ring
        spots += [
            (x + gap, y - h // 2),
            (x - gap - w, y - h // 2),
            (x - w // 2, up),
            (x - w // 2, down),
            (x + gap - 3, up),
            (x + gap - 3, down),
            (x - gap + 3 - w, up),
            (x - gap + 3 - w, down),
        ]
    return spots


def _water_spots(water: WaterBody, transform: ScreenTransform, size: tuple[int, int]) -> list[tuple[int, int]]:
    """Top-left corners for a sea's or lake's name, centred on points inside it: the middle of its box, then
    up and down from there (a tall sea has room beside the labels); none when it is too small to name."""
    ring = max((polygon[0] for polygon in water.polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if (max(xs) - min(xs)) * (max(ys) - min(ys)) < SEA_NAMES_AT_LEAST_KM2:
        return []
    sx, sy = transform.to_screen((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    w, h = size
    spots = []
    for step in (0, -1, 1, -2, 2, -3, 3):
        x, y = round(sx), round(sy + step * 1.5 * h)
        if water.contains(*transform.to_world(x, y)):
            spots.append((x - w // 2, y - h // 2))
    return spots


def place_names(
    data: MapData,
    transform: ScreenTransform,
    bounds: pygame.Rect,
    label_boxes: dict[str, pygame.Rect],
    fonts: Fonts,
    size: int,
) -> tuple[list[tuple[City, tuple[int, int]]], list[PlacedName]]:
    """The dots of the cities inside ``bounds`` and the names that fit clear of the states' ``label_boxes``
    (:func:`state_label_box`, as drawn), most important first."""
    taken = [pygame.Rect(box) for box in label_boxes.values()]
    dots = []
    for city in data.cities:
        if city.kind == "junction":
            continue
        sx, sy = transform.to_screen(city.x, city.y)
        pos = (round(sx), round(sy))
        if bounds.collidepoint(pos):
            dots.append((city, pos))
            taken.append(pygame.Rect(pos[0] - 5, pos[1] - 5, 11, 11))
    playable = {country.id for country in data.playable}
    wanted: list[tuple[int, str, str, list[tuple[int, int]], tuple[int, int]]] = []
    for city, pos in dots:
        name = local_name(city.id, city.name.split(" (")[0])  # "Alat (Port of Baku)" -> "Alat"
        text_size = (fonts.width(name, size), fonts.font(size).get_linesize())
        wanted.append((_priority(city, playable), name, city.kind, _beside(pos, text_size), text_size))
    for water in data.water:
        water_name = local_name(water.id, water.name)
        text_size = (fonts.width(water_name, size), fonts.font(size).get_linesize())
        wanted.append((2, water_name, water.kind, _water_spots(water, transform, text_size), text_size))
    placed = []
    named: list[pygame.Rect] = []  # the names placed, kept NAME_GAP apart
    for _, name, kind, spots, (w, h) in sorted(wanted, key=lambda item: item[0]):
        for x, y in spots:
            rect = pygame.Rect(x - 1, y, w + 2, h)
            apart = rect.inflate(2 * NAME_GAP, 2 * NAME_GAP).collidelist(named) == -1
            if bounds.contains(rect) and apart and rect.collidelist(taken) == -1:
                taken.append(rect)
                named.append(rect)
                placed.append(PlacedName(name, (x, y), kind))
                break
    return dots, placed
