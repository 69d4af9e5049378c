"""Where the map writes its labels, in one pass per layout: the states' label boxes, then the names of
cities and seas, none over another, over a route line, or under the legend or another box laid over the map.

Labels are placed greedily in order of importance, each at the first free position of a list of
candidates, so a crowded map drops the least useful ones: the states' boxes first (each on its own
state), then the playable states' capitals, the other capitals, the corridor's ports and cities, and
the seas and large lakes last. A name that finds no free position is left out (the state's tool tip
still names it); a capital's name that finds none clear of the route lines may cross one on a dark
backing rather than be left out.

The placement depends only on the map's rectangle, what covers it, and the labels' widths (the
language and type), never on the quarter's numbers: a state's box is as wide as its widest reading
(:func:`widest_reading`), so the labels stay put from one quarter to the next. It is computed once per
layout (:meth:`game.ui.mapview.MapView.place_labels`), not per frame.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pygame

from game.i18n import format_change, place_name
from game.ui.layout import MAP_LABEL_HEIGHT, MAP_LABEL_MIN_WIDTH, MAP_LABEL_SHORT_HEIGHT
from game.ui.mapdata import City, MapData, ScreenTransform, WaterBody
from game.ui.theme import S2, SIZE_BODY, SIZE_LABEL, Fonts

LABEL_GAP = 2  # pixels between two states' labels, and between a label and a box laid over the map
LABEL_LINE_INDENT = 16  # the leader's glyph before a label's reading line
NAME_GAP = 3  # pixels kept clear between two place names (flush, "Аральское море" over "Кызылорда" read as one)
RINGS = (7, 9, 12)  # pixels from a dot to the nearest edge of its name, tried in turn: at most 6 px between
# the dot as drawn and its name, so that a name never seems another dot's (a crowded map drops one instead)
SEA_NAMES_AT_LEAST_KM2 = 20000.0  # by the box around it: smaller lakes (Sarygamysh, Urmia ...) stay unnamed
DOT_RADIUS = 5  # a city's dot as drawn (a capital's ring)
LINE_ROOM = 2  # pixels a label keeps from a route line beyond the line's half width
LABEL_REACH, LABEL_STEP = 160, 4  # how far (pixels) a label may move from its place on its state, and in what steps
_STEPS = range(-LABEL_REACH, LABEL_REACH + 1, LABEL_STEP)
_OFFSETS = sorted(
    ((dx, dy) for dx in _STEPS for dy in _STEPS if dx * dx + 2 * dy * dy <= LABEL_REACH * LABEL_REACH),
    key=lambda d: (d[0] * d[0] + 2 * d[1] * d[1], d),  # a label is wider than tall: sideways first
)
# The kinds of name in the order they are placed (a crowded map drops the last ones first).
PRIORITY = {"playable_capital": 0, "capital": 1, "port": 2, "city": 2, "border": 2, "sea": 3, "lake": 3}


@dataclass(frozen=True)
class PlacedName:
    """A name to draw: its text, its top-left corner (pixels), what it names (the kind and the id of the place),
    and whether it crosses a route line (then it is drawn on a dark backing)."""

    text: str
    pos: tuple[int, int]
    kind: str  # capital | city | port | border | sea | lake
    place: str = ""
    backed: bool = False


@dataclass(frozen=True)
class MapLabels:
    """Everything the map writes, placed: the states' label boxes, the cities' dots and the names."""

    states: dict[str, pygame.Rect]
    dots: tuple[tuple[City, tuple[int, int]], ...]
    names: tuple[PlacedName, ...]

    def key(self) -> tuple[object, ...]:
        """A hashable summary (the map's cached image is redrawn when it changes)."""
        states = tuple(sorted((code, tuple(box)) for code, box in self.states.items()))
        return (states, tuple((city.id, pos) for city, pos in self.dots), self.names)


@dataclass(frozen=True)
class RouteLine:
    """A drawn leg of a route (pixels), with the width it is drawn at."""

    start: tuple[float, float]
    end: tuple[float, float]
    width: int

    def crosses(self, rect: pygame.Rect) -> bool:
        """True when the line, as wide as drawn and ``LINE_ROOM`` beyond, passes over ``rect``."""
        room = self.width // 2 + LINE_ROOM
        return bool(rect.inflate(2 * room, 2 * room).clipline(self.start, self.end))


def label_reading(leader: str, score: str, change: str, band: str) -> str:
    """A state's reading on its label: leader, score, change since the turn before (with its leading space, or
    nothing) and band, or nothing (``RU 52 +1.2 · aligned``, ``RU 52``)."""
    return f"{leader} {score}{change} · {band}" if band else f"{leader} {score}{change}"


def widest_reading(fonts: Fonts, leaders: Sequence[str], bands: Sequence[str], size: int, change: bool = True) -> int:
    """The width of the widest reading a label can show (any leader and band, two-digit score and, with
    ``change``, two-digit change, in the language's number format): a label's box is this wide whatever the
    quarter, so it never moves for its numbers."""
    widest = 0
    for digit in range(1, 10):
        score = f"{digit}{digit}"
        for sign in (1, -1):
            moved = " " + format_change(sign * (11 * digit + digit / 10), 1) if change else ""
            for leader, band in itertools.product(leaders, bands):
                widest = max(widest, fonts.width(label_reading(leader, score, moved, band), size))
    return widest


def state_label_box(
    code: str, centre: tuple[int, int], fonts: Fonts, line_width: int = 0, large: bool = True
) -> pygame.Rect:
    """The box of a state's map label centred on ``centre``: its name (bold, in the large type for a large
    state) over its reading line (``line_width`` pixels wide: :func:`widest_reading`), at least the minimum."""
    name = fonts.width(place_name(code), SIZE_LABEL if large else SIZE_BODY, True)
    width = max(name, line_width + LABEL_LINE_INDENT if line_width else 0, MAP_LABEL_MIN_WIDTH) + 2 * S2
    box = pygame.Rect(0, 0, width, MAP_LABEL_HEIGHT)
    box.center = centre
    return box


def short_label_box(full: pygame.Rect, name_width: int) -> pygame.Rect:
    """A state's label without its reading line (the name and the shares' bar), centred where ``full`` is."""
    box = pygame.Rect(0, 0, max(name_width, MAP_LABEL_MIN_WIDTH) + 2 * S2, MAP_LABEL_SHORT_HEIGHT)
    box.center = full.center
    return box


def local_name(place_id: str, fallback: str) -> str:
    """A place's name in the current language (:func:`game.i18n.place_name`), or ``fallback`` (the map data's
    English name) for a place the table lacks."""
    try:
        return place_name(place_id)
    except KeyError:
        return fallback


def route_lines(data: MapData, transform: ScreenTransform, main_width: int) -> list[RouteLine]:
    """The corridor's legs as drawn (pixels): the main line ``main_width`` wide, its branches thinner."""
    lines = []
    for branch in (data.corridor, *data.corridor.branches):
        points = transform.points(data.corridor_points(branch))
        width = main_width if branch is data.corridor else 2
        lines += [RouteLine(a, b, width + 2) for a, b in itertools.pairwise(points)]  # the line and its shadow
    return lines


class _Obstacles:
    """What a label may not cover, with quick rejection by bounding boxes."""

    def __init__(self, lines: Sequence[RouteLine]) -> None:
        self.lines = list(lines)
        self.line_boxes = [
            pygame.Rect(
                min(line.start[0], line.end[0]) - line.width,
                min(line.start[1], line.end[1]) - line.width,
                abs(line.end[0] - line.start[0]) + 2 * line.width + 1,
                abs(line.end[1] - line.start[1]) + 2 * line.width + 1,
            )
            for line in self.lines
        ]

    def crosses_line(self, rect: pygame.Rect) -> bool:
        """True when a route line passes over ``rect``."""
        return any(self.lines[i].crosses(rect) for i in rect.collidelistall(self.line_boxes))


def place_map_labels(
    data: MapData,
    transform: ScreenTransform,
    bounds: pygame.Rect,
    fonts: Fonts,
    size: int,
    states: Mapping[str, tuple[pygame.Rect, ...]],
    state_at: Callable[[tuple[int, int]], str | None],
    covers: Sequence[pygame.Rect] = (),
    lines: Sequence[RouteLine] = (),
) -> MapLabels:
    """Place every label of the map at once (pixels of the map's rectangle ``bounds``).

    ``states`` holds each state's label boxes, fullest first (:func:`state_label_box`, :func:`short_label_box`),
    centred where they would best go, in the order to place them (the small states first: they have the fewest
    places); ``state_at`` names the state under a point; ``covers`` are the boxes laid over the map (the legend,
    the tutorial's card); ``lines`` the route lines drawn (:func:`route_lines`). City names are written in type
    ``size`` beside their dots. Nothing placed overlaps anything else placed, a cover, or the edge of ``bounds``.
    """
    dots = [
        (city, pos)
        for city in data.cities
        if city.kind != "junction"
        for pos in [_rounded(transform.to_screen(city.x, city.y))]
        if bounds.collidepoint(pos)
    ]
    obstacles = _Obstacles(lines)
    # Each capital's dot and its name where it would go on a map without states' labels: the labels keep off
    # them where they can, so that every capital stays named; a playable state's capital is always named.
    alone = _place_names(data, transform, bounds, fonts, size, dots, [], covers, obstacles, PRIORITY["capital"])
    capitals = [_dot_box(pos) for city, pos in dots if city.kind == "capital"]
    others = [_dot_box(pos) for city, pos in dots if city.kind != "capital"]
    room = [rect for _, rect in alone]
    playable = {country.id for country in data.playable}
    line = fonts.font(size).get_linesize()
    free_alone = _name_obstacles(dots, [], covers)
    beside = []  # where each playable state's capital's name may go: a label that takes the last is as bad as one
    for city, pos in dots:  # over its dot
        if _kind(city, playable) == "playable_capital":
            text_size = (fonts.width(_city_name(city), size), line)
            beside.append([rect for _, _, rect in _free(_beside(pos, text_size), text_size, bounds, free_alone, [])])
    placed = place_state_labels(states, state_at, bounds, covers, obstacles, capitals, room, others, beside)
    names = _place_names(data, transform, bounds, fonts, size, dots, [*placed.values()], covers, obstacles)
    return MapLabels(placed, tuple(dots), tuple(name for name, _ in names))


def place_state_labels(
    boxes: Mapping[str, tuple[pygame.Rect, ...]],
    state_at: Callable[[tuple[int, int]], str | None],
    bounds: pygame.Rect,
    covers: Sequence[pygame.Rect] = (),
    obstacles: _Obstacles | None = None,
    capitals: Sequence[pygame.Rect] = (),
    names: Sequence[pygame.Rect] = (),
    dots: Sequence[pygame.Rect] = (),
    beside: Sequence[Sequence[pygame.Rect]] = (),
) -> dict[str, pygame.Rect]:
    """Each state's label: one of its ``boxes``, the fullest that finds room (with its reading, else shorter), at
    the place nearest where it is centred whose middle still lies on that state (``state_at`` names the state under
    a point), inside ``bounds`` and clear of ``covers`` and of the labels placed before. Where it can, the label
    also keeps clear of the other cities' ``dots``, the route lines (``obstacles``), the capitals' ``names`` and
    the capitals' dots (``capitals``); where no place is clear of all of them it gives them up in that order, the
    least important first, and a shorter box clear of more of them may win over a fuller one (see ``_tries``). A
    state with no free place on it at all gets no label (what covers it hides it anyway). The states are placed
    again in other orders, the worst off first, and the placement kept is the one with the most labels, then the
    clearest, then the fullest.

        >>> full, short = pygame.Rect(0, 0, 120, 48), pygame.Rect(0, 0, 120, 28)
        >>> full.center = short.center = (100, 100)
        >>> west = lambda pos: "A" if pos[0] < 150 else "B"  # state A left of x=150
        >>> band = pygame.Rect(0, 40, 400, 40)
        >>> placed = place_state_labels({"A": (full, short)}, west, pygame.Rect(0, 0, 400, 400), (band,))
        >>> placed["A"].top >= 80 and west(placed["A"].center) == "A"
        True
    """
    taken = [cover.inflate(2 * LABEL_GAP, 2 * LABEL_GAP) for cover in covers]
    candidates = {
        code: [
            [
                moved
                for moved in (box.move(dx, dy) for dx, dy in _OFFSETS)
                if bounds.contains(moved) and moved.collidelist(taken) == -1 and state_at(moved.center) == code
            ]
            for box in pair
        ]
        for code, pair in boxes.items()
    }
    clear = _Tiers(obstacles or _Obstacles(()), list(capitals), list(names), list(dots), beside)
    order = list(boxes)
    best: dict[str, tuple[pygame.Rect, int, int]] = {}
    for _ in range(len(order)):  # the state worst off goes first next time: keep the most labels, the clearest
        placed = _place_in_order(order, candidates, clear)
        if not best or _quality(placed) > _quality(best):
            best = placed
        worst_first = sorted(order, key=lambda code: -(placed[code][1:] if code in placed else (9, 9))[0])
        if worst_first == order or all(placed.get(code, (None, 9, 9))[1:] == (0, 0) for code in order):
            break
        order = worst_first
    return {code: best[code][0] for code in boxes if code in best}


class _Tiers:
    """How clear a state's label is, from 0 (clear of the route lines, the capitals and their names as they
    would go, and the other cities' dots) through 1 (over another city's dot), 2 (over a route line) and 3 (over
    where a capital's name would go) to 4 (over a capital's dot). Cached: the retries of
    :func:`place_state_labels` ask again."""

    def __init__(
        self,
        obstacles: _Obstacles,
        capitals: list[pygame.Rect],
        names: list[pygame.Rect],
        dots: list[pygame.Rect],
        beside: Sequence[Sequence[pygame.Rect]] = (),
    ) -> None:
        self.obstacles, self.capitals, self.names, self.dots = obstacles, capitals, names, dots
        self.beside = [(spots[0].unionall(spots[1:]), list(spots)) for spots in beside if spots]
        self.known: dict[tuple[int, int, int, int], int] = {}

    def of(self, box: pygame.Rect) -> int:
        """The tier of a label's box."""
        key = (box.x, box.y, box.w, box.h)
        if key not in self.known:
            if box.collidelist(self.capitals) != -1:
                self.known[key] = 4
            elif box.collidelist(self.names) != -1:
                self.known[key] = 3
            elif self.obstacles.crosses_line(box):
                self.known[key] = 2
            else:
                self.known[key] = 1 if box.collidelist(self.dots) != -1 else 0
        return self.known[key]


def _tries(boxes: int) -> list[tuple[int, int]]:
    """The order a state's label tries its places in, as (box, most tier), box 0 the fullest and the last its
    name alone: a label with its reading clear of lines and capitals, if need be over another city's dot, before
    one with its name alone; anything clear of lines before anything over one; and so on.

    >>> _tries(3)[:6]
    [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (2, 1)]
    """
    tries = []
    for group in ((0, 1), (2,), (3,), (4,)):
        pairs = itertools.product(range(boxes), group)
        tries += sorted(pairs, key=lambda pair: (pair[0] == boxes - 1, pair[1], pair[0]))
    return tries


def _place_in_order(
    order: list[str], candidates: dict[str, list[list[pygame.Rect]]], tiers: _Tiers
) -> dict[str, tuple[pygame.Rect, int, int]]:
    """One pass of :func:`place_state_labels`, the states taken in ``order``: each state's box, its tier and
    which of its boxes it is (0 the fullest)."""
    placed: dict[str, tuple[pygame.Rect, int, int]] = {}
    taken: list[pygame.Rect] = []
    beside = tiers.beside  # the spots beside each playable state's capital still free of the labels placed

    def tier(box: pygame.Rect) -> int:
        """A box's tier, 4 (as over a capital's dot) when it takes the last spots beside a playable capital."""
        starves = any(
            around.colliderect(box) and len(box.collidelistall(spots)) == len(spots) for around, spots in beside
        )
        return 4 if starves else tiers.of(box)

    for code in order:
        spot = next(
            (
                (box, tier(box), which)
                for which, most in _tries(len(candidates[code]))
                for box in candidates[code][which]
                if box.collidelist(taken) == -1 and tier(box) <= most
            ),
            None,
        )
        if spot is not None:
            placed[code] = spot
            taken.append(spot[0].inflate(2 * LABEL_GAP, 2 * LABEL_GAP))
            left = [[rect for rect in spots if not rect.colliderect(spot[0])] for _, spots in beside]
            beside = [(spots[0].unionall(spots[1:]), spots) for spots in left if spots]
    return placed


def _quality(placed: dict[str, tuple[pygame.Rect, int, int]]) -> tuple[int, ...]:
    """How good a placement is, best highest: the most labels, then the fewest over capitals' dots, over their
    names, over route lines, over other dots, then the fullest."""
    tiers = [tier for _, tier, _ in placed.values()]
    return (len(placed), *(-tiers.count(tier) for tier in (4, 3, 2, 1)), -sum(which for _, _, which in placed.values()))


def _rounded(point: tuple[float, float]) -> tuple[int, int]:
    return (round(point[0]), round(point[1]))


def _dot_box(pos: tuple[int, int]) -> pygame.Rect:
    """A city's dot as drawn."""
    return pygame.Rect(pos[0] - DOT_RADIUS, pos[1] - DOT_RADIUS, 2 * DOT_RADIUS + 1, 2 * DOT_RADIUS + 1)


def _kind(city: City, playable: set[str]) -> str:
    if city.kind == "capital" and city.country in playable:
        return "playable_capital"
    return city.kind


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
    up and down and sideways from there (a tall sea has room beside the labels); none when it is too small to
    name."""
    ring = max((polygon[0] for polygon in water.polygons), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    if (max(xs) - min(xs)) * (max(ys) - min(ys)) < SEA_NAMES_AT_LEAST_KM2:
        return []
    sx, sy = transform.to_screen((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    w, h = size
    spots = []
    for step, shift in itertools.product((0, -1, 1, -2, 2, -3, 3, -4, 4), (0, -0.5, 0.5)):
        x, y = round(sx + shift * w), round(sy + step * 1.5 * h)
        if water.contains(*transform.to_world(x, y)):
            spots.append((x - w // 2, y - h // 2))
    return spots


def _city_name(city: City) -> str:
    """A city's name as the map writes it ("Alat (Port of Baku)" as "Alat")."""
    return local_name(city.id, city.name.split(" (")[0])


def _name_obstacles(
    dots: Sequence[tuple[City, tuple[int, int]]], states: Sequence[pygame.Rect], covers: Sequence[pygame.Rect]
) -> list[pygame.Rect]:
    """What no name may cover: the states' labels, the boxes over the map (with a gap) and the cities' dots."""
    taken = [*states, *(cover.inflate(2 * LABEL_GAP, 2 * LABEL_GAP) for cover in covers)]
    return taken + [_dot_box(pos) for _, pos in dots]


def _free(
    spots: Sequence[tuple[int, int]],
    size: tuple[int, int],
    bounds: pygame.Rect,
    taken: Sequence[pygame.Rect],
    named: Sequence[pygame.Rect],
) -> list[tuple[int, int, pygame.Rect]]:
    """The spots (top-left corners) where a name of ``size`` fits inside ``bounds``, clear of ``taken`` and
    ``NAME_GAP`` away from the names already placed (``named``), each with the room it takes."""
    w, h = size
    return [
        (x, y, rect)
        for x, y in spots
        for rect in [pygame.Rect(x - 1, y, w + 2, h)]
        if bounds.contains(rect)
        and rect.collidelist(taken) == -1
        and rect.inflate(2 * NAME_GAP, 2 * NAME_GAP).collidelist(named) == -1
    ]


def _place_names(
    data: MapData,
    transform: ScreenTransform,
    bounds: pygame.Rect,
    fonts: Fonts,
    size: int,
    dots: list[tuple[City, tuple[int, int]]],
    states: list[pygame.Rect],
    covers: Sequence[pygame.Rect],
    obstacles: _Obstacles,
    last: int = max(PRIORITY.values()),
) -> list[tuple[PlacedName, pygame.Rect]]:
    """The names (and the room each takes) that fit clear of the states' labels, the covers, the dots, the route
    lines and each other, most important first (:data:`PRIORITY`, down to ``last``); a capital may cross a
    route line (on a backing) rather than go."""
    taken = _name_obstacles(dots, states, covers)
    playable = {country.id for country in data.playable}
    line = fonts.font(size).get_linesize()
    wanted: list[tuple[int, str, str, str, list[tuple[int, int]], tuple[int, int]]] = []
    for city, pos in dots:
        name = _city_name(city)
        text_size = (fonts.width(name, size), line)
        priority = PRIORITY[_kind(city, playable)]
        wanted.append((priority, name, city.kind, city.id, _beside(pos, text_size), text_size))
    for water in data.water:
        water_name = local_name(water.id, water.name)
        text_size = (fonts.width(water_name, size), line)
        wanted.append(
            (
                PRIORITY[water.kind],
                water_name,
                water.kind,
                water.id,
                _water_spots(water, transform, text_size),
                text_size,
            )
        )
    placed = []
    named: list[pygame.Rect] = []  # the names placed, kept NAME_GAP apart
    for priority, name, kind, place, spots, (w, h) in sorted(wanted, key=lambda item: item[0]):
        if priority > last:
            break
        free = _free(spots, (w, h), bounds, taken, named)
        clear = next(((x, y, rect) for x, y, rect in free if not obstacles.crosses_line(rect)), None)
        backed = clear is None and priority <= PRIORITY["capital"] and bool(free)
        spot = clear or (free[0] if backed else None)
        if spot is not None:
            x, y, rect = spot
            taken.append(rect)
            named.append(rect)
            placed.append((PlacedName(name, (x, y), kind, place, backed), rect))
    return placed
