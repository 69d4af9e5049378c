"""The map screen: the region coloured by dependence, inspect, act, end turn, replay."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.engine.codes import CHANNELS, COUNTRIES, COUNTRY_NAMES, POWERS, ROLE_NAMES, ROLES
from game.engine.orders import Order
from game.play.session import Session, SessionError
from game.ui.app import App, Screen
from game.ui.bands import BANDS, read_state
from game.ui.gui import Widgets, esc, font, select_item
from game.ui.mapview import MapView, band_swatch, state_colour
from game.ui.painter import Painter
from game.ui.theme import S1, S2, S3, S4, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, SIZE_TITLE, mix, power_title

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
        self.refusal = ""
        self.why_power: str | None = None
        self.view_turn: int | None = replay_from
        self.hover: str | None = None
        self.tip = None
        self.tip_key: object = None
        self.tip_pos: tuple[int, int] = (-1, -1)
        self.scene: pygame.Surface | None = None
        self.scene_key: object = None
        self.scene_texts: list[str] = []

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
            self.refusal = "viewing the past: press Esc to give orders"
            return
        if self.action_index is None or self.target is None:
            self.refusal = "choose an action and a target first"
            return
        order = Order(self.active_role, self.session.world.actions.ids[self.action_index], self.target)
        problems = self.session.queue(order)
        self.refusal = "; ".join(problems)
        if not problems:
            self.app.notify(
                f"Queued: {self.session.world.actions.titles[self.action_index]} · {ROLE_NAMES[self.target]}"
            )

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

            def save_and_go() -> None:
                self.session.save()
                go()

            if self.needs_quit_confirmation():
                from game.ui.screens.modals import ConfirmModal

                self.app.open(
                    ConfirmModal(
                        self.app,
                        "Leave this game?",
                        "Unsaved changes since your last save will "
                        "be lost (the autosave keeps the last completed turn).",
                        [("Save and leave", save_and_go, True), ("Leave", go, False), ("Cancel", None, False)],
                    )
                )
            else:
                go()

        pal = self.app.theme.palette
        self.app.open(
            MenuModal(
                self.app,
                [
                    ("Resume", lambda: None),
                    ("Save game  (Ctrl+S)", self.save),
                    ("Load game…  (Ctrl+L)", self.load),
                    ("Colour-blind palette: " + ("on" if pal.colourblind else "off"), self.toggle_palette),
                    ("Main menu", to_start),
                    ("Quit", self.app.request_quit),
                ],
            )
        )

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
        self.refresh()
        self._update_tooltip()

    # ------------------------------------------------------------------ layout and widgets

    def build(self) -> None:
        w, h = self.app.window.get_size()
        sidebar = min(SIDEBAR, max(320, w // 3))
        self.map_rect = pygame.Rect(0, TOP, w - sidebar, h - TOP)
        self.top_rect = pygame.Rect(0, 0, w, TOP)
        self.side_rect = pygame.Rect(w - sidebar, TOP, sidebar, h - TOP)
        inner = self.side_rect.inflate(-2 * S4, -2 * S3)
        self.tabs_rect = pygame.Rect(inner.x, inner.y, inner.width, 34)
        self.end_rect = pygame.Rect(inner.x, inner.bottom - 50, inner.width, 50)
        self.body_rect = pygame.Rect(
            inner.x, self.tabs_rect.bottom + S3, inner.width, self.end_rect.y - self.tabs_rect.bottom - 2 * S3
        )
        self.legend_rect = pygame.Rect(self.map_rect.x + S3, self.map_rect.bottom - 216 - S3, 262, 216)
        bar = pygame.Rect(self.legend_rect.right + S3, self.map_rect.bottom - 58, 0, 46)
        bar.width = self.map_rect.right - S3 - bar.x
        if bar.width < 440:
            bar = pygame.Rect(self.map_rect.x + S3, self.legend_rect.y - 58, self.map_rect.width - 2 * S3, 46)
        self.replay_rect = bar
        self.mapview.set_rect(self.map_rect)
        ui = self.ui
        # Top bar: what turn it is, and the dialogs.
        buttons = [
            ("?", self._help, "Keyboard shortcuts and how to read the map (F1)"),
            ("Menu", self.open_menu, "Save, load, palette, main menu, quit (Esc)"),
            ("Replay", self.toggle_replay, "Step back through past turns (R)"),
            ("Triangle", self.open_triangle, "Each state between Russia, China and the West (T)"),
            ("Charts", self.open_charts, "History of dependence and scores (H)"),
            ("News", self.open_news, "What happened last turn and who did what (N)"),
        ]
        xr = self.top_rect.right - S3
        fonts = self.app.theme.fonts
        self.top_buttons: dict[str, object] = {}
        for label, callback, tip in buttons:
            bw = fonts.width(label, 15) + 2 * S4
            xr -= bw
            self.top_buttons[label] = ui.button((xr, 9, bw, 34), label, callback, name=f"top_{label}", tooltip=tip)
            xr -= S2
        self.top_right = xr
        ui.button(
            (self.legend_rect.x + S3, self.legend_rect.bottom - 34, self.legend_rect.width - 2 * S3, 26),
            "Colour-blind palette (C)",
            self.toggle_palette,
            kind="small_button",
            name="palette",
            tooltip="Okabe–Ito colours; every state also shows a glyph for its leading power",
        )
        self.sections: dict[str, tuple[object, Widgets]] = {}
        self.refresh()

    def teardown(self) -> None:
        super().teardown()
        for _, widgets in getattr(self, "sections", {}).values():
            widgets.clear()
        self.sections = {}
        self._kill_tip()

    def locate(self, name: str) -> pygame.Rect | None:
        rect = self.ui.locate(name)
        if rect is None:
            for _, widgets in self.sections.values():
                rect = widgets.locate(name)
                if rect is not None:
                    break
        return rect

    def _section(self, key: str, signature: object, make: Callable[[Widgets], None]) -> None:
        """(Re)build one part of the screen's widgets when what it shows has changed."""
        current = self.sections.get(key)
        if current is not None and current[0] == signature:
            return
        widgets = current[1] if current is not None else Widgets(self.app.ui)
        widgets.clear()
        self.sections[key] = (signature, widgets)
        make(widgets)

    def refresh(self) -> None:
        """Bring every widget in line with the session (cheap when nothing changed)."""
        if not hasattr(self, "sections"):
            return
        s = self.session
        pal = self.app.theme.palette
        roles = tuple((r, round(s.points(r) - s.queued_cost(r), 3)) for r in s.human_roles)
        self._section("top", (s.turn, s.is_over(), roles, self.active_role), self._build_top)
        self.top_buttons["Replay"].select() if self.replaying else self.top_buttons["Replay"].unselect()  # type: ignore[attr-defined]
        queued = sum(len(v) for v in s.queued.values())
        self._section(
            "tabs",
            (self.tab, self.selected, self.active_role, queued, self.replaying, s.turn, s.is_over()),
            self._build_tabs,
        )
        if self.tab == "country" and self.selected:
            self._section(
                "body",
                ("country", self.selected, self.shown_turn, self.why_power, pal.colourblind),
                self._build_country,
            )
        else:
            role = self.active_role
            self._section(
                "body",
                ("actions", role, tuple(map(str, s.queued.get(role, []))), s.turn, round(s.points(role), 3)),
                self._build_actions,
            )
            chosen = next((t for t, a in self.action_text.items() if a == self.action_index), None)
            if self.action_list.get_single_selection() != chosen:
                select_item(self.action_list, chosen)
            self._section(
                "detail",
                (
                    "detail",
                    role,
                    self.action_index,
                    self.target,
                    self.replaying,
                    s.turn,
                    self.refusal,
                    tuple(map(str, s.queued.get(role, []))),
                ),
                self._build_detail,
            )
        if self.tab == "country" and self.selected and "detail" in self.sections:
            self.sections.pop("detail")[1].clear()
        self._section("replay", (self.replaying, self.shown_turn, s.turn), self._build_replay)

    def _help(self) -> None:
        self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode="", scancode=0))

    def _build_top(self, ui: Widgets) -> None:
        s = self.session
        quarter = s.quarter() if not s.is_over() else "Game over"
        ui.label((S4, 2, 130, 32), quarter, "title", name="quarter")
        ui.label((S4 + 1, 31, 130, 18), f"turn {min(s.turn + 1, s.world.turns)} of {s.world.turns}", "dim")
        x = 150
        fonts = self.app.theme.fonts
        for role in s.human_roles:
            label = f"{role}  {s.points(role) - s.queued_cost(role):.1f} pts"
            bw = fonts.width(label, 15) + 2 * S3
            if x + bw > self.top_right - S3:
                break
            ui.button(
                (x, 9, bw, 34),
                label,
                (lambda r=role: self._set_role(r)),
                selected=role == self.active_role,
                name=f"team_{role}",
                tooltip=f"Give orders as {ROLE_NAMES[role]} (Tab: next team)",
            )
            x += bw + S2
        # The active role's objective score against the target it must reach by the end.
        index = ROLES.index(self.active_role)
        goal, reached = s.victory()
        score, target = float(s.scores()[index]), float(goal[index])
        text = f"{self.active_role} score {score:.2f}" + (f" · target {target:.2f}" if s.world.has_targets else "")
        if x + fonts.width(text, 15) + S3 < self.top_right - S3:
            ui.label(
                (x + S2, 9, fonts.width(text, 15) + S3, 34),
                text,
                "strong" if reached[index] else "dim",
                name="objective",
            )

    def _build_tabs(self, ui: Widgets) -> None:
        s = self.session
        r = self.tabs_rect
        tw = (r.width - S2) // 2
        ui.button(
            (r.x, r.y, tw, r.height),
            f"Actions · {self.active_role}",
            lambda: self._set_tab("actions"),
            selected=self.tab == "actions",
            name="tab_actions",
        )
        country_label = COUNTRY_NAMES.get(self.selected or "", "Click a state")
        ui.button(
            (r.x + tw + S2, r.y, r.width - tw - S2, r.height),
            country_label,
            lambda: self._set_tab("country"),
            selected=self.tab == "country",
            enabled=self.selected is not None,
            name="tab_country",
        )
        queued = sum(len(v) for v in s.queued.values())
        if s.is_over():
            label, callback = "See the results", self.end_turn
        elif self.replaying:
            label, callback = "Back to the present", self._present
        else:
            label = f"End turn {s.quarter()}  (E)" + (f" · {queued} orders" if queued else "")
            callback = self.end_turn
        ui.button(self.end_rect, label, callback, kind="primary", name="end_turn")

    def _set_tab(self, tab: str) -> None:
        if tab == "country" and not self.selected:
            return
        self.tab = tab

    def _present(self) -> None:
        self.view_turn = None

    # ------------------------------------------------------------------ sidebar: a state

    WHY_OFFSET = 336

    def _build_country(self, ui: Widgets) -> None:
        pal = self.app.theme.palette
        s = self.session
        rect = self.body_rect
        code = self.selected
        assert code is not None
        t = self.shown_turn
        y = rect.y + self.WHY_OFFSET
        if t == 0:
            ui.label((rect.x, y, rect.width, 20), "Why it moved: play a turn to see the causes.", "dim")
            return
        head = s.headline(t)[COUNTRIES.index(code)]
        leader = POWERS[int(np.argmax(head))]
        power = self.why_power or leader
        ui.label((rect.x, y, rect.width - 150, 20), f"Why it moved in {s.quarter(t - 1)}", "subheading")
        x = rect.right
        for p in reversed(POWERS):
            x -= 50
            ui.button(
                (x + 4, y - 3, 46, 24),
                p,
                (lambda p=p: setattr(self, "why_power", p)),
                kind="small_button",
                selected=p == power,
                name=f"why_{p}",
                tooltip=f"Causes of the change in dependence on {power_title(p)}",
            )
        c, p_index = COUNTRIES.index(code), POWERS.index(power)
        change = s.headline(t)[c, p_index] - s.headline(t - 1)[c, p_index]
        lines = [f"<b>{esc(power_title(power))}: {change:+.2f} points</b>"]
        causes = s.why_headline(code, power, t)
        if not causes:
            lines.append(font("no change recorded", pal.text_dim, 13))
        for text, amount in causes:
            colour = pal.good if amount > 0 else pal.danger
            lines.append(font(f"<b>{amount:+.2f}</b>", colour, 13) + "  " + font(esc(text), pal.text_dim, 13))
        ui.text_box(
            (rect.x - 2, y + 26, rect.width + 4, rect.bottom - y - 26), "<br>".join(lines), "card_text", name="why"
        )

    # ------------------------------------------------------------------ sidebar: actions

    def _queued_rows(self) -> int:
        return max(1, min(4, int(self.session.world.rules.max_orders)))

    def _action_layout(self) -> tuple[pygame.Rect, pygame.Rect]:
        """(list, detail) rectangles of the actions tab."""
        rect = self.body_rect
        top = rect.y + 40 + 22 + self._queued_rows() * 28 + S2
        detail_h = min(236, max(170, rect.height // 2 - 30))
        detail = pygame.Rect(rect.x, rect.bottom - detail_h, rect.width, detail_h)
        return pygame.Rect(rect.x, top, rect.width, max(30, detail.y - S3 - top)), detail

    def _build_actions(self, ui: Widgets) -> None:
        s = self.session
        role = self.active_role
        actions = s.world.actions
        rect = self.body_rect
        left = s.points(role) - s.queued_cost(role)
        ui.label((rect.x, rect.y, rect.width - 150, 24), ROLE_NAMES[role], "heading", name="role_name")
        ui.label(
            (rect.right - 200, rect.y + 3, 200, 20),
            f"{left:.1f} of {s.points(role):.1f} pts left · +{s.capacity(role):.1f}/turn",
            "dim_right",
            name="points",
        )
        y = rect.y + 40
        queued = s.queued.get(role, [])
        ui.label(
            (rect.x, y, rect.width, 20), f"Queued orders ({len(queued)} of {s.world.rules.max_orders})", "subheading"
        )
        y += 22
        if not queued:
            ui.label((rect.x, y + 2, rect.width, 20), "none yet: pick an action below, then a target", "faint")
        fonts = self.app.theme.fonts
        for i, order in enumerate(queued[: self._queued_rows()]):
            a = actions.index(order.action)
            # The target always shows; a long action title gives way ("Seek a migrant-labour agr… · Russia").
            room = rect.width - 28 - S1 - 48 - S2
            target = f" · {ROLE_NAMES[order.target]}"
            title = fonts.elide(actions.titles[a], SIZE_BODY, room - fonts.width(target, SIZE_BODY) - S1)
            ui.label((rect.x, y + 2, room, 22), f"{title}{target}", name=f"queued_{i}")
            ui.label((rect.right - 28 - S1 - 48, y + 4, 48, 20), f"{actions.cost[a]:.0f} pts", "dim_right")
            ui.button(
                (rect.right - 28, y, 28, 26),
                "×",
                (lambda i=i: self.cancel(role, i)),
                kind="icon_button",
                name=f"cancel_{i}",
                tooltip="Cancel this order (Backspace cancels the last)",
            )
            y += 28
        list_rect, _ = self._action_layout()
        items = []
        self.action_text: dict[str, int] = {}
        for a in s.actions_for(role):
            cost = f"  ·  {actions.cost[a]:.0f} pt" + ("s" if actions.cost[a] != 1 else "")
            title = fonts.elide(actions.titles[a], 14, list_rect.width - 64 - fonts.width(cost, 14))
            text = f"{title}{cost}"
            self.action_text[text] = a
            items.append((text, f"action_{actions.ids[a]}"))
        chosen = next((t for t, a in self.action_text.items() if a == self.action_index), None)
        self.action_list = ui.selection_list(list_rect, items, name="action_list", selected=chosen)

    def _build_detail(self, ui: Widgets) -> None:
        pal = self.app.theme.palette
        s = self.session
        _, rect = self._action_layout()
        inner = rect.inflate(-2 * S3, -2 * S2)
        a = self.action_index
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
            if self.refusal:
                ui.label((inner.x, inner.bottom - 22, inner.width, 20), self.refusal, "error", name="refusal")
            return
        actions = s.world.actions
        ui.text_box(
            (inner.x, inner.y, inner.width, 50),
            font(esc(actions.descriptions[a]), pal.text_dim, 13),
            "plain_text",
            name="action_description",
        )
        y = inner.y + 52
        targets = self._targets()
        x = inner.x
        tw = max(36, min(60, (inner.width - S1 * (len(targets) - 1)) // max(1, len(targets))))
        for target in targets:
            ui.button(
                (x, y, tw, 26),
                target,
                (lambda t=target: setattr(self, "target", t)),
                kind="small_button",
                selected=target == self.target,
                name=f"target_{target}",
                tooltip=ROLE_NAMES[target],
            )
            x += tw + S1
        y += 32
        if self.target:
            lag = int(actions.lag[a])
            dur = int(actions.duration[a])
            when = "at once" if lag == 0 else f"after {lag} quarter{'s' if lag > 1 else ''}"
            spread = "" if dur <= 1 else f", over {dur} quarters"
            lines = [f"<b>Expected ({when}{spread}):</b>"]
            for effect in s.expected_effects(self.active_role, a, self.target, limit=4):
                colour = pal.good if effect.amount > 0 else pal.danger
                lines.append(
                    font(f"<b>{effect.amount:+.1f}</b>", colour) + "  " + font(esc(effect.label), pal.text_dim)
                )
            ui.text_box(
                (inner.x, y, inner.width, inner.bottom - 38 - y),
                font("<br>".join(lines), None, 13),
                "plain_text",
                name="expected",
            )
        if self.refusal:
            ui.label((inner.x, inner.bottom - 58, inner.width, 18), self.refusal, "error", name="refusal")
        ui.button(
            (inner.right - 160, inner.bottom - 32, 160, 32),
            f"Queue ({actions.cost[a]:.0f} pt{'' if actions.cost[a] == 1 else 's'})",
            self.queue_selected,
            kind="primary",
            name="queue",
            enabled=self.target is not None and not self.replaying,
            tooltip="Add the order; it is resolved when the turn ends (Enter)",
        )

    def handle_ui(self, event: pygame.event.Event) -> None:
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and element is getattr(self, "action_list", None):
            a = self.action_text.get(event.text)
            if a is not None:
                self.choose_action(a)

    # ------------------------------------------------------------------ replay bar

    def _build_replay(self, ui: Widgets) -> None:
        if not self.replaying:
            return
        s = self.session
        bar = self.replay_rect
        t = self.shown_turn
        ui.button(
            (bar.x + S2, bar.y + 7, 32, 32),
            "‹",
            lambda: self.step_replay(-1),
            kind="icon_button",
            name="replay_prev",
            enabled=t > 0,
        )
        ui.button(
            (bar.x + S2 + 36, bar.y + 7, 32, 32),
            "›",
            lambda: self.step_replay(1),
            kind="icon_button",
            name="replay_next",
            enabled=t < s.turn,
        )
        when = "the start" if t == 0 else f"after {s.quarter(t - 1)}"
        room = bar.width - 88 - (240 if t < s.turn else 120)
        ui.label((bar.x + 88, bar.y + 12, room, 22), f"Replay · {when} · {t}/{s.turn}", "strong", name="replay_label")
        ui.button((bar.right - 110, bar.y + 7, 102, 32), "Present", self._present, name="replay_exit")
        if t < s.turn:
            ui.button(
                (bar.right - 232, bar.y + 7, 116, 32),
                "Undo to here",
                lambda: self.undo(t),
                kind="danger",
                name="undo_here",
                tooltip="Go back to this turn for good (the later turns are dropped)",
            )

    # ------------------------------------------------------------------ map tooltip (a pygame_gui tool tip)

    def _kill_tip(self) -> None:
        tip = getattr(self, "tip", None)
        if tip is not None:
            tip.kill()
        self.tip = None
        self.tip_key: object = None

    def _update_tooltip(self) -> None:
        code = self.hover
        if code is None:
            if getattr(self, "tip", None) is not None:
                self._kill_tip()
            return
        key = (code, self.shown_turn, self.app.theme.palette.colourblind)
        if getattr(self, "tip_key", None) != key:
            self._kill_tip()
            self.tip = self.app.ui.create_tool_tip(
                self._tooltip_html(code),
                self.app.mouse,
                (18, 18),
                None,
                object_id=ObjectID("#map_tip", None),
                wrap_width=250,
            )
            self.tip_key = key
            self.tip_pos = self.app.mouse
        elif self.tip_pos != self.app.mouse:
            self.tip.find_valid_position(pygame.math.Vector2(self.app.mouse))  # type: ignore[union-attr]
            self.tip_pos = self.app.mouse

    def _tooltip_html(self, code: str) -> str:
        pal = self.app.theme.palette
        if code not in COUNTRIES:
            return f"<b>{esc(self.mapview.name_of(code))}</b><br>" + font("neighbour (not played)", pal.text_dim)
        c = COUNTRIES.index(code)
        head = self._headline()[c]
        reading = read_state({p: float(head[i]) for i, p in enumerate(POWERS)})
        lines = [
            font(f"<b>{esc(COUNTRY_NAMES[code])}</b>", pal.text, 15),
            font(
                f"{reading.band.capitalize()}: {power_title(reading.leader)} leads with {reading.score:.1f}",
                pal.text_dim,
            ),
        ]
        for i, p in enumerate(POWERS):
            lines.append(font(f"{power_title(p, short=True)}  <b>{head[i]:.1f}</b>", pal.power(p)))
        lines.append(
            font(f"Autonomy {self.session.autonomy(self.shown_turn)[c]:.1f} · click for details", pal.text_dim)
        )
        return "<br>".join(lines)

    # ------------------------------------------------------------------ drawing (hand-drawn parts)

    def draw(self, painter: Painter) -> None:
        """The hand-drawn layer is cached until what it shows changes; a frame adds the hover outline."""
        pal = painter.theme.palette
        s = self.session
        role = self.active_role
        key = (
            painter.surface.get_size(),
            self.shown_turn,
            s.turn,
            self.selected,
            self.tab,
            pal.colourblind,
            self.replaying,
            role,
            round(s.points(role) - s.queued_cost(role), 6),
            self.action_index,
        )
        if key != self.scene_key or self.scene is None or self.scene.get_size() != painter.surface.get_size():
            self.scene = (
                pygame.Surface(painter.surface.get_size()).convert()
                if pygame.display.get_surface()
                else pygame.Surface(painter.surface.get_size())
            )
            scene = Painter(painter.theme)
            scene.begin(self.scene, painter.mouse)
            self._draw_scene(scene)
            self.scene_texts = list(scene.texts)
            self.scene_key = key
        painter.surface.blit(self.scene, (0, 0))
        painter.texts.extend(self.scene_texts)
        if self.hover and self.hover != self.selected and not self.app.modals:
            clip = painter.surface.get_clip()
            painter.surface.set_clip(self.map_rect)
            self.mapview.draw_outline(painter.surface, self.hover, mix(pal.highlight, pal.background, 0.3), 2)
            painter.surface.set_clip(clip)

    def _draw_scene(self, painter: Painter) -> None:
        pal = painter.theme.palette
        surface = painter.surface
        self._draw_map(painter, self.map_rect)
        surface.fill(pal.panel, self.top_rect)
        pygame.draw.line(
            surface, pal.panel_border, self.top_rect.bottomleft, (self.top_rect.right, self.top_rect.bottom - 1)
        )
        side = self.side_rect
        surface.fill(pal.panel, side)
        pygame.draw.line(surface, pal.panel_border, side.topleft, side.bottomleft)
        if self.tab == "country" and self.selected:
            self._draw_country(painter, self.body_rect, self.selected)
        else:
            self._draw_actions(painter)

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
        if self.selected:
            self.mapview.draw_outline(painter.surface, self.selected, pal.highlight, 3)
        for c, code in enumerate(COUNTRIES):
            self._draw_state_label(painter, code, head[c])
        self._draw_legend(painter, self.legend_rect, share)
        if self.replaying:
            painter.panel(self.replay_rect, pal.panel_alt)
        painter.surface.set_clip(clip)

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
        painter.text(
            f"{reading.leader} {reading.score:.0f} · {reading.band}",
            (box.x + S2 + 16, gy),
            SIZE_SMALL,
            pal.text,
            anchor="midleft",
        )
        parts = [(float(scores[i]) / 100, pal.power(p)) for i, p in enumerate(POWERS)]
        painter.stacked(pygame.Rect(box.x + S1, box.bottom - 5, box.width - 2 * S1, 3), parts)

    def _draw_legend(self, painter: Painter, box: pygame.Rect, share: float) -> None:
        """Bands by leading power, and the Middle Corridor (its width follows the West's transport share)."""
        pal = painter.theme.palette
        painter.panel(box, mix(pal.panel, pal.background, 0.3))
        painter.text("Leading power · band", (box.x + S3, box.y + S2), SIZE_SMALL, pal.text, True)
        sw, x0 = 30, box.x + 142
        for i, code in enumerate(POWERS):
            painter.glyph(code, (x0 + i * (sw + 4) + sw // 2, box.y + 38), 6, pal.power(code), pal.background)
        lower = 0.0
        for b, (name, upper, _) in enumerate(BANDS):
            y = box.y + 50 + b * 20
            painter.text(name, (box.x + S3, y), SIZE_SMALL, pal.text_dim)
            rng = f"<{upper:.0f}" if lower == 0 else (f"{lower:.0f}–{upper:.0f}" if upper <= 100 else f"{lower:.0f}+")
            painter.text(rng, (box.x + 96, y + 1), SIZE_SMALL - 2, pal.text_faint)
            for i, code in enumerate(POWERS):
                pygame.draw.rect(painter.surface, band_swatch(code, b, pal), (x0 + i * (sw + 4), y + 2, sw, 15))
            lower = upper
        y = box.y + 50 + 4 * 20 + 6
        width = 2 + round(4 * min(1.0, share / 0.3))
        pygame.draw.line(painter.surface, (20, 20, 20), (box.x + S3, y + 8), (box.x + S3 + 26, y + 8), width + 2)
        pygame.draw.line(painter.surface, pal.corridor, (box.x + S3, y + 8), (box.x + S3 + 26, y + 8), width)
        painter.text("Middle Corridor", (box.x + S3 + 34, y), SIZE_SMALL, pal.text, True)
        painter.text(
            f"West's share of KZ transport {100 * share:.0f}%", (box.x + S3 + 34, y + 17), SIZE_SMALL - 1, pal.text_dim
        )

    def _set_role(self, role: str) -> None:
        if role != self.active_role:
            self.active_role = role
            self.action_index = None
            self.target = None
            self.refusal = ""
        self.tab = "actions"

    # ------------------------------------------------------------------ sidebar

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
        painter.text(
            f"{reading.band.capitalize()} · {power_title(reading.leader)} leads with {reading.score:.1f} of 100",
            (rect.x, y),
            SIZE_SMALL,
            pal.text_dim,
        )
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
        painter.text(
            f"Autonomy {auto:.1f}   Stability {stab:.1f}   Prosperity {pros:.1f}",
            (rect.x, y + 2),
            SIZE_SMALL,
            pal.text_dim,
        )
        y += 28
        # Per-channel breakdown
        painter.text("By channel (share held by each power; weight)", (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        dep = s.block("dependence", t)[c]
        for k, channel in enumerate(CHANNELS):
            painter.text(channel, (rect.x, y), SIZE_SMALL, pal.text)
            parts = [(float(dep[i, k]), pal.power(p)) for i, p in enumerate(POWERS)]
            painter.stacked(pygame.Rect(bar_x, y + 4, bar_w, 11), parts, pal.panel_alt)
            painter.text(
                f"{100 * s.world.weight[c, k]:.0f}%", (rect.right, y), SIZE_SMALL, pal.text_dim, anchor="topright"
            )
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
        pygame.draw.line(painter.surface, pal.panel_border, (rect.x, y - 8), (rect.right, y - 8))

    def _draw_actions(self, painter: Painter) -> None:
        pal = painter.theme.palette
        s = self.session
        role = self.active_role
        rect = self.body_rect
        left = s.points(role) - s.queued_cost(role)
        cap = max(s.points(role), 0.01)
        painter.bar(pygame.Rect(rect.x, rect.y + 28, rect.width, 6), left / cap, pal.accent)
        _, detail = self._action_layout()
        painter.panel(detail, pal.panel_alt)


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
