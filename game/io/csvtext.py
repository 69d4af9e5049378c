"""CSV text as every export of the game writes it: numbers to 12 significant digits, Unix line ends, so the same
inputs give the same bytes (a played game's history and ledger, batch tables, comparisons, hindcasts)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any


def csv_number(value: float) -> str:
    """A number as the exports write it (12 significant digits)."""
    return f"{value:.12g}"


def csv_text(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> str:
    """The header and the rows as CSV text with Unix line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
