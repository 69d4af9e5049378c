"""Dialogs over the game (pygame_gui windows): confirm, help, events, news, charts, triangle, load, menu."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pygame
import pygame_gui

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWERS, ROLES
from game.ui.app import App, Modal
from game.ui.bands import BANDS
from game.ui.charts import COUNTRY_COLOURS, line_chart, triangle
from game.ui.gui import esc, font
from game.ui.painter import Painter
from game.ui.theme import S2, S3, power_title

if TYPE_CHECKING:
    from game.play.session import Session


def _canvas(app: App, size: tuple[int, int]) -> Painter:
    """A painter over an off-screen surface in the dialog's colour (charts, triangle)."""
    surface = pygame.Surface((max(1, size[0]), max(1, size[1])))
    surface.fill(app.theme.palette.panel)
    painter = Painter(app.theme)
    painter.begin(surface, (-1, -1))
    return painter


class ConfirmModal(Modal):
    """A question with a few answers; ``None`` as an answer just closes."""

    def __init__(
        self,
        app: App,
        title: str,
        text: str,
        answers: list[tuple[str, Callable[[], None] | None, bool]],
        tag: str = "",
    ) -> None:
        super().__init__(app)
        self.title, self.text, self.answers, self.tag = title, text, answers, tag

    def _answer(self, callback: Callable[[], None] | None) -> Callable[[], None]:
        def run() -> None:
            self.close()
            if callback is not None:
                callback()

        return run

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.close()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._answer(self.answers[0][1])()

    def build(self) -> None:
        body = self.frame(540, 236, self.title)
        pal = self.app.theme.palette
        self.ui.text_box(
            (body.x, body.y, body.width, body.height - 50), font(esc(self.text), pal.text_dim), "plain_text"
        )
        x = body.right
        fonts = self.app.theme.fonts
        for label, callback, primary in reversed(self.answers):
            w = fonts.width(label, 16, primary) + 40
            x -= w
            self.ui.button(
                (x, body.bottom - 40, w, 40),
                label,
                self._answer(callback),
                kind="primary" if primary else "",
                name=label,
            )
            x -= S2


SHORTCUTS = [
    ("F1 or ?", "this help"),
    ("E  or  Ctrl+Enter", "end the turn"),
    ("A / I", "actions panel / inspect the selected state"),
    ("1 – 5", "select Kazakhstan … Turkmenistan"),
    ("Tab", "next team (hot-seat)"),
    ("Up / Down, Enter", "choose an action, queue it"),
    ("Backspace", "cancel the last queued order"),
    ("N", "news of the turn"),
    ("H", "history charts"),
    ("T", "triangle view (Russia / China / West)"),
    ("R, Left / Right", "replay: step through past turns"),
    ("U", "undo the last turn"),
    ("C", "colour-blind palette on / off"),
    ("Ctrl+S / Ctrl+L", "save / load"),
    ("Esc", "close a dialog, or open the menu"),
]


class HelpModal(Modal):
    """Keyboard shortcuts and how to read the map."""

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            self.close()

    def build(self) -> None:
        pal = self.app.theme.palette
        body = self.frame(900, 600, "Help")
        col = (body.width - S3 * 2) // 2
        keys = "<br>".join(f"<b>{esc(k)}</b>   {font(esc(what), pal.text_dim)}" for k, what in SHORTCUTS)
        self.ui.label((body.x, body.y, col, 24), "Keyboard", "heading")
        self.ui.text_box((body.x, body.y + 30, col, body.height - 30), keys, "card_text", name="help_keys")
        bands = []
        lower = 0.0
        for name, upper, meaning in BANDS:
            rng = (
                f"below {upper:.0f}"
                if lower == 0
                else (f"{lower:.0f} – {upper:.0f}" if upper <= 100 else f"{lower:.0f} and up")
            )
            bands.append(f"<b>{esc(name)}</b>  {font(esc(rng), pal.text)}<br>{font(esc(meaning), pal.text_dim)}<br>")
            lower = upper
        reading = (
            font(
                esc(
                    "Each state is coloured by its dependence mix: the hue follows the powers' headline scores, "
                    "the strength follows the band of the leading power. A glyph names the leader "
                    "(Russia triangle, China circle, the West square) so the map reads without colour."
                ),
                pal.text_dim,
            )
            + "<br><br>"
            + "".join(bands)
            + "<br>"
            + font(
                esc(
                    "Headline score D = Σ weight × channel share (0–100). Bands are read on the leading "
                    "power's D. Hover a state for its numbers; click it for the bars and the causes."
                ),
                pal.text_faint,
            )
        )
        x = body.x + col + 2 * S3
        self.ui.label((x, body.y, col, 24), "Reading the map", "heading")
        self.ui.text_box((x, body.y + 30, col, body.height - 30), reading, "card_text", name="help_map")


