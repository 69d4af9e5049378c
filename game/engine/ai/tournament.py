"""AI levels against each other, role by role, in one vectorised batch.

Line-ups (each played on the same ``runs`` seeds, so comparisons are paired —
game i of every line-up meets the same events and noise):

* ``all:<level>``: every role at that level (win rates, action choices);
* ``<role>:<level>``: every role normal except that one (paired against
  ``all:normal``: did changing only that role's level raise its final score?).

``pass`` (no orders) is played only as ``<role>:pass``, against ``all:normal`` (always
played then): :func:`agency` measures how far the normal player beats doing nothing.
A pass player counts as easy for victory targets (``par_levels``).

Statistics come with their uncertainty: Wilson 95% intervals for proportions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from game.engine.ai.policy import PAR_LEVELS, Level, decide, make_policy, par_levels, parse_level
from game.engine.codes import N_ROLES, ROLES
from game.engine.game import Game
from game.engine.orders import NO_ACTION
from game.engine.resolve import resolve_turn
from game.engine.rng import RandomStreams
from game.engine.state import initial_state
from game.engine.world import World

Z95 = 1.959963984540054
AGENCY_TARGET = 3.0  # issue 13: normal must beat pass by at least this many SDs of normal's final score


def wilson(successes: np.ndarray | int, trials: np.ndarray | int, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion (low, high).

    >>> low, high = wilson(50, 100)
    >>> round(float(low), 3), round(float(high), 3)
    (0.404, 0.596)
    """
    k = np.asarray(successes, dtype=float)
    n = np.maximum(np.asarray(trials, dtype=float), 1.0)
    p = k / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return centre - half, centre + half


@dataclass(frozen=True)
class LineUp:
    """One line-up: its name and the level of each role."""

    name: str
    levels: tuple[int, ...]  # (ROLES,)


def line_ups(levels: Sequence[str | Level] = ("easy", "normal", "hard")) -> list[LineUp]:
    """Everyone at each level (pass excepted), then each role alone at each non-normal level.

    Choosing pass also plays ``all:normal``, the games each ``<role>:pass`` is paired with.
    """
    chosen = sorted({parse_level(level) for level in levels})
    if Level.PASS in chosen and Level.NORMAL not in chosen:
        chosen.insert(int(Level.NORMAL), Level.NORMAL)
    result = [LineUp(f"all:{level.label}", (int(level),) * N_ROLES) for level in chosen if level in PAR_LEVELS]
    for level in chosen:
        if level is Level.NORMAL:
            continue
        for role in range(N_ROLES):
            row = [int(Level.NORMAL)] * N_ROLES
            row[role] = int(level)
            result.append(LineUp(f"{ROLES[role]}:{level.label}", tuple(row)))
    return result


