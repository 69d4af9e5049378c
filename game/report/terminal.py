"""Tables for the terminal: boxed and coloured on a terminal, plain columns when piped."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from game.i18n import format_change


def make_table(console: Console, title: str | None = None, *columns: str, right: int = 1) -> Table:
    """A table whose first ``right``-less columns are left-aligned and the rest right-aligned.

    On a terminal it has a light box and a bold header; piped, it has no box and no colour.
    """
    terminal = console.is_terminal
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD if terminal else None,
        header_style="bold" if terminal else "",
        title_style="bold" if terminal else "",
        pad_edge=False,
    )
    for index, name in enumerate(columns):
        table.add_column(name, justify="left" if index < right else "right")
    return table


def make_list() -> Table:
    """Rows of a short key and a text, no box: the text takes the width left and wraps at word breaks under
    itself (a hanging indent), for lines too long for a table's column."""
    table = Table.grid(padding=(0, 2))
    table.add_column("key", no_wrap=True)
    table.add_column("text", ratio=1)
    return table


def signed(value: float, digits: int = 1) -> str:
    """``+1.2`` / ``−0.4`` (a real minus sign; ``0.0``, never ``−0.0``): the play layer's rule, one decimal, in
    the current language's digits (``+1,2`` in Russian)."""
    return format_change(value, digits)
