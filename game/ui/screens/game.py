"""The map screen: the region coloured by dependence, inspect, act, end turn, replay.

The screen is made of panels (:mod:`game.ui.panels`): the top bar, the map with its
legend, replay bar and tool tip, and the sidebar with the country tab or the actions tab
(queue, list of actions, the order being composed). They share one
:class:`~game.ui.panels.view.GameView`; the screen owns the commands that need the window
(dialogs, messages, changing screen) and the keyboard shortcuts, and caches the panels'
hand-drawn layer until what it shows changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pygame

from game.engine.codes import COUNTRIES
from game.engine.orders import Order
from game.i18n import N_, _, format_number, ngettext, place_name, quarter_text
from game.io.saves_folder import turn_position
from game.play.session import Session, SessionError
from game.play.stakes import choices
from game.ui.layout import GameLayout
from game.ui.mapview import MapView
from game.ui.painter import Painter
from game.ui.panels.actions import ActionsPanel
from game.ui.panels.base import Panel, action_title
from game.ui.panels.coach import CoachPanel
from game.ui.panels.country import CountryPanel
from game.ui.panels.legend import Legend
from game.ui.panels.map import MapPanel
from game.ui.panels.order import OrderPanel
from game.ui.panels.queue import QueuePanel
from game.ui.panels.replay import ReplayBar
from game.ui.panels.sidebar import Sidebar
from game.ui.panels.tooltip import MapTooltip
from game.ui.panels.topbar import TopBar
from game.ui.panels.view import ACTIONS, GameView
from game.ui.screen import Host, Screen
from game.ui.screens.history import ChartsModal, NewsModal, TriangleModal
from game.ui.screens.modals import ConfirmModal, EventModal, LoadModal, MenuModal
from game.ui.screens.summary import SummaryModal


class GameScreen(Screen):
    """Where the game is played."""

    def __init__(self, app: Host, session: Session, replay_from: int | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.view = GameView(session, session.human_roles[0], view_turn=replay_from)
        self.map = MapPanel(app, self.view, self)
        legend = Legend(app, self.view, self, self.map.corridor)
        replay = ReplayBar(app, self.view, self)
        top, sidebar = TopBar(app, self.view, self), Sidebar(app, self.view, self)
        country, queue = CountryPanel(app, self.view, self), QueuePanel(app, self.view, self)
        actions, order = ActionsPanel(app, self.view, self), OrderPanel(app, self.view, self)
        self.tooltip = MapTooltip(app, self.view, self, self.map.mapview)
        self.coach = CoachPanel(app, self.view, self, self.map.mapview, self.locate)  # the tutorial's steps
        # Widgets are made and refreshed in this order (pygame_gui stacks later ones on top) …
        self.panels: list[Panel] = [top, legend, sidebar, country, queue, actions, order, replay, self.coach]
        # … and the hand-drawn layer is painted in this one.
        self.painted: list[Panel] = [self.map, legend, replay, top, sidebar, country, queue, order]
        self.scene: pygame.Surface | None = None
        self.scene_key: object = None
        self.scene_texts: list[str] = []
        self.shortcuts = self._shortcuts()

    # ------------------------------------------------------------------ reading

    @property
    def mapview(self) -> MapView:
        """The map's projection and hit testing."""
        return self.map.mapview

    def needs_quit_confirmation(self) -> bool:
        """Something changed since the last save or autosave (a turn, an order queued or cancelled)."""
        return self.session.dirty

    def save_before_quit(self) -> None:
        """Write the quick-save."""
        self.session.save()

    # ------------------------------------------------------------------ commands (see GameCommands)

    def queue_selected(self) -> None:
        """Queue the order being composed, or say why not."""
        view = self.view
        if view.replaying:
            view.refusal = _("viewing the past: press Esc to give orders")
            return
        if view.action_index is None or view.target is None:
            view.refusal = _("choose an action and a target first")
            return
        actions = self.session.world.actions
        problems = self.session.queue(Order(view.active_role, actions.ids[view.action_index], view.target))
        view.refusal = "; ".join(problems)
        if not problems:
            queued = _("Queued: {action} · {target}")
            self.app.notify(
                queued.format(action=action_title(self.session, view.action_index), target=place_name(view.target))
            )
            index = view.action_index
            still_open = any(c.action == index and c.legal for c in choices(self.session, view.active_role))
            if view.advised or not still_open:
                # Back to the advice (its answers found again after this order), or to the list when the action
                # has no target left (points spent, orders full): a red refusal would greet an order that worked.
                view.clear_order()
            else:  # the same action may go to another target next: aimed at the best one still open
                view.target = None
                view.choose_action(index)

    def cancel(self, role: str, index: int) -> None:
        """Cancel one queued order."""
        self.session.cancel(role, index)
        self.view.refusal = ""

    def cancel_last(self) -> None:
        """Cancel the active team's last queued order."""
        queued = self.session.queued.get(self.view.active_role, [])
        if queued:
            self.cancel(self.view.active_role, len(queued) - 1)

    def end_turn(self) -> None:
        """Play the turn, then show its events (or the results once the game is over)."""
        view = self.view
        view.present()
        s = self.session
        if s.is_over():
            self.finish()
            return
        unspent = {role: view.left(role) for role in s.human_roles}
        if s.end_turn() is None:
            return
        if s.message:  # e.g. the line of play left behind is kept, or the autosave failed
            self.app.notify(s.message, 8)
            s.message = ""
        view.clear_order()
        view.active_role = s.human_roles[0]
        self.app.open(SummaryModal(self.app, s, s.turn, view.active_role, self._show_events, unspent))

    def open_summary(self) -> None:
        """The summary of the last turn played, for the active team (the top bar's score)."""
        if self.session.turn:
            self.app.open(SummaryModal(self.app, self.session, self.session.turn, self.view.active_role))

    def _show_events(self) -> None:
        """The event cards of the turn just played (after its summary), then the results at the end."""
        s = self.session
        events = s.events_of(s.turn)
        then = self.finish if s.is_over() else None
        if events:
            self.app.open(EventModal(self.app, events, then))
        else:
            self.app.notify(
                _("{quarter} resolved: no events. Press N for the news.").format(
                    quarter=quarter_text(s.quarter(s.turn - 1))
                )
            )
            if then:
                then()

    def finish(self) -> None:
        """To the end screen."""
        self.app.show_end(self.session)

    def save(self) -> None:
        """Write the quick-save and say where."""
        try:
            path = self.session.save()
            # the folder is the load dialog's; a full path ran over the tabs
            self.app.notify(_("Saved: {file}").format(file=path.name))
        except OSError as error:
            self.app.notify(_("Save failed: {error}").format(error=error))

    def load(self) -> None:
        """Pick a save and play it instead."""
        self.app.open(LoadModal(self.app, self._play_save, self.session.dirty))

    def _play_save(self, path: Path) -> None:
        try:
            session = Session.load(path, self.app.saves_dir)
        except SessionError as error:
            self.app.notify(_("Cannot load: {error}").format(error=error), 5)
            return
        self.app.show_game(session)
        self.app.notify(_("Loaded {file}").format(file=path.name))

    def undo(self, to_turn: int | None = None, ask: bool | None = None) -> None:
        """Go back to a turn for good (default: the one before). A click (Replay's "Undo to here", the menu's
        "Undo last turn": ``to_turn`` given or ``ask``) always asks first; the U key asks when orders are
        queued (they may not fit the earlier quarter)."""
        s = self.session
        target = s.turn - 1 if to_turn is None else to_turn
        if target < 0 or target >= s.turn:
            self.app.notify(_("Nothing to undo"))
            return
        if ask is None:
            ask = to_turn is not None
        if ask or s.all_queued():
            where = turn_position(s.quarter(target), target, s.world.turns)
            self.app.open(
                ConfirmModal(
                    self.app,
                    _("Go back to the start of {where}?").format(where=where),
                    undo_warning(s.turn - target, bool(s.all_queued())),
                    [(N_("Undo"), partial(self._undo, target), True), (N_("Cancel"), None, False)],
                    enter=1,  # Enter cancels: undoing takes a click
                )
            )
            return
        self._undo(target)

    def undo_last_turn(self) -> None:
        """The menu's "Undo last turn": back one turn, after asking."""
        self.undo(ask=True)

    def _undo(self, target: int) -> None:
        s = self.session
        try:
            s.undo_to(target)
        except Exception as error:  # a replay that no longer matches must not close the window
            self.app.notify(_("Undo failed: {error}").format(error=error), 5)
            return
        self.coach.rewind()
        self.view.present()
        self.app.notify(
            _("Back to the start of {where}").format(where=turn_position(s.quarter(), s.turn, s.world.turns))
        )

    def toggle_palette(self) -> None:
        """Switch the colour-blind palette."""
        pal = self.app.theme.palette
        pal.colourblind = not pal.colourblind
        self.app.notify(
            _("Colour-blind palette (Okabe–Ito) on") if pal.colourblind else _("Colour-blind palette (Okabe–Ito) off")
        )

    def toggle_legend(self) -> None:
        """Fold the map's legend, or show it whole (the map's labels then take the room it leaves or needs)."""
        self.view.legend_open = not self.layout().legend_open
        self.teardown()
        self.build()

    def layout(self) -> GameLayout:
        """Where the screen's parts go in the window, the legend as the player last chose."""
        return GameLayout.of(self.app.window.get_size(), self.app.ui_scale, self.view.legend_open)

    def open_help(self) -> None:
        """The help dialog."""
        self.app.toggle_help()

    def open_news(self) -> None:
        """The news of the turn shown."""
        self.app.open(NewsModal(self.app, self.session, self.view.shown_turn or 1))

    def open_charts(self) -> None:
        """History charts, open on the active team's own role (the state it plays, or the power)."""
        view = self.view
        self.app.open(ChartsModal(self.app, self.session, view.active_role, view.view_turn))

    def open_triangle(self) -> None:
        """Every state between the powers."""
        self.app.open(TriangleModal(self.app, self.session, self.view.shown_turn, self.view.selected))

    def open_menu(self) -> None:
        """Save, load, palette, main menu, quit."""
        pal = self.app.theme.palette
        items: list[tuple[str, Callable[[], None]]] = [  # English labels: the menu shows them translated
            (N_("Resume"), lambda: None),
            (N_("Save game  (Ctrl+S)"), self.save),
            (N_("Load game…  (Ctrl+L)"), self.load),
            (N_("Undo last turn…  (U)"), self.undo_last_turn),
            (
                N_("Colour-blind palette: on") if pal.colourblind else N_("Colour-blind palette: off"),
                self.toggle_palette,
            ),
            (N_("Main menu"), self.leave),
            (N_("Quit"), self.app.request_quit),
        ]
        self.app.open(MenuModal(self.app, items))

    def leave(self) -> None:
        """To the start screen, asking first when something would be lost."""
        if not self.needs_quit_confirmation():
            self.app.show_start()
            return

        def save_and_go() -> None:
            self.session.save()
            self.app.show_start()

        self.app.open(
            ConfirmModal(
                self.app,
                _("Leave this game?"),
                _("Unsaved changes since your last save will be lost (the autosave keeps the last completed turn)."),
                [
                    (N_("Save and leave"), save_and_go, True),
                    (N_("Leave"), self.app.show_start, False),
                    (N_("Cancel"), None, False),
                ],
                enter=2,  # Enter cancels: leaving takes a click
            )
        )

    # ------------------------------------------------------------------ input

    def _shortcuts(self) -> dict[tuple[bool, int], Callable[[], None]]:
        """(Ctrl held, key) -> command; a key without Ctrl also answers with Ctrl held."""
        view = self.view
        keys: dict[tuple[bool, int], Callable[[], None]] = {
            (True, pygame.K_s): self.save,
            (True, pygame.K_l): self.load,
            (True, pygame.K_RETURN): self.end_turn,
            (True, pygame.K_KP_ENTER): self.end_turn,
            (False, pygame.K_e): self.end_turn,
            (False, pygame.K_ESCAPE): self._escape,
            (False, pygame.K_a): partial(view.set_tab, ACTIONS),
            (False, pygame.K_i): view.inspect,
            (False, pygame.K_v): view.next_answer,
            (False, pygame.K_TAB): self._tab,
            (False, pygame.K_n): self.open_news,
            (False, pygame.K_h): self.open_charts,
            (False, pygame.K_t): self.open_triangle,
            (False, pygame.K_r): view.toggle_replay,
            (False, pygame.K_LEFT): partial(view.step_replay, -1),
            (False, pygame.K_RIGHT): self._replay_forward,
            (False, pygame.K_u): self.undo,
            (False, pygame.K_c): self.toggle_palette,
            (False, pygame.K_UP): partial(view.step_action, -1),
            (False, pygame.K_DOWN): partial(view.step_action, 1),
            (False, pygame.K_RETURN): self.queue_selected,
            (False, pygame.K_KP_ENTER): self.queue_selected,
            (False, pygame.K_BACKSPACE): self.cancel_last,
            (False, pygame.K_DELETE): self.cancel_last,
        }
        for i, code in enumerate(COUNTRIES):  # 1 … 5 select the states in table order
            keys[(False, pygame.K_1 + i)] = partial(view.select_country, code)
        return keys

    def _escape(self) -> None:
        """Leave the replay, else drop the selection, else drop the order being composed (the advice comes back),
        else open the menu."""
        if self.view.replaying:
            self.view.present()
        elif self.view.selected:
            self.view.deselect()
        elif self.view.composing:
            self.view.clear_order()
        else:
            self.open_menu()

    def _tab(self, delta: int = 1) -> None:
        """The next (+1) or previous (−1) target of the order being composed; with no order being composed,
        the next or previous team."""
        if self.view.composing:
            self.view.step_target(delta)
        else:
            self.view.next_team(delta)

    def _replay_forward(self) -> None:
        if self.view.replaying:
            self.view.step_replay(1)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Clicks go to the map; keys to the shortcuts."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT:
            self._tab(-1)  # Shift+Tab goes back where Tab goes forward
        elif event.type == pygame.KEYDOWN:
            with_ctrl = self.shortcuts.get((True, event.key)) if event.mod & pygame.KMOD_CTRL else None
            command = with_ctrl or self.shortcuts.get((False, event.key))
            if command is not None:
                command()
        else:
            self.map.handle_event(event)

    def handle_ui(self, event: pygame.event.Event) -> None:
        """List selections (the actions)."""
        for panel in self.panels:
            panel.handle_ui(event)

    def update(self, dt: float) -> None:
        """Follow the pointer, bring the widgets up to date, move the tool tip."""
        self.map.update(dt)
        for panel in self.panels:
            panel.update(dt)
        self.tooltip.update(dt)

    # ------------------------------------------------------------------ widgets

    def build(self) -> None:
        """Lay the panels out for the window's size and make their widgets."""
        layout = self.layout()
        for panel in (*self.panels, self.map, self.tooltip):
            panel.build(layout)
        for panel in self.panels:
            panel.refresh()

    def teardown(self) -> None:
        """Kill every panel's widgets."""
        super().teardown()
        for panel in (*self.panels, self.tooltip):
            panel.teardown()

    def locate(self, name: str) -> pygame.Rect | None:
        """Where a named widget of any panel is."""
        for panel in self.panels:
            rect = panel.locate(name)
            if rect is not None:
                return rect
        return None

    # ------------------------------------------------------------------ drawing

    def draw(self, painter: Painter) -> None:
        """The hand-drawn layer is cached until what it shows changes; a frame adds the hover outline."""
        size = painter.surface.get_size()
        key = (size, painter.theme.palette.colourblind, *(panel.scene_key() for panel in self.painted))
        if key != self.scene_key or self.scene is None or self.scene.get_size() != size:
            self.scene = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
            scene = Painter(painter.theme)
            scene.begin(self.scene, painter.mouse)
            for panel in self.painted:
                panel.draw(scene)
            self.scene_texts = list(scene.texts)
            self.scene_key = key
        painter.surface.blit(self.scene, (0, 0))
        painter.texts.extend(self.scene_texts)
        self.map.draw_overlay(painter)

    def draw_above(self, painter: Painter) -> None:
        """The tutorial's ring, over the widgets."""
        self.coach.draw_above(painter)


def undo_warning(turns: int, queued: bool) -> str:
    """What an undo of ``turns`` turns does, for its confirmation (``queued``: orders are queued now)."""
    if turns == 1:
        text = _(
            'The turn played since is undone; once you play on, its autosave stays in the load list, marked "left '
            'behind".'
        )
    else:  # a count in every form: Russian says 21 turns with the form of 1
        text = ngettext(
            "The {count} turn played since is undone; once you play on, its autosave stays in the load list, marked "
            '"left behind".',
            "The {count} turns played since are undone; once you play on, their autosaves stay in the load list, "
            'marked "left behind".',
            turns,
        ).format(count=format_number(turns))
    if queued:
        text += " " + _("This quarter's queued orders are kept where they still fit; the others are lost.")
    return text
