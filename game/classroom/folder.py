"""The class-game folder: create, load, play a turn, undo, inject, set policies.

``game.json`` is the single source of truth. Every change is computed in memory,
the turn's newspaper and briefings are written to a staging folder that is renamed
into ``turns/QUARTER/``, and ``game.json`` is replaced atomically last: a crash at
any point before that leaves the game as it was (a half-written ``turns/`` folder of
an uncommitted quarter is ignored and replaced by the next attempt).

Loading re-simulates every turn from the start and checks each turn's state hash
(:func:`game.io.save.restore_game`), so a damaged or hand-edited folder is refused.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout
from pydantic import ValidationError

from game.classroom.injection import apply_injections, with_reserved_rows
from game.classroom.models import (
    CLASS_FORMAT,
    CLASS_VERSION,
    SUBMISSIONS_DIR,
    ClassGameFile,
    CustomEvent,
    DeadlinePolicy,
    Injection,
    PlayedTurn,
    TeamOrders,
    is_role,
)
from game.classroom.orders import TeamOrdersFile, not_a_team
from game.engine.codes import ROLES, quarter_name
from game.engine.game import Game
from game.engine.orders import Order
from game.engine.world import World
from game.i18n import _, format_number, ngettext
from game.i18n.phrases import program_command
from game.io.atomic import CLASS_GAME_FILE, write_text_atomic
from game.io.save import verified_save
from game.play.batch import memory_refusal, recorded_game_memory
from game.play.match import Match
from game.play.scenario import ScenarioChangedError, ScenarioSetup
from game.scenario.compile import SettingError
from game.scenario.errors import InputFileError, Problem
from game.scenario.files import read_limited
from game.scenario.load import LoadedScenario
from game.scenario.models import RoleCode
from game.scenario.yamlfile import format_path

GAME_FILE = CLASS_GAME_FILE
MAX_GAME_BYTES = 64_000_000
TURN_PAGES = ("newspaper.html", "newspaper.md")  # besides one briefing per team, in turns/QUARTER/
LOCK_FILE = ".multivector.lock"
LOCK_WAIT_SECONDS = 60.0  # a turn takes seconds; a loaded classroom laptop (or CI) can take ten times as long


def submission_path(folder: Path, quarter: str, team: str) -> Path:
    """Where the class server keeps a team's submission for a quarter (an ordinary orders file)."""
    return folder / SUBMISSIONS_DIR / quarter / f"orders-{team}.yaml"


def briefing_name(team: str) -> str:
    """The file name of a team's briefing in ``turns/QUARTER/`` (Markdown)."""
    return f"briefing-{team}.md"


def briefing_page_name(team: str) -> str:
    """The file name of a team's briefing as a page to print, beside :func:`briefing_name`."""
    return f"briefing-{team}.html"


