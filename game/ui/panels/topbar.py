"""The top bar: the quarter, the human teams and their points, the active team's objective
against its target, and the buttons that open the dialogs."""

from __future__ import annotations

import re
from functools import partial

import pygame
from pygame_gui.elements import UIButton

from game.engine.codes import ROLES
from game.i18n import _, format_change, format_number, place_name, quarter_text
from game.play.rounding import shared_rounding, shown_change
from game.play.session import Session
from game.play.summary import formula_text, score_terms, turn_summary
from game.play.tutorial import goal_phrase
from game.play.victory import target_label, target_sentence
from game.ui.gui import Widgets
from game.ui.layout import (
    BUTTON_TEXT,
    SMALL_BUTTON_TEXT,
    TOP_BUTTON_HEIGHT,
    TOP_BUTTON_Y,
    TOP_ROW2_HEIGHT,
    TOP_ROW2_Y,
    TOP_TEAMS_X,
    TOP_TITLE_WIDTH,
    GameLayout,
)
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S2, S3, S4, SIZE_SMALL, SIZE_TITLE, Fonts, action_points, powers_in_words, turn_number
from game.ui.trace import trace

COMPACT_TOP_BAR = 1200  # px: a narrower window gets the dialog buttons in small type


def shorten_words(text: str, size: int, width: int, fonts: Fonts) -> str:
    """``text`` cut after its last whole word that fits ``width`` px, with an ellipsis (as it is when it fits)."""
    if fonts.width(text, size) <= width:
        return text
    words = text.split()
    while len(words) > 1 and fonts.width(" ".join(words) + "…", size) > width:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


