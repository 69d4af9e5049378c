"""Start screen: scenario with its briefing, roles (several = hot-seat), AI level, seed, continue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.engine.codes import COUNTRIES, POWERS, ROLE_NAMES
from game.ui.app import App, Screen
from game.ui.mapview import MapView, state_colour
from game.ui.session import AUTOSAVE, DIFFICULTIES, ScenarioPreview, Session, SessionError, scenario_previews
from game.ui.theme import S2, S3, S4, S5, SIZE_BODY, SIZE_HERO, SIZE_LABEL, SIZE_SMALL, SIZE_TITLE
from game.ui.widgets import Painter


class StartScreen(Screen):
    """Choose what to play."""

    def __init__(
        self,
        app: App,
        scenario: str | None = None,
        roles: list[str] | None = None,
        seed: int = 1,
        turns: int | None = None,
        difficulty: str = "normal",
    ) -> None:
        super().__init__(app)
        self.previews: list[ScenarioPreview] = scenario_previews()
        self.selected = 0
        if scenario:
            for i, p in enumerate(self.previews):
                if scenario in (p.id, str(p.path)):
                    self.selected = i
        self.custom_path = scenario if scenario and not any(scenario in (p.id, str(p.path)) for p in self.previews) else None
        self.roles: list[str] = [r for r in (roles or []) if r in ROLE_NAMES] or ["KZ"]
        self.seed_text = str(seed)
        self.turns = turns
        self.difficulty = difficulty if difficulty in DIFFICULTIES else "normal"
        self.error = ""
        self.editing_seed = False
        self.mapview = MapView(app.theme, app.map_data)
        self.autosave = app.saves_dir / AUTOSAVE

    # ------------------------------------------------------------------ actions

    @property
    def preview(self) -> ScenarioPreview | None:
        return self.previews[self.selected] if self.previews else None

    def select(self, index: int) -> None:
        self.selected = index % max(1, len(self.previews))
        self.turns = None

    def toggle_role(self, role: str) -> None:
        if role in self.roles:
            if len(self.roles) > 1:
                self.roles.remove(role)
        else:
            self.roles.append(role)

    def turns_value(self) -> int:
        p = self.preview
        return self.turns if self.turns is not None else (p.turns if p else 4)

    def change_turns(self, delta: int) -> None:
        self.turns = max(1, min(200, self.turns_value() + delta))

    def start_game(self) -> None:
        target: str | Path | None = self.custom_path or (self.preview.path if self.preview else None)
        if target is None:
            self.error = "no scenario found"
            return
        try:
            seed = int(self.seed_text or "0") % (2**63)
            session = Session.start(target, self.roles, seed, self.turns, self.difficulty, self.app.saves_dir)
        except SessionError as error:
            self.error = str(error)
            return
        from game.ui.screens.game import GameScreen

        self.app.goto(GameScreen(self.app, session))

    def continue_game(self, path: Path | None = None) -> None:
        try:
            session = Session.load(path or self.autosave, self.app.saves_dir)
        except SessionError as error:
            self.error = f"cannot continue: {error}"
            return
        from game.ui.screens.game import GameScreen

        self.app.goto(GameScreen(self.app, session))

    def open_load(self) -> None:
        from game.ui.screens.modals import LoadModal

        self.app.open(LoadModal(self.app, self.continue_game))

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            if event.type == pygame.MOUSEBUTTONDOWN:
                self.editing_seed = False
            return
        key = event.key
        if self.editing_seed:
            if key == pygame.K_BACKSPACE:
                self.seed_text = self.seed_text[:-1]
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB):
                self.editing_seed = False
            elif getattr(event, "unicode", "").isdigit() and len(self.seed_text) < 18:
                self.seed_text = (self.seed_text + event.unicode).lstrip("0") or "0"
            return
        if key == pygame.K_ESCAPE:
            self.app.request_quit()
        elif key == pygame.K_UP:
            self.select(self.selected - 1)
        elif key == pygame.K_DOWN:
            self.select(self.selected + 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start_game()
        elif key == pygame.K_c and self.autosave.exists():
            self.continue_game()
        elif key == pygame.K_l and event.mod & pygame.KMOD_CTRL:
            self.open_load()

    # ------------------------------------------------------------------ drawing

    def _toggle(self, role: str) -> Callable[[], None]:
        return lambda: self.toggle_role(role)

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        surface = painter.surface
        w, h = surface.get_size()
        surface.fill(pal.background)
        # The region as a backdrop, dimmed.
        self.mapview.set_rect(pygame.Rect(0, 0, w, h))
        colours = {c: state_colour([40.0, 25.0, 15.0], pal) for c in COUNTRIES}
        surface.blit(self.mapview.render_base(colours, pal, 0.1), (0, 0))
        painter.shade(205)

        margin = max(S5, w // 40)
        painter.text("MULTIVECTOR", (margin, margin), SIZE_HERO, pal.text, True)
        painter.text("Central Asia between Russia, China and the West", (margin + 2, margin + 54), SIZE_LABEL, pal.text_dim)

        top = margin + 100
        bottom = h - margin
        col_w = (w - 2 * margin - 2 * S5) // 3
        left = pygame.Rect(margin, top, col_w, bottom - top)
        mid = pygame.Rect(left.right + S5, top, col_w, bottom - top)
        right = pygame.Rect(mid.right + S5, top, w - margin - mid.right - S5, bottom - top)

        # Scenarios
        painter.text("Scenario", (left.x, left.y), SIZE_LABEL, pal.accent, True)
        y = left.y + 32
        for i, p in enumerate(self.previews):
            rect = pygame.Rect(left.x, y, left.width, 64)
            painter.button(rect, "", (lambda i=i: self.select(i)), selected=i == self.selected, name=f"scenario_{p.id}")
            painter.text(painter.theme.fonts.elide(p.title, SIZE_BODY, rect.width - 24, True), (rect.x + S3, rect.y + 10),
                         SIZE_BODY, pal.text, True)
            painter.text(f"from {p.start} · {p.turns} quarters", (rect.x + S3, rect.y + 36), SIZE_SMALL, pal.text_dim)
            y += 72
        if self.autosave.exists():
            y = max(y + S3, left.bottom - 2 * 44 - S2)
            painter.button(pygame.Rect(left.x, y, left.width, 40), "Continue last game  (C)", self.continue_game,
                           name="continue")
            y += 48
        else:
            y = max(y + S3, left.bottom - 44)
        painter.button(pygame.Rect(left.x, y, left.width, 40), "Load a saved game…", self.open_load, name="load")

        # Briefing
        p = self.preview
        painter.panel(mid, pal.panel)
        inner = mid.inflate(-2 * S4, -2 * S4)
        if p is not None:
            painter.text("Briefing", (inner.x, inner.y), SIZE_LABEL, pal.accent, True)
            yy = painter.paragraph(p.title, pygame.Rect(inner.x, inner.y + 30, inner.width, 60), SIZE_TITLE - 2, pal.text)
            yy = painter.paragraph(p.summary, pygame.Rect(inner.x, yy + S2, inner.width, 90), SIZE_BODY, pal.text_dim)
            painter.paragraph(p.briefing, pygame.Rect(inner.x, yy + S3, inner.width, inner.bottom - yy - S3), SIZE_BODY,
                              pal.text)

        # Setup
        painter.text("Play as", (right.x, right.y), SIZE_LABEL, pal.accent, True)
        painter.text("pick several for hot-seat teams", (right.x + 80, right.y + 3), SIZE_SMALL, pal.text_dim)
        y = right.y + 32
        bw = (right.width - 4 * S2) // 5
        for i, code in enumerate(COUNTRIES):
            painter.button(pygame.Rect(right.x + i * (bw + S2), y, bw, 36), code, self._toggle(code),
                           selected=code in self.roles, name=f"role_{code}")
        y += 44
        bw3 = (right.width - 2 * S2) // 3
        for i, code in enumerate(POWERS):
            painter.button(pygame.Rect(right.x + i * (bw3 + S2), y, bw3, 36), code, self._toggle(code),
                           selected=code in self.roles, name=f"role_{code}")
        y += 44
        names = ", ".join(ROLE_NAMES[r] for r in self.roles)
        painter.text(painter.theme.fonts.elide(f"You: {names}", SIZE_SMALL, right.width), (right.x, y), SIZE_SMALL, pal.text)
        y += 20
        painter.text("The computer plays every other role.", (right.x, y), SIZE_SMALL, pal.text_dim)
        y += 34
        painter.text("Computer players", (right.x, y), SIZE_LABEL, pal.accent, True)
        y += 30
        for i, level in enumerate(DIFFICULTIES):
            painter.button(pygame.Rect(right.x + i * (bw3 + S2), y, bw3, 34), level.capitalize(),
                           (lambda level=level: setattr(self, "difficulty", level)), selected=self.difficulty == level,
                           name=f"ai_{level}")
        y += 50
        half = (right.width - S3) // 2
        painter.text("Seed", (right.x, y), SIZE_LABEL, pal.accent, True)
        painter.text("Quarters", (right.x + half + S3, y), SIZE_LABEL, pal.accent, True)
        y += 30
        seed_rect = pygame.Rect(right.x, y, half, 36)
        painter.button(seed_rect, "", lambda: setattr(self, "editing_seed", True), selected=self.editing_seed, name="seed")
        caret = "|" if self.editing_seed and (self.app.frames // 30) % 2 == 0 else ""
        painter.text(self.seed_text + caret, (seed_rect.x + S3, seed_rect.y + 7), SIZE_BODY, pal.text)
        tx = right.x + half + S3
        painter.button(pygame.Rect(tx, y, 36, 36), "–", lambda: self.change_turns(-1), name="turns_minus")
        painter.text(str(self.turns_value()), (tx + 36 + (half - 72) // 2, y + 18), SIZE_LABEL, pal.text, True,
                     anchor="center")
        painter.button(pygame.Rect(tx + half - 36, y, 36, 36), "+", lambda: self.change_turns(1), name="turns_plus")
        y += 56
        if self.error:
            painter.paragraph(self.error, pygame.Rect(right.x, y, right.width, 60), SIZE_SMALL, pal.danger)
        painter.button(pygame.Rect(right.x, right.bottom - 48, right.width, 48), "Start game  (Enter)", self.start_game,
                       primary=True, name="start")
        painter.text("F1 or ? for help", (w - margin, margin + 10), SIZE_SMALL, pal.text_faint, anchor="topright")
        _ = S2
