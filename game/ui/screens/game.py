"""The map screen: the region coloured by dependence, inspect, act, end turn, replay."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from game.engine.codes import CHANNELS, COUNTRIES, COUNTRY_NAMES, POWERS, ROLE_NAMES, ROLES
from game.engine.orders import Order
from game.ui.app import App, Screen
from game.ui.bands import BANDS, read_state
from game.ui.mapview import MapView, band_swatch, state_colour
from game.ui.session import Session, SessionError
from game.ui.theme import S1, S2, S3, S4, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, SIZE_TITLE, mix, power_title
from game.ui.widgets import Painter

TOP = 52
SIDEBAR = 380


class GameScreen(Screen):
    """Where the game is played."""

    def __init__(self, app: App, session: Session, replay_from: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.mapview = MapView(app.theme, app.map_data)
        self.active_role = session.human_roles[0]
        self.selected: str | None = None
        self.tab = "actions"
        self.action_index: int | None = None
        self.target: str | None = None
        self.action_scroll = 0
        self.refusal = ""
        self.why_power: str | None = None
        self.view_turn: int | None = replay_from
        self.hover: str | None = None

    # ------------------------------------------------------------------ state shown

    @property
    def shown_turn(self) -> int:
        """Turn whose state is drawn (the present unless replaying)."""
        return self.session.turn if self.view_turn is None else self.view_turn

    @property
    def replaying(self) -> bool:
        return self.view_turn is not None

    def needs_quit_confirmation(self) -> bool:
        return self.session.dirty or any(self.session.queued.values())

    # ------------------------------------------------------------------ commands

    def select_country(self, code: str | None) -> None:
        self.selected = code
        if code is not None:
            self.tab = "country"
            self.why_power = None
            if self.action_index is not None and code in self._targets():
                self.target = code

    def _targets(self) -> list[str]:
        if self.action_index is None:
            return []
        return self.session.targets_for(self.active_role, self.action_index)

    def choose_action(self, index: int) -> None:
        self.action_index = index
        targets = self._targets()
        if self.selected in targets:
            self.target = self.selected
        elif self.target not in targets:
            self.target = targets[0] if targets else None
        self.refusal = ""

    def queue_selected(self) -> None:
        if self.replaying:
            self.refusal = "you are viewing the past: return to the present to give orders"
            return
        if self.action_index is None or self.target is None:
            self.refusal = "choose an action and a target first"
            return
        order = Order(self.active_role, self.session.world.actions.ids[self.action_index], self.target)
        problems = self.session.queue(order)
        self.refusal = "; ".join(problems)
        if not problems:
            self.app.notify(f"Queued: {self.session.world.actions.titles[self.action_index]} · {ROLE_NAMES[self.target]}")

    def cancel(self, role: str, index: int) -> None:
        self.session.cancel(role, index)
        self.refusal = ""

    def next_team(self) -> None:
        roles = self.session.human_roles
        self.active_role = roles[(roles.index(self.active_role) + 1) % len(roles)]
        self.action_index = None
        self.target = None
        self.refusal = ""
        self.tab = "actions"

    def end_turn(self) -> None:
        if self.replaying:
            self.view_turn = None
        if self.session.is_over():
            self.finish()
            return
        record = self.session.end_turn()
        if record is None:
            return
        self.refusal = ""
        self.active_role = self.session.human_roles[0]
        events = self.session.events_of(self.session.turn)
        then = self.finish if self.session.is_over() else None
        if events:
            from game.ui.screens.modals import EventModal

            self.app.open(EventModal(self.app, events, then))
        else:
            self.app.notify(f"{self.session.quarter(self.session.turn - 1)} resolved: no events. Press N for the news.")
            if then:
                then()

    def finish(self) -> None:
        from game.ui.screens.end import EndScreen

        self.app.goto(EndScreen(self.app, self.session))

    def save(self) -> None:
        try:
            path = self.session.save()
            self.app.notify(f"Saved to {path}")
        except OSError as error:
            self.app.notify(f"Save failed: {error}")

    def load(self) -> None:
        from game.ui.screens.modals import LoadModal

        def pick(path: object) -> None:
            try:
                session = Session.load(path, self.app.saves_dir)  # type: ignore[arg-type]
            except SessionError as error:
                self.app.notify(f"Cannot load: {error}", 5)
                return
            self.app.goto(GameScreen(self.app, session))
            self.app.notify(f"Loaded {getattr(path, 'name', path)}")

        self.app.open(LoadModal(self.app, pick))

    def undo(self, to_turn: int | None = None) -> None:
        target = self.session.turn - 1 if to_turn is None else to_turn
        if target < 0 or target >= self.session.turn:
            self.app.notify("Nothing to undo")
            return
        try:
            self.session.undo_to(target)
        except Exception as error:
            self.app.notify(f"Undo failed: {error}", 5)
            return
        self.view_turn = None
        self.app.notify(f"Back to {self.session.quarter()} (turn {self.session.turn} played)")

    def toggle_replay(self) -> None:
        if self.replaying:
            self.view_turn = None
        else:
            self.view_turn = max(0, self.session.turn - 1) if self.session.turn else 0

    def step_replay(self, delta: int) -> None:
        if self.view_turn is None:
            self.view_turn = self.session.turn
        self.view_turn = max(0, min(self.session.turn, self.view_turn + delta))

    def toggle_palette(self) -> None:
        pal = self.app.theme.palette
        pal.colourblind = not pal.colourblind
        self.app.notify("Colour-blind palette (Okabe–Ito) " + ("on" if pal.colourblind else "off"))

    def open_news(self) -> None:
        from game.ui.screens.modals import NewsModal

        self.app.open(NewsModal(self.app, self.session, self.shown_turn or 1))

    def open_charts(self) -> None:
        from game.ui.screens.modals import ChartsModal

        self.app.open(ChartsModal(self.app, self.session, self.selected or self.active_role, self.view_turn))

    def open_triangle(self) -> None:
        from game.ui.screens.modals import TriangleModal

        self.app.open(TriangleModal(self.app, self.session, self.shown_turn, self.selected))

    def open_menu(self) -> None:
        from game.ui.screens.modals import MenuModal
        from game.ui.screens.start import StartScreen

        def to_start() -> None:
            def go() -> None:
                self.app.goto(StartScreen(self.app))

            if self.needs_quit_confirmation():
                from game.ui.screens.modals import ConfirmModal

                self.app.open(ConfirmModal(self.app, "Leave this game?", "Unsaved changes since your last save will "
                              "be lost (the autosave keeps the last completed turn).",
                              [("Save and leave", lambda: (self.session.save(), go()) and None, True),
                               ("Leave", go, False), ("Cancel", None, False)]))
            else:
                go()

        pal = self.app.theme.palette
        self.app.open(MenuModal(self.app, [
            ("Resume", lambda: None),
            ("Save game  (Ctrl+S)", self.save),
            ("Load game…  (Ctrl+L)", self.load),
            ("Colour-blind palette: " + ("on" if pal.colourblind else "off"), self.toggle_palette),
            ("Main menu", to_start),
            ("Quit", self.app.request_quit),
        ]))

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            code = self.mapview.country_at(event.pos)
            if code in COUNTRIES:
                self.select_country(code)
            elif self.mapview.rect.collidepoint(event.pos):
                self.selected = None
                if self.tab == "country":
                    self.tab = "actions"
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.selected = None
        elif event.type == pygame.MOUSEWHEEL:
            self.action_scroll = max(0, self.action_scroll - int(event.y))
        elif event.type == pygame.KEYDOWN:
            self._key(event)

    def _key(self, event: pygame.event.Event) -> None:
        key, ctrl = event.key, bool(event.mod & pygame.KMOD_CTRL)
        if ctrl and key == pygame.K_s:
            self.save()
        elif ctrl and key == pygame.K_l:
            self.load()
        elif key == pygame.K_e or (ctrl and key in (pygame.K_RETURN, pygame.K_KP_ENTER)):
            self.end_turn()
        elif key == pygame.K_ESCAPE:
            if self.replaying:
                self.view_turn = None
            elif self.selected:
                self.selected = None
                self.tab = "actions"
            else:
                self.open_menu()
        elif key == pygame.K_a:
            self.tab = "actions"
        elif key == pygame.K_i:
            self.tab = "country" if self.selected else "actions"
        elif pygame.K_1 <= key <= pygame.K_5:
            self.select_country(COUNTRIES[key - pygame.K_1])
        elif key == pygame.K_TAB:
            self.next_team()
        elif key == pygame.K_n:
            self.open_news()
        elif key == pygame.K_h:
            self.open_charts()
        elif key == pygame.K_t:
            self.open_triangle()
        elif key == pygame.K_r:
            self.toggle_replay()
        elif key == pygame.K_LEFT:
            self.step_replay(-1)
        elif key == pygame.K_RIGHT and self.replaying:
            self.step_replay(1)
        elif key == pygame.K_u:
            self.undo()
        elif key == pygame.K_c:
            self.toggle_palette()
        elif key in (pygame.K_UP, pygame.K_DOWN):
            actions = self.session.actions_for(self.active_role)
            if actions:
                pos = actions.index(self.action_index) if self.action_index in actions else -1
                pos = (pos + (1 if key == pygame.K_DOWN else -1)) % len(actions)
                self.tab = "actions"
                self.choose_action(actions[pos])
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.queue_selected()
        elif key == pygame.K_BACKSPACE:
            queued = self.session.queued.get(self.active_role, [])
            if queued:
                self.cancel(self.active_role, len(queued) - 1)

    def update(self, dt: float) -> None:
        self.hover = self.mapview.country_at(self.app.mouse) if not self.app.modals else None

    # ------------------------------------------------------------------ drawing

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        surface = painter.surface
        w, h = surface.get_size()
        surface.fill(pal.background)
        sidebar = min(SIDEBAR, max(320, w // 3))
        map_rect = pygame.Rect(0, TOP, w - sidebar, h - TOP)
        self.mapview.set_rect(map_rect)
        self._draw_map(painter, map_rect)
        self._draw_top(painter, pygame.Rect(0, 0, w, TOP))
        side = pygame.Rect(w - sidebar, TOP, sidebar, h - TOP)
        self._draw_sidebar(painter, side)

    def _headline(self) -> np.ndarray:
        return self.session.headline(self.shown_turn)

    def _draw_map(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        s = self.session
        head = self._headline()
        colours = {code: state_colour(head[c], pal) for c, code in enumerate(COUNTRIES)}
        share = float(s.block("dependence", self.shown_turn)[0, 2, CHANNELS.index("transport")])
        painter.surface.blit(self.mapview.render_base(colours, pal, share), rect.topleft)
        clip = painter.surface.get_clip()
        painter.surface.set_clip(rect)
        if self.hover and self.hover != self.selected:
            self.mapview.draw_outline(painter.surface, self.hover, mix(pal.highlight, pal.background, 0.3), 2)
        if self.selected:
            self.mapview.draw_outline(painter.surface, self.selected, pal.highlight, 3)
        for c, code in enumerate(COUNTRIES):
            self._draw_state_label(painter, code, head[c])
        self._draw_corridor_label(painter, rect, share)
        self._draw_legend(painter, rect)
        if self.replaying:
            self._draw_replay_bar(painter, rect)
        painter.surface.set_clip(clip)
        if self.hover and not self.app.modals:
            self._draw_tooltip(painter, self.hover)

    def _draw_state_label(self, painter: Painter, code: str, scores: np.ndarray) -> None:
        pal = painter.theme.palette
        x, y = self.mapview.labels[code]
        x += self.mapview.rect.x
        y += self.mapview.rect.y
        reading = read_state({p: float(scores[i]) for i, p in enumerate(POWERS)})
        name = COUNTRY_NAMES[code]
        fonts = painter.theme.fonts
        size = SIZE_LABEL if code in ("KZ", "UZ", "TM") else SIZE_BODY
        tw = fonts.width(name, size, True)
        box = pygame.Rect(0, 0, max(tw, 96) + 2 * S2, 48)
        box.center = (x, y)
        painter.surface.blit(_veil(box.size, pal.background), box)
        painter.text(name, (box.centerx, box.y + 2), size, pal.text, True, anchor="midtop")
        gy = box.y + 31
        painter.glyph(reading.leader, (box.x + S2 + 6, gy), 6, pal.power(reading.leader), pal.background)
        painter.text(f"{reading.leader} {reading.score:.0f} · {reading.band}", (box.x + S2 + 16, gy), SIZE_SMALL,
                     pal.text, anchor="midleft")
        parts = [(float(scores[i]) / 100, pal.power(p)) for i, p in enumerate(POWERS)]
        painter.stacked(pygame.Rect(box.x + S1, box.bottom - 5, box.width - 2 * S1, 3), parts)

    def _draw_corridor_label(self, painter: Painter, rect: pygame.Rect, share: float) -> None:
        pal = painter.theme.palette
        try:
            baku = self.mapview.data.city("baku")
        except KeyError:
            return
        assert self.mapview.transform is not None
        x, y = self.mapview.transform.to_screen(baku.x, baku.y)
        pos = (max(rect.x + 110, min(rect.right - 110, round(x + rect.x))), round(y + rect.y) + 14)
        painter.text("Middle Corridor", pos, SIZE_SMALL, pal.corridor, True, anchor="midtop")
        painter.text(f"West's share of KZ transport {100 * share:.0f}%", (pos[0], pos[1] + 17), SIZE_SMALL - 1,
                     pal.text_dim, anchor="midtop")

    def _draw_legend(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        box = pygame.Rect(rect.x + S3, rect.bottom - 176 - S3, 250, 176)
        painter.panel(box, mix(pal.panel, pal.background, 0.3))
        painter.text("Leading power · band", (box.x + S3, box.y + S2), SIZE_SMALL, pal.text, True)
        sw, x0 = 30, box.x + 142
        for i, code in enumerate(POWERS):
            painter.glyph(code, (x0 + i * (sw + 4) + sw // 2, box.y + 40), 6, pal.power(code), pal.background)
        lower = 0.0
        for b, (name, upper, _) in enumerate(BANDS):
            y = box.y + 54 + b * 20
            painter.text(name, (box.x + S3, y), SIZE_SMALL, pal.text_dim)
            rng = f"<{upper:.0f}" if lower == 0 else (f"{lower:.0f}–{upper:.0f}" if upper <= 100 else f"{lower:.0f}+")
            painter.text(rng, (box.x + 96, y + 1), SIZE_SMALL - 2, pal.text_faint)
            for i, code in enumerate(POWERS):
                pygame.draw.rect(painter.surface, band_swatch(code, b, pal), (x0 + i * (sw + 4), y + 2, sw, 15))
            lower = upper
        cb = pygame.Rect(box.x + S3, box.bottom - 32, box.width - 2 * S3, 24)
        painter.button(cb, "Colour-blind palette (C): " + ("on" if pal.colourblind else "off"), self.toggle_palette,
                       size=SIZE_SMALL - 2, selected=pal.colourblind, name="palette")

    def _draw_tooltip(self, painter: Painter, code: str) -> None:
        pal = painter.theme.palette
        if code not in COUNTRIES:
            lines = [(self.mapview.name_of(code), pal.text, True), ("neighbour (not played)", pal.text_dim, False)]
            painter.tooltip(lines, self.app.mouse)
            return
        c = COUNTRIES.index(code)
        head = self._headline()[c]
        reading = read_state({p: float(head[i]) for i, p in enumerate(POWERS)})
        leader = power_title(reading.leader)
        lines = [
            (COUNTRY_NAMES[code], pal.text, True),
            (f"{reading.band.capitalize()}: {leader} leads with {reading.score:.1f}", pal.text_dim, False),
        ]
        for i, p in enumerate(POWERS):
            lines.append((f"{power_title(p, short=True):10}  {head[i]:5.1f}", pal.power(p), False))
        lines.append((f"Autonomy {self.session.autonomy(self.shown_turn)[c]:.1f} · click for details", pal.text_dim, False))
        painter.tooltip(lines, self.app.mouse)

    def _draw_replay_bar(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        s = self.session
        bar = pygame.Rect(rect.x + 320, rect.bottom - 58, rect.width - 320 - S3, 46)
        if bar.width < 420:
            bar = pygame.Rect(rect.x + S3, rect.bottom - 58 - 160, rect.width - 2 * S3, 46)
        painter.panel(bar, pal.panel_alt)
        t = self.shown_turn
        painter.button(pygame.Rect(bar.x + S2, bar.y + 7, 32, 32), "‹", lambda: self.step_replay(-1), name="replay_prev")
        painter.button(pygame.Rect(bar.x + S2 + 36, bar.y + 7, 32, 32), "›", lambda: self.step_replay(1), name="replay_next")
        when = "the start" if t == 0 else f"after {s.quarter(t - 1)}"
        room = bar.width - 88 - (240 if t < s.turn else 120)
        painter.text(painter.theme.fonts.elide(f"Replay · {when} · {t}/{s.turn}", SIZE_BODY, room, True),
                     (bar.x + 88, bar.y + 13), SIZE_BODY, pal.text, True)
        painter.button(pygame.Rect(bar.right - 110, bar.y + 7, 102, 32), "Present", lambda: setattr(self, "view_turn", None),
                       name="replay_exit")
        if t < s.turn:
            painter.button(pygame.Rect(bar.right - 232, bar.y + 7, 116, 32), "Undo to here", lambda: self.undo(t),
                           danger=True, primary=True, name="undo_here")

    def _draw_top(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        s = self.session
        painter.surface.fill(pal.panel, rect)
        pygame.draw.line(painter.surface, pal.panel_border, rect.bottomleft, (rect.right, rect.bottom - 1))
        quarter = s.quarter() if not s.is_over() else "game over"
        painter.text(quarter, (S4, 6), SIZE_TITLE, pal.text, True)
        painter.text(f"turn {min(s.turn + 1, s.world.turns)} of {s.world.turns}", (S4, 33), SIZE_SMALL, pal.text_dim)
        x = 150
        for role in s.human_roles:
            label = f"{role}  {s.points(role) - s.queued_cost(role):.1f} pts"
            w = painter.theme.fonts.width(label, SIZE_BODY) + 2 * S3
            painter.button(pygame.Rect(x, 9, w, 34), label, (lambda r=role: self._set_role(r)),
                           selected=role == self.active_role, name=f"team_{role}")
            x += w + S2
        buttons = [("?", lambda: self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode=""))),
                   ("Menu", self.open_menu), ("Replay", self.toggle_replay), ("Triangle", self.open_triangle),
                   ("Charts", self.open_charts), ("News", self.open_news)]
        xr = rect.right - S3
        for label, callback in buttons:
            w = painter.theme.fonts.width(label, SIZE_BODY) + 2 * S3
            xr -= w
            if xr < x + S3:
                break
            painter.button(pygame.Rect(xr, 9, w, 34), label, callback, name=f"top_{label}",
                           selected=label == "Replay" and self.replaying)
            xr -= S2

    def _set_role(self, role: str) -> None:
        if role != self.active_role:
            self.active_role = role
            self.action_index = None
            self.target = None
            self.refusal = ""
        self.tab = "actions"

    # ------------------------------------------------------------------ sidebar

    def _draw_sidebar(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        painter.surface.fill(pal.panel, rect)
        pygame.draw.line(painter.surface, pal.panel_border, rect.topleft, rect.bottomleft)
        inner = rect.inflate(-2 * S4, -2 * S3)
        tw = (inner.width - S2) // 2
        country_label = COUNTRY_NAMES.get(self.selected or "", "State")
        painter.button(pygame.Rect(inner.x, inner.y, tw, 32), f"Actions · {self.active_role}",
                       lambda: setattr(self, "tab", "actions"), selected=self.tab == "actions", name="tab_actions")
        painter.button(pygame.Rect(inner.x + tw + S2, inner.y, tw, 32), country_label,
                       lambda: setattr(self, "tab", "country") if self.selected else None,
                       selected=self.tab == "country", enabled=self.selected is not None, name="tab_country")
        end = pygame.Rect(inner.x, inner.bottom - 48, inner.width, 48)
        body = pygame.Rect(inner.x, inner.y + 32 + S3, inner.width, end.y - inner.y - 32 - 2 * S3)
        if self.tab == "country" and self.selected:
            self._draw_country(painter, body, self.selected)
        else:
            self._draw_actions(painter, body)
        s = self.session
        queued = sum(len(v) for v in s.queued.values())
        if s.is_over():
            label = "See the results"
        elif self.replaying:
            label = "Back to the present"
        else:
            label = f"End turn {s.quarter()}  (E)" + (f" · {queued} orders" if queued else "")
        painter.button(end, label, self.end_turn if not self.replaying else (lambda: setattr(self, "view_turn", None)),
                       primary=True, name="end_turn")

    def _draw_country(self, painter: Painter, rect: pygame.Rect, code: str) -> None:
        pal = painter.theme.palette
        s = self.session
        c = COUNTRIES.index(code)
        t = self.shown_turn
        head = s.headline(t)[c]
        reading = read_state({p: float(head[i]) for i, p in enumerate(POWERS)})
        y = rect.y
        painter.glyph(reading.leader, (rect.x + 8, y + 14), 8, pal.power(reading.leader), pal.background)
        painter.text(COUNTRY_NAMES[code], (rect.x + 24, y), SIZE_TITLE, pal.text, True)
        y += 32
        painter.text(f"{reading.band.capitalize()} · {power_title(reading.leader)} leads with {reading.score:.1f} of 100",
                     (rect.x, y), SIZE_SMALL, pal.text_dim)
        y += 24
        bar_x = rect.x + 86
        bar_w = rect.width - 86 - 46
        for i, p in enumerate(POWERS):
            painter.text(power_title(p, short=True), (rect.x, y), SIZE_BODY, pal.text)
            painter.bar(pygame.Rect(bar_x, y + 5, bar_w, 12), float(head[i]) / 100, pal.power(p))
            painter.text(f"{head[i]:.1f}", (rect.right, y), SIZE_BODY, pal.text, True, anchor="topright")
            y += 22
        auto = s.autonomy(t)[c]
        stab = 100 * s.block("stability", t)[c]
        pros = 100 * s.block("prosperity", t)[c]
        painter.text(f"Autonomy {auto:.1f}   Stability {stab:.1f}   Prosperity {pros:.1f}", (rect.x, y + 2), SIZE_SMALL,
                     pal.text_dim)
        y += 28
        # Per-channel breakdown
        painter.text("By channel (share held by each power; weight)", (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        dep = s.block("dependence", t)[c]
        for k, channel in enumerate(CHANNELS):
            painter.text(channel, (rect.x, y), SIZE_SMALL, pal.text)
            parts = [(float(dep[i, k]), pal.power(p)) for i, p in enumerate(POWERS)]
            painter.stacked(pygame.Rect(bar_x, y + 4, bar_w, 11), parts, pal.panel_alt)
            painter.text(f"{100 * s.world.weight[c, k]:.0f}%", (rect.right, y), SIZE_SMALL, pal.text_dim, anchor="topright")
            y += 18
        y += 8
        # Favour and tension
        painter.text("Public favour / tension", (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        favour = s.block("favour", t)[c]
        tension = s.block("tension", t)[c]
        col = (rect.width) // 3
        for i, p in enumerate(POWERS):
            x = rect.x + i * col
            painter.glyph(p, (x + 6, y + 9), 5, pal.power(p))
            painter.text(f"{100 * favour[i]:.0f} / {100 * tension[i]:.0f}", (x + 16, y), SIZE_BODY, pal.text)
        y += 30
        # Why
        self._draw_why(painter, pygame.Rect(rect.x, y, rect.width, rect.bottom - y), code, reading.leader)

    def _draw_why(self, painter: Painter, rect: pygame.Rect, code: str, leader: str) -> None:
        pal = painter.theme.palette
        s = self.session
        t = self.shown_turn
        power = self.why_power or leader
        y = rect.y
        if t == 0:
            painter.text("Why it moved: play a turn to see the causes.", (rect.x, y), SIZE_SMALL, pal.text_dim)
            return
        painter.text(f"Why it moved in {s.quarter(t - 1)}", (rect.x, y), SIZE_SMALL, pal.accent, True)
        x = rect.right
        for p in reversed(POWERS):
            w = 50
            x -= w
            painter.button(pygame.Rect(x, y - 3, w - 4, 22), p, (lambda p=p: setattr(self, "why_power", p)),
                           selected=p == power, size=SIZE_SMALL - 2, name=f"why_{p}")
        y += 24
        c = COUNTRIES.index(code)
        p = POWERS.index(power)
        change = s.headline(t)[c, p] - s.headline(t - 1)[c, p]
        painter.text(f"{power_title(power)}: {change:+.2f} points", (rect.x, y), SIZE_BODY, pal.text, True)
        y += 22
        causes = s.why_headline(code, power, t)
        line = 18
        room = max(0, (rect.bottom - y) // line)
        if not causes:
            painter.text("no change recorded", (rect.x, y), SIZE_SMALL, pal.text_dim)
        for text, amount in causes[:room]:
            colour = pal.good if amount > 0 else pal.danger
            painter.text(f"{amount:+.2f}", (rect.x + 44, y), SIZE_SMALL, colour, True, anchor="topright")
            painter.text(painter.theme.fonts.elide(text, SIZE_SMALL, rect.width - 54), (rect.x + 52, y), SIZE_SMALL,
                         pal.text_dim)
            y += line

    def _draw_actions(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        s = self.session
        role = self.active_role
        actions = s.world.actions
        y = rect.y
        left = s.points(role) - s.queued_cost(role)
        painter.text(ROLE_NAMES[role], (rect.x, y), SIZE_LABEL, pal.text, True)
        painter.text(f"{left:.1f} of {s.points(role):.1f} pts left · +{s.capacity(role):.1f}/turn", (rect.right, y + 3),
                     SIZE_SMALL, pal.text_dim, anchor="topright")
        y += 26
        cap = max(s.points(role), 0.01)
        painter.bar(pygame.Rect(rect.x, y, rect.width, 6), left / cap, pal.accent)
        y += 14
        queued = s.queued.get(role, [])
        painter.text(f"Queued orders ({len(queued)} of {s.world.rules.max_orders})", (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        if not queued:
            painter.text("none yet: pick an action below", (rect.x, y), SIZE_SMALL, pal.text_faint)
            y += 20
        for i, order in enumerate(queued):
            a = actions.index(order.action)
            painter.text(painter.theme.fonts.elide(f"{actions.titles[a]} · {order.target}", SIZE_BODY, rect.width - 90),
                         (rect.x, y), SIZE_BODY, pal.text)
            painter.text(f"{actions.cost[a]:.0f} pts", (rect.right - 34, y + 1), SIZE_SMALL, pal.text_dim, anchor="topright")
            painter.button(pygame.Rect(rect.right - 26, y, 26, 22), "×", (lambda i=i: self.cancel(role, i)),
                           size=SIZE_BODY, name=f"cancel_{i}")
            y += 26
        if self.refusal:
            y = painter.paragraph(self.refusal, pygame.Rect(rect.x, y, rect.width, 40), SIZE_SMALL, pal.danger)
        y += S2
        detail_h = 200 if self.action_index is not None else 0
        list_rect = pygame.Rect(rect.x, y, rect.width, rect.bottom - y - detail_h - S2)
        options = s.actions_for(role)
        row = 28
        visible = max(1, list_rect.height // row)
        self.action_scroll = min(self.action_scroll, max(0, len(options) - visible))
        yy = list_rect.y
        for a in options[self.action_scroll : self.action_scroll + visible]:
            r = pygame.Rect(list_rect.x, yy, list_rect.width, row - 3)
            affordable = actions.cost[a] <= left + 1e-9
            painter.button(r, "", (lambda a=a: self.choose_action(a)), selected=a == self.action_index,
                           name=f"action_{actions.ids[a]}")
            colour = pal.text if affordable else pal.text_faint
            painter.text(painter.theme.fonts.elide(actions.titles[a], SIZE_BODY, r.width - 120), (r.x + S2, r.y + 2),
                         SIZE_BODY, colour)
            lag = f"lag {actions.lag[a]}" + (f", {actions.duration[a]}q" if actions.duration[a] > 1 else "")
            painter.text(f"{actions.cost[a]:.0f} pts · {lag}", (r.right - S2, r.y + 4), SIZE_SMALL, pal.text_dim,
                         anchor="topright")
            yy += row
        if len(options) > visible:
            painter.text(f"{self.action_scroll + 1}–{min(len(options), self.action_scroll + visible)} of {len(options)}"
                         " (scroll)", (list_rect.right, list_rect.bottom - 14), SIZE_SMALL - 2, pal.text_faint,
                         anchor="topright")
        if self.action_index is not None:
            self._draw_action_detail(painter, pygame.Rect(rect.x, rect.bottom - detail_h, rect.width, detail_h))

    def _draw_action_detail(self, painter: Painter, rect: pygame.Rect) -> None:
        pal = painter.theme.palette
        s = self.session
        a = self.action_index
        assert a is not None
        actions = s.world.actions
        painter.panel(rect, pal.panel_alt)
        inner = rect.inflate(-2 * S3, -2 * S2)
        y = painter.paragraph(actions.descriptions[a], pygame.Rect(inner.x, inner.y, inner.width, 38), SIZE_SMALL,
                              pal.text_dim)
        targets = self._targets()
        x = inner.x
        tw = max(36, min(60, (inner.width - S1 * (len(targets) - 1)) // max(1, len(targets))))
        for target in targets:
            painter.button(pygame.Rect(x, y + 2, tw, 26), target, (lambda t=target: setattr(self, "target", t)),
                           selected=target == self.target, size=SIZE_SMALL, name=f"target_{target}")
            x += tw + S1
        y += 34
        if self.target:
            lag = int(actions.lag[a])
            dur = int(actions.duration[a])
            when = "at once" if lag == 0 else f"after {lag} quarter{'s' if lag > 1 else ''}"
            spread = "" if dur <= 1 else f", over {dur} quarters"
            painter.text(f"Expected ({when}{spread}):", (inner.x, y), SIZE_SMALL, pal.text, True)
            y += 18
            for effect in s.expected_effects(self.active_role, a, self.target, limit=4):
                colour = pal.good if effect.amount > 0 else pal.danger
                painter.text(f"{effect.amount:+.1f}", (inner.x + 36, y), SIZE_SMALL, colour, True, anchor="topright")
                painter.text(effect.label, (inner.x + 44, y), SIZE_SMALL, pal.text_dim)
                y += 17
        painter.button(pygame.Rect(inner.right - 150, inner.bottom - 30, 150, 30),
                       f"Queue ({actions.cost[a]:.0f} pts)", self.queue_selected, primary=True, name="queue",
                       enabled=self.target is not None and not self.replaying)


_VEILS: dict[tuple[tuple[int, int], tuple[int, int, int]], pygame.Surface] = {}


def _veil(size: tuple[int, int], colour: tuple[int, int, int]) -> pygame.Surface:
    """A translucent rounded box behind a map label (cached by size)."""
    key = (size, colour)
    if key not in _VEILS:
        veil = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(veil, (*colour, 175), veil.get_rect(), border_radius=5)
        _VEILS[key] = veil
    return _VEILS[key]


_ = (Callable, ROLES, S1)
