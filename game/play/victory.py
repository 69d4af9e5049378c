"""Victory targets set against doing nothing (no pygame here).

A scenario's tutorial may judge its role with ``target: do_nothing``: the role wins when it
scores more than the same game gives it when it gives no orders. "The same game" is the
same seed, so the same events and the same chance, and the same computer opponents at the
same levels, deciding by the same rule. Every random draw is keyed by (seed, run, turn,
stream), never by what was drawn before, so the do-nothing game is fixed by the seed and
the line-up alone: it does not depend on what the player does, and it is played in full
the first time the target is asked for (CPU time about 35 ms for the tutorial's year at normal, 110 ms at hard).
Saves, loads, undo and replays keep the seed and line-up, and so the target.

The engine judges (``game.engine.ai.policy.victory`` with a ``baseline``); this module
plays the game it compares with.
"""

from __future__ import annotations

import numpy as np

from game.engine.ai.policy import target_text
from game.engine.codes import N_ROLES, ROLE_NAMES, ROLES
from game.engine.scores import role_scores
from game.play.match import Match


def do_nothing_roles(match: Match) -> list[str]:
    """The roles judged against doing nothing in this game (the tutorial's role, when its ``target`` says so)."""
    tutorial = match.setup.loaded.scenario.tutorial
    return [tutorial.role] if tutorial is not None and tutorial.target == "do_nothing" else []


def do_nothing_game(match: Match, role: str) -> Match:
    """``match`` played from its start to its end with ``role`` giving no orders.

    The computer plays every other role at its level in ``match``; another human role is
    played by the computer at normal (humans count as normal players, as for the pars).
    """
    levels = {other: level for other, level in match.levels.items() if other != role}
    first_run = int(match.game.streams.run_ids[0])
    quiet = Match.new(match.setup, match.seed, [role], levels, run=first_run, scenario_path=match.scenario_path)
    while not quiet.is_over():
        quiet.play_turn([])
    return quiet


def do_nothing_baseline(match: Match) -> np.ndarray | None:
    """(ROLES,) each role's final score in its do-nothing game, NaN for roles judged by par; None when no role
    is judged against doing nothing, or the game has no targets (shortened with ``--turns``)."""
    roles = do_nothing_roles(match)
    if not roles or not match.world.has_targets:
        return None
    baseline = np.full(N_ROLES, np.nan)
    for role in roles:
        final = do_nothing_game(match, role).game.state.values
        baseline[ROLES.index(role)] = role_scores(final, match.world.weight)[0, ROLES.index(role)]
    return baseline


def target_rule(match: Match, role: str) -> str:
    """How ``role``'s target is set, as a clause for the player (no number)."""
    name = ROLE_NAMES[role]
    if role in do_nothing_roles(match):
        return f"score more than {name} would have by doing nothing"
    return f"reach the score the computer reaches as {name} against these opponents (its par)"


def target_label(match: Match, role: str, target: float) -> str:
    """The target for the top bar, shortest honest wording: ``beat doing nothing: 51.38`` or ``target 51.89``."""
    number = target_text(target)
    return f"beat doing nothing: {number}" if role in do_nothing_roles(match) else f"target {number}"


def target_sentence(match: Match, role: str, target: float) -> str:
    """The target in one sentence with its number, for the coach card, the tool tip and the end screen."""
    name = ROLE_NAMES[role]
    if role in do_nothing_roles(match):
        return (
            f"Score more than {name} would have by doing nothing: {target_text(target)} (the same year, with the"
            " same events, luck and opponents, and no orders from you)."
        )
    return f"Reach {target_text(target)}: the score the computer reaches as {name} against these opponents (its par)."
