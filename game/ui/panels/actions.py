"""The list of the actions the active team may take; choosing one composes an order.

Each row shows the action's cost in action points and its stake: what its best target is
expected to add to the team's score by the end (``game.play.stakes``, the computer players'
own valuation). An action that cannot be given now is greyed, and its row's tool tip says
why (the legality rule's verdict, before anything is clicked)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from game.i18n import N_, _, format_change, place_name
from game.play.stakes import ActionChoice, choices, range_text, stake_text
from game.ui.gui import Widgets, scroll_into_view, select_item
from game.ui.layout import LIST_HEADER, LIST_ROOM, LIST_ROW, LIST_ROWS_CHOSEN_MIN, LIST_TEXT, GameLayout
from game.ui.panels.base import Panel, action_title
from game.ui.panels.queue import actions_signature
from game.ui.theme import SIZE_SMALL, Fonts, action_points

GREYED = "unavailable_action"  # the theme's object id of a row that cannot be queued now
# A row's theme object id by (in the smaller type, greyed); the smaller type's size (theme ``gui.json``).
ROW_STYLES = {(False, False): "", (False, True): GREYED, (True, False): "long_action", (True, True): f"long_{GREYED}"}
LONG_TEXT = 12
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


def row_stake(stake: float | None, unit: bool) -> str:
    """A row's stake: ``+0.12`` (``score +0.12`` when ``unit``: no heading names it), or ``not now``."""
    if stake is None:
        return _("not now")
    amount = format_change(stake, 2)  # a stake that rounds to nothing reads 0.00, never −0.00
    return _("score {score}").format(score=amount) if unit else amount


def row_text(name: str, cost: str, stake: str, room: int, fonts: Fonts) -> tuple[str, bool]:
    """A row's text for ``room`` px, and whether it takes the smaller type: the whole name, its cost and its stake
    in the list's type where they fit, else in the smaller one (a longer language's name: "Соблюдать санкции против
    державы"), else the name and its stake (the order and the row's tool tip say the cost); only a name
    too long even for that is shortened (its tool tip and the order name it whole)."""
    text = f"{name} · {cost} · {stake}"
    if fonts.width(text, LIST_TEXT) <= room:
        return text, False
    for tail in (f" · {cost} · {stake}", f" · {stake}"):
        if fonts.width(name + tail, LONG_TEXT) <= room:
            return name + tail, True
    return fonts.elide(name, LONG_TEXT, room - fonts.width(tail, LONG_TEXT)) + tail, True


class ActionsPanel(Panel):
    """Every action of the team, with its cost and its stake."""

    def build(self, layout: GameLayout) -> None:
        """No list until it is refreshed."""
        super().build(layout)
        self.action_list: UISelectionList | None = None
        self.action_text: dict[str, int] = {}  # row text -> action index
        self.tips: dict[str, str] = {}  # row text -> its tool tip
        self.queue_rows_shown = self.queue_shown()

    def signature(self) -> object | None:
        """Rebuilt with the actions tab's header and queue (actions tab only)."""
        return None if self.view.inspecting else (actions_signature(self), self.chosen())

    def refresh(self) -> None:
        """Rebuild when needed, where the list was scrolled to (queueing an order rebuilds it, and a list that
        jumped back to the top made the next click land on the wrong action); keep the chosen row selected."""
        before = self.action_list
        scrolled = before.scroll_bar.start_percentage if before is not None and before.scroll_bar is not None else 0.0
        super().refresh()
        if self.view.inspecting or self.action_list is None:
            return
        # The queue takes a row per order (and one for the next): when it grows, the list's top moves down a row
        # and it scrolls on by a row, so that each row stays where it was under the pointer (QUEUE_ROW = LIST_ROW).
        grown, self.queue_rows_shown = self.queue_shown() - self.queue_rows_shown, self.queue_shown()
        scrolled = max(0.0, scrolled + grown / max(1, len(self.action_list.item_list)))
        if self.action_list is not before and self.action_list.scroll_bar is not None and scrolled > 0.0:
            self.action_list.scroll_bar.set_scroll_from_start_percentage(scrolled)
        chosen = self._chosen_text()
        rebuilt = self.action_list is not before
        if rebuilt or self.action_list.get_single_selection() != chosen:
            select_item(self.action_list, chosen)
            # Chosen with the keyboard, or the list shortened under it for the explanation: follow it.
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
        rect = self.layout.action_list(self.queue_shown(), self.chosen())
        unit = True  # without the header, each row names its unit
        if rect.height >= LIST_HEADER + LIST_ROWS_CHOSEN_MIN * LIST_ROW:  # whole rows under it (see GameLayout)
            unit = False
            # The columns' header names the units once: action points, and score points by the end (a list
            # too short for it leaves that to the rows' tool tips and the order panel).
            fonts = self.host.theme.fonts
            headings = [_(h) for h in LIST_HEADINGS]
            heading = next((h for h in headings if fonts.width(h, SIZE_SMALL) <= rect.width), headings[-1])
            ui.label((rect.x, rect.y, rect.width, LIST_HEADER), heading, "faint_right", name="actions_heading")
            rect = pygame.Rect(rect.x, rect.y + LIST_HEADER, rect.width, rect.height - LIST_HEADER)
        fonts = self.host.theme.fonts
        items = []
        styles = {}
        self.action_text = {}
        self.tips = {}
        for choice in choices(s, self.view.active_role):
            a = choice.action
            best = choice.best
            name = action_title(s, a)
            stake = row_stake(best.stake if best else None, unit)
            text, long = row_text(name, action_points(actions.cost[a]), stake, rect.width - LIST_ROOM, fonts)
            self.action_text[text] = a
            self.tips[text] = row_tooltip(name, choice)
            item = f"action_{actions.ids[a]}"
            items.append((text, item))
            style = ROW_STYLES[long, choice.best is None]
            if style:
                styles[item] = style
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
