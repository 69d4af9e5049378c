"""Start screen: scenario with its briefing (basic or advanced) and every role's objective, the role
(one; several only with the hot-seat switch on), AI level, seed, which game "Continue" resumes, and the
language (each listed by its own name; a choice rebuilds every screen in it and is remembered)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pygame
import pygame_gui

from game.engine.codes import COUNTRIES, ROLE_NAMES, ROLES
from game.i18n import LANGUAGES, N_, _, current_language, ngettext, place_name, quarter_text
from game.i18n.phrases import turn_count
from game.io.saves_folder import continue_candidates, describe_save
from game.play.previews import DIFFICULTIES, ScenarioPreview, has_autosave, scenario_previews, scenario_titles
from game.ui.mapview import MapView, state_colour
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.screen import Host, Screen
from game.ui.screens.modals import DISPLAY_ROW_HEIGHT, LoadModal, display_rows
from game.ui.theme import S1, S2, S3, S4, S5, SIZE_SMALL, Fonts, region_between_powers, role_title

# The backdrop's states, coloured as if each leaned a little on the first power.
BACKDROP_SCORES = np.array([40.0, 25.0, 15.0])
BACKDROP_CORRIDOR_SHARE = 0.1
HEADER_WIDTH = 480  # the UI scale and fullscreen row, top right
SCENARIO_SIZES = (15, 14, 13)  # the scenario titles' text size (the theme's @choice_row_text), then smaller ones
SCENARIO_PAD = 16  # the rows' inner margin, left and right (the theme's padding 12, and some room to spare)
SCENARIO_GAP = 3  # between two rows
SCENARIO_MARGIN = 5  # at most this much more room above and below a title, where the column has it to spare
SCENARIO_ROW = 10 + SCENARIO_GAP  # a row's height besides its lines (the theme's padding), and the gap under it
SCENARIO_LINES = 3  # a title wraps over at most this many lines (fewer only in a window too small)
LANGUAGE_ROW = 26  # the language buttons' height, under the UI scale and fullscreen row
ROLE_COLUMNS, ROLE_ROW, ROLE_GAP = 2, 30, 4  # the roles' buttons: every role on show, without a scroll bar
ROLE_TEXT = 14  # their text size (the theme's @role_choice): "Туркменистан · TM" whole at 960×600
# The computer's levels as the drop-down names them, by the level's id.
DIFFICULTY_LABELS = {"easy": N_("Easy"), "normal": N_("Normal"), "hard": N_("Hard")}


@dataclass(frozen=True)
class StartChoice:
    """What the start screen starts with: ``multivector play [SCENARIO] [--role R …] [--seed N]
    [--turns N]`` (a scenario id or path; roles to play; the seed; quarters; the computer's level)."""

    scenario: str | None = None
    roles: tuple[str, ...] = ()
    seed: int = 1
    turns: int | None = None
    difficulty: str = "normal"

    @property
    def goes_straight_to_map(self) -> bool:
        """True when a scenario and roles are given: the game starts at once."""
        return bool(self.scenario and self.roles)


class StartScreen(Screen):
    """Choose what to play."""

    def __init__(self, app: Host, choice: StartChoice | None = None) -> None:
        super().__init__(app)
        choice = choice or StartChoice()
        scenario = choice.scenario
        self.previews: list[ScenarioPreview] = scenario_previews()
        self.previews_language = current_language()
        self.selected = 0
        if scenario:
            for i, p in enumerate(self.previews):
                if scenario in (p.id, str(p.path)):
                    self.selected = i
        self.custom_path = (
            scenario if scenario and not any(scenario in (p.id, str(p.path)) for p in self.previews) else None
        )
        self.roles: list[str] = [r for r in choice.roles if r in ROLE_NAMES] or [ROLES[0]]
        self.seed_text = str(choice.seed)
        self.turns = choice.turns
        self.difficulty = choice.difficulty if choice.difficulty in DIFFICULTIES else "normal"
        self.error = ""
        self.mapview = MapView(app.theme, app.map_data)
        self.can_continue = has_autosave(app.saves_dir)
        self.hot_seat = len(self.roles) > 1  # several players at one screen only when asked for
        self.advanced = False  # the briefing shown: basic or advanced
        self.role_buttons: dict[str, pygame_gui.elements.UIButton] = {}

    # ------------------------------------------------------------------ actions

    @property
    def preview(self) -> ScenarioPreview | None:
        return self.previews[self.selected] if self.previews else None

    def select(self, index: int) -> None:
        self.selected = index % max(1, len(self.previews))
        self.turns = None
        self._refresh()

    def toggle_role(self, role: str) -> None:
        if not self.hot_seat:  # one player: choosing a role replaces the other
            self.roles = [role]
        elif role in self.roles:
            if len(self.roles) > 1:
                self.roles.remove(role)
        else:
            self.roles.append(role)
        self.roles = [r for r in ROLES if r in self.roles]  # keep the list in table order
        for code, button in self.role_buttons.items():
            (button.select if code in self.roles else button.unselect)()
        self._refresh()

    def toggle_hot_seat(self) -> None:
        """Several players taking turns at one screen, or one (the first role chosen)."""
        self.hot_seat = not self.hot_seat
        if not self.hot_seat:
            self.roles = self.roles[:1]
        self.app.notify(_("Hot-seat on: choose a role for each player") if self.hot_seat else _("One player"))
        self.teardown()
        self.build()

    def choose_language(self, code: str) -> None:
        """Speak another language: the window is built again in it at once (this screen keeps its choices,
        the scenarios' texts are read again in the language), and the choice is remembered."""
        if code == current_language():
            return
        self.app.choose_language(code)  # rebuilds the screen; the previews are read again in build

    def show_briefing(self, advanced: bool) -> None:
        """Switch the briefing between its basic and advanced texts."""
        self.advanced = advanced
        self.teardown()
        self.build()

    def continue_label(self) -> str:
        """ "Continue (C)" and, on the next line, the game it resumes: scenario, role and quarter (markup)."""
        newest = continue_candidates(self.app.saves_dir)
        what = describe_save(newest[0], scenario_titles()) if newest else ""
        detail = font(esc(what or _("the last game")), self.app.theme.palette.text_dim, 13)
        return "<b>" + esc(_("Continue  (C)")) + f"</b><br>{detail}"

    def turns_value(self) -> int:
        p = self.preview
        return self.turns if self.turns is not None else (p.turns if p else 4)

    def change_turns(self, delta: int) -> None:
        self.turns = max(1, min(200, self.turns_value() + delta))
        self._refresh()

    def set_difficulty(self, level: str) -> None:
        if level in DIFFICULTIES:
            self.difficulty = level

    def start_game(self) -> None:
        # The engine, imported here and not with this screen, so that the screen shows before it (see App.run).
        from game.play.session import Session, SessionError

        target: str | Path | None = self.custom_path or (self.preview.path if self.preview else None)
        if target is None:
            self.error = _("no scenario found")
            self._refresh()
            return
        try:
            if getattr(self, "seed_entry", None) is not None and self.seed_entry.alive():
                self.seed_text = self.seed_entry.get_text()
            seed = int(self.seed_text or "0") % (2**63)
            session = Session.start(target, self.roles, seed, self.turns, self.difficulty, self.app.saves_dir)
        except SessionError as error:
            self.error = str(error)
            self._refresh()
            return
        self.app.show_game(session)

    def continue_game(self, path: Path | None = None) -> None:
        """Continue the last game (newest autosave that loads) or load a chosen file."""
        from game.play.session import Session, SessionError, continue_last  # the engine: see start_game

        skipped: list[str] = []
        try:
            if path is None:
                session, path, skipped = continue_last(self.app.saves_dir)
            else:
                session = Session.load(path, self.app.saves_dir)
        except SessionError as error:
            self.error = _("cannot continue: {error}").format(error=error)
            self._refresh()
            return
        self.app.show_game(session)
        if skipped:
            damaged = ngettext(
                "{files} is damaged: continued from {file} ({turns} played)",
                "{files} are damaged: continued from {file} ({turns} played)",
                len(skipped),
            )
            self.app.notify(damaged.format(files=", ".join(skipped), file=path.name, turns=turn_count(session.turn)), 8)

    def open_load(self) -> None:
        """Pick a save file to continue."""
        self.app.open(LoadModal(self.app, self.continue_game))

    # ------------------------------------------------------------------ widgets

    def build(self) -> None:
        w, h = self.app.window.get_size()
        ui = self.ui
        if self.previews_language != current_language():  # the scenarios' texts in the language now spoken
            self.previews, self.previews_language = scenario_previews(), current_language()
        fonts = self.app.theme.fonts
        margin = max(S5, w // 40)
        ui.label((margin, margin - 6, w // 2, 60), "MULTIVECTOR", "hero", name="hero")
        subtitle = region_between_powers()
        ui.label((margin + 2, margin + 52, min(w // 2, fonts.width(subtitle, 17) + S4), 26), subtitle, "dim_large")
        # Scale and fullscreen before the game starts: a projector's audience reads the start screen too.
        display = pygame.Rect(w - margin - HEADER_WIDTH, margin - 8, HEADER_WIDTH, DISPLAY_ROW_HEIGHT)
        display_rows(self.app, ui, display)
        helping = _("F1 or ? for help")
        help_width = fonts.width(helping, SIZE_SMALL) + S2
        help_rect = (w - margin - help_width, display.bottom + 6, help_width, 20)
        ui.label(help_rect, helping, "faint_right", name="help_hint")
        self._build_languages(w - margin - help_width - S3, display.bottom + 4)
        top = margin + 100
        bottom = h - margin
        col_w = (w - 2 * margin - 2 * S5) // 3
        left = pygame.Rect(margin, top, col_w, bottom - top)
        mid = pygame.Rect(left.right + S5, top, col_w, bottom - top)
        right = pygame.Rect(mid.right + S5, top, w - margin - mid.right - S5, bottom - top)
        self.columns = (left, mid, right)

        # Scenarios
        ui.label((left.x, left.y, left.width, 24), _("Scenario"), "heading")
        # Loading beside the heading (as the briefing's buttons): the column's height is the scenarios' titles'.
        loading = _("Load a saved game…")
        heading_end = left.x + ui.label_width(_("Scenario"), "heading") + S3
        if left.right - (fonts.width(loading, SIZE_SMALL) + 2 * S3) < heading_end:
            loading = _("Load…")
        load_width = fonts.width(loading, SIZE_SMALL) + 2 * S3
        ui.button((left.right - load_width, left.y - 4, load_width, 28), loading, self.open_load, kind="small_button",
                  name="load")
        lowest = left.bottom
        if self.can_continue:  # its second line names the game, wrapped rather than cut in a narrow column
            area = (left.x, 0, left.width, lowest)
            row = ui.choice_row(area, self.continue_label(), self.continue_game, name="continue", kind="", grow_up=True)
            lowest = row.rect.top - S2
        self._build_scenarios(pygame.Rect(left.x, left.y + 32, left.width, lowest - S2 - (left.y + 32)))

        # Briefing
        ui.label((mid.x, mid.y, mid.width, 24), _("Briefing"), "heading")
        x = mid.right
        briefings = ((_("Advanced"), True, "briefing_advanced"), (_("Basic"), False, "briefing_basic"))
        for label, advanced, name in briefings:
            width = max(92, fonts.width(label, SIZE_SMALL) + 2 * S3)
            x -= width
            ui.button(
                (x, mid.y - 4, width, 28),
                label,
                partial(self.show_briefing, advanced),
                kind="small_button",
                selected=self.advanced == advanced,
                name=name,
            )
            x -= S1
        self.briefing = ui.text_box((mid.x, mid.y + 32, mid.width, mid.height - 32), self._briefing(), name="briefing")

        # Setup
        ui.label((right.x, right.y, right.width, 24), _("Play as"), "heading")
        hot_seat = _("Hot-seat: on") if self.hot_seat else _("Hot-seat: off")
        hot_seat_width = max(170, fonts.width(hot_seat, SIZE_SMALL) + 2 * S3)
        ui.button(
            (right.right - hot_seat_width, right.y - 4, hot_seat_width, 28),
            hot_seat,
            self.toggle_hot_seat,
            kind="small_button",
            selected=self.hot_seat,
            name="hot_seat",
            tooltip=_("Several players taking turns at this screen; the computer plays the rest"),
        )
        y = right.y + 32
        y = self._build_roles(pygame.Rect(right.x, y, right.width, 0)) + S4
        ui.label((right.x, y, right.width, 24), _("Computer players"), "heading")
        y += 30
        ui.drop_down(
            (right.x, y, right.width, 38),
            [_(DIFFICULTY_LABELS[level]) for level in DIFFICULTIES],
            _(DIFFICULTY_LABELS[self.difficulty]),
            name="ai",
        )
        y += 38 + S4
        half = (right.width - S3) // 2
        tx = right.x + half + S3
        ui.label((right.x, y, half, 24), _("Seed"), "heading")
        ui.label((tx, y, half, 24), _("Quarters"), "heading")
        y += 30
        self.seed_entry = ui.entry((right.x, y, half, 40), self.seed_text, name="seed", numbers=True, limit=18)
        ui.button((tx, y, 40, 40), "–", lambda: self.change_turns(-1), kind="icon_button", name="turns_minus")
        self.turns_label = ui.label((tx + 44, y + 4, half - 88, 32), str(self.turns_value()), "value", name="turns")
        ui.button((tx + half - 40, y, 40, 40), "+", lambda: self.change_turns(1), kind="icon_button", name="turns_plus")
        y += 48
        self.error_box = ui.label((right.x, y, right.width, 22), self.error, "error", name="error")
        ui.button(
            (right.x, right.bottom - 50, right.width, 50),
            _("Start game  (Enter)"),
            self.start_game,
            kind="primary",
            name="start",
        )

    def _build_languages(self, right: int, y: int) -> None:
        """A button per language, named in itself (``Русский``, ``Қазақша``), ending at ``right``; the one
        spoken is selected. A choice speaks it at once (see :meth:`choose_language`)."""
        fonts = self.app.theme.fonts
        x = right
        for language in reversed(LANGUAGES):
            width = fonts.width(language.own_name, SIZE_SMALL) + 2 * S3
            x -= width
            self.ui.button(
                (x, y, width, LANGUAGE_ROW),
                language.own_name,
                partial(self.choose_language, language.code),
                kind="small_button",
                selected=language.code == current_language(),
                name=f"language_{language.code}",
            )
            x -= S1

    def _build_scenarios(self, area: pygame.Rect) -> None:
        """One row per scenario with its title whole, wrapped over as many lines as the column needs, the one
        chosen marked. Where the rows would not fit the column the text is a size smaller, and only then (a
        window smaller than the layouts are drawn for) are the titles cut to fewer lines."""
        fonts = self.app.theme.fonts
        width = area.width - 2 * SCENARIO_PAD

        def height(size: int, most: int) -> int:
            line = fonts.font(size).get_linesize()
            return sum(min(len(fonts.wrap(p.title, size, width)), most) * line + SCENARIO_ROW for p in self.previews)

        fitting = [(size, most) for most in range(SCENARIO_LINES, 0, -1) for size in SCENARIO_SIZES]
        size, most = next(((s, m) for s, m in fitting if height(s, m) <= area.height), fitting[-1])
        # Room to spare (a large window) goes into the rows, a few pixels above and below each title.
        margin = max(0, min(SCENARIO_MARGIN, (area.height - height(size, most)) // (2 * max(1, len(self.previews)))))
        self.scenario_rows = []
        y = area.y
        for i, p in enumerate(self.previews):
            title = row_title(p.title, size, width, most, fonts)
            markup = font(esc(title), size=size)
            name = f"scenario_{p.id}"
            row = self.ui.choice_row(
                (area.x, y, area.width, 0), markup, partial(self.select, i), name=name, margin=margin
            )
            (row.select if i == self.selected else row.unselect)()
            self.scenario_rows.append(row)
            y += row.rect.height + SCENARIO_GAP

    def _build_roles(self, area: pygame.Rect) -> int:
        """A button per role (``Kazakhstan · KZ``) in ``ROLE_COLUMNS`` columns from ``area``'s top, the ones
        chosen selected: every role on show at once, whatever the window (a list needed scrolling to reach
        Russia, China and the West at 1024×640). Returns where the buttons end."""
        width = (area.width - (ROLE_COLUMNS - 1) * ROLE_GAP) // ROLE_COLUMNS
        self.role_buttons = {}
        for i, code in enumerate(ROLES):
            row, column = divmod(i, ROLE_COLUMNS)
            rect = (area.x + column * (width + ROLE_GAP), area.y + row * (ROLE_ROW + ROLE_GAP), width, ROLE_ROW)
            text = f"{role_title(code)} · {code}"
            choose = partial(self.toggle_role, code)
            button = self.ui.button(rect, text, choose, kind="role_choice", name=f"role_{code}")
            (button.select if code in self.roles else button.unselect)()
            self.role_buttons[code] = button
        rows = -(-len(ROLES) // ROLE_COLUMNS)
        return area.y + rows * (ROLE_ROW + ROLE_GAP) - ROLE_GAP

    def _briefing(self) -> str:
        pal = self.app.theme.palette
        p = self.preview
        if p is None:
            return font(esc(_("No scenarios found.")), pal.text_dim)
        return (
            font(f"<b>{esc(p.title)}</b>", pal.text, 20)
            + "<br>"
            + font(
                esc(
                    ngettext("from {start} · {count} quarter", "from {start} · {count} quarters", p.turns).format(
                        start=quarter_text(p.start) if p.start else p.start, count=p.turns
                    )
                ),
                pal.accent,
                13,
            )
            + "<br><br>"
            + font(esc(p.summary), pal.text_dim)
            + "<br><br>"
            + self._objectives(p)
            + esc(p.advanced if self.advanced and p.advanced else p.briefing)
            + self._other_objectives(p)
        )

    def _objectives(self, p: ScenarioPreview) -> str:
        """The chosen roles' objectives in words, and what the target is."""
        pal = self.app.theme.palette
        goals = dict(p.objectives)
        lines = [
            font(f"<b>{esc(goal_as(role))}</b> {esc(goals[role])}", pal.accent) for role in self.roles if role in goals
        ]
        if not lines:
            return ""
        rules = [
            _(
                "you win as {role} when it ends above what {role} would have scored by doing nothing (the same year, "
                "luck and opponents, no orders)"
            ).format(role=place_name(role))
            if role == p.do_nothing_role
            else _(
                "you win as {role} when it ends above the score the computer reaches in that role at the level "
                "chosen below"
            ).format(role=place_name(role))
            for role in self.roles
        ]
        scoring = _("Your score (0–100) is shown in the top bar; {rules}.").format(rules="; ".join(rules))
        lines.append(font(esc(scoring), pal.text_dim, 13))
        return "<br>".join(lines) + "<br><br>"

    def _other_objectives(self, p: ScenarioPreview) -> str:
        """Every role's objective, at the foot of the briefing."""
        if not p.objectives:
            return ""
        rows = [f"<b>{esc(role)}</b> {esc(goal)}" for role, goal in p.objectives]
        heading = esc(_("Every role's objective"))
        listing = f"<b>{heading}</b><br>" + "<br>".join(rows)
        return "<br><br>" + font(listing, self.app.theme.palette.text_dim, 13)

    def _refresh(self) -> None:
        """Bring the widgets in line with the choices (after a click or a key)."""
        if not self.ui.elements:
            return
        if hasattr(self, "briefing") and self.briefing.alive():
            self.briefing.set_text(self._briefing())
        self.ui.set_label(self.turns_label, str(self.turns_value()))
        self.ui.set_label(self.error_box, self.error)
        for i, row in enumerate(self.scenario_rows):
            (row.select if i == self.selected else row.unselect)()

    def handle_ui(self, event: pygame.event.Event) -> None:
        element = getattr(event, "ui_element", None)
        if not self.ui.owns(element):
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            levels = {_(label): level for level, label in DIFFICULTY_LABELS.items()}
            self.set_difficulty(levels.get(str(event.text), ""))
        elif event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            self.seed_text = self.seed_entry.get_text()
            if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
                self.seed_entry.unfocus()

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.app.ask_to_quit()
        elif key == pygame.K_UP:
            self.select(self.selected - 1)
        elif key == pygame.K_DOWN:
            self.select(self.selected + 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start_game()
        elif key == pygame.K_c and self.can_continue:
            self.continue_game()
        elif key == pygame.K_l and event.mod & pygame.KMOD_CTRL:
            self.open_load()

    # ------------------------------------------------------------------ drawing

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        surface = painter.surface
        w, h = surface.get_size()
        surface.fill(pal.background)
        # The region as a backdrop, dimmed.
        self.mapview.set_rect(pygame.Rect(0, 0, w, h))
        colours = {c: state_colour(BACKDROP_SCORES, pal) for c in COUNTRIES}
        surface.blit(self.mapview.render_base(colours, pal, BACKDROP_CORRIDOR_SHARE), (0, 0))
        painter.shade(222)


def goal_as(role: str) -> str:
    """``Your goal as Kazakhstan:``, in the current language."""
    return _("Your goal as {role}:").format(role=place_name(role))


def row_title(title: str, size: int, width: int, most: int, fonts: Fonts) -> str:
    """A scenario's title for its row, on at most ``most`` lines: whole when it fits, else its name before the
    subtitle ("The Middle Corridor"), and only when even that does not fit, cut with "…"."""
    if len(fonts.wrap(title, size, width)) <= most:
        return title
    name = title.split(": ", 1)[0]
    lines = fonts.wrap(name, size, width)
    if len(lines) <= most:
        return name
    last = fonts.elide(" ".join(lines[most - 1 :]), size, width).replace(" …", "…")
    return " ".join([*lines[: most - 1], last])
