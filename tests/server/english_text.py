"""Finding English sentences left on a page that should be in another language.

A run of two or more English words of three or more Latin letters each, in what a reader sees (text and the words
of attributes a browser shows or a script writes), is an English sentence; codes (``KZ``, ``2023Q1``), ids
(``host_summit``), addresses and the game's name are not. Uzbek is written in Latin letters, so this check is for
Russian and Kazakh pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ENGLISH_RUN = re.compile(r"(?<![\w/.@-])[A-Za-z]{3,}(?:[ ,;:]+[A-Za-z]{3,})+(?![\w/.@-])")
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-left", "data-passed", "data-tally"}
NAMES = {"Multivector", "Global", "Gateway"}  # the game's name, and the EU's Global Gateway as the translations keep it


class _ShownText(HTMLParser):
    """The text a reader sees, without scripts, styles and the elements ``skipped`` names by class or tag."""

    def __init__(self, skipped: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = skipped
        self.parts: list[str] = []
        self._stack: list[bool] = []  # for each open element: is it (or an ancestor) skipped?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        hidden = bool(self._stack and self._stack[-1]) or tag in ("script", "style") or bool(
            (classes | {tag}) & self.skipped)
        if tag not in ("br", "input", "meta", "link", "img", "rect", "path", "circle", "line"):
            self._stack.append(hidden)
        if not hidden:
            self.parts += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if self._stack and tag not in ("br", "input", "meta", "link", "img"):
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def english_runs(page: str, skipped: set[str] | None = None) -> list[str]:
    """The English word runs a reader sees on ``page`` (HTML), outside the elements ``skipped`` names."""
    reader = _ShownText(skipped or set())
    reader.feed(page)
    found = []
    for part in reader.parts:
        for run in ENGLISH_RUN.findall(re.sub(r"https?://\S+", " ", part)):
            if not set(re.findall(r"[A-Za-z]+", run)) <= NAMES:
                found.append(run)
    return found