class TopBar(Panel):
    """What turn it is, whose orders are being given, and the dialogs."""

    def build(self, layout: GameLayout) -> None:
        """The dialog buttons, right-aligned."""
        super().build(layout)
        commands = self.commands
        buttons = [  # (the widget's name, its label, what it opens, its tool tip)
            ("?", "?", commands.open_help, _("Keyboard shortcuts and how to read the map (F1)")),
            ("Menu", _("Menu"), commands.open_menu, _("Save, load, palette, main menu, quit (Esc)")),
            ("Replay", _("Replay"), self.view.toggle_replay, _("Step back through past turns (R)")),
            (
                "Triangle",
                _("Triangle"),
                commands.open_triangle,
                _("Each state between {powers} (T)").format(powers=powers_in_words()),
            ),
            ("Charts", _("Charts"), commands.open_charts, _("History of dependence and scores (H)")),
            ("News", _("News"), commands.open_news, _("What happened last turn and who did what (N)")),
        ]
        fonts = self.host.theme.fonts
        xr = layout.top.right - S3
        self.buttons: dict[str, UIButton] = {}
        compact = layout.top.width < COMPACT_TOP_BAR  # a narrow window keeps more room for the goal
        size, pad, kind = (SMALL_BUTTON_TEXT, S3, "small_button") if compact else (BUTTON_TEXT, S4, "")
        for key, label, callback, tip in buttons:
            bw = fonts.width(label, size) + 2 * pad
            xr -= bw
            self.buttons[key] = self.ui.button(
                (xr, TOP_BUTTON_Y, bw, TOP_BUTTON_HEIGHT), label, callback, kind=kind, name=f"top_{key}", tooltip=tip
            )
            xr -= S2
        self.free_right = xr  # the teams and the objective stop here
        self.line_right = xr  # … and the goal's line, unless it needs the whole bar (see make_widgets)

    def signature(self) -> object | None:
        """The turn, the teams' points left and the active team."""
        s = self.session
        roles = tuple((role, round(self.view.left(role), 3)) for role in s.human_roles)
        return (s.turn, s.is_over(), roles, self.view.active_role)

    def update(self, dt: float) -> None:
        """Refresh, then keep the bar's tool tips off the sidebar's tabs (the next control under the bar)."""
        super().update(dt)
        for widgets in (self.ui, self.main.widgets):
            for element in widgets.elements:
                tip = getattr(element, "tool_tip", None)
                if isinstance(element, UIButton) and tip is not None:
                    tip.set_position(tip_clear_of(pygame.Rect(tip.rect), self.layout.tabs))

    def refresh(self) -> None:
        """Teams and points when they change; the Replay button lit while replaying."""
        super().refresh()
        replay = self.buttons["Replay"]
        replay.select() if self.view.replaying else replay.unselect()

    def make_widgets(self, ui: Widgets) -> None:
        """The quarter, a button per human team with its points, and the objective.

        When the goal in words does not fit beside the teams and the score, the bar takes two rows: the goal
        across the whole free width above, the teams and the score in smaller buttons below."""
        s = self.session
        view = self.view
        quarter = quarter_text(s.quarter()) if not s.is_over() else _("Game over")
        turn = turn_number(s.turn, s.world.turns)
        fonts = self.host.theme.fonts
        # Two rows start right after the quarter's title (not at the teams' usual place) to give the goal room.
        title_right = S4 + max(fonts.width(quarter, SIZE_TITLE, True), fonts.width(turn, SIZE_SMALL)) + S3
        title_width = max(TOP_TITLE_WIDTH, title_right - S4)  # a language's longer quarter ("III кв. 2025")
        ui.label((S4, 2, title_width, 32), quarter, "title", name="quarter")
        ui.label((S4 + 1, 31, title_width, 18), turn, "dim", name="turn_number")
        teams_x = max(TOP_TEAMS_X, title_right)
        labels = [(role, f"{role}  {action_points(view.left(role), 1)}") for role in s.human_roles]
        # Each team's button as wide as its widest points ("10.0 AP" after "9.0 AP"), so that the goal beside it
        # does not move to a line of its own when a number gains a digit.
        widest = {role: f"{role}  {widest_points(view.left(role))}" for role in s.human_roles}
        teams_right = teams_x + sum(fonts.width(widest[role], BUTTON_TEXT) + 2 * S3 + S2 for role, _label in labels)
        wording = self._objective_wording(min(teams_right, self.free_right))
        two_rows = bool(wording[0])
        size = SMALL_BUTTON_TEXT if two_rows else BUTTON_TEXT
        y, height = (TOP_ROW2_Y, TOP_ROW2_HEIGHT) if two_rows else (TOP_BUTTON_Y, TOP_BUTTON_HEIGHT)
        x = row_x = title_right if two_rows else teams_x
        for role, label in labels:
            bw = fonts.width(widest[role], size) + 2 * S3
            if x + bw > self.free_right - S3:
                break
            ui.button(
                (x, y, bw, height),
                label,
                partial(view.set_role, role),
                kind="small_button" if two_rows else "",
                selected=role == view.active_role,
                name=f"team_{role}",
                tooltip=_("Give orders as {role} (Tab: next team)").format(role=place_name(role)),
            )
            x += bw + S2
        self.line_right = self.free_right
        if two_rows:
            wording = self._objective_wording(x, row_x)
            goal = _("Goal: {goal}").format(goal=goal_phrase(s, view.active_role))
            if wording[0] != goal:  # shortened beside the dialog buttons: they go down a row, the goal takes the top
                self.line_right = self.layout.top.right
                wording = self._objective_wording(x, row_x)
        self._place_dialog_buttons(low=self.line_right != self.free_right)
        self._build_objective(ui, x, wording, row_x)

    def _place_dialog_buttons(self, low: bool) -> None:
        """The dialog buttons level with the teams (``low``: in the bar's second row, the goal's line above them
        across the whole bar), else centred in the bar."""
        y, height = (TOP_ROW2_Y, TOP_ROW2_HEIGHT) if low else (TOP_BUTTON_Y, TOP_BUTTON_HEIGHT)
        for button in self.buttons.values():
            if button.relative_rect.y != y:
                button.set_relative_position((button.relative_rect.x, y))
                button.set_dimensions((button.relative_rect.width, height))

    def _objective_wording(self, x: int, goal_x: int | None = None) -> tuple[str, str]:
        """The goal line and the score chip's text for a chip from ``x``; with ``goal_x``, the goal on a line of
        its own from there to the dialog buttons (else only when it does not fit beside the score)."""
        s = self.session
        role = self.view.active_role
        index = ROLES.index(role)
        score = float(s.scores()[index])
        before = float(s.scores(s.turn - 1)[index]) if s.turn else None
        # The change of the scores as written (two decimals), so the header adds up.
        moved = f" ({format_change(shown_change(before, score), 2)})" if before is not None else ""
        target = float(s.victory()[0][index])
        goal_text = f" · {target_label(s.match, role, target)}" if s.world.has_targets else ""
        room = self.free_right - S3 - S2 - x - 2 * S3  # the chip's text between the teams and the dialogs
        line_room = self.line_right - S3 - (x + S2 if goal_x is None else goal_x)
        fonts = self.host.theme.fonts
        phrase = goal_phrase(s, role)
        return objective_wording(
            phrase, role, format_number(score, 2), moved, goal_text, room, line_room, fonts, goal_x is not None
        )

    def _build_objective(self, ui: Widgets, x: int, wording: tuple[str, str], line_x: int) -> None:
        """The active role's objective score, its change in the last turn and the target it must
        reach by the end; a click opens the last turn's summary, the tooltip gives the formula.

        The chip looks like what it is, live information: bright text (never greyed out, even before the first
        turn, when a click has no summary to open yet), lit when the score has reached its target."""
        s = self.session
        role = self.view.active_role
        index = ROLES.index(role)
        reached = bool(s.victory()[1][index])
        goal_line, text = wording
        fonts = self.host.theme.fonts
        self.after_score = x
        if goal_line:  # too narrow for one row: the goal across the top, the score below in a smaller button
            width = min(fonts.width(goal_line, SIZE_SMALL) + 2 * S2, self.line_right - S3 - line_x)  # as long as it is
            ui.label((line_x, 2, width, 20), goal_line, "dim", name="goal_line")
        if text:
            width = fonts.width(text, SMALL_BUTTON_TEXT if goal_line else BUTTON_TEXT) + 2 * S3
            rect = (
                (x, TOP_ROW2_Y, width, TOP_ROW2_HEIGHT)
                if goal_line
                else (x + S2, TOP_BUTTON_Y, width, TOP_BUTTON_HEIGHT)
            )
            ui.button(
                rect,
                text,
                self.commands.open_summary,
                kind="score_chip_small" if goal_line else "score_chip",
                name="objective",
                tooltip=score_tooltip(s, role),
                selected=reached,
            )
            self.after_score = rect[0] + width + S2
        shown = " / ".join(part for part in (goal_line, text) if part)
        score = float(s.scores()[index])
        change = score - float(s.scores(s.turn - 1)[index]) if s.turn else None
        trace("top_bar", role=role, turn=s.turn, score=score, change=change, text=shown)

    def draw(self, painter: Painter) -> None:
        """The bar's background and its bottom rule."""
        pal = painter.theme.palette
        top = self.layout.top
        painter.surface.fill(pal.panel, top)
        pygame.draw.line(painter.surface, pal.panel_border, top.bottomleft, (top.right, top.bottom - 1))


