"""Dialogs that read a game's history: the news of a turn, the charts over turns, and the
triangle of each state between the powers."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, POWERS, ROLES, START_LABEL, state_labels
from game.i18n import N_, _, place_name, quarter_text
from game.play.session import Session
from game.play.views import autonomy_history
from game.ui.charts import COUNTRY_COLOURS, ROLE_RGB, line_chart, triangle
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.screen import Host, Modal
from game.ui.theme import S2, role_title, turn_number


def _canvas(app: Host, size: tuple[int, int]) -> Painter:
    """A painter over an off-screen surface in the dialog's colour (charts, triangle)."""
    surface = pygame.Surface((max(1, size[0]), max(1, size[1])))
    surface.fill(app.theme.palette.panel)
    painter = Painter(app.theme)
    painter.begin(surface, (-1, -1))
    return painter


class TurnDialog(Modal):
    """A dialog about one played turn at a time: Left / Right step through the turns, its own
    key (or Esc) closes it."""

    first_turn = 0  # the earliest turn it can show

    def __init__(self, app: Host, session: Session, turn: int) -> None:
        super().__init__(app)
        self.session = session
        self.turn = max(self.first_turn, turn)

    def show_turn(self, turn: int) -> None:
        """Show another turn (kept within the turns played)."""
        turn = max(self.first_turn, min(turn, self.session.turn))
        if turn != self.turn:
            self.turn = turn
            self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left / Right step; Esc or the dialog's key closes."""
        steps = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}
        if event.type == pygame.KEYDOWN and event.key in steps:
            self.show_turn(self.turn + steps[event.key])
        else:
            super().handle_event(event)


class NewsModal(TurnDialog):
    """The news log of a played turn: events, and what everyone ordered."""

    first_turn = 1
    close_keys = (pygame.K_ESCAPE, pygame.K_n)

    def build(self) -> None:
        pal = self.app.theme.palette
        s = self.session
        body = self.frame(880, 640, _("News log"))
        if s.turn == 0:
            nothing = _("Nothing has happened yet: end the first turn.")
            self.ui.label((body.x, body.y, body.width, 24), nothing, "dim_large")
            return
        self.turn = max(1, min(self.turn, s.turn))
        self.ui.button(
            (body.x, body.y, 36, 32),
            "‹",
            partial(self.show_turn, self.turn - 1),
            kind="icon_button",
            enabled=self.turn > 1,
            name="news_prev",
        )
        self.ui.button(
            (body.x + 42, body.y, 36, 32),
            "›",
            partial(self.show_turn, self.turn + 1),
            kind="icon_button",
            enabled=self.turn < s.turn,
            name="news_next",
        )
        self.ui.label(
            (body.x + 92, body.y + 3, body.width - 92, 26),
            f"{quarter_text(s.quarter(self.turn - 1))}  ·  {turn_number(self.turn - 1, s.world.turns)}",
            "title",
        )
        items = s.news(self.turn)
        parts: list[str] = []
        groups = [
            ("event", _("Events")),
            ("crisis_end", _("Crises ended")),
            ("order_you", _("Your orders")),
            ("order_ai", _("Computer players · {levels} · why they acted").format(levels=_levels_text(s.ai_levels()))),
        ]
        for kind, heading in groups:
            chosen = [i for i in items if i.kind == kind]
            if not chosen and kind != "event":
                continue
            parts.append(font(f"<b>{esc(heading)}</b>", pal.accent, 17) + "<br>")
            if not chosen:
                parts.append(font(esc(_("No events this quarter.")), pal.text_dim) + "<br>")
            for item in chosen:
                if kind == "order_ai" and item.order_line and item.text.startswith(item.order_line):
                    why = item.text[len(item.order_line) :]  # "China signs … with Kyrgyzstan" + ": why (worth …)"
                    parts.append(esc(item.order_line) + (font(esc(why), pal.text_dim) if why else "") + "<br>")
                    continue
                parts.append(esc(item.text) + "<br>")
                if item.detail:
                    parts.append(font(esc(item.detail), pal.text_dim, 13) + "<br>")
            parts.append("<br>")
        self.ui.text_box(
            (body.x, body.y + 46, body.width, body.height - 46), "".join(parts), "card_text", name="news_text"
        )


def _levels_text(levels: dict[str, str]) -> str:
    """``normal`` when every computer role plays at one level, else ``RU hard, CN easy, …`` (in the current
    language)."""
    if len(set(levels.values())) <= 1:
        return level_word(next(iter(levels.values()), "normal"))
    return ", ".join(f"{role} {level_word(level)}" for role, level in levels.items())


# The computer's levels as a sentence names them, by the level's id.
LEVEL_WORDS = {"easy": N_("easy"), "normal": N_("normal"), "hard": N_("hard")}


def level_word(level: str) -> str:
    """A computer level in the current language (``normal``; Russian ``обычный``)."""
    return _(LEVEL_WORDS.get(level, level))