class EventModal(Modal):
    """Events of the turn, one card at a time, quoting their source."""

    def __init__(self, app: App, events: list, on_done: Callable[[], None] | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(app)
        self.events = events
        self.index = 0
        self.on_done = on_done

    def next(self) -> None:
        self.index += 1
        if self.index >= len(self.events):
            self.close()
            if self.on_done:
                self.on_done()
        else:
            self.teardown()
            self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_SPACE,
            pygame.K_ESCAPE,
            pygame.K_KP_ENTER,
        ):
            self.next()

    def build(self) -> None:
        if self.index >= len(self.events):
            return
        pal = self.app.theme.palette
        event = self.events[self.index]
        body = self.frame(680, 440, f"News from {event.quarter}", closable=False)
        self.ui.label(
            (body.right - 200, body.y - 2, 200, 20),
            f"Event {self.index + 1} of {len(self.events)}",
            "faint_right",
            name="event_count",
        )
        markup = (
            font(f"<b>{esc(event.title)}</b>", pal.accent, 20)
            + "<br><br>"
            + font(esc(event.text), pal.text, 16)
            + "<br><br>"
        )
        if event.quote:
            markup += font(f"<i>“{esc(event.quote)}”</i>", pal.text_dim) + "<br>"
            markup += font(f"Source: {esc(event.document)}", pal.text_faint, 13)
        else:
            markup += font("A random shock of a kind the region has seen; no single source.", pal.text_faint, 13)
        self.ui.text_box(
            (body.x, body.y + 22, body.width, body.height - 22 - 56), markup, "card_text", name="event_text"
        )
        label = "Continue" if self.index + 1 < len(self.events) else "Close"
        self.ui.button(
            (body.right - 150, body.bottom - 42, 150, 42), label, self.next, kind="primary", name="event_continue"
        )


class NewsModal(Modal):
    """The news log of a played turn: events, and what everyone ordered."""

    def __init__(self, app: App, session: Session, turn: int) -> None:
        super().__init__(app)
        self.session = session
        self.turn = max(1, turn)

    def set_turn(self, turn: int) -> None:
        turn = max(1, min(turn, self.session.turn))
        if turn != self.turn:
            self.turn = turn
            self.teardown()
            self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_n):
                self.close()
            elif event.key == pygame.K_LEFT:
                self.set_turn(self.turn - 1)
            elif event.key == pygame.K_RIGHT:
                self.set_turn(self.turn + 1)

    def build(self) -> None:
        pal = self.app.theme.palette
        s = self.session
        body = self.frame(880, 640, "News log")
        if s.turn == 0:
            self.ui.label(
                (body.x, body.y, body.width, 24), "Nothing has happened yet: end the first turn.", "dim_large"
            )
            return
        self.turn = max(1, min(self.turn, s.turn))
        self.ui.button(
            (body.x, body.y, 36, 32),
            "‹",
            lambda: self.set_turn(self.turn - 1),
            kind="icon_button",
            enabled=self.turn > 1,
            name="news_prev",
        )
        self.ui.button(
            (body.x + 42, body.y, 36, 32),
            "›",
            lambda: self.set_turn(self.turn + 1),
            kind="icon_button",
            enabled=self.turn < s.turn,
            name="news_next",
        )
        self.ui.label(
            (body.x + 92, body.y + 3, body.width - 92, 26),
            f"{s.quarter(self.turn - 1)}  ·  turn {self.turn} of {s.world.turns}",
            "title",
        )
        items = s.news(self.turn)
        parts: list[str] = []
        groups = [
            ("event", "Events"),
            ("crisis_end", "Crises ended"),
            ("order_you", "Your orders"),
            ("order_ai", "Computer players · " + _levels_text(s.ai_levels()) + " · why they acted"),
        ]
        for kind, heading in groups:
            chosen = [i for i in items if i.kind == kind]
            if not chosen and kind != "event":
                continue
            parts.append(font(f"<b>{heading}</b>", pal.accent, 17) + "<br>")
            if not chosen:
                parts.append(font("No events this quarter.", pal.text_dim) + "<br>")
            for item in chosen:
                if kind == "order_ai":  # "China signs … with Kyrgyzstan: why (worth …)"
                    head, _, why = item.text.partition(": ")
                    parts.append(esc(head) + (font(esc(f": {why}"), pal.text_dim) if why else "") + "<br>")
                    continue
                parts.append(esc(item.text) + "<br>")
                if item.detail:
                    parts.append(font(esc(item.detail), pal.text_dim, 13) + "<br>")
            parts.append("<br>")
        self.ui.text_box(
            (body.x, body.y + 46, body.width, body.height - 46), "".join(parts), "card_text", name="news_text"
        )


