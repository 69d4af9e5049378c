"""What the player is looking at and choosing on the map screen (shared by its panels; no pygame)."""

from __future__ import annotations

from dataclasses import dataclass

from game.play.advice import advice
from game.play.session import Session
from game.play.stakes import choices

ACTIONS, COUNTRY = "actions", "country"  # the sidebar's two tabs


@dataclass
class GameView:
    """The map screen's selection: the team giving orders, the state inspected, the order being
    composed and the turn shown. Panels read it to draw and change it on input."""

    session: Session
    active_role: str
    selected: str | None = None  # the state inspected
    tab: str = ACTIONS
    action_index: int | None = None  # the action being composed, an index of the world's action table
    target: str | None = None
    refusal: str = ""  # why the last order was refused
    why_power: str | None = None  # the power whose change the "why" list explains (default: the leader)
    view_turn: int | None = None  # a past turn being replayed (None: the present)
    hover: str | None = None  # the map country under the pointer
    # The advice's answer last composed (action, target): while the order is still that one, queueing it brings
    # the advice back; aimed elsewhere, it is the player's own order and stays composed.
    answer: tuple[int, str] | None = None
    legend_open: bool | None = None  # folded or open as the player chose (None: see layout.legend_starts_open)

    # ------------------------------------------------------------------ reading

    @property
    def advised(self) -> bool:
        """True while the order being composed is the advice's answer as it was offered."""
        return self.answer is not None and self.answer == (self.action_index, self.target)

    @property
    def shown_turn(self) -> int:
        """Turn whose state is drawn (the present unless replaying)."""
        return self.session.turn if self.view_turn is None else self.view_turn

    @property
    def replaying(self) -> bool:
        """True while a past turn is shown."""
        return self.view_turn is not None

    @property
    def inspecting(self) -> bool:
        """True when the sidebar shows the selected state (else the actions)."""
        return self.tab == COUNTRY and self.selected is not None

    def targets(self) -> list[str]:
        """Targets the engine allows for the action being composed."""
        if self.action_index is None:
            return []
        return self.session.targets_for(self.active_role, self.action_index)

    def left(self, role: str) -> float:
        """Points the role has left after its queued orders."""
        return self.session.points(role) - self.session.queued_cost(role)

    # ------------------------------------------------------------------ choosing

    def select_country(self, code: str | None) -> None:
        """Inspect a state (and make it the target when the chosen action allows it)."""
        self.selected = code
        if code is not None:
            self.tab = COUNTRY
            self.why_power = None
            if self.action_index is not None and code in self.targets():
                self.target = code

    def deselect(self) -> None:
        """Stop inspecting a state and show the actions."""
        self.selected = None
        self.tab = ACTIONS

    def set_tab(self, tab: str) -> None:
        """Show a tab of the sidebar (the country tab only with a state selected)."""
        if tab == COUNTRY and not self.selected:
            return
        self.tab = tab

    def inspect(self) -> None:
        """Show the selected state, or the actions when none is selected."""
        self.tab = COUNTRY if self.selected else ACTIONS

    def choose_action(self, index: int) -> None:
        """Compose an order of this action aimed at its best target, the one whose stake the actions list shows
        (else the selected state or the target kept, when the action allows it)."""
        self.action_index = index
        targets = self.targets()
        best = next((choice.best for choice in choices(self.session, self.active_role) if choice.action == index), None)
        if best is not None and best.target in targets:
            self.target = best.target
        elif self.selected in targets:
            self.target = self.selected
        elif self.target not in targets:
            self.target = targets[0] if targets else None
        self.refusal = ""
        self.answer = None

    def choose_answer(self, action: int, target: str) -> None:
        """Compose an order the advice offers: that action toward that target, on the actions tab, as if the
        player had picked them there."""
        self.tab = ACTIONS
        self.choose_action(action)
        if target in self.targets():
            self.target = target
        self.answer = (action, target)

    def next_answer(self) -> None:
        """Compose the advice's next answer after the one being composed (its first when another order or none
        is being composed); nothing while replaying or when it offers none."""
        found = advice(self.session, self.active_role) if not self.replaying else None
        keys = [(answer.action, answer.target) for answer in found.answers] if found else []
        if not keys:
            return
        now = (self.action_index, self.target)
        following = keys[(keys.index(now) + 1) % len(keys)] if self.advised and now in keys else keys[0]
        self.choose_answer(*following)

    @property
    def composing(self) -> bool:
        """True while an order is being composed on the actions tab at the present turn (the map's clicks,
        Tab and the number keys then aim it)."""
        return self.action_index is not None and self.tab == ACTIONS and not self.replaying

    def step_target(self, delta: int) -> None:
        """Aim the order being composed at the next (+1) or previous (−1) target the engine allows."""
        targets = self.targets()
        if targets:
            pos = targets.index(self.target) if self.target in targets else -1 if delta > 0 else 0
            self.target = targets[(pos + delta) % len(targets)]
            self.refusal = ""

    def step_action(self, delta: int) -> None:
        """Choose the next (+1) or previous (−1) action of the active team."""
        actions = self.session.actions_for(self.active_role)
        if actions:
            pos = actions.index(self.action_index) if self.action_index in actions else -1
            self.tab = ACTIONS
            self.choose_action(actions[(pos + delta) % len(actions)])

    def clear_order(self) -> None:
        """Nothing being composed: after a turn ends or the team changes, so a click on the map
        inspects a state instead of aiming last quarter's order, and no target carries over."""
        self.action_index = None
        self.target = None
        self.refusal = ""
        self.answer = None

    def set_role(self, role: str) -> None:
        """Give orders as another human team (hot-seat)."""
        if role != self.active_role:
            self.active_role = role
            self.clear_order()
        self.tab = ACTIONS

    def next_team(self, delta: int = 1) -> None:
        """Give orders as the next (+1) or previous (−1) human team."""
        roles = self.session.human_roles
        self.active_role = roles[(roles.index(self.active_role) + delta) % len(roles)]
        self.clear_order()
        self.tab = ACTIONS

    # ------------------------------------------------------------------ replay

    def present(self) -> None:
        """Back to the present turn."""
        self.view_turn = None

    def toggle_replay(self) -> None:
        """Start replaying from the last turn played, or stop."""
        if self.replaying:
            self.view_turn = None
        else:
            self.view_turn = max(0, self.session.turn - 1) if self.session.turn else 0

    def step_replay(self, delta: int) -> None:
        """Show an earlier (−1) or later (+1) turn."""
        if self.view_turn is None:
            self.view_turn = self.session.turn
        self.view_turn = max(0, min(self.session.turn, self.view_turn + delta))
