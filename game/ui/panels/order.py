"""The order being composed: what the action does, whom it can target, what it is expected to
change and when (from the engine's push rule), why it was refused, and the Queue button."""

from __future__ import annotations

from functools import partial

from game.engine.codes import ROLE_NAMES
from game.ui.gui import Widgets
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S1, S2, S3, action_points

EFFECTS_SHOWN = 4  # expected changes listed, largest first


class OrderPanel(Panel):
    """The chosen action of the active team, made into an order."""

    def signature(self) -> object | None:
        """The action, target, refusal, orders and turn (actions tab only)."""
        view = self.view
        if view.inspecting:
            return None
        s = self.session
        role = view.active_role
        queued = tuple(map(str, s.queued.get(role, [])))
        return ("detail", role, view.action_index, view.target, view.replaying, s.turn, view.refusal, queued)

    def _aim(self, target: str) -> None:
        self.view.target = target

    def make_widgets(self, ui: Widgets) -> None:
        """Description, targets, expected effects, refusal and the Queue button."""
        pal = self.host.theme.palette
        view = self.view
        inner = self.layout.order_form().inflate(-2 * S3, -2 * S2)
        a = view.action_index
        if a is None:
            ui.text_box(
                inner,
                font(
                    esc(
                        "Pick an action above to see what it costs, whom it can target, what it is "
                        "expected to change and when."
                    ),
                    pal.text_dim,
                    13,
                ),
                "plain_text",
            )
            if view.refusal:
                ui.label((inner.x, inner.bottom - 22, inner.width, 20), view.refusal, "error", name="refusal")
            return
        actions = self.session.world.actions
        ui.text_box(
            (inner.x, inner.y, inner.width, 50),
            font(esc(actions.descriptions[a]), pal.text_dim, 13),
            "plain_text",
            name="action_description",
        )
        y = self._build_targets(ui, inner.x, inner.y + 52, inner.width)
        if view.target:
            self._build_expected(ui, a, inner.x, y, inner.width, inner.bottom - 38 - y)
        if view.refusal:
            ui.label((inner.x, inner.bottom - 58, inner.width, 18), view.refusal, "error", name="refusal")
        ui.button(
            (inner.right - 160, inner.bottom - 32, 160, 32),
            f"Queue ({action_points(actions.cost[a])})",
            self.commands.queue_selected,
            kind="primary",
            name="queue",
            enabled=view.target is not None and not view.replaying,
            tooltip="Add the order; it is resolved when the turn ends (Enter)",
        )

    def _build_targets(self, ui: Widgets, x: int, y: int, width: int) -> int:
        """A button per target the engine allows; returns the y below them."""
        targets = self.view.targets()
        tw = max(36, min(60, (width - S1 * (len(targets) - 1)) // max(1, len(targets))))
        for target in targets:
            ui.button(
                (x, y, tw, 26),
                target,
                partial(self._aim, target),
                kind="small_button",
                selected=target == self.view.target,
                name=f"target_{target}",
                tooltip=ROLE_NAMES[target],
            )
            x += tw + S1
        return y + 32

    def _build_expected(self, ui: Widgets, a: int, x: int, y: int, width: int, height: int) -> None:
        """When the order acts and its largest expected changes."""
        pal = self.host.theme.palette
        view = self.view
        assert view.target is not None
        actions = self.session.world.actions
        lag = int(actions.lag[a])
        dur = int(actions.duration[a])
        when = "at once" if lag == 0 else f"after {lag} quarter{'s' if lag > 1 else ''}"
        spread = "" if dur <= 1 else f", over {dur} quarters"
        lines = [f"<b>Expected ({when}{spread}):</b>"]
        notes = self.session.unbuilt_routes(view.active_role, a, view.target)
        lines += [font(esc(note), pal.warning) for note in notes]
        for effect in self.session.expected_effects(view.active_role, a, view.target, limit=EFFECTS_SHOWN):
            colour = pal.good if effect.amount > 0 else pal.danger
            lines.append(font(f"<b>{effect.amount:+.1f}</b>", colour) + "  " + font(esc(effect.label), pal.text_dim))
        ui.text_box((x, y, width, height), font("<br>".join(lines), None, 13), "plain_text", name="expected")

    def scene_key(self) -> tuple[object, ...]:
        """The form's background shows on the actions tab."""
        return (self.view.inspecting,)

    def draw(self, painter: Painter) -> None:
        """The form's background."""
        if not self.view.inspecting:
            painter.panel(self.layout.order_form(), painter.theme.palette.panel_alt)