def _levels_text(levels: dict[str, str]) -> str:
    """``normal`` when every computer role plays at one level, else ``RU hard, CN easy, …``."""
    if len(set(levels.values())) <= 1:
        return next(iter(levels.values()), "normal")
    return ", ".join(f"{role} {level}" for role, level in levels.items())


class ChartsModal(Modal):
    """History charts for any state or power, and the roles' scores."""

    def __init__(self, app: App, session: Session, subject: str = "KZ", upto: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.subject = subject
        self.upto = upto

    def pick(self, code: str) -> None:
        if code != self.subject:
            self.subject = code
            self.teardown()
            self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_h):
                self.close()
            elif pygame.K_1 <= event.key <= pygame.K_9:
                options = [*COUNTRIES, *POWERS, "SCORES"]
                index = event.key - pygame.K_1
                if index < len(options):
                    self.pick(options[index])

    def _pick(self, code: str) -> Callable[[], None]:
        return lambda: self.pick(code)

    def build(self) -> None:
        pal = self.app.theme.palette
        s = self.session
        body = self.frame(1020, 640, "History")
        x = body.x
        for code in [*COUNTRIES, *POWERS, "SCORES"]:
            label = "Scores" if code == "SCORES" else code
            w = 64 if code != "SCORES" else 84
            self.ui.button(
                (x, body.y, w, 32), label, self._pick(code), selected=self.subject == code, name=f"chart_{code}"
            )
            x += w + S2
        history = s.headline_history()
        labels = [s.quarter(t) for t in range(history.shape[0])]
        series: list[tuple[str, np.ndarray, tuple[int, int, int], bool]] = []
        if self.subject in COUNTRIES:
            c = COUNTRIES.index(self.subject)
            title = f"{COUNTRY_NAMES[self.subject]}: dependence on each power (headline, 0–100)"
            for p, code in enumerate(POWERS):
                series.append((power_title(code), history[:, c, p], pal.power(code), False))
            from game.engine.scores import autonomy

            auto = autonomy(s.game.values_history()[:, 0], s.world.weight)[:, c]
            series.append(("autonomy", auto, pal.text_dim, True))
        elif self.subject in POWERS:
            p = POWERS.index(self.subject)
            title = f"{power_title(self.subject)}: each state's dependence on it (0–100)"
            for c, code in enumerate(COUNTRIES):
                series.append((code, history[:, c, p], COUNTRY_COLOURS[code], False))
        else:
            title = "Role scores (0–100); your roles are solid, the computer's dashed"
            scores = s.scores_history()
            for r, code in enumerate(ROLES):
                colour = pal.power(code) if code in POWERS else COUNTRY_COLOURS[code]
                series.append((code, scores[:, r], colour, code not in s.human_roles))
        self.ui.label((body.x, body.y + 44, body.width, 24), title, "strong", name="chart_title")
        chart = pygame.Rect(body.x, body.y + 80, body.width, body.height - 80)
        painter = _canvas(self.app, chart.size)
        line_chart(painter, pygame.Rect((0, 0), chart.size), series, labels, marker=self.upto)
        self.chart_texts = list(painter.texts)
        self.ui.image(chart, painter.surface, name="chart")


