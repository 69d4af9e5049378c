"""The replay bar over the map: step through past turns, back to the present, or undo to one."""

from __future__ import annotations

from functools import partial

from game.ui.gui import Widgets
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S2


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
        when = "the start" if t == 0 else f"after {s.quarter(t - 1)}"
        room = bar.width - 88 - (240 if t < s.turn else 120)
        ui.label((bar.x + 88, bar.y + 12, room, 22), f"Replay · {when} · {t}/{s.turn}", "strong", name="replay_label")
        ui.button((bar.right - 110, bar.y + 7, 102, 32), "Present", view.present, name="replay_exit")
        if t < s.turn:
            ui.button(
                (bar.right - 232, bar.y + 7, 116, 32),
                "Undo to here",
                partial(self.commands.undo, t),
                kind="danger",
                name="undo_here",
                tooltip="Go back to this turn for good (the later turns are dropped)",
            )

    def scene_key(self) -> tuple[object, ...]:
        """The bar's background shows while replaying."""
        return (self.view.replaying,)

    def draw(self, painter: Painter) -> None:
        """The bar's background, over the map."""
        if self.view.replaying:
            with painter.clipped(self.layout.map):
                painter.panel(self.layout.replay, painter.theme.palette.panel_alt)
