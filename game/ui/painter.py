"""Custom drawing where pygame_gui has no widget: map labels, bars, charts, glyphs.

Widgets (buttons, lists, text boxes, windows, tooltips) are pygame_gui's, built in
:mod:`game.ui.gui`. The painter keeps the text it drew this frame so tests can
compare what is on screen with the engine's numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pygame

from game.ui.theme import GLYPHS, RADIUS, SIZE_BODY, Colour, Theme


@dataclass
class Painter:
    """Draws shapes and text in the theme and remembers the text drawn this frame."""

    theme: Theme
    surface: pygame.Surface = field(default_factory=lambda: pygame.Surface((1, 1)))
    mouse: tuple[int, int] = (-1, -1)
    texts: list[str] = field(default_factory=list)

    def begin(self, surface: pygame.Surface, mouse: tuple[int, int]) -> None:
        """Start a frame."""
        self.surface = surface
        self.mouse = mouse
        self.texts = []

    @contextmanager
    def clipped(self, rect: pygame.Rect) -> Iterator[None]:
        """Draw only inside ``rect`` for the duration of the ``with`` block."""
        clip = self.surface.get_clip()
        self.surface.set_clip(rect)
        try:
            yield
        finally:
            self.surface.set_clip(clip)

    def hovered(self, rect: pygame.Rect) -> bool:
        """True when the pointer is over ``rect`` (and no modal blocks it)."""
        return rect.collidepoint(self.mouse)

    # ------------------------------------------------------------------ primitives

    def text(
        self,
        text: str,
        pos: tuple[int, int],
        size: int = SIZE_BODY,
        colour: Colour | None = None,
        bold: bool = False,
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Draw one line of text; returns its rectangle."""
        image = self.theme.fonts.render(text, size, colour or self.theme.palette.text, bold)
        rect = image.get_rect(**{anchor: pos})
        self.surface.blit(image, rect)
        self.texts.append(text)
        return rect

    def paragraph(
        self, text: str, rect: pygame.Rect, size: int = SIZE_BODY, colour: Colour | None = None, gap: int = 3
    ) -> int:
        """Word-wrapped text inside ``rect``; returns the y below the last line drawn."""
        fonts = self.theme.fonts
        y = rect.top
        height = fonts.font(size).get_linesize()
        for line in fonts.wrap(text, size, rect.width):
            if y + height > rect.bottom:
                break
            self.text(line, (rect.left, y), size, colour)
            y += height + gap - 3
        return y

    def panel(self, rect: pygame.Rect, colour: Colour | None = None, border: bool = True, radius: int = RADIUS) -> None:
        """A filled panel with a hairline border."""
        pal = self.theme.palette
        pygame.draw.rect(self.surface, colour or pal.panel, rect, border_radius=radius)
        if border:
            pygame.draw.rect(self.surface, pal.panel_border, rect, 1, border_radius=radius)

    def shade(self, alpha: int = 150) -> None:
        """Darken the whole window behind a modal."""
        veil = pygame.Surface(self.surface.get_size(), pygame.SRCALPHA)
        veil.fill((4, 8, 12, alpha))
        self.surface.blit(veil, (0, 0))

    def bar(self, rect: pygame.Rect, fraction: float, colour: Colour, track: Colour | None = None) -> None:
        """A horizontal bar filled to ``fraction`` (0–1)."""
        pal = self.theme.palette
        pygame.draw.rect(self.surface, track or pal.panel_alt, rect, border_radius=3)
        width = round(rect.width * max(0.0, min(1.0, fraction)))
        if width > 0:
            pygame.draw.rect(self.surface, colour, (rect.x, rect.y, width, rect.height), border_radius=3)

    def stacked(self, rect: pygame.Rect, parts: list[tuple[float, Colour]], track: Colour | None = None) -> None:
        """A bar split into coloured parts (fractions of the whole width)."""
        pal = self.theme.palette
        pygame.draw.rect(self.surface, track or pal.neutral_land, rect)
        x = float(rect.x)
        for fraction, colour in parts:
            w = rect.width * max(0.0, fraction)
            if w >= 0.5:
                pygame.draw.rect(self.surface, colour, (round(x), rect.y, max(1, round(x + w) - round(x)), rect.height))
            x += w

    def glyph(
        self, code: str, centre: tuple[float, float], radius: float, colour: Colour, outline: Colour | None = None
    ) -> None:
        """The shape that marks a power besides its colour (``theme.GLYPHS``: RU ▲, CN ●, WEST ■)."""
        cx, cy = centre
        r = radius
        shape = GLYPHS.get(code, "square")
        if shape == "triangle":
            points = [(cx, cy - r * 1.05), (cx + r * 1.0, cy + r * 0.75), (cx - r * 1.0, cy + r * 0.75)]
            pygame.draw.polygon(self.surface, colour, points)
            if outline:
                pygame.draw.polygon(self.surface, outline, points, 1)
        elif shape == "circle":
            pygame.draw.circle(self.surface, colour, (round(cx), round(cy)), round(r))
            if outline:
                pygame.draw.circle(self.surface, outline, (round(cx), round(cy)), round(r), 1)
        else:
            rect = pygame.Rect(0, 0, round(r * 1.7), round(r * 1.7))
            rect.center = (round(cx), round(cy))
            pygame.draw.rect(self.surface, colour, rect)
            if outline:
                pygame.draw.rect(self.surface, outline, rect, 1)


def ring_points(cx: float, cy: float, r: float, start: float, end: float, steps: int = 24) -> list[tuple[float, float]]:
    """Points on an arc (used for small dials)."""
    return [
        (cx + r * math.cos(start + (end - start) * i / steps), cy + r * math.sin(start + (end - start) * i / steps))
        for i in range(steps + 1)
    ]
