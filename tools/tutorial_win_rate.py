"""How often a newcomer who follows the tutorial's steps wins, over many seeds.

Usage: python tools/tutorial_win_rate.py [--runs 100] [--seed 1] [--level normal]

Plays the orders the steps queue (``game.play.tutorial.scripted_plan``) as the tutorial's role,
the computer for every other role at ``--level``, on seeds ``seed … seed+runs−1``, and prints
the wins and the final score's margin over the target the game sets (``Session.victory``: for
the tutorial, the score the same seed gives a role that gives no orders), with the seeds lost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine.codes import ROLES
from game.engine.orders import Order
from game.play.session import Session
from game.play.tutorial import scripted_plan
from game.scenario.library import SCENARIOS_DIR
from game.scenario.load import load_scenario
from game.scenario.tutorial import Tutorial


def margin(tutorial: Tutorial, seed: int, level: str, saves: Path) -> tuple[float, bool]:
    """Final score minus target of one game played by the tutorial's plan, and whether it won (more than the
    target for a role judged against doing nothing, at least the target for one judged by par)."""
    role = tutorial.role
    session = Session.start("tutorial", [role], seed, difficulty=level, saves_dir=saves)
    for orders in scripted_plan(tutorial):
        for action, target in orders:
            refused = session.queue(Order(role, action, target))
            assert not refused, (seed, refused)
        session.end_turn()
    index = ROLES.index(role)
    targets, won = session.victory()
    return float(session.scores()[index] - targets[index]), bool(won[index])


def main() -> int:
    """Print the win rate, the margins and the seeds lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--level", default="normal", choices=["easy", "normal", "hard"])
    args = parser.parse_args()
    tutorial = load_scenario(SCENARIOS_DIR / "tutorial.yaml").scenario.tutorial
    assert tutorial is not None
    seeds = range(args.seed, args.seed + args.runs)
    with tempfile.TemporaryDirectory() as folder:
        margins = {seed: margin(tutorial, seed, args.level, Path(folder)) for seed in seeds}
    lost = [seed for seed, (_, won) in margins.items() if not won]
    values = [value for value, _ in margins.values()]
    print(
        f"{args.runs - len(lost)} wins in {args.runs} games at {args.level} (target: {tutorial.target});"
        f" margin over the target: mean {sum(values) / len(values):+.3f}, from {min(values):+.3f}"
        f" to {max(values):+.3f}; lost: {', '.join(map(str, lost)) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
