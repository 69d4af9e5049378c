"""Charts drawn with pygame: line charts over turns and the RU/CN/WEST triangle."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, POWERS
from game.engine.colours import ROLE_COLOURS_ON_DARK, rgb
from game.i18n import format_change, format_number, place_name
from game.ui.painter import Painter
from game.ui.theme import S1, S2, S3, SIZE_SMALL, Colour, mix

# The report's palette (one colour per role, every pair apart also under deuteranopia): a chart in the
# game and one in a handout colour a role alike.
ROLE_RGB: dict[str, Colour] = {code: rgb(hex_colour) for code, hex_colour in ROLE_COLOURS_ON_DARK.items()}
COUNTRY_COLOURS: dict[str, Colour] = {code: ROLE_RGB[code] for code in COUNTRIES}


MIN_SPAN = 2.0  # the narrowest value axis (0–100): a change of a few tenths shows, noise is not blown up
CHANGES_MIN_SPAN = 0.5  # the change view is for small moves: a tenth of a point is a fifth of its height
TICK_STEPS = (1.0, 2.0, 2.5, 5.0)  # times a power of ten


def value_axis(
    values: list[np.ndarray], ticks: int = 5, floor: float = 0.0, ceiling: float = 100.0, min_span: float = MIN_SPAN
) -> list[float]:
    """Tick values of a value axis that fits the data (not the whole 0–100): round steps, at
    least ``min_span`` wide, about ``ticks`` ticks, kept within ``floor`` … ``ceiling``.

    >>> value_axis([np.array([44.85, 43.9, 42.0])])
    [42.0, 43.0, 44.0, 45.0]
    >>> value_axis([np.array([0.0, 60.0]), np.array([95.0])])
    [0.0, 25.0, 50.0, 75.0, 100.0]
    """
    finite = np.concatenate([np.asarray(v, dtype=float).ravel() for v in values] or [np.zeros(1)])
    finite = finite[np.isfinite(finite)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (floor, ceiling)
    if hi - lo < min_span:
        middle = (hi + lo) / 2
        lo, hi = middle - min_span / 2, middle + min_span / 2
    raw = (hi - lo) / max(1, ticks - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next((k * power for k in TICK_STEPS if k * power >= raw), 10 * power)
    start = max(floor, math.floor(lo / step) * step)
    stop = min(ceiling, math.ceil(hi / step) * step)
    count = round((stop - start) / step)
    return [round(start + i * step, 6) for i in range(count + 1)]


def tick_text(value: float, step: float) -> str:
    """A tick's label with as many decimals as the step needs, written the current language's way.

    >>> tick_text(42.5, 0.5), tick_text(40.0, 20.0), tick_text(41.25, 0.25)
    ('42.5', '40', '41.25')
    """
    decimals = 0 if step >= 1 else (1 if round(step * 10, 6) == int(round(step * 10, 6)) else 2)
    return format_number(value, decimals)


def line_chart(
    painter: Painter,
    rect: pygame.Rect,
    series: list[tuple[str, np.ndarray, Colour, bool]],
    x_labels: list[str],
    marker: int | None = None,
    changes: bool = False,
) -> None:
    """Lines over turns on a value axis fitted to the data (:func:`value_axis`).
    ``series`` = (label, values, colour, dashed); ``marker`` marks one turn; with ``changes``
    each line is its change since the first turn (so series far apart still show their moves)."""
    pal = painter.theme.palette
    surface = painter.surface
    left = rect.x + 48
    plot = pygame.Rect(left, rect.y + S2, rect.right - left - 150, rect.height - 40)
    if plot.width < 40 or plot.height < 40:
        return
    if changes:
        series = [
            (label, values - values[0], colour, dashed) for label, values, colour, dashed in series if len(values)
        ]
    axis = [values for _, values, _, _ in series]
    ticks = value_axis(axis, floor=-100.0, min_span=CHANGES_MIN_SPAN) if changes else value_axis(axis)
    y_min, y_max = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0

    def y_of(value: float) -> float:
        return plot.bottom - plot.height * (min(max(value, y_min), y_max) - y_min) / (y_max - y_min)

    for v in ticks:
        y = y_of(v)
        pygame.draw.line(surface, pal.panel_border, (plot.left, y), (plot.right, y))
        painter.text(tick_text(v, step), (plot.left - S2, round(y)), SIZE_SMALL, pal.text_dim, anchor="midright")
    n = max(len(x_labels), 1)

    def x_of(i: int) -> float:
        return plot.left + (plot.width * i / (n - 1) if n > 1 else plot.width / 2)

    # As many quarter labels as fit side by side with a gap (a language's quarter, "I кв. 2023", is wider).
    widest = max((painter.theme.fonts.width(label, SIZE_SMALL) for label in x_labels), default=0)
    step = max(1, math.ceil(n / max(1, plot.width // max(70, widest + S3))))
    for i in range(0, n, step):
        painter.text(x_labels[i], (round(x_of(i)), plot.bottom + S1), SIZE_SMALL, pal.text_dim, anchor="midtop")
    if marker is not None and 0 <= marker < n:
        x = x_of(marker)
        pygame.draw.line(surface, pal.accent, (x, plot.top), (x, plot.bottom), 1)
    legend_y = plot.top
    for label, values, colour, dashed in series:
        points = [(x_of(i), y_of(float(v))) for i, v in enumerate(values)]
        if len(points) >= 2:
            if dashed:
                for a, b in itertools.pairwise(points):
                    _dashed_line(surface, colour, a, b)
            else:
                smooth_line(surface, colour, points)
        for p in points[-1:]:
            pygame.draw.circle(surface, colour, (round(p[0]), round(p[1])), 4)
        last = float(values[-1]) if len(values) else 0.0
        pygame.draw.line(surface, colour, (plot.right + 14, legend_y + 9), (plot.right + 30, legend_y + 9), 3)
        painter.text(
            f"{label}  {format_change(last, 2)}" if changes else f"{label}  {format_number(last, 1)}",
            (plot.right + 36, legend_y),
            SIZE_SMALL,
            pal.text,
        )
        legend_y += 22


def smooth_line(surface: pygame.Surface, colour: Colour, points: list[tuple[float, float]]) -> None:
    """A 3 px anti-aliased polyline (pygame's wide lines are jagged): three 1 px anti-aliased strokes a pixel
    apart across the line."""
    for dy in (-1, 0, 1):
        pygame.draw.aalines(surface, colour, False, [(x, y + dy) for x, y in points])


def _dashed_line(
    surface: pygame.Surface, colour: Colour, a: tuple[float, float], b: tuple[float, float], dash: int = 8
) -> None:
    """A dashed line from ``a`` to ``b`` (dashes and gaps of ``dash`` pixels along its whole length)."""
    length = math.dist(a, b)
    steps = max(1, int(length // dash))
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        start = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        end = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, start, end, 2)


def triangle_position(shares: np.ndarray, corners: list[tuple[float, float]]) -> tuple[float, float]:
    """Barycentric position of normalised shares (RU, CN, WEST) between three corners.

    >>> triangle_position(np.array([1.0, 0.0, 0.0]), [(0, 0), (10, 0), (5, 8)])
    (0.0, 0.0)
    """
    total = float(np.sum(shares))
    w = shares / total if total > 0 else np.full(3, 1 / 3)
    x = sum(float(w[i]) * corners[i][0] for i in range(3))
    y = sum(float(w[i]) * corners[i][1] for i in range(3))
    return (x, y)


def triangle(
    painter: Painter,
    rect: pygame.Rect,
    history: np.ndarray,
    countries: list[str],
    upto: int,
    selected: str | None = None,
) -> dict[str, tuple[float, float]]:
    """Each state as a point between RU, CN and WEST with its trail; returns where each sits."""
    pal = painter.theme.palette
    surface = painter.surface
    side = min(rect.width - 120, (rect.height - 70) * 2 / math.sqrt(3))
    h = side * math.sqrt(3) / 2
    side = min(side, (rect.height - 110) * 2 / math.sqrt(3))
    h = side * math.sqrt(3) / 2
    cx, top = rect.centerx, rect.y + 60 + (rect.height - 110 - h) / 2
    corners = [(cx - side / 2, top + h), (cx + side / 2, top + h), (cx, top)]  # RU, CN, WEST
    pygame.draw.polygon(surface, pal.panel_alt, corners)
    for frac in (1 / 3, 2 / 3):
        for i in range(3):
            a, b, far = corners[i], corners[(i + 1) % 3], corners[(i + 2) % 3]
            p = (a[0] + (b[0] - a[0]) * frac, a[1] + (b[1] - a[1]) * frac)
            q = (a[0] + (far[0] - a[0]) * frac, a[1] + (far[1] - a[1]) * frac)
            pygame.draw.line(surface, pal.panel_border, p, q, 1)
    pygame.draw.polygon(surface, pal.text_faint, corners, 2)
    centre = (cx, top + h * 2 / 3)
    pygame.draw.circle(surface, pal.text_faint, (round(centre[0]), round(centre[1])), 3)
    offsets = [(-14, 14), (14, 14), (0, -16)]
    anchors = ["topright", "topleft", "midbottom"]
    for i, code in enumerate(POWERS):
        x, y = corners[i][0] + offsets[i][0], corners[i][1] + offsets[i][1]
        painter.glyph(
            code, (x + (-10 if i == 0 else 10 if i == 1 else 0), y + (8 if i < 2 else -36)), 7, pal.power(code)
        )
        painter.text(
            place_name(code),
            (round(x + (-24 if i == 0 else 24 if i == 1 else 0)), round(y)),
            17,
            pal.power(code),
            True,
            anchor=anchors[i],
        )
    where = {}
    upto = max(0, min(upto, history.shape[0] - 1))
    for c, code in enumerate(countries):
        colour = COUNTRY_COLOURS.get(code, pal.text)
        trail = [triangle_position(history[t, c], corners) for t in range(upto + 1)]
        if len(trail) >= 2:
            pygame.draw.lines(surface, mix(colour, pal.panel_alt, 0.35), False, trail, 2)
        for dot in trail[:-1]:
            pygame.draw.circle(surface, mix(colour, pal.panel_alt, 0.35), (round(dot[0]), round(dot[1])), 2)
        px, py = trail[-1]
        radius = 8 if code == selected else 6
        pygame.draw.circle(surface, pal.background, (round(px), round(py)), radius + 2)
        pygame.draw.circle(surface, colour, (round(px), round(py)), radius)
        painter.text(code, (round(px) + 10, round(py) - 9), 15, colour, True)
        where[code] = (px, py)
    return where
