"""Victory targets set against doing nothing (no pygame here).

A scenario's tutorial may judge its role with ``target: do_nothing``: the role wins when it
scores more than the same game gives it when it gives no orders. "The same game" is the
same seed, so the same events and the same chance, and the same computer opponents at the
same levels, deciding by the same rule. Every random draw is keyed by (seed, run, turn,
stream), never by what was drawn before, so the do-nothing game is fixed by the seed and
the line-up alone: it does not depend on what the player does, and it is played in full
once per seed and line-up, the first time the target is asked for (CPU time about 35 ms for the
tutorial's year at normal, 110 ms at hard).
Saves, loads, undo and replays keep the seed and line-up, and so the target.

The engine judges (``game.engine.ai.policy.victory`` with a ``baseline``); this module
plays the game it compares with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.ai.policy import victory
from game.engine.codes import N_ROLES, ROLES
from game.engine.scores import role_scores
from game.i18n import N_, _, format_number, format_signed, place_name
from game.i18n import format_target as target_text
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
        baseline[ROLES.index(role)] = do_nothing_score(match, role)
    return baseline


# (id of the setup, seed, first run, line-up, role) -> (the setup, the role's do-nothing score): the setup is kept
# so that its id cannot be reused by another while the entry lives.
_DO_NOTHING: dict[tuple[int, int, int, tuple[tuple[str, str], ...], str], tuple[object, float]] = {}


def do_nothing_score(match: Match, role: str) -> float:
    """``role``'s final score in its do-nothing game, played once per seed and line-up: a class game's last turn
    asks for it once per team and once for the table (each a whole game played again otherwise)."""
    levels = tuple(sorted((other, str(level)) for other, level in match.levels.items()))
    key = (id(match.setup), match.seed, int(match.game.streams.run_ids[0]), levels, role)
    cached = _DO_NOTHING.get(key)
    if cached is not None and cached[0] is match.setup:
        return cached[1]
    if len(_DO_NOTHING) > 32:
        _DO_NOTHING.clear()
    final = do_nothing_game(match, role).game.state.values
    score = float(role_scores(final, match.world.weight)[0, ROLES.index(role)])
    _DO_NOTHING[key] = (match.setup, score)
    return score


def target_rule(match: Match, role: str) -> str:
    """How ``role``'s target is set, as a clause for the player (no number)."""
    name = place_name(role)
    if role in do_nothing_roles(match):
        return _("score more than {role} would have by doing nothing").format(role=name)
    return _("reach the score the computer reaches as {role} against these opponents (its par)").format(role=name)


def target_label(match: Match, role: str, target: float) -> str:
    """The target for the top bar, shortest honest wording: ``beat doing nothing: 51.38`` or ``target 51.89``."""
    number = target_text(target)
    if role in do_nothing_roles(match):
        return _("beat doing nothing: {target}").format(target=number)
    return _("target {target}").format(target=number)


def target_sentence(match: Match, role: str, target: float) -> str:
    """The target in one sentence with its number, for the coach card, the tool tip and the end screen."""
    name, number = place_name(role), target_text(target)
    if role in do_nothing_roles(match):
        return _(
            "Score more than {role} would have by doing nothing: {target} (the same year, with the same events, "
            "luck and opponents, and no orders from you)."
        ).format(role=name, target=number)
    return _(
        "Reach {target}: the score the computer reaches as {role} against these opponents (its par)."
    ).format(role=name, target=number)


def target_words(match: Match, role: str, target: float) -> str:
    """The target for a table or a report in words with its number, the same one the map game uses:
    ``beat what Kazakhstan would score doing nothing: 51.38`` or ``reach Russia's par: 39.46``."""
    name, number = place_name(role), target_text(target)
    if role in do_nothing_roles(match):
        return _("beat what {role} would score doing nothing: {target}").format(role=name, target=number)
    return _("reach {role}'s par: {target}").format(role=name, target=number)


