"""Where things sit in the window (pixels): the map screen's regions and the sizes its panels share.

The spacing scale (``S1`` … ``S5``) and type sizes live in :mod:`game.ui.theme`; this
module places the panels of the map screen and names the recurring sizes inside them,
so a panel never re-derives another panel's rectangle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.theme import S1, S2, S3, S4

# The window's short messages ("Saved to …"), centred under the top bar.
TOAST_HEIGHT, TOAST_TOP = 36, 60
DIALOG_TITLE_HEIGHT = 44  # a dialog's title bar (theme ``window``: ``title_bar_height``)

# Map screen: a top bar, the map on the left, a sidebar on the right.
TOP_BAR_HEIGHT = 52
SIDEBAR_WIDTH, SIDEBAR_MIN_WIDTH = 420, 320  # 7/20 of a window (the actions' names), within these
TOP_BUTTON_Y, TOP_BUTTON_HEIGHT = 9, 34  # buttons of the top bar
TOP_ROW2_Y, TOP_ROW2_HEIGHT = 24, 25  # its smaller buttons under the goal, when the goal takes a row of its own
BUTTON_TEXT = 15  # point size of button labels (theme ``gui.json``), for measuring them
SMALL_BUTTON_TEXT = 13  # … and of the small buttons (``@small_button``)
TOP_TITLE_WIDTH = 130  # the quarter and "turn n of N", at the left
TOP_TEAMS_X = 150  # where the teams' buttons start
TABS_HEIGHT = 34
END_TURN_HEIGHT = 50

# Over the map: the legend in the bottom-left corner, the replay bar beside it (or above it).
LEGEND_WIDTH, LEGEND_HEIGHT = 262, 216
LEGEND_CLOSED_HEIGHT = 34  # the legend folded to its "show" button
LEGEND_OPEN_MIN_MAP = 640  # scaled up, a map shorter than this starts with the legend folded (1920×1080 at 150 %)
LEGEND_ROW = 20  # one band of the legend
LEGEND_RANGES_X, LEGEND_SWATCHES_X = 96, 142  # the bands' score ranges and colour swatches, from its left
LEGEND_SWATCH_WIDTH, LEGEND_SWATCH_GAP = 30, 4  # one column of swatches per power
REPLAY_BAR_HEIGHT = 46
REPLAY_BAR_LIFT = 58  # from the bottom of the map (or the top of the legend) to the bar's top
REPLAY_BAR_MIN_WIDTH = 440  # narrower beside the legend: the bar moves above it

# Sidebar, actions tab: a header, the queued orders, the list of actions, the chosen order.
ACTIONS_HEADER = 40  # role name and points, with the bar of points left
QUEUE_TITLE = 22
QUEUE_ROW = 27  # as tall as a row of the actions list (see ActionsPanel.refresh)
QUEUE_ROWS_SHOWN = 4  # rows kept for queued orders, at most
QUEUE_CANCEL_WIDTH, QUEUE_COST_WIDTH = 28, 48  # the × button and the cost, at the right of a queued order
LIST_TEXT = 14  # point size of the list's rows (theme ``gui.json``), for shortening titles
LIST_ROOM = 40  # kept free at the right of a row (scroll bar and padding)
LIST_HEADER, LIST_ROW = 18, 27  # the list's column heading; a row's height (theme ``gui.json``)
LIST_ROWS_KEPT = 6  # rows the list keeps whenever the window has room (1280×720 and up)
LIST_ROWS_MIN = 4  # rows it keeps in any window, whatever the queue (the order's explanation scrolls instead)
LIST_BORDER = 6  # the list's frame, top and bottom (theme ``gui.json``): its view is a whole number of rows
ORDER_MIN_HEIGHT = 170  # the chosen order's targets, Queue and four lines of expected effects
ORDER_ROOMY_HEIGHT = 300  # the most the chosen order takes from a list longer than LIST_ROWS_KEPT rows
# Sidebar, country tab: the drawn bars above, the "why it moved" list below this offset.
WHY_OFFSET = 336
WHY_MIN_ROOM = 160  # under this, the channels go into two columns so the "why" list shows several causes
CHANNEL_ROW = 18
COUNTRY_BARS_X, COUNTRY_VALUES_WIDTH = 86, 46  # the bars start after the names and leave room for the values

# The map's tool tip, beside the pointer.
TIP_OFFSET, TIP_WIDTH = (18, 18), 250
TIP_MARGIN = 6  # px every tool tip keeps from the window's (or, the map's tip, the map's) edges

# Map labels: a box per state; states larger than LARGE_STATE_KM2 get the larger type.
MAP_LABEL_MIN_WIDTH, MAP_LABEL_HEIGHT = 96, 48
MAP_LABEL_SHORT_HEIGHT = 32  # a label without its reading line: the name and the shares' bar
LARGE_STATE_KM2 = 300_000


def toast_rect(
    window: pygame.Rect,
    width: int,
    dialogs: list[pygame.Rect],
    card: pygame.Rect | None = None,
    controls: Sequence[pygame.Rect] = (),
) -> pygame.Rect:
    """Where a short message goes: under the top bar, centred but left of the map screen's sidebar (its tabs are
    the next control), or under the tabs when it is too wide for that; beside the tutorial's ``card`` when it
    would cover it; just above (else below) an open dialog it would cover, else just under the dialog's title
    (over neither its title nor its buttons). Wherever that is, it never covers one of the ``controls`` (the
    buttons on show): it moves to the nearest place clear of them (see :func:`clear_of`).

    >>> window = pygame.Rect(0, 0, 1024, 640)
    >>> toast_rect(window, 300, []), toast_rect(window, 300, [pygame.Rect(292, 80, 440, 480)])
    (Rect(362, 60, 300, 36), Rect(362, 36, 300, 36))
    >>> toast_rect(window, 300, [pygame.Rect(72, 16, 880, 608)])
    Rect(362, 64, 300, 36)

    A message that would cover the tutorial's card (its title) goes beside it, else under it:

    >>> card = pygame.Rect(12, 64, 380, 250)
    >>> toast_rect(window, 200, [], card), toast_rect(window, 700, [], card)
    (Rect(412, 60, 200, 36), Rect(12, 322, 700, 36))
    """
    rect = _toast_spot(window, width, dialogs, card)
    return clear_of(rect, window, controls, dialogs) if controls else rect


def clear_of(
    rect: pygame.Rect, window: pygame.Rect, controls: Sequence[pygame.Rect], dialogs: Sequence[pygame.Rect] = ()
) -> pygame.Rect:
    """``rect`` moved as little as it takes to cover none of the ``controls`` (nor the ``dialogs``, where it can):
    down or up the window in steps of ``S2``, at its own left, centred, or at either side; as it was when no
    place is clear.

    >>> window, buttons = pygame.Rect(0, 0, 1024, 640), [pygame.Rect(500, 20, 480, 70)]
    >>> narrow, wide = pygame.Rect(362, 60, 300, 36), pygame.Rect(362, 60, 500, 36)
    >>> clear_of(narrow, window, buttons), clear_of(wide, window, buttons)
    (Rect(8, 60, 300, 36), Rect(362, 92, 500, 36))
    """
    inside = window.inflate(-2 * S2, -2 * S2)
    lefts = (rect.x, window.centerx - rect.width // 2, inside.left, inside.right - rect.width)
    shifts = sorted([*range(0, window.bottom - rect.y, S2), *range(-S2, window.top - rect.y - 1, -S2)], key=abs)
    for avoided in ([*controls, *dialogs], list(controls)):
        for shift in shifts:
            for left in lefts:
                spot = pygame.Rect(left, rect.y + shift, rect.width, rect.height)
                if inside.contains(spot) and spot.collidelist(avoided) < 0:
                    return spot
    return rect


def _toast_spot(window: pygame.Rect, width: int, dialogs: list[pygame.Rect], card: pygame.Rect | None) -> pygame.Rect:
    """Where a message goes with no regard to the controls (see :func:`toast_rect`)."""
    tabs = GameLayout.of(window.size).tabs
    rect = pygame.Rect(0, 0, width, TOAST_HEIGHT)
    rect.midtop = (window.centerx, TOAST_TOP)
    rect.right = min(rect.right, tabs.left - S3)  # clear of the sidebar's tabs
    if rect.left < window.left + S2:  # too wide for that: under the tabs
        rect.midtop = (window.centerx, tabs.bottom + S3)
    if card is not None and card.colliderect(rect):  # the tutorial's card: beside it, else under it, if there is room
        spots = (
            pygame.Rect(card.right + S2, rect.y, width, TOAST_HEIGHT),
            pygame.Rect(card.x, card.bottom + S2, width, TOAST_HEIGHT),
            pygame.Rect(card.right + S2, tabs.bottom + S3, width, TOAST_HEIGHT),
        )
        inside = window.inflate(-2 * S2, -2 * S2)
        rect = next((spot for spot in spots if inside.contains(spot) and not spot.colliderect(tabs)), rect)
    covered = [dialog for dialog in dialogs if dialog.colliderect(rect)]
    if not covered:
        return rect
    top, bottom = min(d.top for d in covered), max(d.bottom for d in covered)
    for y in (top - TOAST_HEIGHT - S2, bottom + S2):
        if window.top <= y and y + TOAST_HEIGHT <= window.bottom:
            return rect.move(0, y - rect.y)
    return rect.move(0, min(d.top for d in covered) + DIALOG_TITLE_HEIGHT + S1 - rect.y)


def beside_list(
    tip: tuple[int, int],
    row: pygame.Rect,
    box: pygame.Rect,
    window: pygame.Rect,
    controls: Sequence[pygame.Rect] = (),
) -> tuple[int, int]:
    """Where a list row's tool tip of size ``tip`` goes: beside the list ``box`` (left of it, else right of it),
    level with the ``row`` or as near it as keeps it off the other ``controls`` (the tutorial card's buttons), so
    that it covers neither the rows below nor the control under the list; else above the list, else below it.

    >>> window = pygame.Rect(6, 6, 1012, 628)
    >>> beside_list((250, 80), pygame.Rect(682, 260, 300, 27), pygame.Rect(682, 225, 326, 143), window)
    (424, 260)
    >>> beside_list((250, 80), pygame.Rect(40, 600, 300, 27), pygame.Rect(30, 300, 326, 320), window)
    (364, 554)

    A button where it would go (the tutorial's "Next"): just below it, or above it when nearer.

    >>> next_button = pygame.Rect(266, 279, 110, 31)
    >>> beside_list((330, 100), pygame.Rect(682, 260, 300, 27), pygame.Rect(682, 225, 326, 143), window, [next_button])
    (344, 314)
    """
    for x in (box.left - S2 - tip[0], box.right + S2):
        ys = [row.y] + [y for c in controls for y in (c.bottom + S1, c.top - S1 - tip[1])]
        for y in sorted(ys, key=lambda y: abs(y - row.y)):
            spot = pygame.Rect((x, y), tip)
            spot.bottom = min(spot.bottom, window.bottom)
            if window.contains(spot) and spot.collidelist(list(controls)) < 0:
                return spot.topleft
    for y in (box.top - S2 - tip[1], box.bottom + S2):
        spot = pygame.Rect((row.x, y), tip).clamp(pygame.Rect(window.x, y, window.width, tip[1]))
        if window.contains(spot):
            return spot.topleft
    return pygame.Rect((row.x, row.bottom), tip).clamp(window).topleft


def queue_rows(max_orders: int) -> int:
    """Rows the actions tab gives ``max_orders`` queued orders: at least one, at most ``QUEUE_ROWS_SHOWN``.

    >>> queue_rows(3), queue_rows(0), queue_rows(9)
    (3, 1, 4)
    """
    return max(1, min(QUEUE_ROWS_SHOWN, int(max_orders)))


def legend_starts_open(map_height: int, ui_scale: int) -> bool:
    """Whether the map's legend is open before the player folds or opens it: always at 100 % (every layout was
    drawn with it), and scaled up only where the map is at least :data:`LEGEND_OPEN_MIN_MAP` tall.

    >>> legend_starts_open(560, 100), legend_starts_open(612, 150), legend_starts_open(700, 125)
    (True, False, True)
    """
    return ui_scale <= 100 or map_height >= LEGEND_OPEN_MIN_MAP


@dataclass(frozen=True)
class GameLayout:
    """The regions of the map screen for one window size."""

    top: pygame.Rect
    map: pygame.Rect
    side: pygame.Rect
    tabs: pygame.Rect
    end_turn: pygame.Rect
    body: pygame.Rect
    legend: pygame.Rect
    replay: pygame.Rect
    legend_open: bool  # the legend shown whole (else folded to its "show" button)

    @classmethod
    def of(cls, size: tuple[int, int], ui_scale: int = 100, legend_open: bool | None = None) -> GameLayout:
        """The layout of a window of ``size`` pixels (the canvas, at ``ui_scale`` percent); the legend folded or
        open as the player last chose (``legend_open``), else as :func:`legend_starts_open` says.

        The legend's rectangle is the one to keep clear (the map's labels read it), folded or not:

        >>> GameLayout.of((1280, 720)).legend, GameLayout.of((1269, 666), 150).legend
        (Rect(12, 492, 262, 216), Rect(12, 620, 262, 34))
        >>> GameLayout.of((1269, 666), 150, legend_open=True).legend_open
        True
        """
        w, h = size
        sidebar = min(SIDEBAR_WIDTH, max(SIDEBAR_MIN_WIDTH, w * 7 // 20))
        map_rect = pygame.Rect(0, TOP_BAR_HEIGHT, w - sidebar, h - TOP_BAR_HEIGHT)
        side = pygame.Rect(w - sidebar, TOP_BAR_HEIGHT, sidebar, h - TOP_BAR_HEIGHT)
        inner = side.inflate(-2 * S4, -2 * S3)
        tabs = pygame.Rect(inner.x, inner.y, inner.width, TABS_HEIGHT)
        end_turn = pygame.Rect(inner.x, inner.bottom - END_TURN_HEIGHT, inner.width, END_TURN_HEIGHT)
        body = pygame.Rect(inner.x, tabs.bottom + S3, inner.width, end_turn.y - tabs.bottom - 2 * S3)
        opened = legend_open if legend_open is not None else legend_starts_open(map_rect.height, ui_scale)
        height = LEGEND_HEIGHT if opened else LEGEND_CLOSED_HEIGHT
        legend = pygame.Rect(map_rect.x + S3, map_rect.bottom - height - S3, LEGEND_WIDTH, height)
        replay = pygame.Rect(legend.right + S3, map_rect.bottom - REPLAY_BAR_LIFT, 0, REPLAY_BAR_HEIGHT)
        replay.width = map_rect.right - S3 - replay.x
        if replay.width < REPLAY_BAR_MIN_WIDTH:
            replay = pygame.Rect(
                map_rect.x + S3, legend.y - REPLAY_BAR_LIFT, map_rect.width - 2 * S3, REPLAY_BAR_HEIGHT
            )
        top = pygame.Rect(0, 0, w, TOP_BAR_HEIGHT)
        return cls(top, map_rect, side, tabs, end_turn, body, legend, replay, opened)

    def queue_top(self) -> int:
        """Where the queued orders start in the actions tab (below its header and title)."""
        return self.body.y + ACTIONS_HEADER + QUEUE_TITLE

    def action_list(self, queue_shown: int) -> pygame.Rect:
        """The list of actions (with its heading), between the queued orders (``queue_shown`` rows, see
        :func:`queue_rows`) and the chosen order. Choosing an action leaves it as it is: the row just clicked
        stays under the pointer."""
        top = self._list_top(queue_shown)
        bottom = self.order_form(queue_shown).y - S3
        return pygame.Rect(self.body.x, top, self.body.width, bottom - top)

    def _list_top(self, queue_shown: int) -> int:
        return self.queue_top() + queue_shown * QUEUE_ROW + S2

    def list_rows(self, queue_shown: int) -> int:
        """Rows of actions the list shows: ``LIST_ROWS_KEPT`` where the order below keeps ``ORDER_MIN_HEIGHT``,
        never fewer than ``LIST_ROWS_MIN`` (the order gives way and scrolls), and more in a tall window, where the
        order would get over ``ORDER_ROOMY_HEIGHT``.

        >>> layout = GameLayout.of((1024, 640))
        >>> layout.list_rows(1), layout.list_rows(3), GameLayout.of((1280, 720)).list_rows(3)
        (5, 4, 6)
        """
        room = self.body.bottom - self._list_top(queue_shown) - S3 - LIST_HEADER - LIST_BORDER
        rows = max(LIST_ROWS_MIN, min(LIST_ROWS_KEPT, (room - ORDER_MIN_HEIGHT) // LIST_ROW))
        return max(rows, -(-(room - ORDER_ROOMY_HEIGHT) // LIST_ROW))

    def order_form(self, queue_shown: int) -> pygame.Rect:
        """The chosen order (targets, Queue, expected effects) or the advice, at the tab's foot: what the list
        above leaves (see :meth:`list_rows`).

        >>> layout = GameLayout.of((1024, 640))
        >>> layout.order_form(1).height, layout.order_form(3).height
        (188, 161)
        """
        top = self._list_top(queue_shown)
        height = self.body.bottom - top - S3 - (LIST_HEADER + self.list_rows(queue_shown) * LIST_ROW + LIST_BORDER)
        return pygame.Rect(self.body.x, self.body.bottom - height, self.body.width, height)
