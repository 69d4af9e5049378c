"""Dialogs over the game: confirm, help, events, news, charts, triangle, load, menu."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWERS, ROLE_NAMES, ROLES
from game.ui.app import App, Modal
from game.ui.charts import COUNTRY_COLOURS, line_chart, triangle
from game.ui.theme import S2, S3, S4, S5, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, SIZE_TITLE, power_title
from game.ui.widgets import Painter

if TYPE_CHECKING:
    from game.ui.session import Session


def dialog(painter: Painter, modal: Modal, width: int, height: int, title: str, closable: bool = True) -> pygame.Rect:
    """A centred dialog frame with a title (and a close button); returns the content rect."""
    screen = painter.surface.get_rect()
    rect = pygame.Rect(0, 0, min(width, screen.width - 2 * S4), min(height, screen.height - 2 * S4))
    rect.center = screen.center
    pygame.draw.rect(painter.surface, (0, 0, 0), rect.move(4, 6), border_radius=8)
    painter.panel(rect, radius=8)
    painter.region(rect, lambda: None, "dialog")  # clicks inside never fall through
    painter.text(title, (rect.x + S5, rect.y + S4), SIZE_TITLE, bold=True)
    if closable:
        painter.button(pygame.Rect(rect.right - 40, rect.y + S3, 28, 28), "×", modal.close, name="close", size=SIZE_LABEL)
    pygame.draw.line(painter.surface, painter.theme.palette.panel_border, (rect.x + S4, rect.y + 56), (rect.right - S4, rect.y + 56))
    return pygame.Rect(rect.x + S5, rect.y + 68, rect.width - 2 * S5, rect.height - 68 - S4)


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

    def draw(self, painter: Painter) -> None:
        body = dialog(painter, self, 520, 230, self.title)
        painter.paragraph(self.text, pygame.Rect(body.x, body.y, body.width, 80), SIZE_BODY, painter.theme.palette.text_dim)
        x = body.right
        for label, callback, primary in reversed(self.answers):
            w = painter.theme.fonts.width(label, SIZE_BODY, primary) + 2 * S4
            x -= w
            painter.button(pygame.Rect(x, body.bottom - 38, w, 38), label, self._answer(callback), primary=primary)
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

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        body = dialog(painter, self, 820, 560, "Help")
        col = body.width // 2
        y = body.y
        painter.text("Keyboard", (body.x, y), SIZE_LABEL, pal.accent, True)
        y += 30
        for keys, what in SHORTCUTS:
            painter.text(keys, (body.x, y), SIZE_BODY, pal.text, True)
            painter.text(what, (body.x + 165, y), SIZE_BODY, pal.text_dim)
            y += 24
        x = body.x + col + S4
        y = body.y
        painter.text("Reading the map", (x, y), SIZE_LABEL, pal.accent, True)
        y += 30
        from game.ui.bands import BANDS

        text = (
            "Each state is coloured by its dependence mix: the hue follows the powers' headline scores, "
            "the strength follows the band of the leading power. The glyph names the leader "
            "(Russia ▲ triangle, China ● circle, the West ■ square) so the map reads without colour."
        ).replace(" ▲", "").replace(" ●", "").replace(" ■", "")
        y = painter.paragraph(text, pygame.Rect(x, y, col - S4, 120), SIZE_BODY, pal.text_dim) + S3
        lower = 0
        for name, upper, meaning in BANDS:
            rng = f"< {upper:.0f}" if lower == 0 else (f"{lower:.0f} – {upper:.0f}" if upper <= 100 else f"{lower:.0f}+")
            painter.text(f"{name}", (x, y), SIZE_BODY, pal.text, True)
            painter.text(rng, (x + 95, y), SIZE_BODY, pal.text)
            y += 20
            painter.text(meaning, (x + 16, y), SIZE_SMALL, pal.text_dim)
            y += 24
            lower = upper
        y += S2
        painter.paragraph(
            "Headline score D = Σ weight × channel share (0–100). Bands are read on the leading power's D.",
            pygame.Rect(x, y, col - S4, 60), SIZE_SMALL, pal.text_faint,
        )


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

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_KP_ENTER):
            self.next()

    def draw(self, painter: Painter) -> None:
        if self.index >= len(self.events):
            return
        pal = painter.theme.palette
        event = self.events[self.index]
        body = dialog(painter, self, 640, 400, f"News from {event.quarter}", closable=False)
        painter.text(f"Event {self.index + 1} of {len(self.events)}", (body.right, body.y - 50), SIZE_SMALL,
                     pal.text_dim, anchor="topright")
        painter.text(event.title, (body.x, body.y), SIZE_TITLE - 2, pal.accent, True)
        y = painter.paragraph(event.text, pygame.Rect(body.x, body.y + 36, body.width, 110), SIZE_LABEL, pal.text)
        y += S3
        if event.quote:
            quote_box = pygame.Rect(body.x, y, body.width, 110)
            pygame.draw.rect(painter.surface, pal.accent, (quote_box.x, quote_box.y, 3, quote_box.height - 20))
            yy = painter.paragraph(f"“{event.quote}”", quote_box.inflate(-24, 0).move(8, 0), SIZE_BODY, pal.text_dim)
            painter.text(f"Source: {event.document}", (quote_box.x + 16, yy + 4), SIZE_SMALL, pal.text_faint)
        else:
            painter.text("A random shock of a kind the region has seen; no single source.", (body.x, y), SIZE_SMALL,
                         pal.text_faint)
        label = "Continue" if self.index + 1 < len(self.events) else "Close"
        painter.button(pygame.Rect(body.right - 140, body.bottom - 40, 140, 40), label, self.next, primary=True,
                       name="event_continue")


class NewsModal(Modal):
    """The news log of a played turn: events, and what everyone ordered."""

    def __init__(self, app: App, session: Session, turn: int) -> None:
        super().__init__(app)
        self.session = session
        self.turn = max(1, turn)
        self.scroll = 0

    def set_turn(self, turn: int) -> None:
        self.turn = max(1, min(turn, self.session.turn))
        self.scroll = 0

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_n):
                self.close()
            elif event.key == pygame.K_LEFT:
                self.set_turn(self.turn - 1)
            elif event.key == pygame.K_RIGHT:
                self.set_turn(self.turn + 1)
            elif event.key == pygame.K_DOWN:
                self.scroll += 1
            elif event.key == pygame.K_UP:
                self.scroll = max(0, self.scroll - 1)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - int(event.y))

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        s = self.session
        body = dialog(painter, self, 860, 620, "News log")
        if s.turn == 0:
            painter.text("Nothing has happened yet: end the first turn.", (body.x, body.y), SIZE_BODY, pal.text_dim)
            return
        painter.button(pygame.Rect(body.x, body.y, 36, 30), "‹", lambda: self.set_turn(self.turn - 1),
                       enabled=self.turn > 1, name="news_prev")
        painter.text(f"{s.quarter(self.turn - 1)}  ·  turn {self.turn} of {s.world.turns}", (body.x + 48, body.y + 4),
                     SIZE_LABEL, pal.text, True)
        painter.button(pygame.Rect(body.x + 250, body.y, 36, 30), "›", lambda: self.set_turn(self.turn + 1),
                       enabled=self.turn < s.turn, name="news_next")
        items = s.news(self.turn)
        rows: list[tuple[str, str, tuple[int, int, int], bool]] = []
        groups = [("event", "Events"), ("crisis_end", "Crises ended"), ("order_you", "Your orders"),
                  ("order_ai", "Computer players")]
        for kind, heading in groups:
            chosen = [i for i in items if i.kind == kind]
            if kind == "event" and not chosen:
                rows.append(("Events", "", pal.accent, True))
                rows.append(("No events this quarter.", "", pal.text_dim, False))
                continue
            if not chosen:
                continue
            rows.append((heading, "", pal.accent, True))
            for item in chosen:
                rows.append((item.text, item.detail, pal.text, False))
        top = body.y + 44
        line = 22
        visible = max(1, (body.bottom - top) // line)
        flat: list[tuple[str, tuple[int, int, int], bool, int]] = []
        for text, detail, colour, heading in rows:
            flat.append((text, colour, heading, 0))
            if detail:
                for piece in painter.theme.fonts.wrap(detail, SIZE_SMALL, body.width - 24):
                    flat.append((piece, pal.text_dim, False, 16))
        self.scroll = min(self.scroll, max(0, len(flat) - visible))
        y = top
        for text, colour, heading, indent in flat[self.scroll : self.scroll + visible]:
            size = SIZE_LABEL if heading else (SIZE_SMALL if indent else SIZE_BODY)
            painter.text(text, (body.x + indent, y), size, colour, heading)
            y += line
        if len(flat) > visible:
            painter.text("scroll for more", (body.right, body.y + 8), SIZE_SMALL, pal.text_faint, anchor="topright")


class ChartsModal(Modal):
    """History charts for any state or power, and the roles' scores."""

    def __init__(self, app: App, session: Session, subject: str = "KZ", upto: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.subject = subject
        self.upto = upto

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_h):
                self.close()
            elif pygame.K_1 <= event.key <= pygame.K_9:
                options = [*COUNTRIES, *POWERS, "SCORES"]
                index = event.key - pygame.K_1
                if index < len(options):
                    self.subject = options[index]

    def _pick(self, code: str) -> Callable[[], None]:
        def run() -> None:
            self.subject = code

        return run

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        s = self.session
        body = dialog(painter, self, 1000, 600, "History")
        x = body.x
        for code in [*COUNTRIES, *POWERS, "SCORES"]:
            label = "Scores" if code == "SCORES" else code
            w = 64 if code != "SCORES" else 80
            painter.button(pygame.Rect(x, body.y, w, 30), label, self._pick(code), selected=self.subject == code,
                           name=f"chart_{code}")
            x += w + S2
        history = s.headline_history()
        labels = [s.quarter(t) for t in range(history.shape[0])]
        chart = pygame.Rect(body.x, body.y + 80, body.width, body.height - 80)
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
        painter.text(title, (body.x, body.y + 44), SIZE_LABEL, pal.text, True)
        line_chart(painter, chart, series, labels, marker=self.upto)


