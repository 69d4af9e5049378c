"""A part of the map screen, and what the parts may ask of the screen.

A panel owns a region of the window (:class:`game.ui.layout.GameLayout`): its widgets,
rebuilt in :class:`Section` s only when what they show has changed, and its hand-drawn
layer. ``draw`` only reads the session and the :class:`GameView`; input changes the view
or goes to the screen through :class:`GameCommands`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pygame

from game.play.session import Session
from game.play.texts import scenario_words
from game.ui.gui import Manager, Widgets
from game.ui.layout import GameLayout, queue_rows
from game.ui.painter import Painter
from game.ui.panels.view import GameView
from game.ui.screen import Host


class GameCommands(Protocol):
    """What a panel asks of the map screen (which owns the dialogs and talks to the window)."""

    def queue_selected(self) -> None:
        """Queue the order being composed."""

    def cancel(self, role: str, index: int) -> None:
        """Cancel one queued order."""

    def end_turn(self) -> None:
        """Play the turn (or see the results once the game is over)."""

    def undo(self, to_turn: int | None = None) -> None:
        """Go back to a turn for good (default: the one before)."""

    def toggle_palette(self) -> None:
        """Switch the colour-blind palette."""

    def toggle_legend(self) -> None:
        """Fold the map's legend, or show it whole."""

    def open_help(self) -> None:
        """The help dialog."""

    def open_menu(self) -> None:
        """The in-game menu."""

    def open_news(self) -> None:
        """The news of the turn shown."""

    def open_charts(self) -> None:
        """The history charts."""

    def open_triangle(self) -> None:
        """The triangle view."""

    def open_summary(self) -> None:
        """The summary of the last turn played."""

    def locate(self, name: str) -> pygame.Rect | None:
        """Where a named widget of any panel is (None when it is not shown)."""


_UNBUILT = object()


def action_words(session: Session) -> dict[str, tuple[str, str]]:
    """Each action's title and description (by id) in the current language, from the action catalogue's
    translation file (the catalogue's own words where it has none, or where it is broken: ``multivector
    validate`` names the problem); read once per scenario and language."""
    return scenario_words(session.loaded).actions



def action_title(session: Session, action: int) -> str:
    """An action's title (by index) in the current language."""
    actions = session.world.actions
    return action_words(session).get(actions.ids[action], (actions.titles[action], ""))[0]


def action_description(session: Session, action: int) -> str:
    """An action's description (by index) in the current language."""
    actions = session.world.actions
    return action_words(session).get(actions.ids[action], ("", actions.descriptions[action]))[1]


class Section:
    """Widgets rebuilt only when what they show (their signature) has changed."""

    def __init__(self, widgets: Widgets) -> None:
        self.widgets = widgets
        self.signature: object = _UNBUILT

    def show(self, signature: object, make: Callable[[Widgets], None]) -> None:
        """(Re)build the widgets with ``make`` unless they already show ``signature``. A rebuild moves things under
        a pointer that stood still: no tool tip shows until it moves (see ``Manager.hold_tooltips``)."""
        if self.signature is not _UNBUILT and self.signature == signature:
            return
        if self.signature is not _UNBUILT and isinstance(self.widgets.manager, Manager):
            self.widgets.manager.hold_tooltips()
        self.widgets.clear()
        self.signature = signature
        make(self.widgets)

    def hide(self) -> None:
        """Kill the widgets."""
        self.widgets.clear()
        self.signature = _UNBUILT


class Panel:
    """One part of the map screen."""

    def __init__(self, host: Host, view: GameView, commands: GameCommands) -> None:
        self.host = host
        self.view = view
        self.commands = commands
        self.ui = Widgets(host.ui)  # widgets that live as long as the layout
        self.sections: list[Section] = []
        self.layout = GameLayout.of(host.window.get_size(), host.ui_scale, view.legend_open)

    @property
    def session(self) -> Session:
        """The game shown."""
        return self.view.session

    def queue_shown(self) -> int:
        """Rows the actions tab keeps for the active team's queued orders: one per order it may queue (see
        :func:`queue_rows`), empty or not, so that queueing an order moves nothing below them (the list of actions
        stays under the pointer)."""
        return queue_rows(self.session.world.rules.max_orders)

    def section(self) -> Section:
        """A new section of this panel's widgets."""
        section = Section(Widgets(self.host.ui))
        self.sections.append(section)
        return section

    def build(self, layout: GameLayout) -> None:
        """Place the panel for a new window layout (subclasses add the widgets that last as long)."""
        self.layout = layout
        self.main = self.section()

    def signature(self) -> object | None:
        """What the panel's changing widgets show: they are rebuilt when it changes, and
        hidden while it is None."""
        return None

    def make_widgets(self, ui: Widgets) -> None:
        """Create the panel's changing widgets (see ``signature``)."""

    def refresh(self) -> None:
        """Bring the widgets in line with the session and the view (cheap when nothing changed)."""
        signature = self.signature()
        if signature is None:
            self.main.hide()
        else:
            self.main.show(signature, self.make_widgets)

    def update(self, dt: float) -> None:
        """Advance a frame (by default: refresh the widgets)."""
        self.refresh()

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to an input event no widget consumed."""

    def handle_ui(self, event: pygame.event.Event) -> None:
        """React to a pygame_gui event (list selections)."""

    def scene_key(self) -> tuple[object, ...]:
        """What the hand-drawn layer shows: it is drawn again only when this changes."""
        return ()

    def draw(self, painter: Painter) -> None:
        """Draw the panel's part of the cached layer (only reads)."""

    def draw_overlay(self, painter: Painter) -> None:
        """Draw what changes every frame, over the cached layer (only reads)."""

    def locate(self, name: str) -> pygame.Rect | None:
        """Window rectangle of a named widget of this panel."""
        for widgets in (self.ui, *(section.widgets for section in self.sections)):
            rect = widgets.locate(name)
            if rect is not None:
                return rect
        return None

    def teardown(self) -> None:
        """Kill every widget of the panel (``build`` makes its sections again)."""
        self.ui.clear()
        for section in self.sections:
            section.hide()
        self.sections = []
