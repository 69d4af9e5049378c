"""The player's display settings (UI scale, fullscreen), kept between games.

A small JSON file in the user's config folder (``platformdirs.user_config_dir``), or in
``$MULTIVECTOR_DATA_DIR`` when that is set (tests, several players on one machine). It is
read with pydantic: a file that is not valid gives one sentence saying what is wrong and
the defaults are used; it is written atomically, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, ValidationError

from game.io.atomic import write_text_atomic

SETTINGS_FILE = "settings.json"
UI_SCALES: tuple[int, ...] = (100, 125, 150, 175, 200)  # percent; the menu offers these

Scale = Literal[100, 125, 150, 175, 200]


class Settings(BaseModel):
    """What the player chose; ``ui_scale`` None means "fit the screen" (chosen at start)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ui_scale: Scale | None = None
    fullscreen: bool = False


@dataclass(frozen=True)
class LoadedSettings:
    """Settings as read, and the one-line problem with the file ("" when it was fine or absent)."""

    settings: Settings
    problem: str = ""


def settings_path() -> Path:
    """Where the settings live: ``$MULTIVECTOR_DATA_DIR/settings.json`` or the user's config folder."""
    override = os.environ.get("MULTIVECTOR_DATA_DIR")
    folder = Path(override) if override else Path(user_config_dir("multivector"))
    return folder / SETTINGS_FILE


def load_settings(path: Path | None = None) -> LoadedSettings:
    """The saved settings; defaults (and a one-line ``problem``) when the file is missing or bad."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, UnicodeDecodeError) as error:
        return LoadedSettings(Settings(), f"Settings file {path} could not be read ({error}); using defaults.")
    try:
        return LoadedSettings(Settings.model_validate(json.loads(text)))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}"
        return LoadedSettings(Settings(), f"Settings file {path} is not JSON ({where}); using defaults.")
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the file"
        allowed = ", ".join(str(scale) for scale in UI_SCALES)
        hint = f" (ui_scale is one of {allowed}, or null)" if field == "ui_scale" else ""
        return LoadedSettings(Settings(), f"Settings file {path}: {field} is not valid{hint}; using defaults.")


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file written."""
    path = path or settings_path()
    write_text_atomic(path, json.dumps(settings.model_dump(), indent=2) + "\n")
    return path