class TriangleModal(Modal):
    """Russia / China / West corners; each state a point moving over the turns."""

    def __init__(self, app: App, session: Session, upto: int | None = None, selected: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.upto = session.turn if upto is None else upto
        self.selected = selected

    def step(self, delta: int) -> None:
        upto = max(0, min(self.session.turn, self.upto + delta))
        if upto != self.upto:
            self.upto = upto
            self.teardown()
            self.build()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_t):
                self.close()
            elif event.key == pygame.K_LEFT:
                self.step(-1)
            elif event.key == pygame.K_RIGHT:
                self.step(1)

    def build(self) -> None:
        s = self.session
        body = self.frame(900, 680, "Triangle: where each state stands between the powers")
        self.upto = max(0, min(self.upto, s.turn))
        self.ui.label(
            (body.x, body.y, body.width, 20),
            "A point sits nearer the power that holds more of the state's dependence; the centre is an even split.",
            "dim",
        )
        area = pygame.Rect(body.x, body.y + 24, body.width, body.height - 24 - 44)
        painter = _canvas(self.app, area.size)
        triangle(
            painter, pygame.Rect((0, 0), area.size), s.headline_history(), list(COUNTRIES), self.upto, self.selected
        )
        self.ui.image(area, painter.surface, name="triangle")
        y = body.bottom - 36
        self.ui.button(
            (body.x, y, 36, 36), "‹", lambda: self.step(-1), kind="icon_button", name="tri_prev", enabled=self.upto > 0
        )
        self.ui.button(
            (body.x + 42, y, 36, 36),
            "›",
            lambda: self.step(1),
            kind="icon_button",
            name="tri_next",
            enabled=self.upto < s.turn,
        )
        self.ui.label(
            (body.x + 92, y + 7, body.width - 92, 22),
            f"Showing {s.quarter(self.upto)} · turn {self.upto} of {s.turn} played  (Left / Right)",
            "strong",
        )


class LoadModal(Modal):
    """Pick a save file from the save folder."""

    def __init__(self, app: App, on_pick: Callable[[Path], None]) -> None:
        super().__init__(app)
        from game.play.session import list_saves

        self.files = list_saves(app.saves_dir)[:30]
        self.on_pick = on_pick
        self.by_text: dict[str, Path] = {}

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()

    def handle_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and self.ui.owns(event.ui_element):
            path = self.by_text.get(event.text)
            if path is not None:
                self.close()
                self.on_pick(path)

    def build(self) -> None:
        body = self.frame(660, 520, "Load a saved game")
        self.ui.label((body.x, body.y, body.width, 20), str(self.app.saves_dir), "faint")
        if not self.files:
            self.ui.label(
                (body.x, body.y + 40, body.width, 24),
                "No saved games yet. The game autosaves after every turn.",
                "dim_large",
            )
            return
        items = []
        self.by_text = {}
        for path in self.files:
            try:
                stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            except OSError:
                stamp = "?"
            text = f"{path.stem}   ·   {stamp}"
            self.by_text[text] = path
            items.append((text, f"load_{path.stem}"))
        self.ui.selection_list((body.x, body.y + 30, body.width, body.height - 30), items, name="saves")


class MenuModal(Modal):
    """The in-game menu (Esc)."""

    def __init__(self, app: App, items: list[tuple[str, Callable[[], None]]]) -> None:
        super().__init__(app)
        self.items = items

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()

    def _run(self, callback: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.close()
            callback()

        return run

    def build(self) -> None:
        body = self.frame(400, 84 + 50 * len(self.items), "Menu")
        y = body.y + 4
        for label, callback in self.items:
            self.ui.button((body.x, y, body.width, 42), label, self._run(callback), name=f"menu_{label}")
            y += 50
