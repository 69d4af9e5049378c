"""Every text the map UI draws, for tests that say "on this screen, in Russian, nothing drawn is English".

Two ways text reaches the window, and both are recorded:

- hand-drawn text (map labels, bars, charts, toasts) is rendered through ``Fonts.render`` of
  :mod:`game.ui.theme`; :func:`recording` hooks it for the length of a ``with`` block, so text a
  screen caches as a picture (the map scene) is recorded on the frame that first renders it;
- pygame_gui's widgets (labels, buttons, text boxes, tool tips, list rows, window titles) are
  read from the manager by :func:`widget_texts`, list rows scrolled out of view included.

Usage::

    with recording() as drawn:
        driver.post(...)            # or app.step([])
    drawn.add_widgets(app)          # what the widgets show now
    assert not english_in(drawn.texts), english_in(drawn.texts)

:func:`english_in` flags a text holding a run of two or more English words (each of three Latin
letters or more, at least one lowercase: codes such as ``KZ``, ``RU``, ``WEST`` and numbers pass);
``strict=True`` flags any such single word too (a button reading ``Quit``), except ``allowed`` names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pygame
from pygame_gui.elements import UISelectionList

from game.i18n import LANGUAGES
from game.ui.gui import element_texts
from game.ui.theme import Fonts

# A Latin word of three letters or more with a lowercase letter in it (not a code like KZ or WEST).
_WORD = r"(?=[A-Za-z]*[a-z])[A-Za-z]{3,}"
_RUN = re.compile(rf"(?<![A-Za-z]){_WORD}(?:[\s,;:'’-]+{_WORD})+(?![A-Za-z])")
_SINGLE = re.compile(rf"(?<![A-Za-z]){_WORD}(?![A-Za-z])")
# Names that are the same in every language the game ships: the game's own name, file suffixes.
ALWAYS_ALLOWED = frozenset({"Multivector", "json", "yaml", "html", "csv", "png"})
# The language choice names each language in itself (``English``, ``Oʻzbekcha``) whatever the language spoken.
OWN_NAMES = frozenset(language.own_name for language in LANGUAGES)


@dataclass
class DrawnText:
    """The texts recorded: hand-drawn ones while recording, widgets' ones when added."""

    texts: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        """Record one text (empty ones are not text)."""
        if text.strip():
            self.texts.append(text)

    def add_widgets(self, app: Any) -> None:
        """Record what the app's widgets show now, and the window's title."""
        for text in widget_texts(app.ui):
            self.add(text)
        self.add(pygame.display.get_caption()[0] if pygame.display.get_init() else "")


def widget_texts(manager: Any, elements: Iterable[Any] | None = None) -> list[str]:
    """The texts of every visible pygame_gui element, and every row of every list (also those scrolled away); with
    ``elements``, of those only (a dialog's ``ui.elements``)."""
    texts = list(element_texts(manager, elements))
    for sprite in manager.get_sprite_group().sprites() if elements is None else elements:
        if isinstance(sprite, UISelectionList) and getattr(sprite, "visible", True):
            texts.extend(str(item["text"]) for item in sprite.item_list)
    return texts


@contextmanager
def recording() -> Iterator[DrawnText]:
    """Record every text ``Fonts.render`` draws inside the block (cached or not)."""
    drawn = DrawnText()
    original = Fonts.render

    def render(self: Fonts, text: str, size: int, colour: Any, bold: bool = False) -> pygame.Surface:
        drawn.add(text)
        return original(self, text, size, colour, bold)

    Fonts.render = render  # type: ignore[method-assign]
    try:
        yield drawn
    finally:
        Fonts.render = original  # type: ignore[method-assign]


def frame_texts(app: Any) -> list[str]:
    """Draw one frame of ``app`` and return every text on it: hand-drawn and widgets'."""
    with recording() as drawn:
        app.step([])
    drawn.add_widgets(app)
    drawn.texts.extend(text for text in app.texts() if text.strip())
    return drawn.texts


def english_in(texts: Iterable[str], *, strict: bool = False, allowed: Iterable[str] = ()) -> list[str]:
    """The texts that hold English: a run of two or more English words (``strict``: one word is enough),
    not counting the words in ``allowed`` and :data:`ALWAYS_ALLOWED`, nor a language's own name (the language choice).

    >>> english_in(["Конец хода", "KZ 42,5", "Save game", "RU WEST CN", "Quit"])
    ['Save game']
    >>> english_in(["Quit", "Multivector", "English", "Oʻzbekcha"], strict=True)
    ['Quit']
    """
    names = ALWAYS_ALLOWED | set(allowed)
    found: list[str] = []
    for text in dict.fromkeys(texts):
        if text.strip() in OWN_NAMES:
            continue
        cleaned = _SINGLE.sub(lambda word: "" if word.group() in names else word.group(), text)
        if (_SINGLE if strict else _RUN).search(cleaned):
            found.append(text)
    return found


def cut_line_drawn(box: Any) -> bool:
    """True when a scrolling text box draws part of a line: a view that does not start at a line's top, or pixels
    of text between the foot of the last line that fits its view whole and the foot of its text area (read from
    what the box drew against its own background)."""
    if box.scroll_bar is None:
        return False
    top = round(box.scroll_bar.start_percentage * box.text_box_layout.layout_rect.height)
    tops = [line_top for line_top, _bottom in box.line_edges()]
    if min(abs(top - line_top) for line_top in tops) > 1:
        return True
    height = box.view_height()
    whole = [bottom - top for line_top, bottom in box.line_edges() if line_top >= top - 1 and bottom - top <= height]
    x0 = box.padding[0] + box.border_width["left"] + box.shadow_width + box.rounded_corner_width_offsets[0]
    y0 = box.padding[1] + box.border_width["top"] + box.shadow_width + box.rounded_corner_height_offsets[0]
    image, background = box.image, box.background_surf
    for y in range(y0 + max(whole, default=0), y0 + height):
        for x in range(x0, x0 + box.text_wrap_rect.width):
            if image.get_at((x, y)) != background.get_at((x, y)):
                return True
    return False
