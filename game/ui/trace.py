"""A trace of what the window shows, for tests that drive a real window (no effect unless asked).

With ``MULTIVECTOR_UI_TRACE=FILE`` set, :func:`trace` appends one JSON object per line to FILE,
``{"kind": what, ...values}``: what was shown and where (a tutorial step with its anchor's
rectangle, the turn summary's parts at full precision, the top bar's score, the end screen's
verdict), so a test sending clicks through X can find what to click and check what it saw.
Unset (the normal case), nothing is written.
"""

from __future__ import annotations

import json
import os

import pygame

TRACE_VARIABLE = "MULTIVECTOR_UI_TRACE"


def rect_list(rect: pygame.Rect | None) -> list[int] | None:
    """A rectangle as ``[x, y, width, height]`` (None stays None)."""
    return None if rect is None else [rect.x, rect.y, rect.width, rect.height]


def trace(kind: str, **fields: object) -> None:
    """Append ``{"kind": kind, **fields}`` to the trace file, when one is set."""
    path = os.environ.get(TRACE_VARIABLE)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as file:
            file.write(json.dumps({"kind": kind, **fields}, ensure_ascii=False) + "\n")
    except OSError:
        pass  # a trace is for tests; the game goes on without it
