"""The turn summary dialog: after End turn, what the player's orders did, the largest moves on
the map with their causes, and the score change split into its parts (a small bar table,
green where a part raised the player's score, red where it lowered it).

The values come from :func:`game.play.summary.turn_summary`; this module only draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.i18n import N_, _, format_change, format_number, place_name, quarter_text
from game.play.rounding import shown_change, shown_parts
from game.play.session import Session
from game.play.stakes import points_next_quarter, stake_amount
from game.play.summary import MapMove, OrderOutcome, TurnSummary, favour_note, turn_summary
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.screen import Host, Modal
from game.ui.theme import S2, S3, SIZE_BODY, Colour, action_points
from game.ui.trace import trace

SPLIT_NOTE = N_(
    "Each cause of the turn is applied in turn and credited with the change it makes to your score, "
    "so the parts add up to the total."
)
ROW_HEIGHT = 24  # one part of the score change in the bar table
BAR_SCALE_AT_LEAST = 0.25  # score points a half-width bar stands for, at the least: a −0.01 draws a sliver
LABEL_WIDTH = 130  # the parts' names, at least
TOTAL_LABEL = N_("total this quarter")
VALUE_WIDTH = 76  # the parts' amounts


def part_colour(amount: float, good: Colour, bad: Colour, neutral: Colour) -> Colour:
    """Green for a part that raised the player's score, red for one that lowered it, grey for one that reads
    0.00 (two decimals, as shown)."""
    if round(amount, 2) == 0:
        return neutral
    return good if amount > 0 else bad


def draw_parts(painter: Painter, rect: pygame.Rect, summary: TurnSummary) -> None:
    """The parts of the score change as a table of bars about zero, then their total."""
    pal = painter.theme.palette
    rows, total_change = shown_parts(summary)
    scale = max([abs(amount) for _, amount in rows] + [abs(total_change), BAR_SCALE_AT_LEAST])
    labels = [label for label, _ in rows]
    bar_left = rect.x + label_room(painter.theme.fonts.width, labels)
    bar_width = rect.right - bar_left - VALUE_WIDTH - S2
    zero = bar_left + bar_width // 2
    y = rect.y
    for index, (label, amount) in enumerate([*rows, (_(TOTAL_LABEL), total_change)]):
        total = index == len(rows)
        if total:
            pygame.draw.line(painter.surface, pal.panel_border, (rect.x, y + 1), (rect.right, y + 1))
            y += 4
        colour = part_colour(amount, pal.good, pal.danger, pal.text_dim)
        painter.text(label, (rect.x, y + ROW_HEIGHT // 2), SIZE_BODY, pal.text, total, anchor="midleft")
        length = round(abs(amount) / scale * (bar_width // 2))
        if length:
            x = zero if amount > 0 else zero - length
            pygame.draw.rect(painter.surface, colour, (x, y + 6, length, ROW_HEIGHT - 12), border_radius=2)
        painter.text(
            format_change(amount, 2), (rect.right, y + ROW_HEIGHT // 2), SIZE_BODY, colour, True, anchor="midright"
        )
        y += ROW_HEIGHT
    pygame.draw.line(painter.surface, pal.text_faint, (zero, rect.y), (zero, y - ROW_HEIGHT - 4))


def label_room(width: Callable[..., int], labels: list[str]) -> int:
    """Where the bars start, from the table's left: after the widest part's name and the bold total's, so a
    long bar (a negative total reaches left) never runs into a name."""
    widest = max([width(label, SIZE_BODY) for label in labels] + [width(_(TOTAL_LABEL), SIZE_BODY, bold=True)])
    return max(LABEL_WIDTH, widest + S2)


def parts_height(summary: TurnSummary) -> int:
    """Height of the bar table: a row per part and the total."""
    return (len(summary.parts) + 1) * ROW_HEIGHT + 4


def _order_markup(outcome: OrderOutcome, dim: Colour, good: Colour, bad: Colour) -> str:
    """One order (or project) of the player's: its title, score credit, and largest effects."""
    title = outcome.text.split(": ", 1)[1] if outcome.kind == "order" else outcome.text
    title = title[:1].upper() + title[1:]  # "project by Kazakhstan: …" starts a line: a capital
    credit = _("{change} score this quarter").format(change=f"<b>{format_change(outcome.score, 2)}</b>")
    credit = font(credit, part_colour(outcome.score, good, bad, dim), 14)
    # What the order details and the advice said it would add when it acts, to check it against.
    expected = _("expected {change}").format(change=stake_amount(outcome.expected))
    credit += font(esc(", " + expected), dim, 14)
    effects = " · ".join(esc(change.text()) for change in outcome.effects) or esc(_("no effect yet"))
    return f"<b>{esc(title)}</b>   {credit}<br>" + font(effects, dim, 14) + "<br>"