class TriangleModal(Modal):
    """Russia / China / West corners; each state a point moving over the turns."""

    def __init__(self, app: App, session: Session, upto: int | None = None, selected: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.upto = session.turn if upto is None else upto
        self.selected = selected

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_t):
                self.close()
            elif event.key == pygame.K_LEFT:
                self.upto = max(0, self.upto - 1)
            elif event.key == pygame.K_RIGHT:
                self.upto = min(self.session.turn, self.upto + 1)

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        s = self.session
        body = dialog(painter, self, 900, 640, "Triangle: where each state stands between the powers")
        self.upto = max(0, min(self.upto, s.turn))
        painter.text(
            f"Showing {s.quarter(self.upto)} (turn {self.upto} of {s.turn} played). A point sits nearer the power "
            "that holds more of the state's dependence; the centre is an even split.",
            (body.x, body.y), SIZE_SMALL, pal.text_dim,
        )
        painter.button(pygame.Rect(body.x, body.bottom - 32, 36, 32), "‹", lambda: setattr(self, "upto", max(0, self.upto - 1)),
                       name="tri_prev")
        painter.button(pygame.Rect(body.x + 44, body.bottom - 32, 36, 32), "›",
                       lambda: setattr(self, "upto", min(s.turn, self.upto + 1)), name="tri_next")
        triangle(painter, pygame.Rect(body.x, body.y + 20, body.width, body.height - 56), s.headline_history(),
                 list(COUNTRIES), self.upto, self.selected)


