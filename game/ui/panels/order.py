"""The order being composed: what the action does, whom it can target, what it is worth to the
team's score by the end (``game.play.stakes``), what it is expected to change and when (from
the engine's push rule, coloured by whether each change helps the team), why it cannot be given
(before Queue is pressed), and the Queue button."""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui

from game.i18n import _, format_change, place_name
from game.play.advice import Advice, advice
from game.play.stakes import (
    HELPS,
    HURTS,
    NOTICEABLE,
    ActionChoice,
    Option,
    acting_span,
    acting_text,
    choices,
    effect_senses,
    stake_text,
)
from game.play.timing import OrderTiming
from game.ui.gui import Widgets
from game.ui.layout import GameLayout
from game.ui.markup import esc, font, one_full_stop
from game.ui.painter import Painter
from game.ui.panels.advice import BACK_LINK, SIZE, advice_lines, answer_link, answer_of_link, back_link
from game.ui.panels.base import Panel, action_description, action_title
from game.ui.panels.queue import project_slots
from game.ui.theme import S1, S2, S3, Colour, action_points

EFFECTS_SHOWN = 4  # expected changes listed, largest first
MORE_LINK, LESS_LINK = "advice:more", "advice:less"  # the links that open and close the whole advice
REFUSAL_HEIGHT = 24  # the line under the advice that says why the last order was refused
MIN_TARGET_WIDTH, MAX_TARGET_WIDTH = 26, 60  # a target's button ("KZ" … "WEST"): at least its code and a margin


