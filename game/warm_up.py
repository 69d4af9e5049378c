"""Compile the engine's kernels once, right after installing, so no game waits for it.

numba compiles each kernel the first time it runs and keeps the machine code in a cache
folder (``game.kernel_cache``); a first game would otherwise wait about half a minute.
``make play`` and ``make test`` run this after installing; after a plain ``pip install``,
the first ``multivector`` command that plays runs it (saying so) before its own work. It
plays one short game with every computer level and a small batch, which runs every kernel
once, then marks the cache ready. Run it by hand with ``python -m game.warm_up``.
"""

from __future__ import annotations

import time

from game.engine.ai.policy import make_policy
from game.engine.game import Game
from game.i18n import N_, _, format_number, resolve_language, set_language
from game.kernel_cache import mark_kernels_ready
from game.play.batch import play_batch
from game.play.scenario import ScenarioSetup

PREPARING = N_(  # translated where it is shown (game.cli.common.prepare_engine)
    "Preparing the engine (compiled once after installing, about half a minute)…"
)


def warm_up() -> float:
    """Run every kernel once (compiling or loading it); return the seconds it took."""
    start = time.perf_counter()
    world = ScenarioSetup.open("tutorial").world
    for levels in ({"KZ": "easy"}, {"KZ": "hard"}):
        Game.new(world, seed=0, runs=2, policy=make_policy(levels)).play_to_end()
    play_batch(world, seed=0, runs=3)  # a batch's own loops: no history, per-turn distributions
    mark_kernels_ready()
    return time.perf_counter() - start


def main() -> None:
    """Warm the cache and say how long it took, in the language of the machine (``make install`` runs it)."""
    set_language(resolve_language())
    print(_(PREPARING), flush=True)
    print(_("Ready in {seconds} s.").format(seconds=format_number(warm_up(), 1)))


if __name__ == "__main__":
    main()
