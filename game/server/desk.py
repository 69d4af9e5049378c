"""The class folder as the server works on it: teams' submissions, the deadline, the teacher's commands.

Every read or change holds the class folder's OS file lock (:func:`one_command_at_a_time`), so the
server and the command-line ``multivector class …`` commands can take turns on one game. A
submission is an ordinary orders file, ``submissions/QUARTER/orders-TEAM.yaml``, checked by the
same function as orders files (:func:`check_orders_files`, same messages) and written atomically
the moment it is accepted; a teacher at the command line can resolve the turn with those files.
The loaded game is kept in memory while ``game.json`` is unchanged (replaying is slow) and loaded
again when another command changed it.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from game.classroom.folder import (
    GAME_FILE,
    ClassGame,
    ClassGameError,
    OutputWriter,
    game_over_message,
    load_class_game,
    one_command_at_a_time,
    submission_path,
)
from game.classroom.models import DeadlinePolicy, PlayedTurn
from game.classroom.orders import TeamOrdersFile, check_orders_files
from game.i18n import _, current_language, quarter_text
from game.io.atomic import write_text_atomic
from game.play.session import Session
from game.play.texts import ScenarioWords, scenario_words
from game.scenario.errors import Problem

DEADLINE_FILE = "server-deadline.json"
DEBRIEF_FILE = "server-debrief.html"  # the last debrief made, after a line naming the game.json it was made from
UNDONE_FILE = "server-undone.json"  # the quarters the teacher last took back, for the teams' notice
_REVISION = re.compile(r"^# revision (\d+)", re.MULTILINE)

T = TypeVar("T")
DebriefMaker = Callable[[Path], str]  # class folder -> the debrief's HTML


class RefusedError(Exception):
    """A request the rules or the game's state refuse; ``messages`` say why (nothing was changed)."""

    def __init__(self, messages: list[str], status: int = 409) -> None:
        self.messages = messages
        self.status = status
        super().__init__("; ".join(messages))


@dataclass(frozen=True)
class Submission:
    """A team's accepted orders for a quarter, as saved."""

    team: str
    quarter: str
    orders: list[tuple[str, str]]  # (action id, target code)
    revision: int  # 1 for the first submission of the quarter, then one more each change
    saved_at: float  # seconds since the epoch


def orders_file_text(team: str, quarter: str, orders: list[tuple[str, str]], revision: int) -> str:
    """The orders file of a submission (YAML written by the YAML library, never pasted together)."""
    document = {"team": team, "turn": quarter, "orders": [{"action": a, "target": t} for a, t in orders]}
    header = f"# revision {revision}: submitted from the class server\n"
    return header + yaml.safe_dump(document, sort_keys=False, default_flow_style=None)


def problem_text(problem: Problem, named: list[str]) -> str:
    """A checker's problem without the file name (the student never saw a file), naming the order as the page
    does: ``Sign a trade deal → China: …`` (``named``: each order's title and target, in the order sent)."""
    found = re.match(r"orders\[(\d+)\]", problem.field)
    if found and int(found.group(1)) < len(named):
        where = f"{named[int(found.group(1))]}: "
    else:
        where = f"{problem.field}: " if problem.field and not found else ""
    return where + problem.message


def order_names(words: ScenarioWords, orders: list[tuple[str, str]]) -> list[str]:
    """Each order as the page names it: the action's title and the target's name (``Sign a trade deal → China``)."""
    return [words.order(action, target) for action, target in orders]