def _move_markup(move: MapMove, dim: Colour) -> str:
    """One headline move with its two main causes, leaving out a cause that reads 0.0 (it explains nothing)."""
    causes = "; ".join(
        f"{esc(text)} {format_change(amount, 1)}" for text, amount in move.causes[:2] if round(amount, 1)
    )
    if not causes:
        small = _("many small causes, none {tenth} or more").format(tenth=format_number(0.1, 1))
        return esc(move.text()) + "<br>" + font(esc(small), dim, 14) + "<br>"
    return esc(move.text()) + "<br>" + font(_("main causes: {causes}").format(causes=causes), dim, 14) + "<br>"


def summary_markup(summary: TurnSummary, pal_text_dim: Colour, accent: Colour, good: Colour, bad: Colour) -> str:
    """The orders and the map's moves as dialog markup."""
    did = esc(_("What your orders did this quarter"))
    lines = [font(f"<b>{did}</b>", accent, 17) + "<br>"]
    # The actions list values an order to the end of the game; a player comparing the two must see why they differ.
    horizon = _(
        "Expected: what the order details and the advice said it adds when it acts. The stakes in the actions "
        "list count to the end of the game; here, one quarter."
    )
    lines.append(font(esc(horizon), pal_text_dim, 13))
    lines.append("<br>")
    if not summary.orders:
        nothing = (
            _("None of your orders acts yet.")
            if summary.later
            else _("You gave no orders this turn, and no project of yours paid out.")
        )
        lines.append(font(esc(nothing), pal_text_dim) + "<br>")
    lines.extend(_order_markup(outcome, pal_text_dim, good, bad) for outcome in summary.orders)
    if note := favour_note(summary):
        lines.append(font(esc(note), pal_text_dim, 13) + "<br>")
    if summary.pushback:  # the ledger's answer to "my orders did nothing"
        against = esc(_("Moved against your orders"))
        lines.append("<br>" + font(f"<b>{against}</b>", accent, 17) + "<br>")
        lines.extend(font(esc(text), pal_text_dim, 14) + "<br>" for text in summary.pushback)
    if summary.later:  # a project that starts next quarter adds nothing yet: say when it will
        still = _("{heading} (not in this turn's score)").format(heading="<b>" + esc(_("Still to act")) + "</b>")
        lines.append(font(still, pal_text_dim, 15) + "<br>")
        lines.extend(font(esc(text), pal_text_dim, 14) + "<br>" for text in summary.later)
    largest = _("{heading} (dependence, 0–100)").format(heading="<b>" + esc(_("Largest moves on the map")) + "</b>")
    lines.append("<br>" + font(largest, accent, 17) + "<br>")
    if not summary.moves:
        nothing_moved = _("Nothing moved by more than {least}.").format(least=format_number(0.01, 2))
        lines.append(font(esc(nothing_moved), pal_text_dim) + "<br>")
    lines.extend(_move_markup(move, pal_text_dim) for move in summary.moves)
    return "".join(lines)


def unspent_note(session: Session, role: str, unspent: float) -> str:
    """What became of the action points a team left unspent at End turn ("" when it spent them all, or when
    the game is over: there is no next quarter to carry them to)."""
    if unspent < 0.05 or session.is_over():
        return ""
    after = points_next_quarter(session, role, unspent)
    kept = after - session.capacity(role)
    if kept >= unspent - 0.05:
        return _("{unspent} left unspent: they carry over, so you start the next quarter with {after}.").format(
            unspent=action_points(unspent, 1), after=action_points(after, 1)
        )
    return _(
        "{unspent} left unspent: only {kept} carry over (you hold at most {most}), so you start the next quarter "
        "with {after}."
    ).format(
        unspent=action_points(unspent, 1),
        kept=action_points(max(kept, 0.0), 1),
        most=action_points(session.world.rules.points_cap_turns * session.capacity(role), 1),
        after=action_points(after, 1),
    )


