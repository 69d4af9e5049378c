"""The map: the region coloured by dependence at the turn shown, a label per state, the
selected and hovered outlines; a click selects a state. While an order is being composed the
map is the board: its targets are outlined, and a click on one aims the order at it."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pygame

from game.engine.codes import COUNTRIES, POWERS, ROLE_NAMES
from game.i18n import _, current_language, place_name
from game.ui.bands import BANDS, band_label, read_state
from game.ui.layout import LARGE_STATE_KM2, MAP_LABEL_HEIGHT, GameLayout
from game.ui.mapview import MapView, label_change, state_colour
from game.ui.painter import Painter
from game.ui.panels.base import GameCommands, Panel, action_title
from game.ui.panels.corridor import CorridorStake
from game.ui.panels.view import GameView
from game.ui.placenames import MapLabels, label_reading, short_label_box, state_label_box, widest_reading
from game.ui.screen import Host
from game.ui.theme import S1, S2, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, Colour, mix

LABEL_VEIL_ALPHA = 175  # how much the label's box hides the map under it


class ReadingForm(NamedTuple):
    """What a state label's reading shows besides the leader and the score."""

    change: bool  # the change since the turn before
    band: bool  # the band (aligned, leaning, ...)


# A label's reading, fullest first: where the place found for a label has no room for the widest reading of a
# form, the next one is placed and drawn.
READING_FORMS = (
    ReadingForm(change=True, band=True),
    ReadingForm(change=False, band=True),
    ReadingForm(change=False, band=False),
)


