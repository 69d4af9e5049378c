"""Text for pygame_gui: the HTML subset of its text boxes, and one-line labels that fit.

Pure helpers (no widgets are made here): screens write markup with :func:`font` and
:func:`esc`; :mod:`game.ui.gui` fits labels with :func:`fit_line`; tests read what a
text box shows with :func:`plain`.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID


def esc(text: object) -> str:
    """Text made safe for pygame_gui's HTML subset."""
    return html.escape(str(text), quote=False)


def colour_hex(colour: tuple[int, int, int]) -> str:
    """(r, g, b) -> ``#RRGGBB``.

    >>> colour_hex((0, 114, 178))
    '#0072B2'
    """
    return "#{:02X}{:02X}{:02X}".format(*colour)


def font(text: str, colour: tuple[int, int, int] | None = None, size: int | None = None) -> str:
    """Wrap text in a ``<font>`` tag (colour and/or pixel size).

    >>> font("x", (255, 0, 0), 13)
    "<font color='#FF0000' pixel_size=13>x</font>"
    """
    attrs = []
    if colour is not None:
        attrs.append(f"color='{colour_hex(colour)}'")
    if size is not None:
        attrs.append(f"pixel_size={size}")
    return f"<font {' '.join(attrs)}>{text}</font>" if attrs else text


_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """Markup -> the text a reader sees.

    >>> plain("<b>Russia</b>: 46.3<br>China &amp; the West")
    ' Russia : 46.3\\nChina & the West'
    """
    return html.unescape(_TAG.sub(" ", markup.replace("<br>", "\n")))


def label_font(manager: pygame_gui.UIManager, object_id: ObjectID, element: str = "label") -> Any:
    """The font pygame_gui will give a label (or another ``element``: ``button``) of this object and class id.

    Label fonts are themed per class only (``@heading`` …), so the ids at the root
    give the same font as inside a dialog window.
    """
    theme = manager.get_theme()
    ids = theme.build_all_combined_ids([None], [element], [object_id.class_id], [object_id.object_id])
    return theme.get_font(ids)


def fit_line(font: Any, text: str, rect: pygame.Rect) -> tuple[pygame.Rect, str]:
    """(rectangle, text) for a one-line label: the rectangle grown about its middle to the
    text's height when it is shorter, the text shortened with "…" to the rectangle's width."""
    width, height = font.get_rect(text or " ").size
    if height > rect.height:
        rect = pygame.Rect(rect.x, rect.y - (height - rect.height) // 2, rect.width, height)
    if width <= rect.width:
        return rect, text
    return rect, elide(font, text, rect.width)


def sentence_case(text: str) -> str:
    """``text`` with a capital first letter, as a line that starts a sentence shows it (the rest as it is).

    >>> sentence_case("project by Kazakhstan: Sign a trade deal"), sentence_case("")
    ('Project by Kazakhstan: Sign a trade deal', '')
    """
    return text[:1].upper() + text[1:]


def elide(font: Any, text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits ``width`` pixels with "…" after it."""
    if font.get_rect(text).width <= width:
        return text
    lo, hi = 0, len(text)  # invariant: text[:lo] + "…" fits (or lo == 0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.get_rect(text[:mid].rstrip() + "…").width <= width:
            lo = mid
        else:
            hi = mid - 1
    return (text[:lo].rstrip() + "…") if lo else "…"


def one_full_stop(sentence: str) -> str:
    """A sentence whose full stop follows an abbreviation's (Russian "… 2024 г.." → "… 2024 г.")."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence
