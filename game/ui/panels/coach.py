"""The tutorial's coach card: the step's text on the map, a ring around the control it names,
Next (for steps that only ask to read) and "Skip tutorial".

The steps and what completes them are the scenario's (``tutorial:``) and
:class:`game.play.tutorial.TutorialProgress` follows them; this panel tells it what the
player has done each frame, finds the anchor on screen and places the card where it never
covers the control it points at.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.codes import COUNTRIES
from game.i18n import _, format_number
from game.play.tutorial import Observation, TutorialProgress, step_text
from game.scenario.tutorial import TutorialStep
from game.ui.gui import Widgets
from game.ui.layout import BUTTON_TEXT, GameLayout
from game.ui.mapview import MapView
from game.ui.markup import esc, font
from game.ui.painter import Painter
from game.ui.panels.base import GameCommands, Panel
from game.ui.panels.view import GameView
from game.ui.screen import Host
from game.ui.theme import S1, S2, S3, SIZE_LABEL, SIZE_SMALL
from game.ui.trace import rect_list, trace

CARD_WIDTH = 380
CARD_MIN_WIDTH = 300  # a card squeezed beside the ring (rather than over a small state) is no narrower
CARD_TEXT = 15
CARD_LINE = 24  # pixels a line of the card's text takes
CARD_TEXT_ROOM = 20  # the text box's padding and the room its scroll bar would take
CARD_FOOT = 44  # the buttons' row
CARD_HEAD = 26  # "Tutorial · step 3 of 20"
HIDDEN_SHARE = 0.4  # of a state's land under the tutorial's card: its label may find no room left
COUNTRY_SPOT = (150, 52)  # the ring around a state's label on the map
TOP_BAR_RING = 3  # px between a top bar control and its ring (it pulses elsewhere; there it would touch the text)
# Anchors that live on the actions tab: when the country tab is shown, the ring goes to the tab's button.
ACTIONS_TAB_ANCHORS = ("actions_list", "queue_button", "action:", "target:")
DIALOG_ANCHORS = ("summary_continue", "event_continue", "dialog_close")  # anchors inside the dialog on top
STRIP_TITLE_HEIGHT, STRIP_BUTTONS_HEIGHT = 38, 66  # the card as a strip in a dialog's title bar, in its buttons' row
STRIP_ABOVE_MIN = 26  # the least height for the strip above a dialog (one line of small type)
DIALOG_TITLE_ROOM = 200  # the dialog's title, left of a strip in its title bar (at least)
TITLE_PADDING = 20  # left of a dialog's title (theme ``window.#title_bar``: ``text_horiz_alignment_padding``)
DIALOG_CARD_MIN = 300  # the narrowest card beside a dialog (narrower, it goes over the dialog's corner: at 228 px a
# Russian step read two words a line and its title touched the edge)
WIDGET_OF_ANCHOR = {
    "objective": "objective",
    "actions_list": "action_list",
    "queue_button": "queue",
    "end_turn": "end_turn",
    "why": "why",
    "news": "top_News",
}


def widget_name(anchor: str) -> str | None:
    """The widget an anchor names (``action:host_summit`` → the list row ``action_host_summit``); None for a
    state on the map."""
    if anchor.startswith("country:"):
        return None
    kind, _, code = anchor.partition(":")
    if code:
        return {"action": "action_", "target": "target_", "why": "why_"}[kind] + code
    return WIDGET_OF_ANCHOR[anchor]


def row_ring(ring: pygame.Rect, box: pygame.Rect, row: pygame.Rect) -> pygame.Rect:
    """A ring around a list's ``row`` kept inside the list's ``box`` and off its scroll bar, right of the row.

    >>> row_ring(pygame.Rect(96, 196, 228, 35), pygame.Rect(100, 100, 240, 300), pygame.Rect(100, 200, 220, 27))
    Rect(100, 196, 220, 35)
    """
    return ring.clip(box).clip(pygame.Rect(box.left, box.top, row.right - box.left, box.height))


def dialog_name(modal: object) -> str:
    """A dialog as a tutorial step names it: ``EventModal`` → ``event``."""
    return type(modal).__name__.removesuffix("Modal").lower()


class CoachPanel(Panel):
    """The card and the ring of the current tutorial step (nothing when the game has no tutorial)."""

    def __init__(
        self,
        host: Host,
        view: GameView,
        commands: GameCommands,
        mapview: MapView,
        find: Callable[[str], pygame.Rect | None],
    ) -> None:
        super().__init__(host, view, commands)
        self.mapview = mapview
        self.find = find  # the map screen's widgets by name
        self.progress = TutorialProgress.for_session(view.session)
        self.card = pygame.Rect(0, 0, 0, 0)
        self.traced: object = None

    # ------------------------------------------------------------------ following the player

    def observation(self) -> Observation:
        """What the player has done, for the tutorial to compare with the step."""
        view = self.view
        s = self.session
        actions = s.world.actions
        role = self.progress.role if self.progress else view.active_role
        modals = [m for m in self.host.modals if not getattr(m, "closed", False)]
        return Observation(
            turn=s.turn,
            action=actions.ids[view.action_index] if view.action_index is not None else None,
            target=view.target,
            queued=tuple((o.action, o.target) for o in s.queued.get(role, [])),
            selected=view.selected if view.inspecting else None,
            dialog=dialog_name(modals[-1]) if modals else None,
            game_over=s.is_over(),
        )

    def update(self, dt: float) -> None:
        """Move to the next step when the player has done what this one asks; then the card."""
        if self.progress is not None and not self.view.replaying:
            self.progress.observe(self.observation())
        super().update(dt)
        if self.main.widgets.elements and self.card.collidepoint(self.host.mouse):
            self.view.hover = None  # the card is not the map: no state's tool tip through it

    def rewind(self) -> None:
        """After an undo: back to the first step of the quarter now to be played (the steps after it spoke of
        orders and results the undo took away)."""
        if self.progress is not None:
            self.progress.resume(self.session.turn)

    def next_step(self) -> None:
        """The card's Next button."""
        if self.progress is not None:
            self.progress.next()

    def skip(self) -> None:
        """The card's "Skip tutorial" button."""
        if self.progress is not None:
            self.progress.skip(self.session)
            self.host.notify(_("Tutorial hidden: the game goes on as usual"))

    # ------------------------------------------------------------------ where

    def anchor_rect(self, step: TutorialStep) -> pygame.Rect | None:
        """Where the step's anchor is on screen now (None when it is not shown)."""
        anchor = step.anchor
        if anchor.startswith("country:"):
            spot = self.mapview.labels.get(anchor.removeprefix("country:"))
            if spot is None:
                return None
            ring = pygame.Rect(0, 0, *COUNTRY_SPOT)
            ring.center = (spot[0] + self.mapview.rect.x, spot[1] + self.mapview.rect.y)  # the state's label
            return ring
        if anchor in DIALOG_ANCHORS:
            return self.dialog_rect(anchor)
        name = widget_name(anchor)
        assert name is not None
        rect = self.find(name)
        box = self.find("action_list")
        if rect is not None and box is not None and anchor.startswith("action:") and not box.contains(rect):
            rect = box  # a row scrolled out of sight: ring the list
        if rect is None and anchor.startswith(ACTIONS_TAB_ANCHORS):
            return self.find("tab_actions")
        goal_line = self.find("goal_line") if anchor == "objective" else None
        if rect is not None and goal_line is not None:  # the goal on its own row above the score: ring both
            rect = rect.union(goal_line)
        return rect

    def dialog_rect(self, anchor: str) -> pygame.Rect | None:
        """Where a control of the dialog on top is: its Continue button (turn summary, event card), or
        the × that closes it."""
        modals = [m for m in self.host.modals if not getattr(m, "closed", False)]
        if not modals:
            return None
        if anchor in ("summary_continue", "event_continue"):
            return modals[-1].locate(anchor)
        button = getattr(getattr(modals[-1], "window", None), "close_window_button", None)
        return pygame.Rect(button.get_abs_rect()) if button is not None and button.visible else None

    def place_card(self, avoid: pygame.Rect | None, height: int, text: str = "") -> pygame.Rect:
        """The card's place on the map: the first corner that keeps clear of the ring and hides fewest states,
        else a narrower card in a top corner beside the ring (taller, as its ``text`` then needs)."""
        area = self.layout.map.inflate(-2 * S3, -2 * S3)
        width = min(CARD_WIDTH, area.width)
        legend_top = self.layout.legend.y - S3
        corners = [
            pygame.Rect(area.x, area.y, width, height),
            pygame.Rect(area.right - width, area.y, width, height),
            pygame.Rect(area.right - width, legend_top - height, width, height),
            pygame.Rect(area.x, legend_top - height, width, height),
        ]
        if avoid is None:
            return corners[0]
        clear = avoid.inflate(2 * S3, 2 * S3)
        # On a small map no corner may be clear: then right beside the ring, else where it covers least of it.
        beside = [
            pygame.Rect(clear.right, clear.y, width, height),
            pygame.Rect(clear.x - width, clear.y, width, height),
            pygame.Rect(clear.x, clear.bottom, width, height),
            pygame.Rect(clear.x, clear.y - height, width, height),
        ]
        narrow = []
        for left, right in ((area.x, clear.x), (clear.right, area.right)):
            if right - left >= CARD_MIN_WIDTH and text:
                tall = self.card_height(text, min(width, right - left))
                narrow.append(pygame.Rect(left if left == area.x else right - min(width, right - left), area.y,
                                          min(width, right - left), tall))
        candidates = corners + [rect.clamp(area) for rect in beside]
        clear_of_ring = [c for c in candidates if not c.colliderect(clear)]
        if narrow and (not clear_of_ring or min(map(self.states_hidden, clear_of_ring))):
            clear_of_ring += [c for c in narrow if area.contains(c) and not c.colliderect(clear)]
        if clear_of_ring:  # the first that hides fewest states (a small state under the card loses its label)
            return min(clear_of_ring, key=self.states_hidden)
        return min(candidates, key=lambda c: c.clip(clear).width * c.clip(clear).height)

    def states_hidden(self, card: pygame.Rect) -> int:
        """How many playable states a card there would hide most of (``HIDDEN_SHARE`` of their land or more)."""
        return sum(self.mapview.hidden_share(code, card) >= HIDDEN_SHARE for code in COUNTRIES)

    def card_height(self, text: str, width: int | None = None) -> int:
        """Height the step's text needs at the card's width (default: the card's width on the map)."""
        fonts = self.host.theme.fonts
        room = (width or min(CARD_WIDTH, self.layout.map.width - 2 * S3)) - 4 * S2 - CARD_TEXT_ROOM
        lines, line = 1, ""
        for word in text.split():
            attempt = f"{line} {word}".strip()
            if fonts.width(attempt, CARD_TEXT) > room and line:
                lines, line = lines + 1, word
            else:
                line = attempt
        return CARD_HEAD + lines * CARD_LINE + S3 + CARD_FOOT

    def dialog_window(self) -> pygame.Rect | None:
        """The dialog on top, when the current step's control is in it (the card then goes beside it)."""
        step = self.progress.current if self.progress is not None else None
        modals = [m for m in self.host.modals if not getattr(m, "closed", False)]
        window = getattr(modals[-1], "window", None) if modals else None
        if step is None or step.anchor not in DIALOG_ANCHORS or window is None:
            return None
        return pygame.Rect(window.rect)

    def beside_dialog(self, dialog: pygame.Rect, text: str, ring: pygame.Rect | None) -> pygame.Rect:
        """The card's place while a dialog is open (a dialog covers the map and the card's usual corners): beside
        the dialog where there is room, else over the dialog's bottom-left corner, clear of the ringed button."""
        area = self.host.window.get_rect().inflate(-2 * S3, -2 * S3)
        left, right = dialog.left - S3 - area.left, area.right - dialog.right - S3
        if max(left, right) >= DIALOG_CARD_MIN:
            width = min(CARD_WIDTH, max(left, right))
            height = self.card_height(text, width) - CARD_FOOT + S3
            x = dialog.left - S3 - width if left >= right else dialog.right + S3
            return pygame.Rect(x, max(area.top, min(dialog.top, area.bottom - height)), width, height)
        return self.strip_in_dialog(dialog, ring)

    def strip_in_dialog(self, dialog: pygame.Rect, ring: pygame.Rect | None) -> pygame.Rect:
        """Where a dialog too wide to have the card beside it takes the card as a strip of small type, over no
        content: above the dialog left of a ringed × where there is room (nc3 saw it fill the News log's title
        row), else in its title bar right of the title; in its row of buttons left of a ringed button."""
        inside = dialog.inflate(-2 * S3, -2 * S3)
        right = (ring.left if ring is not None else inside.right) - 2 * S3
        if ring is not None and ring.centery < dialog.centery:  # the × of the title bar
            room = min(STRIP_TITLE_HEIGHT, dialog.top - S1 - self.host.window.get_rect().top)
            if room >= STRIP_ABOVE_MIN:  # over the veiled screen, the dialog's title left whole
                return pygame.Rect(dialog.left, dialog.top - S1 - room, right - dialog.left, room)
            left = dialog.left + max(DIALOG_TITLE_ROOM, self.dialog_title_width() + S3)
            return pygame.Rect(left, dialog.top + 3, right - left, STRIP_TITLE_HEIGHT)
        bottom = ring.bottom + S3 if ring is not None else inside.bottom
        return pygame.Rect(inside.left, bottom - STRIP_BUTTONS_HEIGHT, right - inside.left, STRIP_BUTTONS_HEIGHT)

    def dialog_title_width(self) -> int:
        """Pixels the dialog on top's title takes from its left edge (0 when it has none): "Журнал новостей" is
        wider than :data:`DIALOG_TITLE_ROOM`."""
        modals = [m for m in self.host.modals if not getattr(m, "closed", False)]
        bar = getattr(getattr(modals[-1], "window", None), "title_bar", None) if modals else None
        font, text = getattr(bar, "font", None), getattr(bar, "text", "")
        if font is None or not text:
            return 0
        return TITLE_PADDING + int(font.size(text)[0])

    # ------------------------------------------------------------------ widgets

    def build(self, layout: GameLayout) -> None:
        """The card is made on refresh (it follows its step)."""
        super().build(layout)
        self.traced = None

    def signature(self) -> object | None:
        """The step, where its anchor is, and whether a dialog is open."""
        progress = self.progress
        step = progress.current if progress is not None else None
        if step is None or self.view.replaying or self.dialog_window() is not None:
            return None  # over a dialog the card is drawn beside it (``draw_above``)
        rect = self.anchor_rect(step)
        return (progress.index if progress else 0, rect_list(rect), self.layout.map.size)

    def refresh(self) -> None:
        """The card when its step or the anchor's place changed, then a trace line if asked for."""
        super().refresh()
        step = self.progress.current if self.progress is not None else None
        if step is not None and not self.view.replaying:
            self._trace(step, self.anchor_rect(step))

    def make_widgets(self, ui: Widgets) -> None:
        """The card: the step's number, its text (what to do, ringed where), Next and "Skip tutorial"."""
        progress = self.progress
        assert progress is not None and progress.current is not None
        step = progress.current
        pal = self.host.theme.palette
        text = self.card_text()
        height = self.card_height(text)
        self.card = self.place_card(self.anchor_rect(step), height, text)
        card = self.card
        height = card.height
        ui.text_box(card, "", "card_text", name="coach_card")
        inner = card.inflate(-4 * S2, -2 * S2)
        ui.label(
            (inner.x, inner.y, inner.width, 20),
            self.card_title(),
            "subheading",
            name="coach_title",
        )
        ui.text_box(
            (inner.x - 4, inner.y + CARD_HEAD - 2, inner.width + 8, height - CARD_HEAD - CARD_FOOT),
            font(esc(text), pal.text, CARD_TEXT),
            "plain_text",
            name="coach_text",
        )
        foot = card.bottom - CARD_FOOT + S2
        fonts = self.host.theme.fonts
        skip, next_label = _("Skip tutorial"), _("Next") + "  ›"
        skip_width = max(140, fonts.width(skip, SIZE_SMALL) + 2 * S3)
        next_width = max(110, fonts.width(next_label, BUTTON_TEXT, True) + 2 * S3)
        ui.button((inner.x, foot, skip_width, 32), skip, self.skip, kind="small_button", name="coach_skip")
        if step.done == "next":
            ui.button(
                (inner.right - next_width, foot, next_width, 32),
                next_label,
                self.next_step,
                kind="primary",
                name="coach_next",
            )

    def card_title(self) -> str:
        """The card's heading: ``Tutorial · step 3 of 20``."""
        progress = self.progress
        assert progress is not None
        return _("Tutorial · step {number} of {steps}").format(
            number=format_number(progress.number), steps=format_number(progress.count)
        )

    def card_text(self) -> str:
        """What the card says: the current step's text, and its target's where the step brings one along."""
        progress = self.progress
        assert progress is not None
        return " ".join(step_text(step, self.session, progress.role) for step in progress.shown_steps())

    def _trace(self, step: TutorialStep, rect: pygame.Rect | None) -> None:
        """One line per step shown (and again when its anchor moves), for the real-window test."""
        progress = self.progress
        assert progress is not None
        key = (progress.index, rect_list(rect))
        if key == self.traced:
            return
        self.traced = key
        trace(
            "tutorial_step",
            index=progress.index,
            id=step.id,
            anchor=step.anchor,
            done=step.done,
            rect=rect_list(rect),
            next=rect_list(self.find("coach_next")),
            steps=len(progress.steps),
        )

    # ------------------------------------------------------------------ drawing

    def draw_above(self, painter: Painter) -> None:
        """The ring around the anchor, over every widget (over a dialog only when the step is in it)."""
        progress = self.progress
        step = progress.current if progress is not None else None
        if step is None or self.view.replaying:
            return
        open_dialogs = [m for m in self.host.modals if not getattr(m, "closed", False)]
        if open_dialogs and step.anchor not in DIALOG_ANCHORS:
            return
        rect = self.anchor_rect(step)
        if rect is None:
            return
        pal = painter.theme.palette
        ring, halo = self.ring_around(step, rect, painter.surface.get_rect())
        if step.done == "next":  # "look here": a quiet outline, unlike the bright ring that means "click this"
            pygame.draw.rect(painter.surface, pal.text_dim, ring, 2, border_radius=8)
        else:
            pygame.draw.rect(painter.surface, pal.warning, ring, 3, border_radius=8)
            pygame.draw.rect(painter.surface, pal.warning, halo, 1, border_radius=10)
        dialog = self.dialog_window()
        if dialog is not None:
            self.draw_dialog_card(painter, step, dialog, rect)

    def ring_around(
        self, step: TutorialStep, rect: pygame.Rect, screen: pygame.Rect
    ) -> tuple[pygame.Rect, pygame.Rect]:
        """The pulsing ring and its halo around the step's control at ``rect``, this frame."""
        pulse = (pygame.time.get_ticks() // 120) % 8
        grow = 4 + (pulse if pulse < 4 else 8 - pulse)
        # A pulsing ring with a thin halo, outside the control so it never hides it (an arrow would hide a
        # neighbour: the target buttons and the list rows sit side by side).
        if self.layout.top.contains(rect):  # the top bar's controls sit close to its text and edges: a steady ring
            grow = TOP_BAR_RING  # hugging the control, kept inside the bar (below, the map's card)
        ring, halo = rect.inflate(2 * grow, 2 * grow), rect.inflate(2 * grow + 8, 2 * grow + 8)
        if self.layout.top.contains(rect):
            ring = halo = ring.clip(self.layout.top)  # no halo: it would reach the next control's text
        box = self.find("action_list") if step.anchor.startswith("action:") else None
        if box is not None:
            # A row's ring stays inside the list (above it is the list's heading, below the order) and left of the
            # row's right edge: the list's scroll bar and its ▲/▼ arrows are there.
            ring, halo = row_ring(ring, box, rect), row_ring(halo, box.inflate(4, 4), rect)
        ring, halo = ring.clip(screen), halo.clip(screen)  # a control at the window's edge: the ring along it
        return ring, halo

    def draw_dialog_card(self, painter: Painter, step: TutorialStep, dialog: pygame.Rect, ring: pygame.Rect) -> None:
        """The card of a step inside a dialog, drawn over everything beside the dialog (widgets would sit under it)."""
        progress = self.progress
        assert progress is not None
        pal = painter.theme.palette
        text = self.card_text()
        card = self.beside_dialog(dialog, text, ring)
        self.card = card
        painter.panel(card, pal.panel_alt)
        pygame.draw.rect(painter.surface, pal.warning, card, 2, border_radius=6)
        if card.height <= STRIP_BUTTONS_HEIGHT:  # a strip inside the dialog: the step's text in small type
            inner = card.inflate(-2 * S2, -S2)
            # numbered as the cards are, so the counter never seems to skip the steps made in dialogs
            strip = _("Tutorial {number}/{steps}: {text}").format(
                number=format_number(progress.number), steps=format_number(progress.count), text=text
            )
            painter.paragraph(strip, inner, SIZE_SMALL, pal.text)
            return
        inner = card.inflate(-4 * S2, -2 * S2)
        title = self.card_title()
        painter.text(title, (inner.x, inner.y), SIZE_LABEL, pal.accent, True)
        room = pygame.Rect(inner.x, inner.y + CARD_HEAD, inner.width - CARD_TEXT_ROOM, inner.height)
        line = painter.theme.fonts.font(CARD_TEXT).get_linesize()
        painter.paragraph(text, room, CARD_TEXT, pal.text, gap=CARD_LINE - line + 3)  # as ``card_height`` counts