def match_victory(match: Match) -> tuple[np.ndarray, np.ndarray]:
    """Every role's target and whether its final score reached it, ROLES order, judged as the map game judges
    (``Session.victory``): the do-nothing target for a tutorial's role, the par against these opponents for the
    others."""
    scores = role_scores(match.game.state.values[:1], match.world.weight)[0]
    return victory(match.world, scores, dict(match.levels), do_nothing_baseline(match))


def result_sentence(match: Match, role: str) -> str:
    """A role's result at the end of a game with targets, said to its team: ``You won: you beat your target of
    51.52.`` or ``You missed your target of 46.74.`` (judged as :func:`match_victory` judges)."""
    targets, reached = match_victory(match)
    r = ROLES.index(role)
    if reached[r]:
        return _("You won: you beat your target of {target}.").format(target=target_text(float(targets[r])))
    return _("You missed your target of {target}.").format(target=target_text(float(targets[r])))


# A standing's result against each kind of target, whole sentences (``above its par by 0.31``).
AGAINST: dict[str, dict[str, str]] = {
    "its par": {
        "level": N_("level with its par"),
        "above": N_("above its par by {gap}"),
        "below": N_("below its par by {gap}"),
    },
    "doing nothing": {
        "level": N_("level with doing nothing"),
        "above": N_("above doing nothing by {gap}"),
        "below": N_("below doing nothing by {gap}"),
    },
}


@dataclass(frozen=True)
class Standing:
    """How one role did against its target at the end: ``margin`` = score − target (NaN without targets)."""

    role: str
    score: float
    target: float
    reached: bool
    played_by: str  # "you" (a human role) or "computer"
    against: str = "its par"  # what the target is: "its par", or "doing nothing" for a tutorial's role (AGAINST)

    @property
    def margin(self) -> float:
        """Score minus target."""
        return self.score - self.target

    def result(self) -> str:
        """``won by 0.72`` / ``missed by 0.22`` for a player's role; a computer-played role is not a contestant,
        so it is ``above its par by 0.31`` / ``below its par by 0.40`` (the par is what the computer itself
        reaches on average, so it beats it about half the time); ``—`` without targets."""
        if not np.isfinite(self.target):
            return "—"
        gap = format_number(abs(self.margin), 2)
        if self.played_by == "you":
            return (_("won by {gap}") if self.reached else _("missed by {gap}")).format(gap=gap)
        words = AGAINST[self.against]
        if abs(self.margin) < 0.005:
            return _(words["level"])
        return _(words["above"] if self.margin > 0 else words["below"]).format(gap=gap)


def standings(match: Match, scores: np.ndarray, targets: np.ndarray, reached: np.ndarray) -> list[Standing]:
    """Every role's :class:`Standing`, largest margin first (ties in ROLES order)."""
    paired = do_nothing_roles(match)
    found = [
        Standing(role, float(scores[i]), float(targets[i]), bool(reached[i]),
                 "you" if role in match.human_roles else "computer",
                 "doing nothing" if role in paired else "its par")
        for i, role in enumerate(ROLES)
    ]
    return sorted(found, key=lambda s: -s.margin if np.isfinite(s.margin) else 0.0)


def best_margin_text(found: list[Standing]) -> str:
    """Who did best against its own target, in one sentence (roles are judged against different targets, so
    the largest margin, not the count of roles above target, says who did best); empty without targets."""
    ranked = [standing for standing in found if np.isfinite(standing.margin)]
    if not ranked:
        return ""
    best = max(ranked, key=lambda s: s.margin)
    margin = format_signed(best.margin, 2)
    if best.played_by == "computer":
        return _("Largest margin over its target: {role} (the computer), {margin}.").format(
            role=place_name(best.role), margin=margin)
    return _("Largest margin over its target: {role}, {margin}.").format(role=place_name(best.role), margin=margin)