class MapPanel(Panel):
    """The map of the region at the turn shown."""

    def __init__(self, host: Host, view: GameView, commands: GameCommands) -> None:
        super().__init__(host, view, commands)
        self.mapview = MapView(host.theme, host.map_data)
        self.corridor = CorridorStake.of(host.map_data)
        self.large_states = {c.id for c in host.map_data.playable if c.area_km2 > LARGE_STATE_KM2}
        self.neighbours = {c.id for c in host.map_data.countries if not c.playable}  # Russia and China are drawn
        by_area = sorted(host.map_data.playable, key=lambda c: c.area_km2)
        self.placing_order = [c.id for c in by_area]  # the small states first: they have the fewest places
        # each state's label boxes to choose from, fullest first, for one (map size, language)
        self._candidate_boxes: tuple[object, dict[str, tuple[pygame.Rect, ...]]] = (None, {})

    def build(self, layout: GameLayout) -> None:
        """Fit the map to its region."""
        super().build(layout)
        self.mapview.set_rect(layout.map)

    def update(self, dt: float) -> None:
        """Follow the pointer (no hover while a dialog is open)."""
        self.view.hover = self.mapview.country_at(self.host.mouse) if not self.host.modals else None

    def handle_event(self, event: pygame.event.Event) -> None:
        """Left click: select a state (or clear the selection over the rest of the map); right click: clear."""
        if event.type != pygame.MOUSEBUTTONDOWN:
            return
        if event.button == 1:
            code = self.mapview.country_at(event.pos)
            if code is not None and self.view.composing and self._aim(code):
                return
            if code in COUNTRIES:
                self.view.select_country(code)
            elif self.mapview.rect.collidepoint(event.pos):
                self.view.deselect()
        elif event.button == 3:
            self.view.selected = None

    def _aim(self, code: str) -> bool:
        """Aim the order being composed at a state clicked on the map; True when it was aimed. A state the
        action cannot target is only inspected, and a message says why it was not aimed at."""
        view = self.view
        if code in view.targets():
            view.target = code
            view.refusal = ""
            return True
        if code in ROLE_NAMES:
            title = action_title(self.session, view.action_index or 0)
            aims = ", ".join(place_name(t) for t in view.targets())
            refusal = _("{action} cannot target {state}; its targets: {targets}")
            self.host.notify(refusal.format(action=title, state=place_name(code), targets=aims), 5)
        return False

    def board_targets(self) -> list[str]:
        """The states on the map the order being composed may be aimed at (none when not composing)."""
        if not self.view.composing:
            return []
        return [code for code in self.view.targets() if code in self.mapview.labels or code in self.neighbours]

    def scene_key(self) -> tuple[object, ...]:
        """The state shown, the selection, and the order's targets."""
        view = self.view
        covers = tuple(tuple(cover) for cover in self.covers())
        return (view.shown_turn, self.session.turn, view.selected, view.target, tuple(self.board_targets()), covers)

    def draw(self, painter: Painter) -> None:
        """The coloured map, the selected outline and the states' labels."""
        pal = painter.theme.palette
        view = self.view
        head = self.session.headline(view.shown_turn)
        colours = {code: state_colour(head[c], pal) for c, code in enumerate(COUNTRIES)}
        share = self.corridor.share(self.session, view.shown_turn)
        rect = self.layout.map
        labels = self.placed_labels(painter)
        boxes = labels.states
        self.mapview.set_label_boxes({code: box.move(rect.topleft) for code, box in boxes.items()})
        painter.surface.blit(self.mapview.render_base(colours, pal, share, labels), rect.topleft)
        with painter.clipped(rect):
            for code in self.board_targets():  # the board: where the order may go, the chosen one brightest
                colour = pal.accent if code == view.target else mix(pal.accent, pal.background, 0.2)
                self.mapview.draw_outline(painter.surface, code, colour, 4 if code == view.target else 2)
            if view.selected:
                self.mapview.draw_outline(painter.surface, view.selected, pal.highlight, 3)
            for c, code in enumerate(COUNTRIES):
                if code in boxes:
                    self._draw_state_label(painter, code, head[c], view.shown_turn, boxes[code].move(rect.topleft))

    def draw_overlay(self, painter: Painter) -> None:
        """The outline of the state under the pointer."""
        pal = painter.theme.palette
        hover = self.view.hover
        if hover and hover != self.view.selected and not self.host.modals:
            with painter.clipped(self.layout.map):
                self.mapview.draw_outline(painter.surface, hover, mix(pal.highlight, pal.background, 0.3), 2)

    def _label_line(self, code: str, scores: np.ndarray, turn: int, form: ReadingForm = READING_FORMS[0]) -> str:
        """A state's reading: leader, score, its change since the turn before, band (``RU 52 +1.2 · aligned``);
        ``form`` says whether it has the change and the band (:data:`READING_FORMS`)."""
        reading = read_state({p: float(scores[i]) for i, p in enumerate(POWERS)})
        moved = label_change(self.session, turn, COUNTRIES.index(code)) if form.change else ""
        band = band_label(reading.band) if form.band else ""
        return label_reading(reading.leader, reading.score_text(), moved, band)

    def placed_labels(self, painter: Painter) -> MapLabels:
        """The states' labels (map pixels) and the place names, placed once for this layout: each label on its own
        state, clear of the others and of the legend and the tutorial's card, shortened to its name where the
        full label finds no room (first without the change since the last quarter, then without the band, then
        without its reading; a state with no room at all has none); each box as wide as the widest reading it can
        show, so that no quarter's numbers move it (:func:`game.ui.placenames.place_map_labels`)."""
        rect = self.layout.map
        covers = tuple(cover.move(-rect.x, -rect.y) for cover in self.covers())
        key = (rect.size, current_language())
        if self._candidate_boxes[0] != key:  # the boxes' sizes follow the language (measured once, not every frame)
            fonts = painter.theme.fonts
            bands = [band_label(band[0]) for band in BANDS]
            widths = [
                widest_reading(fonts, POWERS, bands if form.band else [""], SIZE_SMALL, form.change)
                for form in READING_FORMS
            ]
            boxes: dict[str, tuple[pygame.Rect, ...]] = {}
            for code in self.placing_order:
                large, centre = code in self.large_states, self.mapview.labels[code]
                readings = [state_label_box(code, centre, fonts, width, large) for width in widths]
                name = fonts.width(place_name(code), self._name_size(code), True)
                boxes[code] = (*readings, short_label_box(readings[0], name))
            self._candidate_boxes = (key, boxes)
        boxes = self._candidate_boxes[1]
        return self.mapview.place_labels(boxes, covers)

    def label_boxes(self, painter: Painter) -> dict[str, pygame.Rect]:
        """The states' labels as drawn (map pixels): :meth:`placed_labels`."""
        return dict(self.placed_labels(painter).states)

    def _name_size(self, code: str) -> int:
        """The type size of a state's name on its label: larger for a large state."""
        return SIZE_LABEL if code in self.large_states else SIZE_BODY

    def covers(self) -> list[pygame.Rect]:
        """What lies over the map where no state's label may go: the legend, and the tutorial's card when shown."""
        card = self.commands.locate("coach_card")
        return [self.layout.legend] + ([card] if card is not None and card.colliderect(self.layout.map) else [])

    def _draw_state_label(self, painter: Painter, code: str, scores: np.ndarray, turn: int, place: pygame.Rect) -> None:
        """Name, then leader, score (and its change since the turn before, where the place has room for it) and
        band, and the powers' shares as a thin bar, in a box as wide as they need in the middle of ``place``
        (window pixels: the room placed for the widest reading)."""
        pal = painter.theme.palette
        fonts = painter.theme.fonts
        reading = read_state({p: float(scores[i]) for i, p in enumerate(POWERS)})
        box = place
        line = ""
        if place.height >= MAP_LABEL_HEIGHT:  # a short label (no room on its state) has only the name and the bar
            large = code in self.large_states
            for form in READING_FORMS:
                line = self._label_line(code, scores, turn, form)
                box = state_label_box(code, place.center, fonts, fonts.width(line, SIZE_SMALL), large)
                if box.width <= place.width:
                    break
            box = box.clip(place)
        painter.surface.blit(_veil(box.size, pal.background), box)
        size = self._name_size(code)
        painter.text(place_name(code), (box.centerx, box.y + 2), size, pal.text, True, anchor="midtop")
        if line:
            gy = box.y + 31
            painter.glyph(reading.leader, (box.x + S2 + 6, gy), 6, pal.power(reading.leader), pal.background)
            painter.text(line, (box.x + S2 + 16, gy), SIZE_SMALL, pal.text, anchor="midleft")
        parts = [(float(scores[i]) / 100, pal.power(p)) for i, p in enumerate(POWERS)]
        painter.stacked(pygame.Rect(box.x + S1, box.bottom - 5, box.width - 2 * S1, 3), parts)


_VEILS: dict[tuple[tuple[int, int], Colour], pygame.Surface] = {}


def _veil(size: tuple[int, int], colour: Colour) -> pygame.Surface:
    """A translucent rounded box behind a map label (cached by size)."""
    key = (size, colour)
    if key not in _VEILS:
        veil = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(veil, (*colour, LABEL_VEIL_ALPHA), veil.get_rect(), border_radius=5)
        _VEILS[key] = veil
    return _VEILS[key]