@contextmanager
def one_command_at_a_time(folder: Path) -> Iterator[None]:
    """Hold the class folder's lock (an OS file lock) while a command reads or changes it, so
    two commands at the same moment cannot both play the same turn; a command that waits
    longer than ``LOCK_WAIT_SECONDS`` is refused with nothing changed."""
    if not folder.is_dir():  # nothing to protect yet: the command itself says what is wrong
        yield
        return
    lock = FileLock(folder / LOCK_FILE, timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise ClassGameError(
            [_("another command is changing the class game in {folder}; try again in a moment").format(folder=folder)]
        ) from None
    except OSError as error:
        raise ClassGameError([_("cannot lock {file}: {error}").format(
            file=folder / LOCK_FILE, error=error.strerror or error)]) from None
    try:
        yield
    finally:
        lock.release()


class ClassGameError(Exception):
    """A class-game command cannot go ahead; ``messages`` say why (nothing was changed)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class ClassGame:
    """A loaded class game: its file, and the match replayed to the current turn."""

    folder: Path
    file: ClassGameFile
    match: Match  # played on the world with the reserved (and filled) injection rows
    base_world: World  # the scenario as compiled (for computer comparison runs)

    @property
    def loaded(self) -> LoadedScenario:
        """The scenario's files as loaded."""
        return self.match.setup.loaded

    @property
    def world(self) -> World:
        """The world played: the scenario's, with the teacher's injection rows."""
        return self.match.world

    @property
    def game(self) -> Game:
        """The engine's game, replayed to the current turn."""
        return self.match.game

    @property
    def quarter(self) -> str:
        """The quarter the next turn plays."""
        return quarter_name(self.world.start_quarter + self.game.turn)

    @property
    def teams(self) -> list[str]:
        """The teams' role codes."""
        return list(self.file.teams)

    def custom_events(self) -> dict[int, CustomEvent]:
        """The teacher's own events, by their row in the played world's event table."""
        return {
            self.base_world.events.count + i.row: i.custom for i in self.file.injections if i.custom is not None
        }

    def _file_label(self, path: Path) -> str:
        """How a turn records an orders file: its name, or for the class server's submissions the path in the
        class folder (``submissions/2023Q1/orders-KZ.yaml``), so the newspaper can say they came from a browser."""
        try:
            inside = path.resolve().relative_to(self.folder.resolve())
        except ValueError:
            return path.name
        return inside.as_posix() if inside.parts[0] == SUBMISSIONS_DIR else path.name

    def submitted_teams(self) -> list[str]:
        """The teams with a submission for the next turn in the class folder (from the server's pages or copied
        there); resolving the turn from the server plays exactly these."""
        return [team for team in self.teams if submission_path(self.folder, self.quarter, team).is_file()]

    def pending_injections(self) -> list[Injection]:
        """Injections scheduled for the next turn or later."""
        return [i for i in self.file.injections if i.turn >= self.game.turn]

    # ------------------------------------------------------------------ writing

    def _commit(self, file: ClassGameFile) -> None:
        write_text_atomic(self.folder / GAME_FILE, file.model_dump_json(indent=1) + "\n")
        self.file = file

    def _updated_save(self, match: Match) -> ClassGameFile:
        return self.file.model_copy(update={"save": match.save_file()})

    # ------------------------------------------------------------------ commands

    def play_turn(
        self,
        accepted: list[TeamOrdersFile],
        write_outputs: OutputWriter | None = None,
    ) -> PlayedTurn:
        """Resolve the next turn with the teams' orders; commit; return what was played."""
        if self.game.is_over():
            raise ClassGameError([game_over_message(self.world.turns)])
        by_team = {entry.team: entry for entry in accepted}
        human_roles: list[str] = []
        orders: list[Order] = []
        entries: list[TeamOrders] = []
        computer = self.match.computer_orders()
        for team in self.file.teams:
            if team in by_team:
                human_roles.append(team)
                orders += by_team[team].orders
                entries.append(
                    TeamOrders(
                        team=team,
                        source="file",
                        file=self._file_label(by_team[team].path),
                        orders=[str(o) for o in by_team[team].orders],
                    )
                )
            elif self.file.policy_of(team) == "hold":
                human_roles.append(team)
                entries.append(TeamOrders(team=team, source="held", orders=[]))
            else:
                mine = [str(o) for o in computer if o.role == team]
                entries.append(TeamOrders(team=team, source="computer", orders=mine))
        quarter = self.quarter
        self.match.play_turn(orders, human_roles)
        played = PlayedTurn(quarter=quarter, teams=entries)
        updated = self._updated_save(self.match)
        updated = updated.model_copy(update={"played": [*self.file.played, played]})
        if write_outputs is not None:
            copies = {f"orders-{entry.team}.yaml": entry.path for entry in accepted}
            self._write_turn_folder(self, updated, played, write_outputs, copies)
        self._commit(updated)
        return played

    def _write_turn_folder(
        self,
        game: ClassGame,
        file: ClassGameFile,
        played: PlayedTurn,
        write_outputs: OutputWriter,
        copies: dict[str, Path],
    ) -> None:
        """Write ``turns/QUARTER/`` whole: into a staging sibling, then renamed into place."""
        staging = self.folder / "turns" / f".staging-{played.quarter}"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        write_outputs(game, file, played, staging)
        for name, source in copies.items():
            shutil.copyfile(source, staging / name)
        final = self.folder / "turns" / played.quarter
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)

    def missing_turn_files(self) -> dict[str, list[str]]:
        """Played quarters whose ``turns/QUARTER/`` lacks its newspaper or a briefing (either form), with
        the names missing (a crash or an older version's race can leave one so)."""
        briefings = [name for team in self.teams for name in (briefing_name(team), briefing_page_name(team))]
        expected = [*TURN_PAGES, *briefings]
        missing: dict[str, list[str]] = {}
        for played in self.file.played:
            folder = self.folder / "turns" / played.quarter
            absent = [name for name in expected if not (folder / name).is_file()]
            if absent:
                missing[played.quarter] = absent
        return missing

    def repair(self, write_outputs: OutputWriter) -> list[str]:
        """Write again the newspaper and briefings of every played quarter that lacks one
        (the game replayed to that quarter); return the quarters mended. The copies of the
        teams' orders files cannot be restored: the orders themselves are in game.json."""
        missing = self.missing_turn_files()
        for index, played in enumerate(self.file.played):
            if played.quarter not in missing:
                continue
            then = self.file.model_copy(update={"played": list(self.file.played[: index + 1])})
            snapshot = ClassGame(self.folder, then, self.match.rewound(index + 1), self.base_world)
            kept = self.folder / "turns" / played.quarter
            copies = {path.name: path for path in sorted(kept.glob("orders-*.yaml"))} if kept.is_dir() else {}
            with tempfile.TemporaryDirectory(dir=self.folder) as keep:
                saved = {name: Path(shutil.copyfile(path, Path(keep) / name)) for name, path in copies.items()}
                self._write_turn_folder(snapshot, then, played, write_outputs, saved)
        return list(missing)

    def undo(self, turns: int = 1) -> list[str]:
        """Take back the last ``turns`` turns; return their quarters."""
        played = len(self.file.played)
        if played == 0:
            raise ClassGameError([_("nothing to undo: no turn has been played")])
        if turns > played:
            raise ClassGameError([ngettext(
                "only {played} turn has been played; cannot undo {turns}",
                "only {played} turns have been played; cannot undo {turns}", played,
            ).format(played=format_number(played), turns=format_number(turns))])
        keep = played - turns
        match = self.match.rewound(keep)
        undone = [turn.quarter for turn in self.file.played[keep:]]
        updated = self._updated_save(match).model_copy(update={"played": list(self.file.played[:keep])})
        self._commit(updated)
        self.match = match
        for quarter in undone:
            with contextlib.suppress(OSError):
                shutil.rmtree(self.folder / "turns" / quarter)
        return undone

    def inject(self, event_id: str | None, custom: CustomEvent | None) -> Injection:
        """Schedule a scenario event (by id) or a custom event for the next turn."""
        if self.game.is_over():
            raise ClassGameError([_("the game is over; there is no next turn to inject into")])
        used = {i.row for i in self.file.injections}
        free = [row for row in range(self.file.reserved_injections) if row not in used]
        if not free:
            raise ClassGameError(
                [_("all {count} injection slots of this game are used").format(count=self.file.reserved_injections)]
            )
        if custom is not None:
            unknown = [
                e.scale_by
                for e in [*custom.effects, *(custom.spread.effects if custom.spread else [])]
                if e.scale_by and e.scale_by not in self.base_world.levers
            ]
            if unknown:
                raise ClassGameError(
                    [_("custom event: scale_by '{lever}' is not a lever of this scenario").format(lever=unknown[0])]
                )
            injection = Injection(
                turn=self.game.turn, row=free[0], event=custom.id, title=custom.title, custom=custom
            )
        else:
            assert event_id is not None
            ids = [e.id for e in self.loaded.scenario.events]
            if event_id not in ids:
                import difflib

                close = difflib.get_close_matches(event_id, ids, n=1)
                hint = _("; did you mean '{event}'?").format(event=close[0]) if close else ""
                raise ClassGameError([_("'{event}' is not an event of {scenario} ({events})").format(
                    event=event_id, scenario=self.file.save.scenario.id, events=", ".join(ids)) + hint])
            event = next(e for e in self.loaded.scenario.events if e.id == event_id)
            injection = Injection(turn=self.game.turn, row=free[0], event=event_id, title=event.title)
        self._commit(self.file.model_copy(update={"injections": [*self.file.injections, injection]}))
        return injection

    def cancel_injections(self) -> list[Injection]:
        """Drop the injections not yet played."""
        pending = self.pending_injections()
        kept = [i for i in self.file.injections if i.turn < self.game.turn]
        self._commit(self.file.model_copy(update={"injections": kept}))
        return pending

    def set_policy(self, policy: DeadlinePolicy, team: str | None) -> None:
        """What happens to a team (or every team by default) that missed the deadline."""
        if team is None:
            self._commit(self.file.model_copy(update={"deadline_policy": policy, "team_policies": {}}))
            return
        if not is_role(team) or team not in self.teams:
            raise ClassGameError([not_a_team(str(team), list(self.teams))])
        policies = {**self.file.team_policies, team: policy}
        self._commit(self.file.model_copy(update={"team_policies": policies}))