class OrderPanel(Panel):
    """The chosen action of the active team, made into an order."""

    def build(self, layout: GameLayout) -> None:
        """No advice until the form is made."""
        super().build(layout)
        self.advice: Advice | None = None  # the advice the form shows (its links' answers)
        self.advice_open: tuple[str, int] | None = None  # the team and turn whose advice the player opened whole

    def signature(self) -> object | None:
        """The action, target, refusal, orders and turn (actions tab only)."""
        view = self.view
        if view.inspecting:
            return None
        s = self.session
        role = view.active_role
        queued = tuple(map(str, s.queued.get(role, [])))
        opened = self.advice_open == (role, s.turn)
        return ("detail", role, view.action_index, view.target, view.replaying, s.turn, view.refusal, queued, opened)

    def _aim(self, target: str) -> None:
        self.view.target = target

    def make_widgets(self, ui: Widgets) -> None:
        """Description, targets, expected effects, refusal and the Queue button."""
        pal = self.host.theme.palette
        view = self.view
        inner = self.layout.order_form(self.queue_shown()).inflate(-2 * S3, -2 * S2)
        a = view.action_index
        self.advice = None if view.replaying else advice(self.session, view.active_role)
        if a is None:
            self._build_hint(ui, inner)
            return
        actions = self.session.world.actions
        choice = self._choice(a)
        option = choice.option(view.target) if choice else None
        label = _("Queue ({cost})").format(cost=action_points(actions.cost[a]))
        queue_width = ui.button_text_width(label, "primary") + 2 * S3
        targets = choice.options if choice else ()
        # The Queue button shares the targets' row when it fits, so the expected effects get the form's height.
        narrowest = self._narrowest_target(ui, choice)
        beside = targets_width(len(targets), inner.width - queue_width - S2) >= narrowest
        row_width = inner.width - queue_width - S2 if beside else inner.width
        y = self._build_targets(ui, choice, inner.x, inner.y, row_width)
        queue_rect = (
            (inner.right - queue_width, inner.y - 3, queue_width, 32)
            if beside
            else (inner.right - queue_width, inner.bottom - 32, queue_width, 32)
        )
        others_open = bool(choice and choice.legal)
        box = (inner.x, y, inner.width, inner.bottom - y - (0 if beside else 38))
        description = font(esc(action_description(self.session, a)), pal.text_dim)
        self._build_expected(ui, a, option, others_open, box, description)
        ui.button(
            queue_rect,
            label,
            self.commands.queue_selected,
            kind="primary",
            name="queue",
            enabled=option is not None and not option.problem and not view.replaying,
            tooltip=_("Add the order; it is resolved when the turn ends (Enter)"),
        )

    def _build_hint(self, ui: Widgets, inner: pygame.Rect) -> None:
        """No action chosen: the advice, then how to compose an order. A form too short for the whole advice shows
        its headline and first answer with a link to the rest (opened, the box scrolls, and a link closes it), so
        that the answer the player may click is on show without scrolling."""
        pal = self.host.theme.palette
        view = self.view
        pick = _(
            "Pick an action above to see what it costs, whom it can target, what it is expected to change and when."
        )
        hint = font(esc(pick), pal.text_dim, SIZE)
        box = pygame.Rect(inner)
        if view.refusal:  # the refusal takes the form's last line
            box.height -= REFUSAL_HEIGHT
            ui.label((inner.x, box.bottom + 2, inner.width, 20), view.refusal, "error", name="refusal")
        if self.advice is None:
            ui.text_box(box, hint, "plain_text", name="order_hint")
            return
        lines = advice_lines(self.session, self.advice, pal)
        if self.advice_open == (view.active_role, self.session.turn):
            lines = [*lines, link(LESS_LINK, _("Show less of the advice"))]
            ui.text_box(box, "<br>".join(lines), "plain_text", name="order_hint")
            return
        more = link(MORE_LINK, _("more…"))
        text = ui.text_box(box, "<br>".join([*lines, hint]), "plain_text", name="order_hint")
        if text.scroll_bar is not None:  # the advice alone may fit without the hint on composing
            text.set_text("<br>".join(lines))
        for short in headlines(lines):  # too long to read without scrolling: as much as fits, the first answer kept
            if text.scroll_bar is None:
                break
            text.set_text("<br>".join([f"{short[0]} &nbsp;{more}", *short[1:]]))  # the link ends the headline

    def handle_ui(self, event: pygame.event.Event) -> None:
        """A link of the advice clicked: compose that answer's order, open or close the whole advice, or (from a
        chosen order) show the advice."""
        if event.type != pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return
        target = str(getattr(event, "link_target", ""))
        if target in (MORE_LINK, LESS_LINK):
            self.advice_open = (self.view.active_role, self.session.turn) if target == MORE_LINK else None
            return
        answer = answer_of_link(self.advice, target)
        if answer is not None:
            self.view.choose_answer(answer.action, answer.target)
        elif target == BACK_LINK:
            self.view.clear_order()

    def _choice(self, action: int) -> ActionChoice | None:
        """The chosen action's targets with their stakes and the rule's verdicts."""
        return next((c for c in choices(self.session, self.view.active_role) if c.action == action), None)

    @staticmethod
    def _narrowest_target(ui: Widgets, choice: ActionChoice | None) -> int:
        """The narrowest a target's button may be: its widest code and a margin either side."""
        codes = [option.target for option in choice.options] if choice else []
        widest = max((ui.button_text_width(code, "small_button") for code in codes), default=0)
        return max(MIN_TARGET_WIDTH, widest + 2 * S1)

    def _build_targets(self, ui: Widgets, choice: ActionChoice | None, x: int, y: int, width: int) -> int:
        """A button per target the engine allows (its tool tip: the stake, or why it cannot be given now);
        returns the y below them."""
        options = choice.options if choice else ()
        tw = max(self._narrowest_target(ui, choice), targets_width(len(options), width))
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
        """The action's name, why the order cannot be given (if so, and whether another target can), its stake,
        when it acts, its project slot and its largest expected changes, wrapped in one scrolling box."""
        pal = self.host.theme.palette
        view = self.view
        # The order named first, with its target: the action's row may have scrolled out of the list's view, and
        # after Queue the form is aimed at another target than the one the note "Queued: …" names.
        title = action_title(self.session, a)
        if option is not None:
            title = _("{action} · {target}").format(action=title, target=place_name(option.target))
        lines = ["<b>" + font(esc(title), pal.text) + "</b>"]
        if self.advice is not None:  # the advice stays a click (or Esc) away
            lines[0] += " &nbsp;" + back_link()
        reason = (option.problem if option is not None else "") or view.refusal
        if reason:
            refused = _("Cannot be queued: {reason}.").format(reason=reason)
            if others_open:
                refused = _("{refusal} Another target is open (Tab).").format(refusal=refused)
            lines.append(font(esc(refused), pal.danger))
        if option is not None:
            stake = option.stake
            colour = pal.good if stake >= NOTICEABLE else pal.danger if stake <= -NOTICEABLE else pal.text_dim
            lines.append("<b>" + font(esc(_("Your {stake}").format(stake=stake_text(option.stake))), colour) + "</b>")
            # what it adds when it acts: the unit of the turn summary and of the advice's costs
            lines.append(font(esc(acting_text(option.acting_value, acting_span(self.session, a))), pal.text))
            lines += self._expected_lines(a, option.target)
        lines.append(description)
        ui.text_box(rect, font("<br>".join(lines), None, 13), "plain_text", name="expected")

    def _expected_lines(self, a: int, target: str) -> list[str]:
        """When it acts, the project slot it takes, then its largest changes coloured by what they do to the
        team's score: green helps, red hurts, grey does not count in it."""
        pal = self.host.theme.palette
        s = self.session
        role = self.view.active_role
        actions = s.world.actions
        when = OrderTiming.of(actions, a).when(s.quarter())
        lines = ["<b>" + esc(one_full_stop(_("Acts {when}.").format(when=when))) + "</b>"]
        if actions.project_mask[a]:  # after when it acts, which a short window's box keeps in view
            slot = _("A project: holds a slot while it runs. {slots}.").format(slots=project_slots(s, role)[0])
            lines.append(font(esc(slot), pal.text_dim))
        lines.append(effects_legend(pal.good, pal.danger, pal.text_dim))
        lines += [font(esc(note), pal.warning) for note in s.unbuilt_routes(role, a, target)]
        effects = s.expected_effects(role, a, target, limit=EFFECTS_SHOWN)
        for effect, sense in zip(effects, effect_senses(s, role, effects), strict=True):
            amount = format_change(effect.amount, 1)
            sense_colour = {HELPS: pal.good, HURTS: pal.danger}.get(sense, pal.text_dim)
            colour = pal.text_dim if not round(effect.amount, 1) else sense_colour  # one that reads 0.0 is grey
            lines.append(font(f"<b>{amount}</b>", colour) + "  " + font(esc(effect.label), pal.text_dim))
        return lines

    def scene_key(self) -> tuple[object, ...]:
        """The form's background shows on the actions tab."""
        return (self.view.inspecting, self.queue_shown())

    def draw(self, painter: Painter) -> None:
        """The form's background."""
        if not self.view.inspecting:
            painter.panel(self.layout.order_form(self.queue_shown()), painter.theme.palette.panel_alt)


