"""Which save files a folder holds and which game each one is, read without loading them.

Light on purpose (json and the quarter names, no engine): the start screen and the load list
show them before the engine is imported (see ``game.play.previews``).

Autosaves are kept per game: ``saves/autosaves/<game id>/autosave-NNNN.json`` (NNNN = turns
played), so that starting a game never touches another game's autosaves. Autosaves of older
versions lie in the save folder itself and are still continued from.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.engine.codes import quarter_index, quarter_name
from game.i18n import N_, _, format_number, ngettext, place_name, quarter_text
from game.scenario.errors import InputFileError
from game.scenario.files import read_limited

AUTOSAVE_PREFIX = "autosave-"
AUTOSAVE_FOLDER = "autosaves"  # one folder per game inside it
AUTOSAVE_KEEP = 5  # autosaves kept per game (the newest)
MAX_SAVE_BYTES = 64_000_000  # the most a save is read to, whether loaded or only its header looked at


def autosaves(folder: Path) -> list[Path]:
    """Autosave files in one game's folder, newest (most turns) first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{AUTOSAVE_PREFIX}[0-9][0-9][0-9][0-9].json"), reverse=True)


def game_folders(saves_dir: Path) -> list[Path]:
    """The autosave folder of every game, and the save folder itself (autosaves of older versions)."""
    root = saves_dir / AUTOSAVE_FOLDER
    try:
        games = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    except OSError:
        games = []
    return [*games, saves_dir]


LEFT_BEHIND = "-left-behind"  # the name of a game folder holding a line of play left behind ends with it


