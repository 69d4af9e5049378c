"""A record of what the window shows, for tests that drive a real window.

With the environment variable ``MULTIVECTOR_UI_TRACE`` set to a file path, each screen or
dialog that calls :func:`trace` appends one JSON line ``{"screen": name, ...values}`` with
the values it displays (full precision). Unset (the normal case), nothing is written.
"""

from __future__ import annotations

import json
import os
from typing import Any

TRACE_VARIABLE = "MULTIVECTOR_UI_TRACE"


def trace(screen: str, **values: Any) -> None:
    """Append what ``screen`` shows to the trace file, when one is asked for."""
    path = os.environ.get(TRACE_VARIABLE)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"screen": screen, **values}, ensure_ascii=False) + "\n")