def widest_points(amount: float) -> str:
    """Action points as wide as the widest the top bar may show for ``amount``: two digits before the decimal at
    least, each as wide as an 8.

    >>> widest_points(9.0), widest_points(12.5), widest_points(130.0)
    ('88.8 AP', '88.8 AP', '888.8 AP')
    """
    return re.sub(r"\d", "8", action_points(max(amount, 10.0), 1))


def tip_clear_of(tip: pygame.Rect, control: pygame.Rect) -> tuple[int, int]:
    """Where a tool tip goes that would cover ``control``: moved left of it (as far as the window allows), else
    below it.

    >>> tip_clear_of(pygame.Rect(600, 50, 300, 40), pygame.Rect(656, 64, 352, 34))
    (348, 50)
    >>> tip_clear_of(pygame.Rect(100, 50, 300, 40), pygame.Rect(656, 64, 352, 34))
    (100, 50)
    """
    if not tip.colliderect(control):
        return tip.topleft
    left = control.left - S2 - tip.width
    return (left, tip.y) if left >= S2 else (tip.x, control.bottom + S2)


def objective_wording(
    phrase: str,
    role: str,
    score: str,
    moved: str,
    goal: str,
    room: int,
    line_room: int,
    fonts: Fonts,
    own_line: bool = False,
) -> tuple[str, str]:
    """The objective for ``room`` px of the top bar as (goal line, button text): the goal in words, the score,
    its last change and the target on one button when they fit (and ``own_line`` does not ask for two rows);
    else the goal on a line of its own (``line_room`` px) above a smaller button with the score (the goal is
    shortened only when even its own line is too short)."""
    scored = _("score {score}").format(score=score)
    if not phrase:
        wordings = [f"{role} {scored}{moved}{goal}", f"{role} {score}{moved}{goal}", f"{role} {score}"]
        return "", next((text for text in wordings if fonts.width(text, BUTTON_TEXT) <= room), "")
    goal_words = _("Goal: {goal}").format(goal=phrase)
    for text in (f"{goal_words} · {scored}{moved}{goal}", f"{goal_words} · {score}{moved}{goal}"):
        if fonts.width(text, BUTTON_TEXT) <= room and not own_line:
            return "", text
    goal_line = shorten_words(goal_words, SIZE_SMALL, line_room, fonts)
    scores = (f"{scored}{moved}{goal}", f"{score}{moved}{goal}", f"{score}{moved}", score)
    return goal_line, next((text for text in scores if fonts.width(text, SMALL_BUTTON_TEXT) <= room), score)


def score_tooltip(session: Session, role: str) -> str:
    """The role's score formula in words, each term's value now, and the last turn's parts."""
    terms = score_terms(session.world, session.values(), role)
    lines = ["<b>" + _("Score of {role}").format(role=place_name(role)) + f"</b> = {formula_text(role)}"]
    lines += [term.text() for term in terms]
    lines.append("= " + format_number(sum(term.points for term in terms), 2))
    if session.world.has_targets:
        lines.append(target_sentence(session.match, role, float(session.targets()[ROLES.index(role)])))
    summary = turn_summary(session, role, session.turn)
    if summary is not None:
        change = shown_change(summary.score_before, summary.score_after)
        amounts = shared_rounding([part.amount for part in summary.parts], change)
        parts = ", ".join(
            f"{part.label} {format_change(amount, 2)}" for part, amount in zip(summary.parts, amounts, strict=True)
        )
        lines.append(_("Last quarter {change}: {parts}").format(change=format_change(change, 2), parts=parts))
        lines.append(_("Click for the turn summary."))
    return "<br>".join(lines)
