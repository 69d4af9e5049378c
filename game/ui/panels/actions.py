"""The list of the actions the active team may take; choosing one composes an order."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from game.ui.gui import Widgets, select_item
from game.ui.layout import LIST_ROOM, LIST_TEXT, GameLayout
from game.ui.panels.base import Panel
from game.ui.panels.queue import actions_signature
from game.ui.theme import action_points


class ActionsPanel(Panel):
    """Every action of the team, with its cost."""

    def build(self, layout: GameLayout) -> None:
        """No list until it is refreshed."""
        super().build(layout)
        self.action_list: UISelectionList | None = None
        self.action_text: dict[str, int] = {}  # row text -> action index

    def signature(self) -> object | None:
        """Rebuilt with the actions tab's header and queue (actions tab only)."""
        return None if self.view.inspecting else actions_signature(self)

    def refresh(self) -> None:
        """Rebuild when needed, where the list was scrolled to (queueing an order rebuilds it, and a list that
        jumped back to the top made the next click land on the wrong action); keep the chosen row selected."""
        before = self.action_list
        scrolled = before.scroll_bar.start_percentage if before is not None and before.scroll_bar is not None else 0.0
        super().refresh()
        if self.view.inspecting or self.action_list is None:
            return
        if self.action_list is not before and self.action_list.scroll_bar is not None and scrolled > 0.0:
            self.action_list.scroll_bar.set_scroll_from_start_percentage(scrolled)
        chosen = self._chosen_text()
        if self.action_list.get_single_selection() != chosen:
            select_item(self.action_list, chosen)

    def _chosen_text(self) -> str | None:
        return next((t for t, a in self.action_text.items() if a == self.view.action_index), None)

    def make_widgets(self, ui: Widgets) -> None:
        """A row per action the team may take, with its cost."""
        s = self.session
        actions = s.world.actions
        rect = self.layout.action_list(s.world.rules.max_orders)
        fonts = self.host.theme.fonts
        items = []
        self.action_text = {}
        for a in s.actions_for(self.view.active_role):
            cost = f"  ·  {action_points(actions.cost[a])}"
            title = fonts.elide(actions.titles[a], LIST_TEXT, rect.width - LIST_ROOM - fonts.width(cost, LIST_TEXT))
            text = f"{title}{cost}"
            self.action_text[text] = a
            items.append((text, f"action_{actions.ids[a]}"))
        self.action_list = ui.selection_list(rect, items, name="action_list", selected=self._chosen_text())

    def handle_ui(self, event: pygame.event.Event) -> None:
        """A row clicked: compose an order of that action."""
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and element is self.action_list:
            index = self.action_text.get(event.text)
            if index is not None:
                self.view.choose_action(index)
