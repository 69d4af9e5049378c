"""A game in progress as the map window plays it (no pygame here).

A :class:`Session` is a :class:`~game.play.match.Match` (the game, its scenario, who
plays what) plus what the window needs around it: the orders humans have queued, the
save folder with its autosaves, and plain values for drawing. Every rule stays in the
engine: orders are checked with ``validate_orders`` and resolved by the match; the news
and the "why" come from :mod:`game.play.news`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.ai.policy import victory
from game.engine.ai.reasons import OrderReason
from game.engine.codes import ROLES, quarter_name
from game.engine.game import Game
from game.engine.layout import BLOCKS, variable_label
from game.engine.orders import Order, OrderProblem, parse_order, validate_orders
from game.engine.resolve import TurnRecord
from game.engine.rules import push_changes
from game.engine.scores import autonomy, headline, role_scores
from game.engine.world import World
from game.i18n import _, current_language, quarter_text
from game.i18n.phrases import channel_name
from game.io.save import SaveFile, read_save, save_name, write_autosave, write_save
from game.io.saves_folder import (
    AUTOSAVE_PREFIX,
    LEFT_BEHIND,
    SaveInfo,
    autosaves,
    clear_left_behind_mark,
    continue_candidates,
    game_folder_of,
    mark_saves_left_behind,
    new_game_folder,
    read_save_info,
)
from game.play.match import Match
from game.play.news import (
    EventView,
    NewsItem,
    dependence_causes,
    events_of,
    order_reasons,
    played_record,
    turn_news,
    variable_causes,
)
from game.play.previews import AUTOSAVE, DIFFICULTIES, default_saves_dir
from game.play.refusals import refusal_text
from game.play.routes import unbuilt_routes
from game.play.scenario import ScenarioChangedError, ScenarioSetup
from game.play.texts import ScenarioWords, block_word, scenario_words
from game.play.victory import do_nothing_baseline
from game.scenario.compile import SettingError
from game.scenario.errors import InputFileError
from game.scenario.files import read_limited
from game.scenario.load import LoadedScenario


class SessionError(Exception):
    """Something the player asked for could not be done (bad save, bad scenario)."""


# --------------------------------------------------------------------------- view values


@dataclass(frozen=True)
class Effect:
    """One expected change of an order, from the engine's own push rule."""

    label: str
    amount: float  # in points of 0–100 for shares and indices
    column: int = -1  # the variable changed (a column of the state's values)