class ChartsModal(Modal):
    """History charts for any state or power, and the roles' scores."""

    def __init__(self, app: Host, session: Session, subject: str = COUNTRIES[0], upto: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.subject = subject
        self.upto = upto
        self.changes = False  # each line as its change since the first turn

    def toggle_changes(self) -> None:
        """Levels, or each line's change since the start (D)."""
        self.changes = not self.changes
        self.rebuild()

    close_keys = (pygame.K_ESCAPE, pygame.K_h)
    subjects = (*COUNTRIES, *POWERS, "SCORES")  # 1 … 9 pick them in this order

    def pick(self, code: str) -> None:
        """Chart another state, power, or the scores."""
        if code != self.subject:
            self.subject = code
            self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> None:
        """1 … 9 pick a subject; D switches levels / changes; Esc or H closes."""
        index = event.key - pygame.K_1 if event.type == pygame.KEYDOWN else -1
        if 0 <= index < min(9, len(self.subjects)):
            self.pick(self.subjects[index])
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_d:
            self.toggle_changes()
        else:
            super().handle_event(event)

    def build(self) -> None:
        pal = self.app.theme.palette
        s = self.session
        body = self.frame(1020, 640, _("History"))
        x = body.x
        fonts = self.app.theme.fonts
        for code in self.subjects:
            label = _("Scores") if code == "SCORES" else code
            w = 64 if code != "SCORES" else max(84, fonts.width(label, 15) + 24)
            self.ui.button(
                (x, body.y, w, 32), label, partial(self.pick, code), selected=self.subject == code, name=f"chart_{code}"
            )
            x += w + S2
        switch = _("Change since start (D)") if not self.changes else _("Levels (D)")
        switch_width = max(150, fonts.width(switch, 13) + 24)
        self.ui.button(
            (body.right - switch_width, body.y, switch_width, 32),
            switch,
            self.toggle_changes,
            kind="small_button",
            name="chart_changes",
        )  # no tool tip: it hung over the chart's legend (the title says what the lines are)
        history = s.headline_history()
        labels = [
            _("start") if label == START_LABEL else quarter_text(label)
            for label in state_labels(s.world.start_quarter, history.shape[0])
        ]
        series: list[tuple[str, np.ndarray, tuple[int, int, int], bool]] = []
        if self.subject in COUNTRIES:
            c = COUNTRIES.index(self.subject)
            title = _("{state}: dependence on each power (headline, 0–100)").format(state=place_name(self.subject))
            for p, code in enumerate(POWERS):
                series.append((role_title(code), history[:, c, p], pal.power(code), False))
            series.append((_("autonomy"), autonomy_history(s)[:, c], pal.text_dim, True))
        elif self.subject in POWERS:
            p = POWERS.index(self.subject)
            title = _("{power}: each state's dependence on it (0–100)").format(power=role_title(self.subject))
            for c, code in enumerate(COUNTRIES):
                series.append((code, history[:, c, p], COUNTRY_COLOURS[code], False))
        else:
            title = _("Role scores (0–100); your roles are solid, the computer's dashed")
            scores = s.scores_history()
            # The player's roles last, drawn over the computer's (Russia's line lay under China's at 46).
            for r, code in sorted(enumerate(ROLES), key=lambda item: item[1] in s.human_roles):
                series.append((code, scores[:, r], ROLE_RGB[code], code not in s.human_roles))
            targets = s.victory()[0]  # as the top bar reads it
            for code in s.human_roles:  # how far behind (or ahead) the player is: the target as a line
                target = float(targets[ROLES.index(code)])
                if s.world.has_targets and not math.isnan(target):
                    series.append(
                        (_("{role} target").format(role=code), np.full(scores.shape[0], target), pal.accent, True)
                    )
        if self.changes:
            title = _("{title} · change since the start").format(title=title)  # the axis's first label
        self.ui.label((body.x, body.y + 44, body.width, 24), title, "strong", name="chart_title")
        chart = pygame.Rect(body.x, body.y + 80, body.width, body.height - 80)
        painter = _canvas(self.app, chart.size)
        line_chart(painter, pygame.Rect((0, 0), chart.size), series, labels, marker=self.upto, changes=self.changes)
        self.chart_texts = list(painter.texts)
        self.ui.image(chart, painter.surface, name="chart")


class TriangleModal(TurnDialog):
    """The powers at the corners; each state a point moving over the turns."""

    close_keys = (pygame.K_ESCAPE, pygame.K_t)

    def __init__(self, app: Host, session: Session, upto: int | None = None, selected: str | None = None) -> None:
        super().__init__(app, session, session.turn if upto is None else upto)
        self.selected = selected

    def build(self) -> None:
        s = self.session
        body = self.frame(900, 680, _("Triangle: where each state stands between the powers"))
        self.turn = max(0, min(self.turn, s.turn))
        self.ui.label(
            (body.x, body.y, body.width, 20),
            _("A point sits nearer the power that holds more of the state's dependence; the centre is an even split."),
            "dim",
            name="triangle_note",
        )
        area = pygame.Rect(body.x, body.y + 24, body.width, body.height - 24 - 44)
        painter = _canvas(self.app, area.size)
        triangle(
            painter, pygame.Rect((0, 0), area.size), s.headline_history(), list(COUNTRIES), self.turn, self.selected
        )
        self.ui.image(area, painter.surface, name="triangle")
        y = body.bottom - 36
        self.ui.button(
            (body.x, y, 36, 36),
            "‹",
            partial(self.show_turn, self.turn - 1),
            kind="icon_button",
            name="tri_prev",
            enabled=self.turn > 0,
        )
        self.ui.button(
            (body.x + 42, y, 36, 36),
            "›",
            partial(self.show_turn, self.turn + 1),
            kind="icon_button",
            name="tri_next",
            enabled=self.turn < s.turn,
        )
        self.ui.label(
            (body.x + 92, y + 7, body.width - 92, 22),
            _("Showing {quarter} · {turn}  (Left / Right)").format(
                quarter=quarter_text(s.quarter(self.turn)), turn=turn_number(self.turn, s.world.turns)
            ),
            "strong",
            name="triangle_turn",
        )
