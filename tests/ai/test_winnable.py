"""Every role of the Middle Corridor can be won at the target a human player meets, and none by giving no orders.

A human's target is the par against normal opponents (``World.victory_targets``: humans count as normal), the median
final score with the computer playing every role at normal. A newcomer following the advice as Russia saw the score
fall for five quarters and asked whether the role can be won at all: played by the computer's hard player against
normal opponents, each role reached that target in 52–72 % of 200 games (normal 42–57 %, by the par's construction),
and never by passing (0 %). This keeps a far smaller sample of it, on fixed seeds: the bounds leave room for the
sampling error of 40 games (about ±15 points) and fail only when a role becomes close to unwinnable, or free.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.ai.tournament import play_tournament
from game.engine.codes import ROLES
from game.scenario.compile import compile_world
from game.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_each_role_of_the_middle_corridor_is_winnable_by_playing_and_not_by_passing() -> None:
    world = compile_world(load_scenario(ROOT / "scenarios/middle_corridor.yaml"))
    result = play_tournament(world, 40, seed=1, levels=("hard", "pass"))
    for r, role in enumerate(ROLES):
        hard = result.win_rate(f"{role}:hard")[0][r]  # the others normal: the target is the normal par
        passing = result.win_rate(f"{role}:pass")[0][r]
        assert hard >= 0.25, (role, hard)
        assert passing <= 0.10, (role, passing)