@dataclass
class Session:
    """One game being played in the window: a :class:`Match` with the humans' queued orders,
    autosaves, and the values the screens draw."""

    match: Match
    difficulty: str = "normal"
    saves_dir: Path = field(default_factory=default_saves_dir)
    queued: dict[str, list[Order]] = field(default_factory=dict)
    dirty: bool = False
    message: str = ""
    # This game's own autosave folder (see game.io.saves_folder); made at the first autosave.
    autosave_dir: Path | None = None
    _cache: dict[tuple[object, ...], Any] = field(default_factory=dict, repr=False)

    def _memo(self, key: tuple[object, ...], make: Any) -> Any:
        """Derived values are cached per state object (states never change once made)."""
        if key not in self._cache:
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = make()
        return self._cache[key]

    # ------------------------------------------------------------------ creating

    @classmethod
    def start(
        cls,
        scenario: str | Path,
        roles: list[str],
        seed: int,
        turns: int | None = None,
        difficulty: str = "normal",
        saves_dir: Path | None = None,
        settings: dict[str, float] | None = None,
    ) -> Session:
        """A new game of a scenario (an id such as ``sandbox`` or a path)."""
        try:
            setup = ScenarioSetup.open(scenario, settings, turns)
        except InputFileError as error:
            raise SessionError("; ".join(str(p) for p in error.problems[:3])) from None
        except SettingError as error:
            raise SessionError(str(error)) from None
        humans = [r for r in dict.fromkeys(roles) if r in ROLES] or ["KZ"]
        level = difficulty if difficulty in DIFFICULTIES else "normal"
        match = Match.new(setup, seed, humans, {role: level for role in ROLES if role not in humans})
        folder = saves_dir or default_saves_dir()
        own_folder = new_game_folder(folder, setup.world.scenario_id, humans)
        return cls(match, level, folder, {role: [] for role in humans}, autosave_dir=own_folder)

    @classmethod
    def load(cls, path: Path, saves_dir: Path | None = None) -> Session:
        """Resume a saved game (re-simulated and checked by ``restore_game``)."""
        try:
            match = Match.load(path)
        except ScenarioChangedError as error:
            raise SessionError(str(error)) from None
        except InputFileError as error:
            raise SessionError("; ".join(str(p) for p in error.problems[:3])) from None
        except (SettingError, OSError, ValueError) as error:
            raise SessionError(str(error)) from None
        humans = match.human_roles or ["KZ"]
        levels = {role: level for role, level in match.levels.items() if role not in humans}
        if levels:  # the level most computer roles play at is the one the start screen offered
            difficulty = max(DIFFICULTIES, key=lambda d: (list(levels.values()).count(d), d == "normal"))
        else:  # saves before ai_levels kept the level in a side file
            difficulty = str(_read_sidecar(path).get("difficulty", "normal"))
        level = difficulty if difficulty in DIFFICULTIES else "normal"
        match.set_line_up(humans, {role: levels.get(role, level) for role in ROLES if role not in humans})
        # Saves name the scenario where it was found this time.
        match.scenario_path = str(match.setup.path)
        if saves_dir is None:  # an autosave lies in saves/autosaves/<game>/
            saves_dir = path.parent.parent.parent if game_folder_of(path, path.parent.parent.parent) else path.parent
        session = cls(match, level, saves_dir, {role: [] for role in humans})
        # Playing on from an autosave keeps to that game's folder; from any other save, a game of its own.
        # Loading changes nothing on disk: "Continue" still resumes the position played last until a turn
        # is played from this one.
        session.autosave_dir = game_folder_of(path, saves_dir)
        session.requeue(match.queued, after_undo=False)
        session.dirty = False  # what was queued came from the save itself
        return session

    def requeue(self, orders: Sequence[Order | str], after_undo: bool) -> None:
        """Queue orders again after a load or an undo, keeping those the engine still accepts; the message says
        which were dropped and why (an undo goes back to a quarter with other points and projects)."""
        dropped = []
        for given in orders:
            try:
                order = given if isinstance(given, Order) else parse_order(given)
            except ValueError as error:
                dropped.append(f"{given} ({error})")
                continue
            if order.role not in self.human_roles:
                dropped.append(_("{order} (not a player's role)").format(order=order))
                continue
            problems = self.queue(order)
            if problems:
                dropped.append(f"{order} ({problems[0]})")
        if dropped:
            said = _("queued orders after the undo not kept: {orders}") if after_undo else _(
                "queued orders in the save not kept: {orders}")
            self.message = said.format(orders="; ".join(dropped))

    # ------------------------------------------------------------------ the match

    @property
    def game(self) -> Game:
        """The engine's game (its states and records)."""
        return self.match.game

    @property
    def world(self) -> World:
        """The world being played."""
        return self.match.world

    @property
    def loaded(self) -> LoadedScenario:
        """The scenario's files as loaded (texts, events and their sources)."""
        return self.match.setup.loaded

    def words(self) -> ScenarioWords:
        """The scenario's words in the current language, for a screen to name what the engine names in English:
        ``words().actions[action_id][0]`` an action's title, ``words().causes.cause(text)`` a cause of
        :meth:`why_headline`, ``words().texts`` the scenario's texts."""
        return scenario_words(self.loaded)

    @property
    def seed(self) -> int:
        """The game's seed."""
        return self.match.seed

    @property
    def human_roles(self) -> list[str]:
        """The roles humans play (hot-seat when several)."""
        return self.match.human_roles

    @property
    def settings(self) -> dict[str, float]:
        """The scenario's lever settings for this game."""
        return self.match.setup.settings

    def ai_levels(self) -> dict[str, str]:
        """The level of every role the computer plays (``easy`` / ``normal`` / ``hard``)."""
        return dict(self.match.levels)

    # ------------------------------------------------------------------ reading the state

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return self.game.turn

    def quarter(self, turn: int | None = None) -> str:
        """The quarter being played at a turn (default: now)."""
        t = self.turn if turn is None else turn
        return quarter_name(self.world.start_quarter + t)

    def last_quarter(self) -> str:
        """The game's last quarter."""
        return self.quarter(self.world.turns - 1)

    def is_over(self) -> bool:
        """True when the last turn has been played."""
        return self.game.is_over()

    def values(self, turn: int | None = None) -> np.ndarray:
        """Flat values of run 0 after ``turn`` turns (default: now)."""
        t = self.turn if turn is None else max(0, min(turn, self.turn))
        return self.game.states[t].values[0]

    def _state_key(self, turn: int | None) -> int:
        t = self.turn if turn is None else max(0, min(turn, self.turn))
        return id(self.game.states[t])

    def headline(self, turn: int | None = None) -> np.ndarray:
        """Headline dependence ``[country, power]`` on 0–100."""
        return self._memo(
            ("headline", self._state_key(turn)), lambda: 100.0 * headline(self.values(turn)[None], self.world.weight)[0]
        )

    def headline_history(self) -> np.ndarray:
        """Headline dependence over turns ``[T+1, country, power]`` on 0–100."""
        return self._memo(
            ("hhist", id(self.game.states[-1]), len(self.game.states)),
            lambda: 100.0 * headline(self.game.values_history()[:, 0], self.world.weight),
        )

    def autonomy(self, turn: int | None = None) -> np.ndarray:
        """Autonomy per country (0–100)."""
        return self._memo(
            ("autonomy", self._state_key(turn)), lambda: autonomy(self.values(turn)[None], self.world.weight)[0]
        )

    def scores(self, turn: int | None = None) -> np.ndarray:
        """Every role's objective (0–100), ROLES order."""
        return role_scores(self.values(turn)[None], self.world.weight)[0]

    def victory(self) -> tuple[np.ndarray, np.ndarray]:
        """Every role's victory target and whether its score now reaches it, ROLES order (humans
        count as normal players; a shortened game has NaN targets and no winners; a role judged
        against doing nothing, see ``game.play.victory``, must score more than that game gives it)."""
        line_up = (tuple(self.human_roles), tuple(sorted(self.ai_levels().items())))
        baseline = self._memo(("do_nothing", line_up), lambda: do_nothing_baseline(self.match))
        return victory(self.world, self.scores(), self.ai_levels(), baseline)

    def targets(self) -> np.ndarray:
        """Every role's victory target in this game (see ``victory``)."""
        return self.victory()[0]

    def scores_history(self) -> np.ndarray:
        """Role scores over turns ``[T+1, ROLES]``."""
        return role_scores(self.game.values_history()[:, 0], self.world.weight)

    def block(self, name: str, turn: int | None = None) -> np.ndarray:
        """One block of run 0's values, shaped (e.g. dependence -> [C, P, K])."""
        b = BLOCKS[name]
        return self.values(turn)[b.start : b.stop].reshape(b.shape)

    def points(self, role: str) -> float:
        """Action points the role has in hand now."""
        return float(self.block("points")[ROLES.index(role)])

    def capacity(self, role: str) -> float:
        """Action points the role earns each turn."""
        return float(self.block("capacity")[ROLES.index(role)])

    def queued_cost(self, role: str) -> float:
        """Points the role's queued orders will cost."""
        actions = self.world.actions
        return float(sum(actions.cost[actions.index(o.action)] for o in self.queued.get(role, [])))

    # ------------------------------------------------------------------ actions

    def actions_for(self, role: str) -> list[int]:
        """Indices of the actions the role may take toward anyone."""
        allowed = self.world.actions.allowed[:, ROLES.index(role), :]
        return [a for a in range(self.world.actions.count) if allowed[a].any()]

    def targets_for(self, role: str, action: int) -> list[str]:
        """Targets the engine allows for this role and action."""
        allowed = self.world.actions.allowed[action, ROLES.index(role)]
        return [ROLES[t] for t in range(len(ROLES)) if allowed[t]]

    def expected_effects(self, role: str, action: int, target: str, limit: int = 5) -> list[Effect]:
        """The order's whole expected effect (cached per state; see :meth:`_expected_effects`)."""
        return self._memo(
            ("effects", role, action, target, limit, self._state_key(None), current_language()),
            lambda: self._expected_effects(role, action, target, limit),
        )

    def _expected_effects(self, role: str, action: int, target: str, limit: int = 5) -> list[Effect]:
        """The order's whole expected effect on today's state, largest first.

        Computed with the engine's own push rule (``rules.push_changes``) from the
        action table's total pushes; actual results also depend on events and drift.
        """
        pushes = self.world.actions.total_pushes[action, ROLES.index(role), ROLES.index(target)]
        change = push_changes(self.values()[None], pushes[None])[0]
        effects = []
        for column in np.argsort(-np.abs(change))[: limit * 2]:
            amount = float(change[column])
            if abs(amount) < 1e-4:
                break
            block, codes = variable_label(int(column))
            if block == "points":
                continue
            scale = 1.0 if block in ("capacity",) else 100.0
            effects.append(Effect(_label(block, codes), amount * scale, int(column)))
        return effects[:limit]

    def unbuilt_routes(self, role: str, action: int, target: str) -> list[str]:
        """What the order cannot move for want of a route (see :func:`game.play.routes.unbuilt_routes`)."""
        titles = {action_id: title for action_id, (title, _text) in self.words().actions.items()}
        return unbuilt_routes(self.world, role, action, target, titles)

    def all_queued(self) -> list[Order]:
        """Every queued order of every human role."""
        return [order for role in self.human_roles for order in self.queued.get(role, [])]

    def check(self, orders: list[Order]) -> list[OrderProblem]:
        """The engine's verdict on a set of human orders."""
        return validate_orders(self.world, self.game.state, orders, run=0, roles=self.human_roles)

    def queue(self, order: Order) -> list[str]:
        """Queue an order if the engine accepts it with the others; else the refusals."""
        if self.is_over():
            return [_("the game is over")]
        problems = self.check([*self.all_queued(), order])
        if problems:  # in the player's words, as the actions list gives them
            return [refusal_text(problem) for problem in problems]
        self.queued.setdefault(order.role, []).append(order)
        self.dirty = True
        return []

    def cancel(self, role: str, index: int) -> None:
        """Remove one queued order."""
        orders = self.queued.get(role, [])
        if 0 <= index < len(orders):
            del orders[index]
            self.dirty = True

    def end_turn(self) -> TurnRecord | None:
        """Play the turn: the humans' queued orders, the computer for everyone else."""
        if self.is_over():
            return None
        orders = self.all_queued()
        problems = self.check(orders)
        if problems:
            # Should not happen (each order was checked when queued); keep the legal ones.
            bad = {p.order for p in problems}
            orders = [o for o in orders if o not in bad]
        record = self.match.play_turn(orders)
        self.queued = {role: [] for role in self.human_roles}
        # The autosave holds the turn just played: only a failed one leaves something unsaved.
        self.dirty = self.autosave() is None
        return record

    # ------------------------------------------------------------------ news and why

    def record(self, turn: int) -> TurnRecord | None:
        """The record of a 1-based played turn (turn 1 = the first quarter played)."""
        return played_record(self.match, turn)

    def events_of(self, turn: int) -> list[EventView]:
        """Events that fired in a played turn (1-based), with their sources."""
        return events_of(self.match, turn)

    def news(self, turn: int) -> list[NewsItem]:
        """The news of a played turn: events, crises ended, and every role's orders."""
        return turn_news(self.match, turn, self.reasons(turn))

    def reasons(self, turn: int) -> list[OrderReason]:
        """Why each order of a played turn was given (cached per turn; ``game.i18n.reasons`` words it)."""
        record = self.record(turn)
        if record is None:
            return []
        return list(self._memo(("reasons", id(record)), lambda: order_reasons(self.match, turn)))

    def why_headline(self, country: str, power: str, turn: int) -> list[tuple[str, float]]:
        """Causes of the change of a headline score in a played turn, largest first (0–100);
        the amounts sum to the change (causes under 0.0005 points are left out)."""
        record = self.record(turn)
        if record is None:
            return []

        def make() -> list[tuple[str, float]]:
            causes = dependence_causes(self.world, record, country, power)
            return [(text, amount) for text, amount in causes if abs(amount) >= 5e-4]

        return self._memo(("why", country, power, id(record)), make)

    def why_variable(self, block: str, turn: int, **codes: str) -> list[tuple[str, float]]:
        """Causes of one variable's change in a played turn, largest first (0–100)."""
        record = self.record(turn)
        if record is None:
            return []
        return variable_causes(self.world, record, block, **codes)

    # ------------------------------------------------------------------ saves

    def save(self, path: Path | None = None) -> Path:
        """Write the game (a record of play) to ``path`` or a file named by scenario, roles and quarter."""
        quarter = "over" if self.is_over() else self.quarter()
        target = path or self.saves_dir / save_name(self.world.scenario_id, self.human_roles, quarter)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The computer's levels are in the save (ai_levels), and so are the orders queued for the next turn.
        write_save(target, self.match.save_file([str(order) for order in self.all_queued()]))
        clear_left_behind_mark(target)  # written again on the line now played
        self.dirty = False
        return target

    def autosave(self) -> Path | None:
        """Autosave after a turn into this game's ring of the newest five (``autosave-NNNN.json`` in
        its own folder: other games' autosaves are never touched); a failure is reported, never raised."""
        if self.autosave_dir is None:
            self.autosave_dir = new_game_folder(self.saves_dir, self.world.scenario_id, self.human_roles)
        try:
            self.autosave_dir.mkdir(parents=True, exist_ok=True)
            save = self.match.save_file([str(o) for o in self.all_queued()])
            self._keep_line_left_behind(save)
            return write_autosave(self.autosave_dir, save)
        except OSError as error:
            self.message = _("autosave failed: {error}").format(error=error)
            return None

    def _keep_line_left_behind(self, save: SaveFile) -> None:
        """Move this game's autosaves of the turn just played (when they hold another state than ``save``, the
        game as now played) and of later turns to a game folder of their own: they are a line of play left
        behind by an undo or by loading an earlier save, kept in the load list instead of deleted. The
        player's own saves on that line are marked, neither moved nor changed."""
        assert self.autosave_dir is not None
        checksum = save.history[-1].checksum if save.history else ""
        left = []
        for path in autosaves(self.autosave_dir):
            number = int(path.stem.removeprefix(AUTOSAVE_PREFIX))
            if number > self.turn or (number == self.turn and _last_checksum(path) != checksum):
                left.append(path)
        if not left:
            return
        folder = new_game_folder(self.saves_dir, self.world.scenario_id, self.human_roles, LEFT_BEHIND)
        folder.mkdir(parents=True)
        for path in left:
            os.replace(path, folder / path.name)  # a rename keeps the file's time: "Continue" stays on this line
        line = SaveInfo(save.scenario.id, tuple(save.human_roles), len(save.history), save.turns, "", save.seed,
                        save.run, tuple(turn.checksum for turn in save.history))
        mark_saves_left_behind(self.saves_dir, line)
        quarters = sorted(info.next_quarter for path in left if (info := read_save_info(folder / path.name)))
        span = _("up to {quarter}").format(quarter=quarter_text(quarters[-1])) if quarters else _("later turns")
        self.message = _(
            'The line of play you left ({span}) is kept: its autosaves are in the load list, marked "left behind".'
        ).format(span=span)

    def undo_to(self, turn: int) -> None:
        """Go back to the state after ``turn`` turns (the later turns are dropped)."""
        turn = max(0, min(turn, self.turn))
        if turn == self.turn:
            return
        kept = self.all_queued()
        self.match = self.match.rewound(turn)
        self.queued = {role: [] for role in self.human_roles}
        self.requeue(kept, after_undo=True)
        self.dirty = True

    def state_hash(self) -> str:
        """Hash of the current state (run 0)."""
        return self.game.state.hashes()[0]


