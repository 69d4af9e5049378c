"""Palette, type and spacing of the map game: one family (Noto Sans), one dark palette.

Colours come from ``assets/theme/theme.json``; fonts from ``assets/fonts``. Text is
rendered through a small cache so a frame that redraws the same labels costs blits,
not glyph rasterising.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.i18n import _, format_number, place_name
from game.shipped import ASSETS_DIR as ASSETS

FONT_REGULAR = ASSETS / "fonts" / "NotoSans-Regular.ttf"
FONT_BOLD = ASSETS / "fonts" / "NotoSans-Bold.ttf"
THEME_FILE = ASSETS / "theme" / "theme.json"

Colour = tuple[int, int, int]

# Spacing scale (pixels): every gap in the UI is one of these.
S1, S2, S3, S4, S5 = 4, 8, 12, 16, 24
RADIUS = 6

# Type scale.
SIZE_SMALL, SIZE_BODY, SIZE_LABEL, SIZE_TITLE, SIZE_HERO = 13, 15, 17, 22, 40

GLYPHS = {"RU": "triangle", "CN": "circle", "WEST": "square"}


def turn_number(played: int, turns: int) -> str:
    """The turn being played once ``played`` turns are over, as the top bar says it (the last once the
    game is over), in the current language.

    >>> turn_number(0, 4), turn_number(2, 4), turn_number(4, 4)
    ('turn 1 of 4', 'turn 3 of 4', 'turn 4 of 4')
    """
    return _("turn {turn} of {turns}").format(turn=format_number(min(played + 1, turns)), turns=format_number(turns))


def role_title(code: str, short: bool = False) -> str:
    """A role's name as a sentence starts it (``The West``, ``Russia``, ``Kazakhstan``; Russian ``Запад``), in
    the current language (:func:`game.i18n.place_name`); ``short`` drops English's article (``West``).

    >>> role_title("WEST"), role_title("WEST", short=True), role_title("RU"), role_title("KZ")
    ('The West', 'West', 'Russia', 'Kazakhstan')
    """
    try:
        name = place_name(code)
    except KeyError:
        return code
    name = name[:1].upper() + name[1:]
    return name.removeprefix("The ") if short else name


def powers_in_words() -> str:
    """The outside powers named in a list, in the current language.

    >>> powers_in_words()
    'Russia, China and the West'
    """
    return _("Russia, China and the West")


def region_between_powers() -> str:
    """What the game is about in a few words (the window's title, the start screen), in the current language.

    >>> region_between_powers()
    'Central Asia between Russia, China and the West'
    """
    return _("Central Asia between Russia, China and the West")


def action_points(amount: float, decimals: int = 0) -> str:
    """An amount of action points as every screen writes it (``AP``; "points" alone would be
    confused with the score), in the current language (Russian ``ОД``).

    >>> action_points(2), action_points(4.25, 1)
    ('2 AP', '4.2 AP')
    """
    return _("{amount} AP").format(amount=format_number(amount, decimals))


def hex_colour(text: str) -> Colour:
    """``#RRGGBB`` -> (r, g, b).

    >>> hex_colour("#0072B2")
    (0, 114, 178)
    """
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Linear blend from ``a`` (t=0) to ``b`` (t=1).

    >>> mix((0, 0, 0), (200, 100, 50), 0.5)
    (100, 50, 25)
    """
    t = min(1.0, max(0.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


_DEFAULTS: dict[str, str] = {
    "background": "#0E141B",
    "panel": "#18212B",
    "panel_alt": "#1F2A36",
    "panel_border": "#2C3A48",
    "text": "#E6EAF0",
    "text_dim": "#97A3B1",
    "text_faint": "#5E6B79",
    "accent": "#4FC1B0",
    "accent_dark": "#2E7F74",
    "danger": "#E5645A",
    "good": "#6CCB7A",
    "warning": "#E8A33D",  # what the player should read twice: a counterfactual, a caution
    "water": "#1B3A57",
    "water_edge": "#2F5A80",
    "river": "#3C6E98",
    "neighbour": "#2A323C",
    "neighbour_edge": "#3A4550",
    "border": "#0A0F14",
    "highlight": "#FFFFFF",
    "corridor": "#F2F2F2",
    "neutral_land": "#6B7480",
}
_POWERS = {"RU": "#D64541", "CN": "#F2C230", "WEST": "#3D8BE0"}
_POWERS_CB = {"RU": "#D55E00", "CN": "#F0E442", "WEST": "#0072B2"}  # Okabe–Ito; see colourblind.py


@dataclass
class Palette:
    """Named colours; ``power(code)`` follows the colour-blind switch."""

    colours: dict[str, Colour]
    powers: dict[str, Colour]
    powers_colourblind: dict[str, Colour]
    colourblind: bool = False

    def __getattr__(self, name: str) -> Colour:
        try:
            return self.__dict__["colours"][name]
        except KeyError:
            raise AttributeError(name) from None

    def power(self, code: str) -> Colour:
        """The colour of a power in the palette in use."""
        return (self.powers_colourblind if self.colourblind else self.powers)[code]


def load_palette(path: Path = THEME_FILE) -> Palette:
    """Read the theme file (falling back to built-in colours for anything missing)."""
    data: dict[str, object] = {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            data = loaded
    except (OSError, ValueError):
        data = {}
    colours = {key: hex_colour(str(data.get(key, value))) for key, value in _DEFAULTS.items()}

    def powers(key: str, fallback: dict[str, str]) -> dict[str, Colour]:
        given = data.get(key)
        given = given if isinstance(given, dict) else {}
        return {code: hex_colour(str(given.get(code, value))) for code, value in fallback.items()}

    return Palette(colours, powers("powers", _POWERS), powers("powers_colourblind", _POWERS_CB))


@dataclass
class Fonts:
    """Fonts of the one family in a few sizes, and a cache of rendered text."""

    cache: dict[tuple[str, int, bool, Colour], pygame.Surface] = field(default_factory=dict)
    fonts: dict[tuple[int, bool], pygame.font.Font] = field(default_factory=dict)

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        """The font of this size and weight."""
        key = (size, bold)
        if key not in self.fonts:
            path = FONT_BOLD if bold else FONT_REGULAR
            try:
                self.fonts[key] = pygame.font.Font(str(path), size)
            except (OSError, FileNotFoundError):
                self.fonts[key] = pygame.font.Font(None, size + 4)
        return self.fonts[key]

    def render(self, text: str, size: int, colour: Colour, bold: bool = False) -> pygame.Surface:
        """Rendered text (cached)."""
        key = (text, size, bold, colour)
        surface = self.cache.get(key)
        if surface is None:
            if len(self.cache) > 4000:
                self.cache.clear()
            surface = self.font(size, bold).render(text, True, colour)
            self.cache[key] = surface
        return surface

    def width(self, text: str, size: int, bold: bool = False) -> int:
        """Pixel width of a text."""
        return self.font(size, bold).size(text)[0]

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Greedy word wrap to a pixel width."""
        lines: list[str] = []
        font = self.font(size, bold)
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def elide(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """The text shortened with an ellipsis to fit a pixel width."""
        font = self.font(size, bold)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text + "…"


@dataclass
class Theme:
    """Everything a screen needs to look like the rest of the game."""

    palette: Palette
    fonts: Fonts


_THEME: Theme | None = None


def theme() -> Theme:
    """The shared theme (created after ``pygame.font.init``)."""
    global _THEME  # noqa: PLW0603
    if _THEME is None:
        _THEME = Theme(load_palette(), Fonts())
    return _THEME
