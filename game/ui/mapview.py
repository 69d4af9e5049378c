"""The map: real outlines from ``assets/map/central_asia.json``, coloured by dependence.

The expensive part (filled polygons, water, rivers, corridor) is rendered once at
twice the size and smoothed down into a cached surface; it is redrawn only when the
window is resized, the palette changes, or the state shown changes. A frame then
costs one blit plus the hover outline and labels.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.engine.codes import POWERS
from game.i18n import current_language
from game.ui.bands import band_index, read_state
from game.ui.layout import MAP_LABEL_HEIGHT, MAP_LABEL_MIN_WIDTH
from game.ui.mapdata import Bounds, MapData, ScreenTransform, load_map
from game.ui.placenames import MapLabels, PlacedName, local_name, place_map_labels, route_lines
from game.ui.theme import S2, SIZE_SMALL, Colour, Palette, Theme, mix

if TYPE_CHECKING:  # the start screen draws this map before the engine is imported (see App.run)
    from game.play.session import Session

LABEL_HIT_WIDTH = MAP_LABEL_MIN_WIDTH + 2 * S2  # the narrowest label box a state draws (see panels.map)

SUPERSAMPLE = 2
# How strongly a state's fill shows its leader's colour over neutral land, per band (balanced … dependent).
BAND_STRENGTH = (0.35, 0.55, 0.75, 0.95)
CORRIDOR_FULL_SHARE = 0.3  # the share at which the corridor line is drawn at its widest
HALO_OFFSETS = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3) if 0 < abs(dx) + abs(dy) <= 2]
CORRIDOR_SHADOW = (20, 20, 20)  # under the corridor's land legs, so the line reads over any fill
# Label anchors nudged (km) off the centroid where the shape would crowd the text.
LABEL_NUDGE = {"KZ": (0.0, 80.0), "UZ": (60.0, 60.0), "KG": (80.0, 0.0), "TJ": (60.0, 0.0), "TM": (-60.0, 0.0)}


def state_colour(scores: np.ndarray, palette: Palette) -> Colour:
    """Fill colour of a state from its headline scores per power (0–100).

    The powers' colours are mixed with weights D_p² (so the leader dominates the
    hue) and the mix is laid over neutral land by the band of the leading power:
    a balanced state looks pale, a dependent one saturated.
    """
    d = np.maximum(np.asarray(scores, dtype=float), 0.0)
    weights = d**2
    total = float(weights.sum())
    if total <= 0:
        return palette.neutral_land
    hue = [0.0, 0.0, 0.0]
    for p, code in enumerate(POWERS):
        colour = palette.power(code)
        for i in range(3):
            hue[i] += colour[i] * weights[p] / total
    reading = read_state({code: float(d[p]) for p, code in enumerate(POWERS)})
    strength = BAND_STRENGTH[band_index(reading.band)]
    return mix(palette.neutral_land, (round(hue[0]), round(hue[1]), round(hue[2])), strength)


def label_change(session: Session, turn: int, country: int) -> str:
    """The leading power's headline change over the turn, for a state's map label: ``" +1.2"`` (one decimal, true
    minus, the change of the values as the state's panel writes them: :func:`game.play.rounding.shown_change`), or
    nothing at the start or when it reads 0.0."""
    from game.i18n import format_change
    from game.play.rounding import shown_change
    from game.play.summary import headline_change  # the engine: see the imports above

    if turn <= 0:
        return ""
    head = session.headline(turn)[country]
    leader = int(np.argmax(head))
    after = float(head[leader])
    change = shown_change(after - float(headline_change(session, turn)[country, leader]), after, 1)
    return f" {format_change(change, 1)}" if change else ""


def fit_view(view: Bounds, bounds: Bounds, width: int, height: int) -> ScreenTransform:
    """Show as much of ``view`` as fits without ever showing past the data's ``bounds``.

    The whole view is contained; where the window's shape shows past the data, the
    centre is pulled back inside it as far as possible.
    """
    scale = min(width / view.width, height / view.height)
    half_w, half_h = width / scale / 2, height / scale / 2
    cx, cy = view.center
    cx = min(max(cx, bounds.min_x + half_w), bounds.max_x - half_w)
    cy = min(max(cy, bounds.min_y + half_h), bounds.max_y - half_h)
    return ScreenTransform(scale=scale, offset_x=width / 2 - cx * scale, offset_y=height / 2 + cy * scale)


def band_swatch(code: str, band: int, palette: Palette) -> Colour:
    """Legend swatch: a state led by ``code`` in band ``band`` (0–3)."""
    return mix(palette.neutral_land, palette.power(code), BAND_STRENGTH[band])


def corridor_width(share: float) -> int:
    """Line width of the corridor (pixels): thicker as the share it carries grows, up to
    ``CORRIDOR_FULL_SHARE``.

    >>> [corridor_width(s) for s in (0.0, 0.06, 0.15, 0.3, 0.9)]
    [2, 3, 4, 6, 6]
    """
    return 2 + round(4 * min(1.0, share / CORRIDOR_FULL_SHARE))


def _centroid(ring: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        return ring[0]
    return (cx / (3 * a), cy / (3 * a))


@dataclass
class Label:
    """Where a playable state's label goes, in screen pixels."""

    code: str
    pos: tuple[int, int]


class MapView:
    """Projects, caches and hit-tests the map inside one rectangle of the window."""

    def __init__(self, theme: Theme, data: MapData | None = None) -> None:
        self.theme = theme
        self.data = data or load_map()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.transform: ScreenTransform | None = None
        self.base: pygame.Surface | None = None
        self.base_key: object = None
        self.land: pygame.Surface | None = None  # the base without place names
        self.names: list[PlacedName] = []  # the place names on the base
        self.land_key: object = None
        self._placement: tuple[object, MapLabels] | None = None  # the labels placed for this layout
        self.labels: dict[str, tuple[int, int]] = {}
        self.label_boxes: dict[str, pygame.Rect] = {}  # the labels as drawn (window pixels), once drawn
        self.capitals: list[tuple[str, tuple[int, int], str]] = []
        self._hover_cache: tuple[tuple[int, int], str | None] = ((-1, -1), None)
        self._outlines: dict[str, list[list[tuple[float, float]]]] = {}
        self.mask: pygame.Surface | None = None
        self._codes = [c.id for c in self.data.countries]
        self._anchor_km = {}
        for country in self.data.playable:
            biggest = max(country.polygons, key=lambda p: len(p[0]))
            x, y = _centroid(biggest[0])
            nx, ny = LABEL_NUDGE.get(country.id, (0.0, 0.0))
            self._anchor_km[country.id] = (x + nx, y + ny)

    def set_rect(self, rect: pygame.Rect) -> None:
        """Fit the map's suggested view to cover ``rect``."""
        if rect.width < 10 or rect.height < 10:
            rect = pygame.Rect(rect.x, rect.y, max(rect.width, 10), max(rect.height, 10))
        if rect == self.rect and self.transform is not None:
            return
        self.rect = rect.copy()
        self.transform = fit_view(self.data.view, self.data.bounds, rect.width, rect.height)
        self.base = None
        self.land = None
        self.mask = None
        self._land: dict[str, pygame.Mask] = {}
        self._placement = None
        self._outlines = {}
        self.labels = {}
        self.label_boxes = {}
        for code, (x_km, y_km) in self._anchor_km.items():
            x, y = self.transform.to_screen(x_km, y_km)
            self.labels[code] = (round(x), round(y))
        self._hover_cache = ((-1, -1), None)

    # ------------------------------------------------------------------ hit testing

    def country_at(self, pos: tuple[int, int]) -> str | None:
        """ISO code of the country under a window position (None over water / outside)."""
        if self.transform is None or not self.rect.collidepoint(pos):
            return None
        if self._hover_cache[0] == pos:
            return self._hover_cache[1]
        found = self._label_at(pos)
        if found is None:
            found = self.state_at_map((pos[0] - self.rect.x, pos[1] - self.rect.y))
        self._hover_cache = (pos, found)
        return found

    def set_label_boxes(self, boxes: dict[str, pygame.Rect]) -> None:
        """Where the states' labels are drawn (window pixels): a click on a label is a click on its state."""
        if boxes != self.label_boxes:
            self.label_boxes = boxes
            self._hover_cache = ((-1, -1), None)

    def state_at_map(self, pos: tuple[int, int]) -> str | None:
        """ISO code of the country under a point in map pixels, by the land alone (None over water / outside)."""
        if not pygame.Rect((0, 0), self.rect.size).collidepoint(pos):
            return None
        index = self._hit_mask().get_at(pos)[0] - 1
        return self._codes[index] if 0 <= index < len(self._codes) else None

    def _label_at(self, pos: tuple[int, int]) -> str | None:
        """The playable state whose label box holds a window position: a label belongs to its state, so a
        small state (Kyrgyzstan, Tajikistan) is as easy to hit as its label is large. Before the labels are
        drawn, a box of the narrowest label's size around each state's place."""
        if self.label_boxes:
            return next((code for code, box in self.label_boxes.items() if box.collidepoint(pos)), None)
        for code, (x, y) in self.labels.items():
            box = pygame.Rect(0, 0, LABEL_HIT_WIDTH, MAP_LABEL_HEIGHT)
            box.center = (self.rect.x + x, self.rect.y + y)
            if box.collidepoint(pos):
                return code
        return None

    def name_of(self, code: str) -> str:
        """Name of a country code in the current language (the map's own name for a state the table lacks)."""
        try:
            return local_name(code, self.data.country(code).name)
        except KeyError:
            return code

    def hidden_share(self, code: str, rect: pygame.Rect) -> float:
        """The share of a state's land on the map that a box laid over it (window pixels) hides, 0 to 1."""
        if code not in self._land:
            index = self._codes.index(code) + 1
            self._land[code] = pygame.mask.from_threshold(self._hit_mask(), (index, 0, 0, 255), (1, 1, 1, 255))
        land = self._land[code]
        total = land.count()
        local = rect.move(-self.rect.x, -self.rect.y)
        if not total or local.width <= 0 or local.height <= 0:
            return 0.0
        return land.overlap_area(pygame.Mask(local.size, fill=True), local.topleft) / total

    def _hit_mask(self) -> pygame.Surface:
        """Country index + 1 per pixel (0 for water), painted like the map: O(1) hit tests."""
        if self.mask is None:
            assert self.transform is not None
            mask = pygame.Surface(self.rect.size)
            mask.fill((0, 0, 0))
            index = {code: i + 1 for i, code in enumerate(self._codes)}
            for country, polygon in self.data.polygons_in_draw_order():
                points = self.transform.points(polygon[0])
                if len(points) >= 3:
                    pygame.draw.polygon(mask, (index[country.id], 0, 0), points)
            for water in self.data.water:
                for polygon in water.polygons:
                    points = self.transform.points(polygon[0])
                    if len(points) >= 3:
                        pygame.draw.polygon(mask, (0, 0, 0), points)
            self.mask = mask
        return self.mask

    # ------------------------------------------------------------------ drawing

    def place_labels(
        self, states: Mapping[str, tuple[pygame.Rect, ...]], covers: tuple[pygame.Rect, ...] = ()
    ) -> MapLabels:
        """Every label of the map placed at once (map pixels; :func:`game.ui.placenames.place_map_labels`): the
        states' boxes (full and short, centred on their states, in the order to place them), clear of ``covers``
        (the boxes laid over the map, in map pixels), then the names of the cities and seas. Computed once per
        layout: the same rectangle, boxes, covers and language give the same placement without placing again."""
        assert self.transform is not None
        key = (
            self.rect.size,
            tuple((code, *(tuple(box) for box in boxes)) for code, boxes in states.items()),
            tuple(tuple(cover) for cover in covers),
            current_language(),
        )
        if self._placement is None or self._placement[0] != key:
            # The corridor at its widest: its width follows the quarter's share, the placement must not.
            lines = route_lines(self.data, self.transform, corridor_width(CORRIDOR_FULL_SHARE))
            bounds = pygame.Rect((0, 0), self.rect.size)
            labels = place_map_labels(
                self.data,
                self.transform,
                bounds,
                self.theme.fonts,
                SIZE_SMALL,
                states,
                self.state_at_map,
                covers,
                lines,
            )
            self._placement = (key, labels)
        return self._placement[1]

    def render_base(
        self, colours: dict[str, Colour], palette: Palette, corridor_share: float, labels: MapLabels | None = None
    ) -> pygame.Surface:
        """The cached map image for these state colours, with the place names where ``labels`` put them (by
        default placed with no state's label: the start screen's backdrop)."""
        key = (self.rect.size, tuple(sorted(colours.items())), palette.colourblind, round(corridor_share, 3))
        placed = labels or self.place_labels({})
        names_key = (key, placed.key())
        if self.base is not None and self.base_key == names_key:
            return self.base
        if self.land is None or self.land_key != key:
            self.land = self._render_land(colours, palette, corridor_share)
            self.land_key = key
        image = self.land.copy()  # the names move with the labels; the land is drawn once per colouring
        self._draw_cities(image, palette, placed)
        self.base = image
        self.base_key = names_key
        return image

    def _render_land(self, colours: dict[str, Colour], palette: Palette, corridor_share: float) -> pygame.Surface:
        """States, seas, rivers and the corridor, without the place names."""
        assert self.transform is not None
        k = SUPERSAMPLE
        big = pygame.Surface((self.rect.width * k, self.rect.height * k))
        t = ScreenTransform(
            scale=self.transform.scale * k, offset_x=self.transform.offset_x * k, offset_y=self.transform.offset_y * k
        )
        big.fill(palette.neighbour)  # beyond the data: land of the neighbours (seas are polygons)
        for country, polygon in self.data.polygons_in_draw_order():
            fill = colours.get(country.id, palette.neighbour)
            points = t.points(polygon[0])
            if len(points) >= 3:
                pygame.draw.polygon(big, fill, points)
        for country, polygon in self.data.polygons_in_draw_order():
            points = t.points(polygon[0])
            if len(points) >= 3:
                playable = country.id in colours
                pygame.draw.lines(big, palette.border if playable else palette.neighbour_edge, True, points, 2)
        for water in self.data.water:
            for polygon in water.polygons:
                points = t.points(polygon[0])
                if len(points) >= 3:
                    pygame.draw.polygon(big, palette.water, points)
                    pygame.draw.lines(big, palette.water_edge, True, points, 2)
        for river in self.data.rivers:
            for line in river.lines:
                points = t.points(line)
                if len(points) >= 2:
                    pygame.draw.lines(big, palette.river, False, points, 3)
        image = pygame.transform.smoothscale(big, self.rect.size)
        self._fade_edges(image, palette)
        self._draw_corridor(image, palette, corridor_share)
        return image

    def _fade_edges(self, image: pygame.Surface, palette: Palette, depth: int = 56) -> None:
        """Where the window shows past the map data, fade the map into the background (no seam)."""
        assert self.transform is not None
        b = self.data.bounds
        left, top = self.transform.to_screen(b.min_x, b.max_y)
        right, bottom = self.transform.to_screen(b.max_x, b.min_y)
        w, h = image.get_size()
        ramp = pygame.Surface((1, depth), pygame.SRCALPHA)
        for i in range(depth):
            t = (i + 1) / depth
            ramp.set_at((0, i), (*palette.background, round(255 * t * t * (3 - 2 * t))))
        edges = [
            ("bottom", round(bottom), h),
            ("top", round(top), 0),
            ("left", round(left), 0),
            ("right", round(right), w),
        ]
        for side, edge, limit in edges:
            if side == "bottom" and edge < h:
                image.blit(pygame.transform.scale(ramp, (w, depth)), (0, edge - depth))
                image.fill(palette.background, (0, edge, w, h - edge))
            elif side == "top" and edge > 0:
                image.blit(pygame.transform.flip(pygame.transform.scale(ramp, (w, depth)), False, True), (0, edge))
                image.fill(palette.background, (0, 0, w, edge))
            elif side == "left" and edge > 0:
                strip = pygame.transform.rotate(pygame.transform.scale(ramp, (h, depth)), -90)
                image.blit(strip, (edge, 0))
                image.fill(palette.background, (0, 0, edge, h))
            elif side == "right" and edge < w:
                strip = pygame.transform.rotate(pygame.transform.scale(ramp, (h, depth)), 90)
                image.blit(strip, (edge - depth, 0))
                image.fill(palette.background, (edge, 0, w - edge, h))
            _ = limit

    def _draw_corridor(self, image: pygame.Surface, palette: Palette, share: float) -> None:
        assert self.transform is not None
        data = self.data
        width = corridor_width(share)
        for branch in (data.corridor, *data.corridor.branches):
            points = self.transform.points(data.corridor_points(branch))
            main = branch is data.corridor
            for (a, b), mode in zip(itertools.pairwise(points), branch.modes, strict=True):
                colour = palette.corridor if main else mix(palette.corridor, palette.water, 0.45)
                if mode == "sea":
                    _dashed(image, colour, a, b, width if main else 2)
                else:
                    pygame.draw.line(image, CORRIDOR_SHADOW, a, b, (width if main else 2) + 2)
                    pygame.draw.line(image, colour, a, b, width if main else 2)

    def _draw_cities(self, surface: pygame.Surface, palette: Palette, labels: MapLabels) -> None:
        """Capitals (ringed), ports and corridor cities, and the names of cities and seas where ``labels`` put
        them; a name that crosses a route line on a dark backing."""
        corridor = set(self.data.corridor.path) | {c for b in self.data.corridor.branches for c in b.path}
        fonts = self.theme.fonts
        self.names = list(labels.names)
        for city, pos in labels.dots:
            if city.kind == "capital":
                pygame.draw.circle(surface, palette.background, pos, 5)
                pygame.draw.circle(surface, palette.highlight, pos, 5, 2)
                pygame.draw.circle(surface, palette.highlight, pos, 1)
            else:
                pygame.draw.circle(surface, palette.background, pos, 4)
                pygame.draw.circle(surface, palette.corridor if city.id in corridor else palette.text_dim, pos, 3)
        water_text = mix(palette.water_edge, palette.text, 0.45)
        for name in labels.names:
            colour = {"capital": palette.text, "sea": water_text, "lake": water_text}.get(name.kind, palette.text_dim)
            image = fonts.render(name.text, SIZE_SMALL, colour)
            if name.backed:
                backing = image.get_rect(topleft=name.pos).inflate(4, 0)
                pygame.draw.rect(surface, palette.background, backing, border_radius=3)
            _halo(surface, image, name.pos, palette.background)

    def draw_outline(self, surface: pygame.Surface, code: str, colour: Colour, width: int = 2) -> None:
        """Outline one country (hover / selection)."""
        assert self.transform is not None
        try:
            country = self.data.country(code)
        except KeyError:
            return
        if code not in self._outlines:
            ox, oy = self.rect.topleft
            self._outlines[code] = [
                [(x + ox, y + oy) for x, y in self.transform.points(polygon[0])] for polygon in country.polygons
            ]
        for points in self._outlines[code]:
            if len(points) >= 3:
                pygame.draw.lines(surface, colour, True, points, width)


def _dashed(
    surface: pygame.Surface, colour: Colour, a: tuple[float, float], b: tuple[float, float], width: int
) -> None:
    length = max(1.0, ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5)
    steps = int(length // 8)
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, p0, p1, max(1, width - 1))


def _halo(surface: pygame.Surface, image: pygame.Surface, pos: tuple[int, int], halo: Colour) -> None:
    """Blit text with a dark halo, two pixels at the sides and one at the corners, so it reads over any fill
    (a dim name over the yellow of a state led by China, a river, a border)."""
    shadow = image.copy()
    shadow.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)  # the text's shape (alpha) in black
    shadow.fill((*halo, 0), special_flags=pygame.BLEND_RGBA_ADD)
    for dx, dy in HALO_OFFSETS:
        surface.blit(shadow, (pos[0] + dx, pos[1] + dy))
    surface.blit(image, pos)