def _label(block: str, codes: dict[str, str]) -> str:
    """A variable an order moves, short, by role codes (``KZ trade share of RU``), in the current language."""
    if block == "dependence":
        return _("{country} {channel} share of {power}").format(
            country=codes["country"], channel=channel_name(codes["channel"]), power=codes["power"]
        )
    if block == "favour":
        return _("favour {country}–{power}").format(country=codes["country"], power=codes["power"])
    if block == "tension":
        return _("tension {country}–{power}").format(country=codes["country"], power=codes["power"])
    if block in ("stability", "prosperity"):
        return _("{country} {variable}").format(country=codes["country"], variable=block_word(block))
    return _("{country} {variable}").format(country=codes.get("role", ""), variable=block_word(block))


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".ui.json")


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_limited(_sidecar(path), 1_000_000).decode("utf-8"))
        return data if isinstance(data, dict) else {}
    except (InputFileError, ValueError):
        return {}


def _last_checksum(path: Path) -> str:
    """The checksum of the last turn an autosave holds ("" when it cannot be read)."""
    try:
        history = json.loads(path.read_text(encoding="utf-8")).get("history") or []
        return str(history[-1]["checksum"]) if history else ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return ""


def continue_last(saves_dir: Path) -> tuple[Session, Path, list[str]]:
    """The game to continue: the newest autosave (by save time) of the most recently played unfinished
    game that loads, its path, and the names of newer autosaves that were damaged and skipped
    (``continue_candidates``). Falls back to the ``autosave.json`` of older versions. Raises
    :class:`SessionError` when nothing loads."""
    skipped: list[str] = []
    candidates = continue_candidates(saves_dir)
    if (saves_dir / AUTOSAVE).exists():
        candidates.append(saves_dir / AUTOSAVE)
    error: SessionError | None = None
    for path in candidates:
        if path.name != AUTOSAVE:
            try:
                read_save(path)
            except InputFileError:  # damaged: name it, and fall back to an older one
                skipped.append(path.name)
                continue
        try:
            return Session.load(path, saves_dir), path, skipped
        except SessionError as problem:
            error = error or problem
            skipped.append(path.name)
    if error is not None:
        raise error
    if skipped:
        raise SessionError(_("every autosave is damaged ({names})").format(names=", ".join(skipped)))
    raise SessionError(_("no autosave yet"))
