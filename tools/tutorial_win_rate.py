"""How often a newcomer who follows the tutorial's steps wins, over many seeds.

Usage: python tools/tutorial_win_rate.py [--runs 100] [--seed 1] [--level normal]

Plays the orders the steps queue (``game.play.tutorial.scripted_plan``) as the tutorial's role,
the computer for every other role at ``--level``, on seeds ``seed … seed+runs−1``, and prints
the wins and the final score's margin over the target (the role's par at that level).
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


def margin(tutorial: Tutorial, seed: int, level: str, saves: Path) -> float:
    """Final score minus target of one game played by the tutorial's plan."""
    role = tutorial.role
    session = Session.start("tutorial", [role], seed, difficulty=level, saves_dir=saves)
    for orders in scripted_plan(tutorial):
        for action, target in orders:
            refused = session.queue(Order(role, action, target))
            assert not refused, refused
        session.end_turn()
    index = ROLES.index(role)
    return float(session.scores()[index] - session.targets()[index])


def main() -> int:
    """Print the win rate and the margins."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--level", default="normal", choices=["easy", "normal", "hard"])
    args = parser.parse_args()
    tutorial = load_scenario(SCENARIOS_DIR / "tutorial.yaml").scenario.tutorial
    assert tutorial is not None
    with tempfile.TemporaryDirectory() as folder:
        seeds = range(args.seed, args.seed + args.runs)
        margins = [margin(tutorial, seed, args.level, Path(folder)) for seed in seeds]
    wins = sum(m >= 0 for m in margins)
    print(
        f"{wins} wins in {args.runs} games at {args.level} ({100 * wins / args.runs:.0f}%); margin over the target:"
        f" mean {sum(margins) / len(margins):+.2f}, from {min(margins):+.2f} to {max(margins):+.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
