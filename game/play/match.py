"""A game in progress, whoever plays it: the map, the command line or a class.

A :class:`Match` owns one game (run 0 of the engine's runs axis) with its scenario
setup, the roles humans play and the computer's level for the others. It starts new
games and resumes saved ones (re-simulated and checked by
:func:`game.io.save.restore_game`), plays turns, writes saves and takes turns back.
Front ends add what they show or write; none of them assembles a game itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.engine.ai.policy import make_policy
from game.engine.game import Game
from game.engine.orders import Order
from game.engine.resolve import TurnRecord
from game.engine.world import World
from game.io.save import SaveFile, make_save, read_save, restore_game
from game.play.scenario import ScenarioSetup


@dataclass
class Match:
    """One game in progress and who plays it.

    ``levels`` are the computer's levels as a save records them (roles not named play
    at ``normal``); ``scenario_path`` is how saves name the scenario file.
    """

    setup: ScenarioSetup
    game: Game
    human_roles: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    scenario_path: str = ""
    queued: list[str] = field(default_factory=list)  # orders a save had queued for the next turn
    tutorial_skipped: bool = False  # the player hid the guided tutorial (kept by saves)

    # ------------------------------------------------------------------ starting and resuming

    @classmethod
    def new(
        cls,
        setup: ScenarioSetup,
        seed: int,
        human_roles: Sequence[str] = (),
        levels: Mapping[str, str] | None = None,
        run: int = 0,
        scenario_path: str | None = None,
    ) -> Match:
        """A game of ``setup`` at its first turn; the computer plays every role not in ``human_roles``."""
        chosen = dict(levels or {})
        game = Game.new(setup.world, seed=seed, runs=1, first_run=run, policy=make_policy(chosen))
        path = str(setup.path) if scenario_path is None else scenario_path
        return cls(setup, game, list(human_roles), chosen, path)

    @classmethod
    def resume(cls, save: SaveFile, setup: ScenarioSetup, where: str) -> Match:
        """The game of a save, re-simulated on ``setup`` (``where`` names the save in errors).

        Raises ``InputFileError`` when a turn does not replay to its saved state.
        """
        levels = {str(role): str(level) for role, level in save.ai_levels.items()}
        game = restore_game(save, setup.world, where, policy=make_policy(levels))
        humans = [str(role) for role in save.human_roles]
        return cls(setup, game, humans, levels, save.scenario.path, list(save.queued), save.tutorial_skipped)

    @classmethod
    def load(cls, path: Path, same_files: bool = True) -> Match:
        """Resume the save in ``path`` on the scenario it names (see :meth:`ScenarioSetup.of_save`)."""
        save = read_save(path)
        return cls.resume(save, ScenarioSetup.of_save(save, same_files), str(path))

    def set_line_up(self, human_roles: Sequence[str], levels: Mapping[str, str]) -> None:
        """Who plays from the next turn on: the human roles, and the computer's level for others."""
        self.human_roles = list(human_roles)
        self.levels = dict(levels)
        self.game.policy = make_policy(self.levels)

    # ------------------------------------------------------------------ reading

    @property
    def world(self) -> World:
        """The world being played."""
        return self.game.world

    @property
    def seed(self) -> int:
        """The game's seed."""
        return self.game.streams.seed

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return self.game.turn

    def is_over(self) -> bool:
        """True when the last turn has been played."""
        return self.game.is_over()

    def computer_orders(self) -> list[Order]:
        """What the computer would order this turn for every role, at each role's level."""
        return self.game.computer_orders().orders_of_run(self.world, 0)

    # ------------------------------------------------------------------ playing

    def play_turn(self, orders: Sequence[Order] = (), roles: Sequence[str] | None = None) -> TurnRecord:
        """Play one turn: ``orders`` for ``roles`` (default: the human roles), the computer for the rest.

        The orders must be legal (``validate_orders``); the game must not be over.
        """
        chosen = self.human_roles if roles is None else list(roles)
        return self.game.play([list(orders)], human_roles=chosen)

    def play_to_end(self) -> None:
        """Let the computer play every role until the scenario ends."""
        self.game.play_to_end()

    # ------------------------------------------------------------------ saves and undo

    def save_file(self, queued: Sequence[str] = ()) -> SaveFile:
        """The game as a save: the scenario's fingerprint, seed, settings, line-up, every turn, and the orders
        ``queued`` for the next turn."""
        return make_save(
            self.game,
            self.world.scenario_id,
            self.scenario_path,
            self.setup.fingerprint,
            self.setup.settings,
            list(self.human_roles),
            ai_levels=self.levels,
            queued=list(queued),
            tutorial_skipped=self.tutorial_skipped,
        )

    def rewound(self, turn: int) -> Match:
        """The same match taken back to the state after ``turn`` turns (this one is left as it is)."""
        kept = max(0, min(turn, self.turn))
        game = restore_game(self.save_file(), self.world, "undo", upto=kept, policy=self.game.policy)
        return replace(self, game=game, human_roles=list(self.human_roles), levels=dict(self.levels))
