"""Child process for the fault test: writes a save over and over until it is killed."""

from __future__ import annotations

import sys
from pathlib import Path

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.io.save import make_save, write_save
from game.scenario.compile import compile_world
from game.scenario.load import load_scenario

DATA = Path(__file__).resolve().parent.parent / "data"


def main() -> None:
    """Write two alternating saves (3 and 8 turns) to the path given, forever."""
    target = Path(sys.argv[1])
    world = compile_world(load_scenario(DATA / "tiny.yaml"))
    game = Game.new(world, seed=5, policy=normal_orders)
    saves = []
    for turns in (3, 8):
        while game.turn < turns:
            game.play()
        saves.append(make_save(game, "tiny", "tiny.yaml", "0" * 64, {}, []))
    write_save(target, saves[0])
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    index = 0
    while True:
        index += 1
        write_save(target, saves[index % 2])


if __name__ == "__main__":
    main()
