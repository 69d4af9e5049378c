"""The sidebar's frame: its two tabs (the team's actions, the selected state) and the
button that ends the turn."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.i18n import _, format_number, ngettext, place_name, quarter_text
from game.ui.gui import Widgets
from game.ui.layout import BUTTON_TEXT
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.panels.view import ACTIONS, COUNTRY
from game.ui.theme import S2, S3


class Sidebar(Panel):
    """Tabs and the end-turn button around the tab shown."""

    def signature(self) -> object | None:
        """The tab, team, selection, orders and turn."""
        s = self.session
        view = self.view
        queued = sum(len(v) for v in s.queued.values())
        return (view.tab, view.selected, view.active_role, queued, view.replaying, s.turn, s.is_over())

    def make_widgets(self, ui: Widgets) -> None:
        """The two tabs and the end-turn button (or the way back to the present or the results)."""
        s = self.session
        view = self.view
        r = self.layout.tabs
        tw = (r.width - S2) // 2
        actions = _("Actions · {role}").format(role=view.active_role)
        country = place_name(view.selected) if view.selected else _("Click a state")
        fonts = self.host.theme.fonts
        # A tab whose words (a longer language's) do not fit in the usual type takes the small one.
        small = any(fonts.width(text, BUTTON_TEXT) + 2 * S2 > tw for text in (actions, country))
        kind = "small_button" if small else ""
        ui.button(
            (r.x, r.y, tw, r.height),
            actions,
            partial(view.set_tab, ACTIONS),
            kind=kind,
            selected=view.tab == ACTIONS,
            name="tab_actions",
        )
        ui.button(
            (r.x + tw + S2, r.y, r.width - tw - S2, r.height),
            country,
            partial(view.set_tab, COUNTRY),
            kind=kind,
            selected=view.tab == COUNTRY,
            enabled=view.selected is not None,
            name="tab_country",
        )
        queued = sum(len(v) for v in s.queued.values())
        if s.is_over():
            label, callback = _("See the results"), self.commands.end_turn
        elif view.replaying:
            label, callback = _("Back to the present"), view.present
        else:
            room = self.layout.end_turn.width - 2 * S3
            width = partial(ui.button_text_width, kind="primary")
            label = end_turn_label(quarter_text(s.quarter()), queued, room, width)
            callback = self.commands.end_turn
        ui.button(self.layout.end_turn, label, callback, kind="primary", name="end_turn")

    def draw(self, painter: Painter) -> None:
        """The sidebar's background and its left rule."""
        pal = painter.theme.palette
        side = self.layout.side
        painter.surface.fill(pal.panel, side)
        pygame.draw.line(painter.surface, pal.panel_border, side.topleft, side.bottomleft)


def end_turn_label(quarter: str, queued: int, room: int, width: Callable[[str], int]) -> str:
    """The end-turn button's words for ``room`` px (``width`` measures them in the button's type): the quarter,
    the key and the orders queued when they fit ("End turn 2023Q1  (E) · 2 orders"); else without the quarter (the
    top bar says it), then without the key, so that a narrow sidebar (a 1280×800 window at 150 %) never shows the
    count cut ("… (E) · 2 приказ")."""
    wordings = [_("End turn {quarter}  (E)").format(quarter=quarter), _("End turn (E)"), _("End turn")]
    if queued:
        orders = ngettext("{count} order", "{count} orders", queued).format(count=format_number(queued))
        wordings = [f"{words} · {orders}" for words in wordings]
    return next((words for words in wordings if width(words) <= room), wordings[-1])