def new_game_folder(saves_dir: Path, scenario_id: str, roles: list[str], suffix: str = "") -> Path:
    """The autosave folder of a game started now: scenario, roles and the start time (not created here);
    ``suffix`` ends the name (:data:`LEFT_BEHIND` for the autosaves of a line of play left behind)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    name = f"{scenario_id}-{'-'.join(roles) or 'computer'}-{stamp}{suffix}"
    folder = saves_dir / AUTOSAVE_FOLDER / name
    number = 1
    while folder.exists():  # two games started in the same microsecond stay apart all the same
        number += 1
        folder = saves_dir / AUTOSAVE_FOLDER / f"{name}-{number}"
    return folder


def game_folder_of(path: Path, saves_dir: Path) -> Path | None:
    """The game folder an autosave belongs to (so that playing on keeps to that game), or None for
    any other save (a game loaded from it gets a folder of its own at its first autosave)."""
    if not path.name.startswith(AUTOSAVE_PREFIX) or path.parent.parent != saves_dir / AUTOSAVE_FOLDER:
        return None
    return path.parent


LEFT_BEHIND_MARK = ".left-behind"  # beside a manual save on a line of play left behind: ``name.left-behind``
SAVE_KINDS = {  # what save_kind says, in English; shown in the current language
    "manual": N_("manual save"),
    "manual_left": N_("manual save, left behind"),
    "auto": N_("autosave"),
    "auto_left": N_("autosave, left behind"),
}


def save_kind(path: Path, saves_dir: Path) -> str:
    """What a file of the load list is, in words of the current language: ``manual save``, ``autosave``, or
    ``autosave, left behind`` (the later turns of a game that was played on from an earlier save or undone), or
    ``manual save, left behind`` (a save the player made on such a line: marked, never moved)."""
    if not path.name.startswith(AUTOSAVE_PREFIX.rstrip("-")):  # autosave.json of older versions too
        return _(SAVE_KINDS["manual_left" if left_behind_mark(path).exists() else "manual"])
    if path.parent.name.endswith(LEFT_BEHIND) and path.parent.parent == saves_dir / AUTOSAVE_FOLDER:
        return _(SAVE_KINDS["auto_left"])
    return _(SAVE_KINDS["auto"])


def left_behind_mark(save: Path) -> Path:
    """The file whose presence marks a manual save as one of a line of play left behind (the save itself is the
    player's: it is neither moved nor changed)."""
    return save.with_name(save.stem + LEFT_BEHIND_MARK)


def manual_saves(saves_dir: Path) -> list[Path]:
    """The player's own saves in the save folder (not autosaves, not the sidecars beside them)."""
    try:
        files = sorted(saves_dir.glob("*.json"))
    except OSError:
        return []
    return [path for path in files if not path.name.endswith(".ui.json") and not path.name.startswith(AUTOSAVE_PREFIX)
            and path.name != "autosave.json"]


def mark_saves_left_behind(saves_dir: Path, line: SaveInfo) -> list[Path]:
    """Mark every manual save of the same game as ``line`` (scenario, seed, run and line-up) that left ``line``:
    at some turn both played it holds another state. The marked saves, newest line first."""
    marked = []
    for path in manual_saves(saves_dir):
        info = read_save_info(path)
        if info is None or info.game != line.game or left_behind_mark(path).exists():
            continue
        if any(mine != theirs for mine, theirs in zip(line.checksums, info.checksums, strict=False)):
            try:
                left_behind_mark(path).touch()
            except OSError:
                continue  # an unwritable folder: the save is only not marked
            marked.append(path)
    return marked


def clear_left_behind_mark(save: Path) -> None:
    """A save written again on the line of play now followed is no longer one left behind."""
    with contextlib.suppress(OSError):
        left_behind_mark(save).unlink(missing_ok=True)


def _saved_at(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def continue_candidates(saves_dir: Path) -> list[Path]:
    """The autosaves "Continue" may resume, best first: the most recently saved unfinished game first
    (its files newest first, the older ones to fall back on when one is damaged), then the other games.
    A game whose newest autosave is finished is left out: it is over, not continued."""
    games: list[tuple[float, list[Path]]] = []
    for folder in game_folders(saves_dir):
        ring = autosaves(folder)
        if not ring:
            continue
        info = read_save_info(ring[0])
        if info is not None and info.over:
            continue
        ring.sort(key=_saved_at, reverse=True)
        games.append((_saved_at(ring[0]), ring))
    games.sort(key=lambda game: game[0], reverse=True)
    return [path for _saved, ring in games for path in ring]


def all_autosaves(saves_dir: Path) -> list[Path]:
    """Every autosave of every game (the load list shows them beside the saves)."""
    return [path for folder in game_folders(saves_dir) for path in autosaves(folder)]


@dataclass(frozen=True)
class SaveInfo:
    """Which game a save holds, read from its header without re-simulating it."""

    scenario: str  # the scenario's id
    roles: tuple[str, ...]
    played: int  # turns played
    turns: int  # turns in the game
    next_quarter: str  # the quarter to play next ("" when none was played yet)
    seed: int = 0
    run: int = 0
    checksums: tuple[str, ...] = ()  # the state after each turn played

    @property
    def game(self) -> tuple[str, int, int, tuple[str, ...]]:
        """What makes two saves positions of the same game: scenario, seed, run and line-up."""
        return (self.scenario, self.seed, self.run, self.roles)

    @property
    def over(self) -> bool:
        """Every turn of the game was played."""
        return self.played >= self.turns


def read_save_info(path: Path) -> SaveInfo | None:
    """The header of a save, or None when it cannot be read."""
    try:
        # Read like a save is loaded: a FIFO or /dev/zero among the autosaves must not hang Continue
        data = json.loads(read_limited(path, MAX_SAVE_BYTES).decode("utf-8"))
        history = data.get("history") or []
        quarter = quarter_name(quarter_index(str(history[-1]["quarter"])) + 1) if history else ""
        roles = tuple(str(role) for role in data.get("human_roles") or [])
        return SaveInfo(
            str(data["scenario"]["id"]), roles, len(history), int(data.get("turns", 0)), quarter,
            int(data.get("seed", 0)), int(data.get("run", 0)), tuple(str(turn["checksum"]) for turn in history),
        )
    except (InputFileError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def describe_save(path: Path, titles: Mapping[str, str] | None = None) -> str:
    """Which game a save holds, in words of the current language: ``The Middle Corridor · Russia · 2024Q3 (turn 4
    of 29)``, or ``… · finished after 29 turns``; the scenario's id when ``titles`` does not name it; the file's
    name when
    the save cannot be read."""
    info = read_save_info(path)
    if info is None:
        return path.stem
    title = (titles or {}).get(info.scenario, info.scenario)
    names = (_role_name(role) for role in info.roles)
    roles = " + ".join(name[:1].upper() + name[1:] for name in names) or _("computer")
    if info.over:
        where = ngettext("finished after {count} turn", "finished after {count} turns", info.turns).format(
            count=format_number(info.turns)
        )
    else:
        where = turn_position(info.next_quarter, info.played, info.turns)
    return f"{title} · {roles} · {where}"


def _role_name(code: str) -> str:
    try:
        return place_name(code)
    except KeyError:
        return code


def turn_position(quarter: str, played: int, turns: int) -> str:
    """The quarter to play and where it stands in the game: ``2024Q2 (turn 3 of 4)``, in the current language."""
    return _("{quarter} (turn {turn} of {turns})").format(
        quarter=quarter_text(quarter) if quarter else _("start"),
        turn=format_number(played + 1),
        turns=format_number(turns),
    )
