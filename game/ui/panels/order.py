"""The order being composed: what the action does, whom it can target, what it is worth to the
team's score by the end (``game.play.stakes``), what it is expected to change and when (from
the engine's push rule, coloured by whether each change helps the team), why it cannot be given
(before Queue is pressed), and the Queue button."""

from __future__ import annotations

from functools import partial

from game.engine.codes import ROLE_NAMES
from game.play.stakes import HELPS, HURTS, ActionChoice, Option, choices, effect_senses, projects_in_flight, stake_text
from game.ui.gui import Widgets
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S1, S2, S3, action_points

EFFECTS_SHOWN = 4  # expected changes listed, largest first
ROOMY_FORM = 200  # a form at least this tall shows the action's description above its targets


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
        description = font(esc(actions.descriptions[a]), pal.text_dim, 13)
        top = inner.y
        if inner.height >= ROOMY_FORM:  # else the description closes the scrolling box, after what matters more
            ui.text_box((inner.x, top, inner.width, 50), description, "plain_text", name="action_description")
            top += 52
            description = ""
        choice = self._choice(a)
        y = self._build_targets(ui, choice, inner.x, top, inner.width)
        option = choice.option(view.target) if choice else None
        others_open = bool(choice and choice.legal)
        box = (inner.x, y, inner.width, inner.bottom - 38 - y)
        self._build_expected(ui, a, option, others_open, box, description)
        ui.button(
            (inner.right - 160, inner.bottom - 32, 160, 32),
            f"Queue ({action_points(actions.cost[a])})",
            self.commands.queue_selected,
            kind="primary",
            name="queue",
            enabled=option is not None and not option.problem and not view.replaying,
            tooltip="Add the order; it is resolved when the turn ends (Enter)",
        )

    def _choice(self, action: int) -> ActionChoice | None:
        """The chosen action's targets with their stakes and the rule's verdicts."""
        return next((c for c in choices(self.session, self.view.active_role) if c.action == action), None)

    def _build_targets(self, ui: Widgets, choice: ActionChoice | None, x: int, y: int, width: int) -> int:
        """A button per target the engine allows (its tool tip: the stake, or why it cannot be given now);
        returns the y below them."""
        options = choice.options if choice else ()
        tw = max(36, min(60, (width - S1 * (len(options) - 1)) // max(1, len(options))))
        for option in options:
            ui.button(
                (x, y, tw, 26),
                option.target,
                partial(self._aim, option.target),
                kind="small_button",
                selected=option.target == self.view.target,
                name=f"target_{option.target}",
                tooltip=target_tooltip(option),
            )
            x += tw + S1
        return y + 32

    def _build_expected(
        self,
        ui: Widgets,
        a: int,
        option: Option | None,
        others_open: bool,
        rect: tuple[int, int, int, int],
        description: str,
    ) -> None:
        """Why the order cannot be given (if so, and whether another target can), its stake, its project slot,
        when it acts and its largest expected changes, wrapped in one scrolling box."""
        pal = self.host.theme.palette
        view = self.view
        lines = []
        reason = (option.problem if option is not None else "") or view.refusal
        if reason:
            hint = " Another target is open (Tab)." if others_open else ""
            lines.append(font(esc(f"Cannot be queued: {reason}.{hint}"), pal.danger))
        if option is not None:
            colour = pal.good if option.stake > 0.005 else pal.danger if option.stake < -0.005 else pal.text_dim
            lines.append("<b>" + font(esc(f"Your {stake_text(option.stake)}"), colour) + "</b>")
            lines += self._expected_lines(a, option.target)
        if description:
            lines.append(description)
        ui.text_box(rect, font("<br>".join(lines), None, 13), "plain_text", name="expected")

    def _expected_lines(self, a: int, target: str) -> list[str]:
        """The project slot it takes, when it acts, then its largest changes coloured by what they do to the
        team's score: green helps, red hurts, grey does not count in it."""
        pal = self.host.theme.palette
        s = self.session
        role = self.view.active_role
        actions = s.world.actions
        lines = []
        lag = int(actions.lag[a])
        dur = int(actions.duration[a])
        if actions.project_mask[a]:
            flying = len(projects_in_flight(s)[role])
            lines.append(
                font(
                    esc(f"A project: holds one of {role}'s {s.world.rules.max_projects} project slots "
                        f"while it runs ({flying} in flight now)."),
                    pal.text_dim,
                )
            )
        when = "at once" if lag == 0 else f"after {lag} quarter{'s' if lag > 1 else ''}"
        spread = "" if dur <= 1 else f", over {dur} quarters"
        lines.append(f"<b>Expected ({when}{spread}),</b> " + font(esc("green: good for you"), pal.good))
        lines += [font(esc(note), pal.warning) for note in s.unbuilt_routes(role, a, target)]
        effects = s.expected_effects(role, a, target, limit=EFFECTS_SHOWN)
        for effect, sense in zip(effects, effect_senses(s, role, effects), strict=True):
            colour = pal.good if sense == HELPS else pal.danger if sense == HURTS else pal.text_dim
            lines.append(font(f"<b>{effect.amount:+.1f}</b>", colour) + "  " + font(esc(effect.label), pal.text_dim))
        return lines

    def scene_key(self) -> tuple[object, ...]:
        """The form's background shows on the actions tab."""
        return (self.view.inspecting,)

    def draw(self, painter: Painter) -> None:
        """The form's background."""
        if not self.view.inspecting:
            painter.panel(self.layout.order_form(), painter.theme.palette.panel_alt)


def target_tooltip(option: Option) -> str:
    """A target button's tool tip: the target, and its stake or why it cannot be given now."""
    name = ROLE_NAMES[option.target]
    if option.problem:
        return f"{name}: cannot be queued now ({option.problem})"
    return f"{name}: {stake_text(option.stake)}"
