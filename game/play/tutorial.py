"""Following a scenario's guided tutorial (no pygame here).

The map window describes what the player has done so far as an :class:`Observation` (the
action chosen, the target, the orders queued, the turn, the state inspected, the dialog on
top); :class:`TutorialProgress` moves to the next step when the current one is complete.
Watching the state, rather than being told of each click, keeps the steps true whichever
way the player got there (a click on the map, a key, a list row).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.codes import ROLES
from game.i18n import _, format_target, place_name
from game.play.session import Session
from game.play.texts import scenario_words
from game.scenario.tutorial import Tutorial, TutorialStep


@dataclass(frozen=True)
class Observation:
    """What the player has done, as the window sees it this frame."""

    turn: int  # turns played
    action: str | None = None  # the id of the action being composed
    target: str | None = None
    queued: tuple[tuple[str, str], ...] = ()  # (action id, target) of the role's queued orders
    selected: str | None = None  # the state shown on the country tab
    dialog: str | None = None  # the dialog on top: event, news, charts, triangle, help, …
    game_over: bool = False


@dataclass
class TutorialProgress:
    """Which step of a tutorial the player is on."""

    tutorial: Tutorial
    index: int = 0
    skipped: bool = False
    step_turn: int = 0  # turns played when the current step began (``turn_ended`` waits for one more)

    @classmethod
    def for_session(cls, session: Session) -> TutorialProgress | None:
        """The tutorial of a game played by its role alone, at the step for the turns already played
        (a saved game resumes at its quarter); None when the scenario has none or others play too."""
        tutorial = session.loaded.scenario.tutorial
        if tutorial is None or session.human_roles != [tutorial.role]:
            return None
        progress = cls(tutorial, skipped=session.match.tutorial_skipped)
        progress.resume(session.turn)
        return progress

    @property
    def role(self) -> str:
        """The role the tutorial is written for."""
        return self.tutorial.role

    @property
    def steps(self) -> list[TutorialStep]:
        """Every step, in order."""
        return list(self.tutorial.steps)

    @property
    def active(self) -> bool:
        """True while a step is shown (not skipped, not finished)."""
        return not self.skipped and self.index < len(self.tutorial.steps)

    @property
    def current(self) -> TutorialStep | None:
        """The step shown now."""
        return self.tutorial.steps[self.index] if self.active else None

    @property
    def numbers(self) -> list[int]:
        """The number each step's card shows, 1 … :attr:`count`: a step aiming an order (``target_chosen``) shares
        the number of the step before it (choosing the action, or queuing the last order), as the target often
        comes with it (the best one is preselected) and a number the player never saw would make the counter
        jump."""
        numbers: list[int] = []
        for index in range(len(self.tutorial.steps)):
            numbers.append(numbers[-1] if self._aims_previous(index) else len(set(numbers)) + 1)
        return numbers

    @property
    def number(self) -> int:
        """The current step's number on its card (see :attr:`numbers`)."""
        numbers = self.numbers
        return numbers[min(self.index, len(numbers) - 1)]

    @property
    def count(self) -> int:
        """How many numbers the cards show: the last step's."""
        return self.numbers[-1] if self.tutorial.steps else 0

    def shown_steps(self) -> list[TutorialStep]:
        """The steps whose texts the card shows now: the current one, and the aiming step it shares its number
        with, so that the card names the target even when it comes preselected (the aiming step then completes
        at once, unseen)."""
        step = self.current
        if step is None:
            return []
        following = self.index + 1
        if following < len(self.tutorial.steps) and self._aims_previous(following):
            return [step, self.tutorial.steps[following]]
        return [step]

    def _aims_previous(self, index: int) -> bool:
        """Whether step ``index`` aims the order the step before it began (see :attr:`numbers`)."""
        return index > 0 and self.tutorial.steps[index].done == "target_chosen"

    def resume(self, turns_played: int) -> None:
        """Go to the first step after ``turns_played`` ``turn_ended`` steps."""
        ended = 0
        self.index = 0
        while ended < turns_played and self.index < len(self.tutorial.steps):
            ended += self.tutorial.steps[self.index].done == "turn_ended"
            self.index += 1
        self.step_turn = turns_played

    def skip(self, session: Session | None = None) -> None:
        """Hide the tutorial for the rest of the game; with ``session``, its saves and loads too."""
        self.skipped = True
        if session is not None:
            session.match.tutorial_skipped = True
            session.dirty = True

    def next(self) -> None:
        """The card's Next button: complete a ``next`` step."""
        step = self.current
        if step is not None and step.done == "next":
            self._advance(self.step_turn)

    def observe(self, seen: Observation) -> bool:
        """Complete the current step if ``seen`` fulfils it; True when the step changed."""
        step = self.current
        if step is None:
            return False
        if seen.turn > self.step_turn and step.done != "turn_ended":
            # The turn ended before its steps were done: the card follows the quarter now to be played.
            self.resume(seen.turn)
            return True
        if not complete(step, seen, self.step_turn):
            return False
        self._advance(seen.turn)
        return True

    def _advance(self, turn: int) -> None:
        self.index += 1
        self.step_turn = turn


def complete(step: TutorialStep, seen: Observation, step_turn: int) -> bool:
    """Whether what the player has done completes ``step`` (begun after ``step_turn`` turns)."""
    done = step.done
    if done == "action_chosen":
        return seen.action == step.action
    if done == "target_chosen":
        return seen.target == step.target and seen.action is not None
    if done == "order_queued":
        return (step.action, step.target) in seen.queued
    if done == "turn_ended":
        return seen.turn > step_turn or seen.game_over
    if done == "country_selected":
        return seen.selected == step.country
    if done == "dialog_opened":
        return seen.dialog == step.dialog
    if done == "dialog_closed":
        return seen.dialog is None
    return False  # "next": only the card's button completes it


def step_text(step: TutorialStep, session: Session, role: str) -> str:
    """The step's text for the card in the current language (the scenario's translation file), with ``{role}``
    the role's name and ``{target}`` its victory target in this game (a number known from the start: see
    ``game.play.victory``)."""
    value = float(session.targets()[ROLES.index(role)])
    # A game shortened from the start screen or with --turns has no target (see game.play.victory).
    target = format_target(value) if math.isfinite(value) else _("none in a shortened game")
    text = scenario_words(session.loaded).texts.tutorial_steps.get(step.id, step.text)
    return text.replace("{role}", place_name(role)).replace("{target}", target)


def objective_words(session: Session, role: str) -> str:
    """The role's objective in the scenario's words, in the current language ("" when it has none)."""
    return scenario_words(session.loaded).texts.objectives.get(role, "")


def goal_phrase(session: Session, role: str) -> str:
    """The objective's first clause, for one line after "Goal:": ``Raise autonomy and prosperity``.

    Kept as written: lower-casing its first letter would also lower a name that opens it (Russia, the Caspian)."""
    return objective_words(session, role).split(";")[0].split(".")[0].strip()


def scripted_plan(tutorial: Tutorial) -> list[list[tuple[str, str]]]:
    """The orders the steps have the player queue, quarter by quarter (``order_queued`` steps between
    ``turn_ended`` steps): what a newcomer who follows the card plays."""
    plan: list[list[tuple[str, str]]] = [[]]
    for step in tutorial.steps:
        if step.done == "order_queued" and step.action is not None and step.target is not None:
            plan[-1].append((step.action, step.target))
        elif step.done == "turn_ended":
            plan.append([])
    return plan[:-1] if not plan[-1] else plan