class OutputWriter(Protocol):
    """A function writing a turn's newspaper and briefings into a folder."""

    def __call__(self, game: ClassGame, file: ClassGameFile, played: PlayedTurn, folder: Path) -> None: ...


# ---------------------------------------------------------------------- create and load


def create_class_game(
    *,
    folder: Path,
    setup: ScenarioSetup,
    seed: int,
    teams: list[RoleCode],
    policy: DeadlinePolicy,
    reserved: int = 12,
) -> ClassGame:
    """A new class game folder at its first turn (refuses a folder that already holds a game)."""
    if (folder / GAME_FILE).exists():
        raise ClassGameError([_("{file} already exists; choose a new folder").format(file=folder / GAME_FILE)])
    require_memory_for(setup.world, setup.world.turns, "--turns")
    played = setup.with_world(with_reserved_rows(setup.world, reserved))
    match = Match.new(played, seed, teams, scenario_path=str(setup.path.resolve()))
    file = ClassGameFile(
        format=CLASS_FORMAT,
        version=CLASS_VERSION,
        title=setup.loaded.scenario.title[:400],
        teams=teams,
        deadline_policy=policy,
        reserved_injections=reserved,
        save=match.save_file(),
    )
    folder.mkdir(parents=True, exist_ok=True)
    result = ClassGame(folder, file, match, setup.world)
    result._commit(file)
    return result