class ClassDesk:
    """One class folder served: the game (kept loaded), submissions, deadline and the teacher's commands."""

    def __init__(self, folder: Path, write_outputs: OutputWriter, debrief: DebriefMaker) -> None:
        self.folder = folder
        self.write_outputs = write_outputs
        self.debrief_maker = debrief
        self._mutex = threading.RLock()  # threads of this process queue here before the OS lock
        self._game: ClassGame | None = None
        self._session: Session | None = None
        self._stamp: tuple[int, int, int] | None = None

    # ------------------------------------------------------------------ the game, locked

    def _file_stamp(self) -> tuple[int, int, int]:
        status = (self.folder / GAME_FILE).stat()
        return (status.st_mtime_ns, status.st_size, status.st_ino)

    @contextmanager
    def locked(self) -> Iterator[ClassGame]:
        """The current game, with the class folder locked for as long as the block runs."""
        with self._mutex, one_command_at_a_time(self.folder):
            if self._game is None or self._stamp != self._file_stamp():
                self._game = load_class_game(self.folder)
                self._session = None
            self._stamp = self._file_stamp()
            yield self._game

    def _changed(self, game: ClassGame, reload: bool) -> None:
        """After a change: keep the game in memory (it is the one saved), or load it again next time."""
        self._session = None
        self._stamp = None if reload else self._file_stamp()
        if reload:
            self._game = None
        else:
            self._game = game

    def session(self, game: ClassGame) -> Session:
        """The play layer's view of the game (expected effects, news); made once per state."""
        if self._session is None or self._session.match is not game.match:
            self._session = Session(game.match, saves_dir=self.folder)
        return self._session

    # ------------------------------------------------------------------ submissions

    def submission(self, quarter: str, team: str) -> Submission | None:
        """The team's saved submission for the quarter (None when it has none)."""
        path = submission_path(self.folder, quarter, team)
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        found = _REVISION.search(text)
        orders = [(str(o["action"]), str(o["target"])) for o in data.get("orders") or []]
        return Submission(team, quarter, orders, int(found.group(1)) if found else 1, path.stat().st_mtime)

    def submit(self, team: str, orders: list[tuple[str, str]], page_quarter: str | None = None) -> Submission:
        """Check a team's orders for the current quarter like an orders file and save them at once;
        ``page_quarter``: the quarter the team's page showed (refused when the teacher has resolved it since)."""
        with self.locked() as game:
            if page_quarter is not None and page_quarter != game.quarter:
                raise RefusedError([
                    _("your teacher resolved {resolved} while you were choosing: nothing was saved. The page now "
                      "shows {quarter}; check your ticks and submit again").format(
                        resolved=quarter_text(page_quarter), quarter=quarter_text(game.quarter))
                ])
            if game.game.is_over():
                raise RefusedError([game_over_message(game.world.turns)])
            quarter = game.quarter
            deadline = self.deadline(quarter)
            if deadline is not None and time.time() > deadline:
                passed = _("the deadline for {quarter} has passed; ask your teacher").format(
                    quarter=quarter_text(quarter))
                raise RefusedError([passed])
            previous = self.submission(quarter, team)
            revision = previous.revision + 1 if previous else 1
            text = orders_file_text(team, quarter, orders, revision)
            with tempfile.TemporaryDirectory(prefix="multivector-submission-") as scratch:
                candidate = Path(scratch) / f"orders-{team}.yaml"
                candidate.write_text(text, encoding="utf-8")
                _accepted, problems = check_orders_files(
                    [candidate], game.world, game.game.state, game.teams, quarter, str(self.folder)
                )
            if problems:
                named = order_names(scenario_words(game.loaded), orders)
                raise RefusedError([problem_text(p, named) for p in problems])
            path = submission_path(self.folder, quarter, team)
            write_text_atomic(path, text)
            return Submission(team, quarter, list(orders), revision, path.stat().st_mtime)

    # ------------------------------------------------------------------ deadline

    def deadline(self, quarter: str) -> float | None:
        """When submissions for ``quarter`` close (seconds since the epoch), or None for no deadline."""
        path = self.folder / DEADLINE_FILE
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        at = data.get("at")
        return float(at) if data.get("quarter") == quarter and isinstance(at, int | float) else None

    def set_deadline(self, minutes: float | None) -> None:
        """Close submissions for the current quarter in ``minutes`` (None: no deadline)."""
        with self.locked() as game:
            at = None if minutes is None else time.time() + 60.0 * minutes
            write_text_atomic(self.folder / DEADLINE_FILE, json.dumps({"quarter": game.quarter, "at": at}) + "\n")

    # ------------------------------------------------------------------ the teacher's commands

    def resolve(self, page_quarter: str | None = None) -> PlayedTurn:
        """Play the current quarter with every saved submission (the others by the deadline policy);
        ``page_quarter``: the quarter the teacher's page showed (refused when the game has moved on since)."""
        with self.locked() as game:
            _same_quarter(game, page_quarter)
            if game.game.is_over():
                raise RefusedError([game_over_message(game.world.turns)])
            quarter = game.quarter
            paths = [submission_path(self.folder, quarter, team) for team in game.submitted_teams()]
            accepted, problems = check_orders_files(
                paths, game.world, game.game.state, game.teams, quarter, str(self.folder)
            )
            if problems:
                raise RefusedError([str(p) for p in problems] + [
                    _("turn {quarter} not played, nothing changed").format(quarter=quarter_text(quarter))])
            played = game.play_turn(_in_team_order(accepted, game.teams), self.write_outputs)
            self._changed(game, reload=False)
            return played

    def undo(self, page_quarter: str | None = None) -> list[str]:
        """Take back the last turn (the teams' submissions for it stay, to be changed or resolved again);
        ``page_quarter`` as for :meth:`resolve`."""
        with self.locked() as game:
            _same_quarter(game, page_quarter)
            undone = _classroom(lambda: game.undo(1))
            self._changed(game, reload=False)
            write_text_atomic(
                self.folder / UNDONE_FILE, json.dumps({"quarter": game.quarter, "undone": undone}) + "\n"
            )
            return undone

    def taken_back(self, quarter: str) -> list[str]:
        """The quarters the teacher took back to reach ``quarter`` (empty when the game did not go back there)."""
        path = self.folder / UNDONE_FILE
        if not path.is_file():
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
        undone = data.get("undone")
        if data.get("quarter") != quarter or not isinstance(undone, list):
            return []
        return [str(q) for q in undone]

    def inject(self, event_id: str) -> str:
        """Make a scenario event happen at the start of the next turn; its title."""
        with self.locked() as game:
            injection = _classroom(lambda: game.inject(event_id, None))
            self._changed(game, reload=True)  # the played world gains the event: replay with it
            return scenario_words(game.loaded).event_title(injection.event, injection.title)

    def cancel_injections(self) -> list[str]:
        """Drop the events injected for turns not yet played; their titles."""
        with self.locked() as game:
            dropped = _classroom(game.cancel_injections)
            self._changed(game, reload=True)
            words = scenario_words(game.loaded)
            return [words.event_title(injection.event, injection.title) for injection in dropped]

    def set_policy(self, policy: DeadlinePolicy, team: str | None) -> None:
        """What happens to a team (every team when None) without a submission."""
        with self.locked() as game:
            _classroom(lambda: game.set_policy(policy, team))
            self._changed(game, reload=False)

    def debrief(self) -> str:
        """The debrief of the game so far (HTML), as ``multivector report`` writes it; made once per state of the
        game and kept in the class folder (written atomically), since the computer's runs take a few seconds."""
        with self.locked() as game:
            if not game.file.played:
                raise RefusedError([_("no turn has been played yet")], status=404)
            made_from = hashlib.sha256((self.folder / GAME_FILE).read_bytes()).hexdigest()
            stamp = f"<!-- debrief of game.json {made_from} in {current_language()} -->\n"
            cached = self.folder / DEBRIEF_FILE
            if cached.is_file():
                text = cached.read_text(encoding="utf-8")
                if text.startswith(stamp):
                    return text[len(stamp):]
            page = self.debrief_maker(self.folder)
            write_text_atomic(cached, stamp + page)
            return page


def _same_quarter(game: ClassGame, page_quarter: str | None) -> None:
    """Refuse a teacher's command sent from a page of another quarter (a stale tab, a second click)."""
    if page_quarter is not None and page_quarter != game.quarter:
        raise RefusedError([_("this page was for {page}; the game is now at {quarter} — reload").format(
            page=quarter_text(page_quarter), quarter=quarter_text(game.quarter))])


def _in_team_order(accepted: list[TeamOrdersFile], teams: list[str]) -> list[TeamOrdersFile]:
    return sorted(accepted, key=lambda entry: teams.index(entry.team))


def _classroom(command: Callable[[], T]) -> T:
    """Run a classroom command; its refusal becomes the server's."""
    try:
        return command()
    except ClassGameError as error:
        raise RefusedError(error.messages) from None