class LoadModal(Modal):
    """Pick a save file from the save folder."""

    def __init__(self, app: App, on_pick: Callable[[Path], None]) -> None:
        super().__init__(app)
        from game.ui.session import list_saves

        self.files = list_saves(app.saves_dir)[:12]
        self.on_pick = on_pick

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()

    def _pick(self, path: Path) -> Callable[[], None]:
        def run() -> None:
            self.close()
            self.on_pick(path)

        return run

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        body = dialog(painter, self, 640, 520, "Load a saved game")
        painter.text(str(self.app.saves_dir), (body.x, body.y), SIZE_SMALL, pal.text_faint)
        if not self.files:
            painter.text("No saved games yet. The game autosaves after every turn.", (body.x, body.y + 40), SIZE_BODY,
                         pal.text_dim)
            return
        y = body.y + 30
        for path in self.files:
            try:
                stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            except OSError:
                stamp = "?"
            rect = pygame.Rect(body.x, y, body.width, 34)
            painter.button(rect, "", self._pick(path), name=f"load_{path.stem}")
            painter.text(path.stem, (rect.x + S3, rect.y + 7), SIZE_BODY, pal.text, True)
            painter.text(stamp, (rect.right - S3, rect.y + 8), SIZE_SMALL, pal.text_dim, anchor="topright")
            y += 40
            if y > body.bottom - 34:
                break


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

    def draw(self, painter: Painter) -> None:
        body = dialog(painter, self, 380, 110 + 48 * len(self.items), "Menu")
        y = body.y
        for label, callback in self.items:
            painter.button(pygame.Rect(body.x, y, body.width, 40), label, self._run(callback), name=f"menu_{label}")
            y += 48


_ = (ROLE_NAMES, S5)