def require_memory_for(world: World, turns: int, lower: str) -> None:
    """Refuse (before replaying or playing anything) a class game of ``turns`` turns that would need
    more memory than this process can get; ``lower`` says what to change."""
    refusal = memory_refusal(recorded_game_memory(world, turns), lower)
    if refusal is not None:
        raise ClassGameError([refusal])


def read_class_file(folder: Path) -> ClassGameFile:
    """Read and validate ``game.json``, or raise :class:`InputFileError`."""
    path = folder / GAME_FILE
    name = str(path)
    if not (path.is_symlink() or path.exists()):
        raise InputFileError(
            [Problem(name, None, "", _("no class game here (make one with '{program} class new')").format(
                program=program_command()))]
        )
    raw = read_limited(path, MAX_GAME_BYTES, name)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputFileError([Problem(name, None, "", _("not UTF-8 text (damaged?)"))]) from None
    except json.JSONDecodeError as error:
        raise InputFileError([Problem(name, error.lineno, "", _("not valid JSON ({error})").format(
            error=error.msg))]) from None
    if not isinstance(data, dict) or data.get("format") != CLASS_FORMAT:
        raise InputFileError([Problem(name, None, "format", _("not a Multivector class game"))])
    if data.get("version") != CLASS_VERSION:
        raise InputFileError(
            [Problem(name, None, "version", _("version {version} is not supported").format(
                version=repr(data.get("version"))))]
        )
    try:
        file = ClassGameFile.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                name, None, format_path([p for p in item["loc"] if isinstance(p, str | int)]), item["msg"]
            )
            for item in error.errors()
        ]
        raise InputFileError(problems[:20]) from None
    return file.model_copy(update={"save": verified_save(file.save, name, "save.")})


def load_class_game(folder: Path) -> ClassGame:
    """Load a class game and replay it to its current turn, checking every hash."""
    file = read_class_file(folder)
    save = file.save
    try:
        setup = ScenarioSetup.of_save(save)
    except ScenarioChangedError as error:
        raise ClassGameError(
            [_("the scenario {scenario} changed since this class game began; restore the original files to go on "
               "with this game").format(scenario=error.scenario)]
        ) from None
    except SettingError as error:
        raise ClassGameError([f"{folder / GAME_FILE}: {error}"]) from None
    base = setup.world
    require_memory_for(base, save.turns, _("the game's length (a new game with fewer turns than {turns})").format(
        turns=format_number(save.turns)))
    world = apply_injections(
        with_reserved_rows(base, file.reserved_injections), setup, base.events.count, list(file.injections)
    )
    match = Match.resume(save, setup.with_world(world), str(folder / GAME_FILE))
    if len(file.played) != len(save.history):
        raise ClassGameError([_("{file}: played turns and saved history disagree").format(file=folder / GAME_FILE)])
    return ClassGame(folder, file, match, base)


def valid_teams(text: str) -> list[RoleCode]:
    """``KZ,UZ,RU`` → the codes, checked (no repeats)."""
    given = [part.strip() for part in text.split(",") if part.strip()]
    bad = [team for team in given if not is_role(team)]
    if bad:
        raise ClassGameError([_("'{role}' is not a role ({roles})").format(role=bad[0], roles=", ".join(ROLES))])
    teams = [team for team in given if is_role(team)]
    if len(set(teams)) != len(teams):
        raise ClassGameError([_("a team is listed twice")])
    if not teams:
        raise ClassGameError([_("give at least one team, e.g. --teams KZ,UZ,RU")])
    return teams


def game_over_message(turns: int) -> str:
    """``the game is over: all 4 turns have been played``."""
    return ngettext("the game is over: its {count} turn has been played",
                    "the game is over: all {count} turns have been played", turns).format(count=format_number(turns))
