"""Drawing helpers with immediate-mode hit regions.

Screens draw with a :class:`Painter`; every button drawn registers its rectangle
and callback, and the next click goes to the topmost region under the pointer.
The painter also keeps the text it drew this frame (tests compare it with the
engine's numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.ui.theme import RADIUS, S2, S3, SIZE_BODY, SIZE_SMALL, Colour, Theme, mix

Callback = Callable[[], None]


@dataclass
class Hit:
    """A clickable region registered while drawing."""

    rect: pygame.Rect
    callback: Callback
    name: str = ""


@dataclass
class Painter:
    """Draws widgets in the theme and remembers where they are."""

    theme: Theme
    surface: pygame.Surface = field(default_factory=lambda: pygame.Surface((1, 1)))
    mouse: tuple[int, int] = (-1, -1)
    hits: list[Hit] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    floor: int = 0

    def begin(self, surface: pygame.Surface, mouse: tuple[int, int]) -> None:
        """Start a frame."""
        self.surface = surface
        self.mouse = mouse
        self.hits = []
        self.texts = []
        self.floor = 0

    def block_below(self) -> None:
        """Clicks go only to regions registered from now on (a modal opens)."""
        self.floor = len(self.hits)

    def click(self, pos: tuple[int, int]) -> bool:
        """Run the callback of the topmost region at ``pos``; True if there was one."""
        for hit in reversed(self.hits[self.floor :]):
            if hit.rect.collidepoint(pos):
                hit.callback()
                return True
        return False

    def find(self, name: str) -> Hit | None:
        """The last region registered with this name (tests click it)."""
        for hit in reversed(self.hits):
            if hit.name == name:
                return hit
        return None

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

    def button(
        self,
        rect: pygame.Rect,
        label: str,
        on_click: Callback,
        *,
        primary: bool = False,
        enabled: bool = True,
        selected: bool = False,
        size: int = SIZE_BODY,
        name: str = "",
        danger: bool = False,
    ) -> pygame.Rect:
        """A button; clicking it (when enabled) calls ``on_click``."""
        pal = self.theme.palette
        hover = enabled and self.hovered(rect)
        if primary:
            base = pal.danger if danger else pal.accent
            fill = mix(base, pal.highlight, 0.15) if hover else base
            fg = pal.background
        elif selected:
            fill, fg = pal.accent_dark, pal.text
        else:
            fill = mix(pal.panel_alt, pal.highlight, 0.08) if hover else pal.panel_alt
            fg = pal.text
        if not enabled:
            fill, fg = mix(pal.panel, pal.panel_alt, 0.5), pal.text_faint
        pygame.draw.rect(self.surface, fill, rect, border_radius=RADIUS)
        if not primary:
            edge = pal.accent if selected else pal.panel_border
            pygame.draw.rect(self.surface, edge, rect, 1, border_radius=RADIUS)
        label = self.theme.fonts.elide(label, size, rect.width - 2 * S2, bold=primary)
        self.text(label, rect.center, size, fg, bold=primary, anchor="center")
        if enabled:
            self.hits.append(Hit(rect.copy(), on_click, name or label))
        return rect

    def region(self, rect: pygame.Rect, on_click: Callback, name: str = "") -> None:
        """Register a clickable region without drawing anything."""
        self.hits.append(Hit(rect.copy(), on_click, name))

    def bar(
        self, rect: pygame.Rect, fraction: float, colour: Colour, track: Colour | None = None
    ) -> None:
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

    def glyph(self, code: str, centre: tuple[float, float], radius: float, colour: Colour, outline: Colour | None = None) -> None:
        """The shape that marks a power besides its colour: RU ▲, CN ●, WEST ■."""
        cx, cy = centre
        r = radius
        if code == "RU":
            points = [(cx, cy - r * 1.05), (cx + r * 1.0, cy + r * 0.75), (cx - r * 1.0, cy + r * 0.75)]
            pygame.draw.polygon(self.surface, colour, points)
            if outline:
                pygame.draw.polygon(self.surface, outline, points, 1)
        elif code == "CN":
            pygame.draw.circle(self.surface, colour, (round(cx), round(cy)), round(r))
            if outline:
                pygame.draw.circle(self.surface, outline, (round(cx), round(cy)), round(r), 1)
        else:
            rect = pygame.Rect(0, 0, round(r * 1.7), round(r * 1.7))
            rect.center = (round(cx), round(cy))
            pygame.draw.rect(self.surface, colour, rect)
            if outline:
                pygame.draw.rect(self.surface, outline, rect, 1)

    def tooltip(self, lines: list[tuple[str, Colour | None, bool]], anchor: tuple[int, int]) -> pygame.Rect:
        """A floating box of lines near the pointer, kept inside the window."""
        fonts = self.theme.fonts
        height = fonts.font(SIZE_SMALL).get_linesize()
        width = max((fonts.width(t, SIZE_SMALL + (1 if b else 0), b) for t, _, b in lines), default=40) + 2 * S3
        box = pygame.Rect(anchor[0] + 16, anchor[1] + 16, width, height * len(lines) + 2 * S2 + 2)
        box.clamp_ip(self.surface.get_rect())
        if box.collidepoint(anchor):
            box.bottomright = (anchor[0] - 8, anchor[1] - 8)
            box.clamp_ip(self.surface.get_rect())
        shadow = box.move(3, 4)
        pygame.draw.rect(self.surface, (0, 0, 0), shadow, border_radius=RADIUS)
        self.panel(box, self.theme.palette.panel_alt)
        y = box.y + S2
        for text, colour, bold in lines:
            self.text(text, (box.x + S3, y), SIZE_SMALL + (1 if bold else 0), colour, bold)
            y += height
        return box


def ring_points(cx: float, cy: float, r: float, start: float, end: float, steps: int = 24) -> list[tuple[float, float]]:
    """Points on an arc (used for small dials)."""
    return [
        (cx + r * math.cos(start + (end - start) * i / steps), cy + r * math.sin(start + (end - start) * i / steps))
        for i in range(steps + 1)
    ]