@dataclass(frozen=True)
class TournamentResult:
    """Final scores, wins and action counts of every line-up."""

    line_ups: list[LineUp]
    runs: int
    scores: np.ndarray  # (L, runs, ROLES) final scores
    wins: np.ndarray  # (L, runs, ROLES) bool
    actions: np.ndarray  # (L, ROLES, A) how often each role chose each action

    def index(self, name: str) -> int:
        """Position of a line-up by name."""
        return [line.name for line in self.line_ups].index(name)

    def win_rate(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per role: win rate and its Wilson 95% interval in one line-up."""
        wins = self.wins[self.index(name)].sum(axis=0)
        low, high = wilson(wins, self.runs)
        return wins / self.runs, low, high

    def paired(self, better: str, worse: str, role: int) -> tuple[float, float, float]:
        """Share of paired games in which ``role`` scored higher in line-up ``better`` than in ``worse``."""
        a = self.scores[self.index(better), :, role]
        b = self.scores[self.index(worse), :, role]
        beats = int(np.sum(a > b + 1e-9))
        low, high = wilson(beats, self.runs)
        return beats / self.runs, float(low), float(high)

    def level_choices(self, level: Level) -> np.ndarray:
        """(A,) how often players at ``level`` chose each action, over every line-up and role."""
        total = np.zeros(self.actions.shape[2])
        for line_index, line in enumerate(self.line_ups):
            for role in range(N_ROLES):
                if line.levels[role] == int(level):
                    total += self.actions[line_index, role]
        return total


@dataclass(frozen=True)
class Agency:
    """Per role, how far the normal player beats passing (no orders), on the same seeds.

    Each role passes in its own line-up (``<role>:pass``, the others normal) and is
    compared with the same games of ``all:normal`` (common random numbers).
    """

    normal_mean: np.ndarray  # (ROLES,) mean final score when the role plays normal
    pass_mean: np.ndarray  # (ROLES,) mean final score when the role passes
    normal_sd: np.ndarray  # (ROLES,) standard deviation over seeds of the normal final score (ddof 1)
    beats: np.ndarray  # (ROLES,) share of paired games in which normal scored higher than pass
    gap_sd: np.ndarray  # (ROLES,) SD over seeds of the paired gap (normal − pass in the game of the same seed)

    @property
    def sd_multiple(self) -> np.ndarray:
        """(ROLES,) (normal mean − pass mean) ÷ normal's SD: the agency measure (±inf or NaN if the SD is 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return (self.normal_mean - self.pass_mean) / self.normal_sd

    @property
    def paired_multiple(self) -> np.ndarray:
        """(ROLES,) mean paired gap ÷ its SD: how clearly normal beats pass game by game, the luck
        both games share removed (a context figure; the target is on :attr:`sd_multiple`)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return (self.normal_mean - self.pass_mean) / self.gap_sd


def agency(result: TournamentResult) -> Agency:
    """The agency measure of every role from a tournament that played pass (see :class:`Agency`)."""
    normal = result.scores[result.index("all:normal")]  # (runs, ROLES)
    passed = np.stack([result.scores[result.index(f"{role}:pass"), :, r] for r, role in enumerate(ROLES)], axis=1)
    ddof = 1 if result.runs > 1 else 0
    beats = (normal > passed + 1e-9).mean(axis=0)
    return Agency(
        normal.mean(axis=0), passed.mean(axis=0), normal.std(axis=0, ddof=ddof), beats,
        (normal - passed).std(axis=0, ddof=ddof),
    )


def play_tournament(
    world: World,
    runs: int,
    seed: int,
    levels: Sequence[str | Level] = ("easy", "normal", "hard"),
    on_turn: Callable[[int, int], None] | None = None,
) -> TournamentResult:
    """Play every line-up ``runs`` times on seeds ``0..runs-1`` of ``seed``, all in one batch."""
    lines = line_ups(levels)
    count = len(lines)
    grid = np.repeat(np.array([line.levels for line in lines], dtype=np.int64), runs, axis=0)
    streams = RandomStreams(seed=seed, run_ids=np.tile(np.arange(runs, dtype=np.uint64), count))
    state = initial_state(world, count * runs)
    actions = np.zeros((count * runs, N_ROLES, world.actions.count))
    scores = np.zeros((count * runs, N_ROLES))
    for turn in range(world.turns):
        orders = decide(world, state, streams, grid).orders
        given = orders.action != NO_ACTION
        run_index, role_index, slot_index = np.nonzero(given)
        np.add.at(actions, (run_index, role_index, orders.action[run_index, role_index, slot_index]), 1.0)
        state, record = resolve_turn(world, state, orders, streams, keep_ledger=False)
        scores = record.scores
        if on_turn is not None:
            on_turn(turn + 1, world.turns)
    shape = (count, runs, N_ROLES)
    per_line = actions.reshape(count, runs, N_ROLES, -1).sum(axis=1)
    return TournamentResult(
        lines, runs, scores.reshape(shape), world.winners(scores, par_levels(grid)).reshape(shape), per_line
    )


def suggest_pars(result: TournamentResult, current: np.ndarray) -> np.ndarray:
    """(3, ROLES) victory pars: per level played, the median final score with every role at it (to 0.01).

    With those pars each role wins about half the games of each ``all:<level>``
    line-up; levels the tournament did not play keep their ``current`` par.
    """
    pars = np.array(current, dtype=float, copy=True)
    for level in PAR_LEVELS:
        name = f"all:{level.label}"
        if name in [line.name for line in result.line_ups]:
            pars[int(level)] = par_of(result.scores[result.index(name)])
    return pars


def par_of(scores: np.ndarray) -> np.ndarray:
    """(ROLES,) par from final scores (runs, ROLES): the median, rounded down to 0.01.

    Rounded down so the median game still reaches it; not to 0.1, because final scores
    spread by about half a point and a 0.1 step moved win rates by up to 7 points.
    """
    return np.floor(np.median(scores, axis=0) * 100.0) / 100.0


def line_up_scores(world: World, level: str | Level, runs: int, seed: int) -> np.ndarray:
    """(runs, ROLES) final scores of the ``all:<level>`` line-up alone, on seeds ``0..runs-1``.

    The same games as that line-up of :func:`play_tournament` with this seed: a cheap way
    to calibrate the easy and normal pars on many more games than the hard one.
    """
    policy = make_policy(dict.fromkeys(ROLES, parse_level(level).label))
    game = Game.new(world, seed=seed, runs=runs, keep_ledger=False, keep_history=False, policy=policy)
    game.play_to_end()
    return game.records[-1].scores


def win_rates_at(result: TournamentResult, name: str, pars: np.ndarray, world: World) -> np.ndarray:
    """(ROLES,) share of a line-up's games in which each role reaches its target under ``pars``."""
    line = result.line_ups[result.index(name)]
    scores = result.scores[result.index(name)]
    return replace(world, victory=pars).winners(scores, par_levels(np.array(line.levels))).mean(axis=0)
