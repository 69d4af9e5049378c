"""What the start screen shows before any game is chosen: the shipped scenarios read cheaply, the
difficulties, the save folder, and whether there is a game to continue.

Light on purpose (yaml and the file system, no engine): the start screen is drawn before the
engine is imported, which takes most of a second (numba); a game starts through
:class:`game.play.session.Session`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from platformdirs import user_data_dir

from game.i18n import SOURCE_LANGUAGE, current_language
from game.io.saves_folder import all_autosaves, continue_candidates
from game.scenario.library import shipped_scenarios
from game.scenario.translation import translation_path

DIFFICULTIES = ("easy", "normal", "hard")
AUTOSAVE = "autosave.json"  # the single autosave of older versions (still continued from)


def default_saves_dir() -> Path:
    """The user's save folder: ``platformdirs.user_data_dir("multivector")/saves``."""
    override = os.environ.get("MULTIVECTOR_DATA_DIR")
    if override:
        return Path(override) / "saves"
    return Path(user_data_dir("multivector")) / "saves"


@dataclass(frozen=True)
class ScenarioPreview:
    """What the start screen shows before a scenario is fully loaded and checked."""

    path: Path
    id: str
    title: str
    summary: str
    briefing: str
    start: str
    turns: int
    advanced: str = ""  # the advanced briefing
    objectives: tuple[tuple[str, str], ...] = ()  # (role, objective in words)
    do_nothing_role: str = ""  # the role whose target is what doing nothing scores (see game.play.victory)


def scenario_previews() -> list[ScenarioPreview]:
    """Every shipped scenario, read cheaply (the full check happens on start), with its texts in the current
    language when it has a translation file for it (ask again after the language changes).

    A ``tutorial`` scenario, when present, comes first.
    """
    previews = []
    for path in shipped_scenarios():
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            source = path.read_text(encoding="utf-8")
            data = yaml.load(_head(source), Loader=loader)
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(data, dict):
            continue
        data = {**data, **_translated_texts(path)}
        briefing = data.get("briefing") or {}
        text = briefing.get("basic", "") if isinstance(briefing, dict) else ""
        previews.append(
            ScenarioPreview(
                path=path,
                id=str(data.get("id", path.stem)),
                title=str(data.get("title", path.stem)),
                summary=" ".join(str(data.get("summary", "")).split()),
                briefing=" ".join(str(text).split()),
                start=str(data.get("start", "")),
                turns=int(data.get("turns", 0) or 0),
                advanced=" ".join(str(briefing.get("advanced") or "").split()) if isinstance(briefing, dict) else "",
                objectives=tuple((str(r), " ".join(str(o).split())) for r, o in (data.get("objectives") or {}).items()),
                do_nothing_role=preview_do_nothing_role(source),
            )
        )
    previews.sort(key=lambda p: (p.id != "tutorial", p.id != "sandbox", p.id))
    return previews


def _translated_texts(path: Path) -> dict[str, object]:
    """The title, summary, briefing and objectives of a scenario's translation into the current language, read
    cheaply (empty in English, without a file, or when the file cannot be read: the start shows the scenario's
    own words then, and starting the game checks the file)."""
    code = current_language()
    if code == SOURCE_LANGUAGE:
        return {}
    try:
        text = translation_path(path, code).read_text(encoding="utf-8")
        data = yaml.load(_head(text), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: data[key] for key in ("title", "summary", "briefing", "objectives") if key in data}


def _head(text: str) -> str:
    """The scenario file up to its ``events:`` list (all the start screen needs)."""
    index = text.find("\nevents:")
    return text if index < 0 else text[:index]


def preview_do_nothing_role(text: str) -> str:
    """The role a scenario file's tutorial judges against doing nothing, read from the file's text without
    loading it all (for the start screen); "" when there is none."""
    start = text.find("\ntutorial:")
    if start < 0:
        return ""
    lines = text[start + 1 :].splitlines()
    end = next((i for i, line in enumerate(lines[1:], 1) if line[:1] not in ("", " ", "#")), len(lines))
    try:
        block = yaml.load("\n".join(lines[:end]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return ""
    tutorial = block.get("tutorial") if isinstance(block, dict) else None
    if isinstance(tutorial, dict) and tutorial.get("target") == "do_nothing":
        return str(tutorial.get("role", ""))
    return ""


def has_autosave(saves_dir: Path) -> bool:
    """True when there is a game to continue."""
    try:
        return bool(continue_candidates(saves_dir)) or (saves_dir / AUTOSAVE).exists()
    except OSError:
        return False


def list_saves(saves_dir: Path) -> list[Path]:
    """Save files in the folder and every game's autosaves, newest first."""
    try:
        files = [p for p in saves_dir.glob("*.json") if not p.name.endswith(".ui.json")]
        files += [p for p in all_autosaves(saves_dir) if p.parent != saves_dir]
        return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []


def scenario_titles() -> dict[str, str]:
    """The short title of every shipped scenario by its id, the part before a colon ("The Middle
    Corridor"): saves name their scenario by id, a one-line label by this."""
    return {preview.id: preview.title.split(":")[0].strip() for preview in scenario_previews()}
