"""The list of the actions the active team may take; choosing one composes an order.

Each row shows the action's cost in action points and its stake: what its best target is
expected to add to the team's score by the end (``game.play.stakes``, the computer players'
own valuation). An action that cannot be given now is greyed, and its row's tool tip says
why (the legality rule's verdict, before anything is clicked)."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import N_, _, place_name
from game.play.stakes import ActionChoice, choices, range_text, stake_amount, stake_text
from game.ui.gui import WholeRowsList, Widgets, scroll_into_view, select_item
from game.ui.layout import LIST_HEADER, LIST_ROOM, LIST_TEXT, GameLayout
from game.ui.panels.base import Panel, action_title
from game.ui.panels.queue import actions_signature
from game.ui.theme import SIZE_SMALL, Fonts, action_points

GREYED = "unavailable_action"  # the theme's object id of a row that cannot be queued now
LIST_HEADINGS = (
    N_("cost · your score by the end of the game (best target)"),
    N_("cost · your score by the end of the game"),
)


def row_tooltip(title: str, choice: ActionChoice) -> str:
    """The action's whole title, then why its row is greyed, or its best target's stake and where it comes from."""
    best = choice.best
    if best is None:
        return _("{action}. Cannot be queued now: {reason}.").format(action=title, reason=choice.problem)
    return _(
        "{action}. Best target now: {target}, {stake} (over its targets: {stakes}; the computer players value "
        "orders the same way)."
    ).format(action=title, target=place_name(best.target), stake=stake_text(best.stake), stakes=range_text(choice))


def row_stake(stake: float | None) -> str:
    """A row's stake: ``+0.12`` (the list's heading names the unit), or ``not now``."""
    if stake is None:
        return _("not now")
    return stake_amount(stake)  # as the order details, the advice and the turn summary write it


def row_text(name: str, cost: str, stake: str, room: int, fonts: Fonts) -> str:
    """A row's text for ``room`` px, always in the list's type (a row in a smaller type than its neighbours read as
    a different kind of thing): the name, its cost and its stake where they fit, else the name and its stake (the
    order and the row's tool tip say the cost), else the name shortened with "…" before its stake (the tool tip
    and the order name it whole)."""
    for tail in (f" · {cost} · {stake}", f" · {stake}"):
        if fonts.width(name + tail, LIST_TEXT) <= room:
            return name + tail
    return fonts.elide(name, LIST_TEXT, room - fonts.width(tail, LIST_TEXT)) + tail


class ActionsPanel(Panel):
    """Every action of the team, with its cost and its stake."""

    def build(self, layout: GameLayout) -> None:
        """No list until it is refreshed."""
        super().build(layout)
        self.action_list: WholeRowsList | None = None
        self.action_text: dict[str, int] = {}  # row text -> action index
        self.tips: dict[str, str] = {}  # row text -> its tool tip

    def signature(self) -> object | None:
        """Rebuilt with the actions tab's header and queue (actions tab only); choosing a row leaves it as it is."""
        return None if self.view.inspecting else actions_signature(self)

    def refresh(self) -> None:
        """Rebuild when needed, where the list was scrolled to (queueing an order rebuilds it, and a list that
        jumped back to the top made the next click land on the wrong action); keep the chosen row selected."""
        before = self.action_list
        top = before.top_row() if before is not None else 0
        super().refresh()
        if self.view.inspecting or self.action_list is None:
            return
        rebuilt = self.action_list is not before
        if rebuilt and top:  # the rows stay where they were under the pointer (the list itself never moves)
            self.action_list.scroll_rows(top)
        chosen = self._chosen_text()
        if rebuilt or self.action_list.get_single_selection() != chosen:
            select_item(self.action_list, chosen)
            # Chosen with the keyboard: follow it.
            if chosen is not None:
                scroll_into_view(self.action_list, chosen)
        self._tip_rows()

    def _tip_rows(self) -> None:
        """Give the rows on screen their tool tips (the list makes a row's button only when it scrolls into view)."""
        assert self.action_list is not None
        for item in self.action_list.item_list:
            button = item["button_element"]
            if button is not None and button.tool_tip_text is None:
                button.set_tooltip(self.tips.get(item["text"]))

    def _chosen_text(self) -> str | None:
        return next((t for t, a in self.action_text.items() if a == self.view.action_index), None)

    def make_widgets(self, ui: Widgets) -> None:
        """A row per action the team may take, with its cost and stake; greyed when it cannot be queued now."""
        s = self.session
        actions = s.world.actions
        rect = self.layout.action_list(self.queue_shown())
        # The columns' heading names the units once: action points, and score points by the end.
        fonts = self.host.theme.fonts
        headings = [_(h) for h in LIST_HEADINGS]
        heading = next((h for h in headings if fonts.width(h, SIZE_SMALL) <= rect.width), headings[-1])
        ui.label((rect.x, rect.y, rect.width, LIST_HEADER), heading, "faint_right", name="actions_heading")
        rect = pygame.Rect(rect.x, rect.y + LIST_HEADER, rect.width, rect.height - LIST_HEADER)
        items = []
        styles = {}
        self.action_text = {}
        self.tips = {}
        for choice in choices(s, self.view.active_role):
            a = choice.action
            best = choice.best
            name = action_title(s, a)
            stake = row_stake(best.stake if best else None)
            text = row_text(name, action_points(actions.cost[a]), stake, rect.width - LIST_ROOM, fonts)
            self.action_text[text] = a
            self.tips[text] = row_tooltip(name, choice)
            item = f"action_{actions.ids[a]}"
            items.append((text, item))
            if choice.best is None:
                styles[item] = GREYED
        self.action_list = ui.selection_list(
            rect, items, name="action_list", selected=self._chosen_text(), styles=styles
        )

    def handle_ui(self, event: pygame.event.Event) -> None:
        """A row clicked: compose an order of that action."""
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and element is self.action_list:
            index = self.action_text.get(event.text)
            if index is not None:
                self.view.choose_action(index)