def headlines(lines: list[str]) -> list[list[str]]:
    """Shorter forms of the advice's lines for a short form, longest first: its first lines, one fewer each time,
    down to the headline (the others' cost), the order that cost most and the first answer to it (a link that
    composes the order); then the headline and the answer alone. Advice without an answer keeps at least its first
    two lines (why nothing can be answered).

    >>> [len(form) for form in headlines(["cost", "order", '<a href="answer:0">go</a>', "rest", "why"])]
    [4, 3, 2]
    >>> [len(form) for form in headlines(["cost", "order", "why none", "rest", "why"])]  # no answer to keep
    [4, 3, 2]
    """
    first = next((i for i, line in enumerate(lines) if f'href="{answer_link(0)}"' in line), None)
    shortest = 2 if first is None else first + 1
    prefixes = [lines[:count] for count in range(len(lines) - 1, shortest - 1, -1)]
    if first is None or first == 1:
        return prefixes or [lines[:2]]
    return [*prefixes, [lines[0], lines[first]]]


def link(target: str, words: str) -> str:
    """A link of the order form's text, kept on one line (a link broken over two read as two)."""
    return f'<a href="{target}">{font(esc(words).replace(" ", "&nbsp;"), None, SIZE)}</a>'


def targets_width(count: int, width: int) -> int:
    """The width of each of ``count`` target buttons sharing a row of ``width`` px (at most the widest useful).

    >>> targets_width(3, 220), targets_width(5, 200)
    (60, 36)
    """
    return min(MAX_TARGET_WIDTH, (width - S1 * (count - 1)) // max(1, count))


def effects_legend(good: Colour, bad: Colour, neutral: Colour) -> str:
    """The line above the expected changes saying what their colours mean: whether a change helps *your*
    score (the engine's valuation), not whether the number goes up."""
    return (
        font(esc(_("Expected changes:")) + " ", neutral)
        + font(esc(_("green")), good)
        + font(" = " + esc(_("helps your score")) + ", ", neutral)
        + font(esc(_("red")), bad)
        + font(" = " + esc(_("hurts it")) + ", " + esc(_("grey")) + " = " + esc(_("not in it")), neutral)
    )


def target_tooltip(option: Option) -> str:
    """A target button's tool tip: the target, and its stake or why it cannot be given now."""
    name = place_name(option.target)
    if option.problem:
        return _("{target}: cannot be queued now ({reason})").format(target=name, reason=option.problem)
    return _("{target}: {stake}").format(target=name, stake=stake_text(option.stake))
