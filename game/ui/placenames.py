"""Where the map writes the names of cities and seas: each name beside its dot (or inside its
water), never over a state's label, another name or another dot.

Names are placed in order of importance, so a crowded map drops the least useful ones: the
playable states' capitals first (all five fit at 1280×720), then the other capitals, the
seas and large lakes, and the corridor's ports and cities last. Each name tries positions
on rings further and further from its dot; a name with no free position is left out (the
state's tool tip still names it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.codes import COUNTRY_NAMES
from game.ui.layout import MAP_LABEL_HEIGHT, MAP_LABEL_MIN_WIDTH
from game.ui.mapdata import City, MapData, ScreenTransform, WaterBody
from game.ui.theme import S2, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, Fonts

LABEL_GAP = 2  # pixels between two states' labels moved apart
LABEL_LINE_INDENT = 16  # the leader's glyph before a label's reading line
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
    name = fonts.width(COUNTRY_NAMES[code], SIZE_LABEL if large else SIZE_BODY, True)
    width = max(name, fonts.width(line, SIZE_SMALL) + LABEL_LINE_INDENT if line else 0, MAP_LABEL_MIN_WIDTH) + 2 * S2
    box = pygame.Rect(0, 0, width, MAP_LABEL_HEIGHT)
    box.center = centre
    return box


def separate_labels(
    boxes: dict[str, pygame.Rect], bounds: pygame.Rect, obstacles: tuple[pygame.Rect, ...] = ()
) -> dict[str, pygame.Rect]:
    """The states' label boxes moved apart so that none overlaps another or an obstacle (the legend, the
    tutorial's card), each kept inside ``bounds``: two boxes that overlap are pushed apart by half the overlap
    each, vertically (labels are wider than tall, and a label stays over its own state best straight above or
    below its place) unless they overlap less across; a box on an obstacle goes the shortest way off it.

    >>> boxes = {"KG": pygame.Rect(400, 300, 140, 48), "TJ": pygame.Rect(370, 330, 120, 48)}
    >>> moved = separate_labels(boxes, pygame.Rect(0, 0, 700, 600))
    >>> moved["KG"].colliderect(moved["TJ"]), moved["KG"].y, moved["TJ"].y
    (False, 290, 340)
    """
    moved = {code: box.copy() for code, box in boxes.items()}
    for _ in range(12):  # a few rounds settle a cluster of three or four labels
        clash = False
        for first, second in ((a, b) for a in moved for b in moved if a < b):
            upper, lower = sorted((moved[first], moved[second]), key=lambda box: box.centery)
            left, right = sorted((upper, lower), key=lambda box: box.centerx)
            if upper.colliderect(lower):
                clash = True
                overlap = upper.bottom - lower.top + LABEL_GAP
                across = left.right - right.left + LABEL_GAP
                if across < overlap:  # side by side more than one above the other (squeezed between covers)
                    left.x -= across // 2
                    right.x += across - across // 2
                else:
                    upper.y -= overlap // 2
                    lower.y += overlap - overlap // 2
        for box in moved.values():
            for obstacle in obstacles:
                if box.colliderect(obstacle):
                    clash = True
                    box.topleft = off_obstacle(box, obstacle, bounds).topleft
            box.clamp_ip(bounds)
        if not clash:
            break
    # A box still on another or on a cover (squeezed between the tutorial's card and the legend) goes to the
    # nearest free place around where it is.
    for code, box in moved.items():
        others = [other for key, other in moved.items() if key != code] + list(obstacles)
        if box.collidelist(others) != -1:
            box.topleft = nearest_free(box, others, bounds).topleft
    return moved


def nearest_free(box: pygame.Rect, taken: list[pygame.Rect], bounds: pygame.Rect, reach: int = 200) -> pygame.Rect:
    """``box`` moved as little as possible (in steps of 4 px, up to ``reach``) to where it overlaps none of
    ``taken`` and stays inside ``bounds``; as it is when no such place is near.

    >>> nearest_free(pygame.Rect(100, 100, 120, 48), [pygame.Rect(80, 90, 100, 40)], pygame.Rect(0, 0, 600, 400))
    Rect(100, 132, 120, 48)
    """
    apart = [rect.inflate(2 * LABEL_GAP, 2 * LABEL_GAP) for rect in taken]
    steps = range(-reach, reach + 1, 4)
    for dx, dy in sorted(((dx, dy) for dx in steps for dy in steps), key=lambda d: abs(d[0]) + abs(d[1])):
        moved = box.move(dx, dy)
        if bounds.contains(moved) and moved.collidelist(apart) == -1:
            return moved
    return box


def off_obstacle(box: pygame.Rect, obstacle: pygame.Rect, bounds: pygame.Rect) -> pygame.Rect:
    """``box`` moved the shortest way (up, down, right or left) that clears ``obstacle`` and stays inside
    ``bounds``; straight up when no way does (as the legend's neighbours always went).

    >>> off_obstacle(pygame.Rect(300, 160, 120, 48), pygame.Rect(12, 64, 376, 246), pygame.Rect(0, 0, 684, 588))
    Rect(390, 160, 120, 48)
    >>> off_obstacle(pygame.Rect(40, 400, 120, 48), pygame.Rect(12, 420, 262, 216), pygame.Rect(0, 0, 684, 588))
    Rect(40, 370, 120, 48)
    """
    moves = [
        box.move(0, obstacle.top - LABEL_GAP - box.bottom),
        box.move(0, obstacle.bottom + LABEL_GAP - box.top),
        box.move(obstacle.right + LABEL_GAP - box.left, 0),
        box.move(obstacle.left - LABEL_GAP - box.right, 0),
    ]
    inside = [moved for moved in moves if bounds.contains(moved)]
    return min(inside, key=lambda moved: abs(moved.x - box.x) + abs(moved.y - box.y), default=moves[0])


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
        name = city.name.split(" (")[0]  # "Alat (Port of Baku)" -> "Alat"
        text_size = (fonts.width(name, size), fonts.font(size).get_linesize())
        wanted.append((_priority(city, playable), name, city.kind, _beside(pos, text_size), text_size))
    for water in data.water:
        text_size = (fonts.width(water.name, size), fonts.font(size).get_linesize())
        wanted.append((2, water.name, water.kind, _water_spots(water, transform, text_size), text_size))
    placed = []
    for _, name, kind, spots, (w, h) in sorted(wanted, key=lambda item: item[0]):
        for x, y in spots:
            rect = pygame.Rect(x - 1, y, w + 2, h)
            if bounds.contains(rect) and rect.collidelist(taken) == -1:
                taken.append(rect)
                placed.append(PlacedName(name, (x, y), kind))
                break
    return dots, placed
