"""Which save files a folder holds and which game each one is, read without loading them.

Light on purpose (json and the quarter names, no engine): the start screen and the load list
show them before the engine is imported (see ``game.play.previews``).
"""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.codes import quarter_index, quarter_name

AUTOSAVE_PREFIX = "autosave-"


def autosaves(folder: Path) -> list[Path]:
    """Autosave files in a folder, newest (most turns) first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{AUTOSAVE_PREFIX}[0-9][0-9][0-9][0-9].json"), reverse=True)


def describe_save(path: Path) -> str:
    """Which game a save holds, in a few words: ``tutorial · KZ · 2023Q3`` (the quarter to play next,
    or ``over``); the file's name when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        history = data.get("history") or []
        roles = " + ".join(str(role) for role in data.get("human_roles") or []) or "computer"
        if len(history) >= int(data.get("turns", 0)):
            quarter = "over"
        elif history:
            quarter = quarter_name(quarter_index(str(history[-1]["quarter"])) + 1)
        else:
            quarter = "start"
        return f"{data['scenario']['id']} · {roles} · {quarter}"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return path.stem
