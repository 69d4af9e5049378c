"""The player's settings (UI scale, fullscreen, the language chosen on the start screen), kept between games.

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
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from game.i18n import LANGUAGE_CODES, _
from game.io.atomic import write_text_atomic

SETTINGS_FILE = "settings.json"
UI_SCALES: tuple[int, ...] = (100, 125, 150, 175, 200)  # percent; the menu offers these

Scale = Literal[100, 125, 150, 175, 200]


class Settings(BaseModel):
    """What the player chose; ``ui_scale`` None means "fit the screen" (chosen at start); ``language`` None means
    none chosen on the start screen (``--lang``, ``MULTIVECTOR_LANG`` or the system's language decides)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ui_scale: Scale | None = None
    fullscreen: bool = False
    language: str | None = None

    @field_validator("language")
    @classmethod
    def _shipped(cls, code: str | None) -> str | None:
        if code is not None and code not in LANGUAGE_CODES:
            raise ValueError(f"not a language the game ships ({', '.join(LANGUAGE_CODES)})")
        return code


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
        problem = _("Settings file {path} could not be read ({error}); using defaults.")
        return LoadedSettings(Settings(), problem.format(path=path, error=error))
    try:
        return LoadedSettings(Settings.model_validate(json.loads(text)))
    except json.JSONDecodeError as error:
        return LoadedSettings(
            Settings(),
            _("Settings file {path} is not JSON (line {line}); using defaults.").format(path=path, line=error.lineno),
        )
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or _("the file")
        allowed = ", ".join(str(scale) for scale in UI_SCALES)
        if field == "ui_scale":
            problem = _(
                "Settings file {path}: ui_scale is not valid (ui_scale is one of {allowed}, or null); using defaults."
            )
        elif field == "language":
            allowed = ", ".join(LANGUAGE_CODES)
            problem = _(
                "Settings file {path}: language is not valid (language is one of {allowed}, or null); using defaults."
            )
        else:
            problem = _("Settings file {path}: {field} is not valid; using defaults.")
        return LoadedSettings(Settings(), problem.format(path=path, field=field, allowed=allowed))


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file written."""
    path = path or settings_path()
    # The language is written once chosen: a file without it keeps following the system's language.
    data = settings.model_dump(exclude={"language"} if settings.language is None else None)
    write_text_atomic(path, json.dumps(data, indent=2) + "\n")
    return path
