"""The map's tool tip: the state under the pointer, its leader, the powers' scores and its
autonomy at the turn shown (a pygame_gui tool tip that follows the pointer)."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITooltip

from game.engine.codes import COUNTRIES, POWERS
from game.i18n import _, format_number, place_name
from game.play.session import Session
from game.ui.bands import band_label, read_state
from game.ui.layout import TIP_MARGIN, TIP_OFFSET, TIP_WIDTH
from game.ui.mapview import MapView
from game.ui.markup import esc, font, sentence_case
from game.ui.panels.base import GameCommands, Panel
from game.ui.panels.view import GameView
from game.ui.screen import Host
from game.ui.theme import role_title


class MapTooltip(Panel):
    """Follows ``view.hover``; rebuilt only when the state, turn or palette change."""

    def __init__(self, host: Host, view: GameView, commands: GameCommands, mapview: MapView) -> None:
        super().__init__(host, view, commands)
        self.mapview = mapview  # names the neighbours, which are not played
        self.tip: UITooltip | None = None
        self.tip_key: object = None
        self.tip_pos: tuple[int, int] = (-1, -1)

    def update(self, dt: float) -> None:
        """Open, move or close the tip with the pointer; none while tips are held (a still pointer the layout
        changed under, such as the tutorial's card shrinking away from under its Next: ``Manager.hold_tooltips``)."""
        code = self.view.hover
        if code is None or self.host.ui.tips_held:
            self._kill()
            return
        mouse = self.host.mouse
        key = (code, self.view.shown_turn, self.host.theme.palette.colourblind)
        if self.tip is None or self.tip_key != key:
            self._kill()
            self.tip = UITooltip(
                self._html(code),
                TIP_OFFSET,
                self.host.ui,
                object_id=ObjectID("#map_tip", None),
                wrap_width=TIP_WIDTH,
            )
            self.tip_key = key
            self._place(mouse)
        elif self.tip_pos != mouse:
            self._place(mouse)

    def _place(self, mouse: tuple[int, int]) -> None:
        """Beside the pointer and inside the map: the tip never covers the sidebar's controls."""
        assert self.tip is not None
        area = self.layout.map.inflate(-2 * TIP_MARGIN, -2 * TIP_MARGIN)
        card = self.commands.locate("coach_card")  # the tutorial's text stays readable
        self.tip.set_position(tip_position(mouse, self.tip.rect.size, area, card))
        self.tip_pos = mouse

    def _kill(self) -> None:
        if self.tip is not None:
            self.tip.kill()
        self.tip = None
        self.tip_key = None

    def teardown(self) -> None:
        """Close the tip."""
        super().teardown()
        self._kill()

    def _html(self, code: str) -> str:
        pal = self.host.theme.palette
        if code not in COUNTRIES:
            role = neighbour_role(self.session, code)
            return f"<b>{esc(self.mapview.name_of(code))}</b><br>" + font(role, pal.text_dim)
        c = COUNTRIES.index(code)
        turn = self.view.shown_turn
        head = self.session.headline(turn)[c]
        reading = read_state({p: float(head[i]) for i, p in enumerate(POWERS)})
        lines = [
            font(f"<b>{esc(place_name(code))}</b>", pal.text, 15),
            font(
                esc(
                    _("{band}: {power} leads with {score}").format(
                        band=sentence_case(band_label(reading.band)),
                        power=role_title(reading.leader),
                        score=reading.score_text(1),
                    )
                ),
                pal.text_dim,
            ),
        ]
        for i, p in enumerate(POWERS):
            lines.append(font(f"{esc(role_title(p, short=True))}  <b>{format_number(head[i], 1)}</b>", pal.power(p)))
        autonomy = format_number(self.session.autonomy(turn)[c], 1)
        lines.append(font(esc(_("Autonomy {autonomy} · click for details").format(autonomy=autonomy)), pal.text_dim))
        return "<br>".join(lines)


def neighbour_role(session: Session, code: str) -> str:
    """What a state outside the five is in the game: an outside power (Russia, China) is a role, played by the
    computer unless a team plays it; the others only border the map."""
    if code in POWERS:
        return (
            _("outside power, played by you")
            if code in session.human_roles
            else _("outside power, played by the computer")
        )
    return _("neighbour (not in the game)")


def tip_position(
    pointer: tuple[int, int], size: tuple[int, int], area: pygame.Rect, avoid: pygame.Rect | None = None
) -> tuple[int, int]:
    """Where a tip of ``size`` goes: below and right of the pointer, flipped to its left or above it where it
    would leave ``area``, and kept inside ``area`` when it fits neither side. With ``avoid`` (the tutorial's
    card), the first corner around the pointer that keeps off it, else a place just below or beside it.

    >>> area = pygame.Rect(0, 0, 900, 600)
    >>> tip_position((100, 100), (250, 120), area), tip_position((800, 550), (250, 120), area)
    ((118, 118), (532, 412))
    >>> tip_position((300, 300), (250, 120), area, pygame.Rect(310, 310, 300, 200))
    (32, 318)
    """
    (px, py), (width, height), (dx, dy) = pointer, size, TIP_OFFSET
    x = px + dx if px + dx + width <= area.right else px - dx - width
    y = py + dy if py + dy + height <= area.bottom else py - dy - height
    usual = pygame.Rect(x, y, width, height).clamp(area)
    if avoid is None or not usual.colliderect(avoid):
        return usual.topleft
    left, up, above = px - dx - width, py - dy - height, avoid.top - dy - height
    beyond = (  # past the card: below it, right of it, above it, left of it
        (px + dx, avoid.bottom + dy),
        (avoid.right + dx, py + dy),
        (px + dx, above),
        (left, above),
        (avoid.left - dx - width, py + dy),
    )
    corners = [pygame.Rect(c, size) for c in ((px + dx, py + dy), (left, py + dy), (px + dx, up), (left, up), *beyond)]
    clear = [rect for rect in corners if area.contains(rect) and not rect.colliderect(avoid)]
    if clear:
        return clear[0].topleft
    # Nowhere clear of the card: the place inside the map that covers least of it.
    inside = [rect.clamp(area) for rect in corners]
    return min(inside, key=lambda rect: _overlap(rect, avoid)).topleft


def _overlap(rect: pygame.Rect, other: pygame.Rect) -> int:
    """The area two rectangles share, in pixels."""
    shared = rect.clip(other)
    return shared.width * shared.height