class SummaryModal(Modal):
    """What the last turn did for a human role; Continue (Enter) goes on to the event cards."""

    close_keys = ()

    def __init__(
        self,
        app: Host,
        session: Session,
        turn: int,
        role: str,
        on_done: Callable[[], None] | None = None,
        unspent: dict[str, float] | None = None,
    ) -> None:
        super().__init__(app)
        self.unspent = unspent or {}  # action points each team left at End turn (the turn just played)
        self.session = session
        self.turn = turn
        self.role = role
        self.on_done = on_done
        self.summary: TurnSummary | None = None
        self.chart_texts: list[str] = []

    def done(self) -> None:
        """Close, then whatever comes next (the event cards)."""
        self.close()
        if self.on_done is not None:
            self.on_done()

    def show_role(self, role: str) -> None:
        """The summary of another human team (hot-seat)."""
        if role != self.role:
            self.role = role
            self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> None:
        """Enter, Space or Esc: continue."""
        keys = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE)
        if event.type == pygame.KEYDOWN and event.key in keys:
            self.done()

    def build(self) -> None:
        s = self.session
        summary = turn_summary(s, self.role, self.turn)
        self.summary = summary
        title = _("Turn summary · {quarter}").format(quarter=quarter_text(s.quarter(self.turn - 1)))
        body = self.frame(760, 620, title, closable=False)
        if summary is None:
            self.ui.label((body.x, body.y, body.width, 24), _("No turn has been played yet."), "dim_large")
            self._buttons(body)
            return
        pal = self.app.theme.palette
        head = _("{role} · score {before} to {after} ({change} this quarter)").format(
            role=place_name(self.role),
            before=format_number(summary.score_before, 2),
            after=format_number(summary.score_after, 2),
            change=format_change(shown_change(summary.score_before, summary.score_after), 2),
        )
        self.ui.label((body.x, body.y, body.width, 28), head, "title", name="summary_head")
        why = _("Why your score changed this quarter")
        self.ui.label((body.x, body.y + 30, body.width, 20), why, "subheading")
        chart = pygame.Rect(body.x, body.y + 56, min(body.width - 250, 470), parts_height(summary))
        surface = pygame.Surface(chart.size)
        surface.fill(pal.panel)
        painter = Painter(self.app.theme)
        painter.begin(surface, (-1, -1))
        draw_parts(painter, pygame.Rect((0, 0), chart.size), summary)
        self.chart_texts = list(painter.texts)
        self.ui.image(chart, surface, name="summary_parts")
        if body.right - chart.right > 200:
            note = font(esc(_(SPLIT_NOTE)), pal.text_dim, 14)
            beside = (chart.right + S3, chart.y, body.right - chart.right - S3, chart.height)
            self.ui.text_box(beside, note, "plain_text")
        top = chart.bottom + S3
        markup = summary_markup(summary, pal.text_dim, pal.accent, pal.good, pal.danger)
        note = unspent_note(s, self.role, self.unspent.get(self.role, 0.0))
        if note:
            markup = font(esc(note), pal.warning, 14) + "<br><br>" + markup
        self.ui.text_box((body.x - 2, top, body.width + 4, body.bottom - 52 - top), markup, "card_text", name="summary")
        self._buttons(body)
        trace(
            "turn_summary",
            role=self.role,
            quarter=summary.quarter,
            score_before=summary.score_before,
            score_after=summary.score_after,
            change=summary.change,
            parts={part.key: part.amount for part in summary.parts},
            orders=[outcome.text for outcome in summary.orders],
        )

    def _buttons(self, body: pygame.Rect) -> None:
        """Continue, and a button per human team when several play."""
        button = (body.right - 150, body.bottom - 42, 150, 42)
        self.ui.button(button, _("Continue"), self.done, kind="primary", name="summary_continue")
        roles = self.session.human_roles
        if len(roles) < 2:
            return
        x = body.x
        for role in roles:
            self.ui.button(
                (x, body.bottom - 38, 64, 34),
                role,
                partial(self.show_role, role),
                kind="small_button",
                selected=role == self.role,
                name=f"summary_role_{role}",
                tooltip=_("The turn as {role} saw it").format(role=place_name(role)),
            )
            x += 64 + S2
