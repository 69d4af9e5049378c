"""The replay bar over the map: step through past turns, back to the present, or undo to one."""

from __future__ import annotations

from functools import partial

from game.i18n import _, format_number, quarter_text
from game.ui.gui import Widgets
from game.ui.layout import BUTTON_TEXT
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S2, S4


class ReplayBar(Panel):
    """Shown while a past turn is on the map."""

    def signature(self) -> object | None:
        """The turn shown and the turns played."""
        view = self.view
        return (view.replaying, view.shown_turn, self.session.turn)

    def make_widgets(self, ui: Widgets) -> None:
        """Step buttons, where the replay is, back to the present, undo to here."""
        view = self.view
        if not view.replaying:
            return
        s = self.session
        bar = self.layout.replay
        t = view.shown_turn
        ui.button(
            (bar.x + S2, bar.y + 7, 32, 32),
            "‹",
            partial(view.step_replay, -1),
            kind="icon_button",
            name="replay_prev",
            enabled=t > 0,
        )
        ui.button(
            (bar.x + S2 + 36, bar.y + 7, 32, 32),
            "›",
            partial(view.step_replay, 1),
            kind="icon_button",
            name="replay_next",
            enabled=t < s.turn,
        )
        when = _("the start") if t == 0 else _("after {quarter}").format(quarter=quarter_text(s.quarter(t - 1)))
        fonts = self.host.theme.fonts
        present, undo = _("Present"), _("Undo to here")
        present_width = max(102, fonts.width(present, BUTTON_TEXT, True) + 2 * S4)
        undo_width = max(116, fonts.width(undo, BUTTON_TEXT, True) + 2 * S4)
        buttons = present_width + S2 + (undo_width + S2 if t < s.turn else 0)
        room = bar.width - 88 - buttons - S2
        label = _("Replay · {when} · {turn}/{turns}").format(
            when=when, turn=format_number(t), turns=format_number(s.turn)
        )
        ui.label((bar.x + 88, bar.y + 12, room, 22), label, "strong", name="replay_label")
        exit_x = bar.right - S2 - present_width
        ui.button((exit_x, bar.y + 7, present_width, 32), present, view.present, name="replay_exit")
        if t < s.turn:
            ui.button(
                (exit_x - S2 - undo_width, bar.y + 7, undo_width, 32),
                undo,
                partial(self.commands.undo, t),
                kind="danger",
                name="undo_here",
                tooltip=_("Go back to this turn for good (the later turns are dropped)"),
            )

    def scene_key(self) -> tuple[object, ...]:
        """The bar's background shows while replaying."""
        return (self.view.replaying,)

    def draw(self, painter: Painter) -> None:
        """The bar's background, over the map."""
        if self.view.replaying:
            with painter.clipped(self.layout.map):
                painter.panel(self.layout.replay, painter.theme.palette.panel_alt)
