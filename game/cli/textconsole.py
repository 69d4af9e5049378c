"""The consoles every command prints with (rich), made on first use by :mod:`game.cli.common`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from game.i18n import _
from game.scenario.files import printable


class TextConsole(Console):
    """A console that prints every string as the text it is: no markup, no emoji codes, no
    terminal control. Styling is given with :class:`rich.text.Text` objects, never in strings."""

    def render_str(self, text: str, **options: Any) -> Text:
        """The string as plain text (control characters made visible), styled as ``options`` say."""
        options.update(markup=False, emoji=False)
        return super().render_str(printable(text), **options)


def make_consoles() -> dict[str, TextConsole]:
    """``console`` (stdout) and ``errors`` (stderr)."""
    return {
        "console": TextConsole(highlight=False, markup=False, emoji=False),
        "errors": TextConsole(stderr=True, highlight=False, markup=False, emoji=False),
    }


def error_line(message: str) -> Text:
    """``error: MESSAGE`` with the word in red."""
    return Text.assemble((_("error: "), "red"), printable(message))
