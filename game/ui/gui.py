"""pygame_gui glue: the themed manager and a per-screen widget set with names.

Every screen and dialog owns a :class:`Widgets` set; it creates pygame_gui elements
with the game's theme classes (``@primary``, ``@heading``, ``@dim`` …, see
``assets/theme/gui.json``), binds button callbacks, remembers elements by name (tests
click them by name; the driver posts real mouse events at their rectangles) and kills
them all when the screen is rebuilt or left.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.core.interfaces import IContainerLikeInterface, IUIElementInterface
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UIImage,
    UILabel,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
    UITooltip,
    UIVerticalScrollBar,
    UIWindow,
)

from game.ui.layout import TIP_MARGIN, beside_list
from game.ui.markup import fit_line, label_font, plain
from game.ui.theme import ASSETS, FONT_BOLD, FONT_REGULAR

GUI_THEME_FILE = ASSETS / "theme" / "gui.json"
FONT_ITALIC = ASSETS / "fonts" / "NotoSans-Italic.ttf"
FONT_BOLD_ITALIC = ASSETS / "fonts" / "NotoSans-BoldItalic.ttf"
FONT_NAME = "mv_sans"

Callback = Callable[[], None]


HEADING_KINDS = frozenset({"@hero", "@dim_large", "@heading", "@subheading", "@strong"})  # titles, headings
WHEEL_NOTCH_ROWS = 3  # rows (or lines) a notch of the wheel scrolls, at most: fewer in a short list (see wheel_step)


def wheel_step(visible: int) -> int:
    """Rows (or lines) a notch of the wheel scrolls a box showing ``visible`` of them (a text box's ▲/▼ too): at most
    ``WHEEL_NOTCH_ROWS`` and at most ``visible - 1``, so that a row on show before stays on show after (in a
    two-row list a notch of three skipped rows unseen); at least one.

    >>> wheel_step(2), wheel_step(4), wheel_step(12), wheel_step(1)
    (1, 3, 3, 1)
    """
    return max(1, min(WHEEL_NOTCH_ROWS, visible - 1))


class WholeRowsList(UISelectionList):
    """A selection list that scrolls by whole rows: the wheel and the scroll bar's drag stop where the top row
    shows whole (pygame_gui stops anywhere, and a row cut in half at the top read as clipped)."""

    def update(self, time_delta: float) -> None:
        """Round the scroll position to a whole row before the rows are placed."""
        bar = self.scroll_bar
        if bar is not None and self.item_list_container is not None and bar.check_has_moved_recently():
            row = max(1, self.list_item_height)
            last = -(-int(self.lowest_list_pos) // row)  # the bottom shows the last row whole, the top one too
            self.lowest_list_pos = last * row
            top = min(round(bar.start_percentage * self.total_height_of_list / row), last)
            bar.start_percentage = top * row / max(1, self.total_height_of_list)
        super().update(time_delta)

    def visible_rows(self) -> int:
        """How many whole rows the list shows at once."""
        shown = self.item_list_container.rect.height if self.item_list_container is not None else 0
        return int(shown // max(1, self.list_item_height))

    def top_row(self) -> int:
        """The index of the row at the top of the view."""
        bar = self.scroll_bar
        return round(bar.start_percentage * len(self.item_list)) if bar is not None else 0

    def scroll_rows(self, delta: int) -> None:
        """Scroll by ``delta`` whole rows (negative: up)."""
        bar = self.scroll_bar
        if bar is None:
            return
        rows = max(1, len(self.item_list))
        bar.button_scroll_amount = 0.0  # no creeping while an arrow is held: the row is the step
        bar.set_scroll_from_start_percentage((self.top_row() + delta) / rows)
        self.update(0.0)  # before the bar's own update, which clears its "moved" flag

    def wheel(self, notches: int) -> None:
        """A turn of the wheel: ``notches`` up (positive) or down."""
        self.scroll_rows(-notches * wheel_step(self.visible_rows()))


class WholeLinesTextBox(UITextBox):
    """A text box that, once it scrolls, shows whole lines only: its view starts at a line's top and ends after
    the last line it shows whole (the strip below stays background), and the wheel, the arrows and the scroll
    bar's drag stop at lines (pygame_gui cut the last line through its letters, and any line while scrolled)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.top = 0  # the layout's y at the top of the view: a line's top
        super().__init__(*args, **kwargs)

    def line_edges(self) -> list[tuple[int, int]]:
        """Each line's top and bottom in the layout (pixels)."""
        rows = self.text_box_layout.layout_rows if self.text_box_layout is not None else []
        return [(int(row.y), int(row.y + row.height)) for row in rows]

    def view_height(self) -> int:
        """The height of the area the text shows in."""
        return int(UITextBox._calculate_drawable_area(self, 0).height)

    def drawn_area(self) -> pygame.Rect:
        """The part of the text's layout on show."""
        return self._calculate_drawable_area(self.top if self.scroll_bar is not None else 0)

    def shown_lines(self) -> list[tuple[int, int]]:
        """The lines on show, whole (tops and bottoms in the layout)."""
        area = self.drawn_area()
        return [(top, bottom) for top, bottom in self.line_edges() if top >= area.top and bottom <= area.bottom]

    def _tops(self) -> list[int]:
        """The tops a scrolled view may start at: every line's, up to the first that shows the last line whole."""
        edges = self.line_edges()
        if not edges:
            return [0]
        last = edges[-1][1]
        height = self.view_height()
        end = next((top for top, _bottom in edges if last - top <= height), edges[-1][0])
        return [top for top, _bottom in edges if top <= end]

    def _scroll_to(self, top: int) -> None:
        bar = self.scroll_bar
        if bar is None or self.text_box_layout is None:
            return
        self.top = top
        bar.button_scroll_amount = 0.0  # no creeping while an arrow is held: the line is the step
        total = max(1, self.text_box_layout.layout_rect.height)
        bar.set_scroll_from_start_percentage(top / total)  # the thumb (it stops short of a last line shown whole)
        bar.start_percentage = top / total  # … and the view, at the line

    def scroll_lines(self, delta: int) -> None:
        """Scroll by ``delta`` lines (negative: up)."""
        tops = self._tops()
        here = max((i for i, top in enumerate(tops) if top <= self.top), default=0)
        self._scroll_to(tops[max(0, min(len(tops) - 1, here + delta))])
        super().update(0.0)  # drawn now: the bar's own update clears its "moved" flag

    def wheel(self, notches: int) -> None:
        """A turn of the wheel: ``notches`` up (positive) or down."""
        self.scroll_lines(-notches * wheel_step(len(self.shown_lines())))

    def update(self, time_delta: float) -> None:
        """Stop a drag of the scroll bar at a line: the next line's top going down, the previous one's going up."""
        bar = self.scroll_bar
        if bar is not None and self.text_box_layout is not None and bar.check_has_moved_recently():
            offset = bar.start_percentage * self.text_box_layout.layout_rect.height
            tops = self._tops()
            if abs(offset - self.top) >= 0.5:
                down = offset > self.top
                near = [t for t in tops if t >= offset - 0.5] if down else [t for t in tops if t <= offset + 0.5]
                self._scroll_to((min(near) if down else max(near)) if near else (tops[-1] if down else 0))
        super().update(time_delta)

    def _whole_lines_area(self, area: pygame.Rect) -> pygame.Rect:
        """The part of the text on show: from the line at the top of the view to the bottom of the last line
        shown whole."""
        area = pygame.Rect(area)
        if self.scroll_bar is None:
            return area
        if abs(area.top - self.top) <= 1:
            area.top = self.top  # pygame_gui's rounding of the bar's share can land a pixel short
        bottoms = [bottom for top, bottom in self.line_edges() if top >= area.top and bottom <= area.bottom]
        if bottoms:
            area.height = max(bottoms) - area.top
        return area

    def _calculate_drawable_area(self, height_adjustment: int) -> pygame.Rect:
        return self._whole_lines_area(super()._calculate_drawable_area(height_adjustment))

    def _setup_final_text_box_image(self, drawable_area: pygame.Rect) -> None:
        super()._setup_final_text_box_image(self._whole_lines_area(drawable_area))


class Manager(pygame_gui.UIManager):
    """A UIManager whose pointer is the last position seen in an input event.

    pygame_gui normally polls ``pygame.mouse.get_pos()``; following the events instead
    keeps hover in step with posted events (tests, headless runs) and real input alike.
    """

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size, None, enable_live_theme_updates=False)
        self._pointer: tuple[int, int] = (-1, -1)
        self.tips_held = False  # no tool tip until the pointer moves (see hold_tooltips)
        self.elided: list[str] = []  # labels shortened with "…" to fit (see Widgets.label)
        self.add_font_paths(FONT_NAME, str(FONT_REGULAR), str(FONT_BOLD), str(FONT_ITALIC), str(FONT_BOLD_ITALIC))
        fonts: list[dict[str, str | int | float]] = [
            {"name": FONT_NAME, "point_size": size, "style": style}
            for size in (13, 14, 15, 16, 17, 19, 20, 22, 40)
            for style in ("regular", "bold")
        ]
        fonts += [{"name": FONT_NAME, "point_size": size, "style": "italic"} for size in (13, 15)]
        self.preload_fonts(fonts)
        self.get_theme().load_theme(load_gui_theme())

    def process_events(self, event: pygame.event.Event) -> bool:
        """pygame_gui's handling, except that a list or text box scrolls by whole rows or lines: a click on its
        scroll bar's ▲/▼, or a notch of the wheel over it, scrolls by ``wheel_step`` of them, an arrow of a list
        by one row (pygame_gui scrolls only while an arrow is held, a few pixels for a click: the arrows looked dead;
        and a notch moved a short list by more rows than it shows)."""
        if event.type == pygame_gui.UI_BUTTON_START_PRESS:
            for box in self._scrolling():
                bar = box.scroll_bar
                if bar is not None and event.ui_element in (bar.top_button, bar.bottom_button):
                    up = event.ui_element is bar.top_button
                    if isinstance(box, WholeRowsList):
                        box.scroll_rows(-1 if up else 1)
                    else:
                        box.wheel(1 if up else -1)
        if event.type == pygame.MOUSEWHEEL and event.y:
            under = [box for box in self._scrolling() if self._wheel_reaches(box)]
            if under:
                under[-1].wheel(1 if event.y > 0 else -1)
                return True
        return bool(super().process_events(event))

    def _wheel_reaches(self, box: WholeRowsList | WholeLinesTextBox) -> bool:
        """True when a notch of the wheel at the pointer is for ``box``: the pointer is over it and no window lies
        above it that holds the pointer or blocks what is behind it (a dialog: the list behind it stays put)."""
        if not pygame.Rect(box.get_abs_rect()).collidepoint(self.pointer):
            return False
        return not any(
            isinstance(window, UIWindow)
            and window.visible
            and window.layer > box.layer
            and (window.is_blocking or pygame.Rect(window.get_abs_rect()).collidepoint(self.pointer))
            for window in self.get_sprite_group().sprites()
        )

    def _scrolling(self) -> list[WholeRowsList | WholeLinesTextBox]:
        """The lists and text boxes on show that scroll."""
        return [
            sprite
            for sprite in self.get_sprite_group().sprites()
            if isinstance(sprite, WholeRowsList | WholeLinesTextBox)
            and sprite.visible
            and sprite.scroll_bar is not None
        ]

    @property
    def pointer(self) -> tuple[int, int]:
        """The pointer's last position seen (a move lets tool tips show again, see ``hold_tooltips``)."""
        return self._pointer

    @pointer.setter
    def pointer(self, position: tuple[int, int]) -> None:
        if position != getattr(self, "_pointer", position):
            self.tips_held = False
        self._pointer = position

    def hold_tooltips(self) -> None:
        """No tool tip until the pointer moves: after the layout changed under a still pointer (a click that rebuilt
        the panel), a control that slid under it must not pop its tip up over what the player reads next."""
        self.tips_held = True
        self.hide_tooltips()

    def _update_mouse_position(self) -> None:
        self.mouse_position = self.calculate_scaled_mouse_position(self.pointer)

    def update(self, time_delta: float) -> None:
        """pygame_gui's update, then each tool tip kept ``TIP_MARGIN`` inside the window (flush, it looks cut off),
        and a selected button (a list's chosen row, a switch that is on) kept looking selected under the pointer:
        pygame_gui draws it as merely hovered, so the row chosen looked like any row the pointer passes. While tool
        tips are held (``hold_tooltips``), no hover counts towards one."""
        if self.tips_held:
            for element in self.get_sprite_group().sprites():
                if isinstance(element, UIButton):
                    element.hover_time = 0.0
        super().update(time_delta)
        for button in (element for element in self.get_sprite_group().sprites() if isinstance(element, UIButton)):
            shape = button.drawable_shape
            if button.is_selected and shape is not None and shape.active_state.state_id == "hovered":
                shape.set_active_state("selected")
        window = pygame.Rect((0, 0), self.window_resolution).inflate(-2 * TIP_MARGIN, -2 * TIP_MARGIN)
        for row in (element for element in self.get_sprite_group().sprites() if isinstance(element, UIButton)):
            owner = row.parent_element
            row_tip = row.tool_tip
            if isinstance(row_tip, UITooltip) and isinstance(owner, UISelectionList):  # a list row's: beside the list
                box = pygame.Rect(owner.get_abs_rect())
                place = beside_list(row_tip.rect.size, pygame.Rect(row.get_abs_rect()), box, window, self.controls())
                if place != row_tip.rect.topleft:
                    row_tip.set_position(place)
        for tip in (element for element in self.get_sprite_group().sprites() if isinstance(element, UITooltip)):
            if not window.contains(tip.rect):
                tip.set_position(tip.rect.clamp(window).topleft)

    def controls(self) -> list[pygame.Rect]:
        """Where the buttons on show are, a list's rows and scroll bars aside (what a tool tip must leave clickable)."""
        return [
            pygame.Rect(button.get_abs_rect())
            for button in self.get_sprite_group().sprites()
            if isinstance(button, UIButton)
            and button.visible
            and not isinstance(button.parent_element, UISelectionList | UIVerticalScrollBar)
        ]

    def headings(self) -> list[pygame.Rect]:
        """Where the titles and headings on show are (a message must not cover them: nc3 saw "UI scale 150% does
        not fit" over the start screen's title)."""
        return [
            pygame.Rect(label.get_abs_rect())
            for label in self.get_sprite_group().sprites()
            if isinstance(label, UILabel) and label.visible and HEADING_KINDS.intersection(label.get_class_ids())
        ]

    def hide_tooltips(self) -> None:
        """Take every tooltip off the screen (on a click: a tooltip must not swallow a click meant for the control
        it covers); a button's tooltip comes back only after it is hovered again for the usual delay."""
        for element in self.get_sprite_group().sprites():
            if isinstance(element, UITooltip):
                element.kill()
            elif isinstance(element, UIButton) and element.tool_tip is not None:
                element.tool_tip = None
                element.hover_time = 0.0


def load_gui_theme() -> dict[str, Any]:
    """The theme JSON as a dict (fonts resolved by name, see :class:`Manager`)."""
    data: dict[str, Any] = json.loads(GUI_THEME_FILE.read_text(encoding="utf-8"))
    return data


class Widgets:
    """The pygame_gui elements of one screen, dialog or screen section."""

    def __init__(self, manager: pygame_gui.UIManager) -> None:
        self.manager = manager
        self.elements: list[IUIElementInterface] = []
        self.named: dict[str, IUIElementInterface] = {}
        self.items: dict[str, tuple[UISelectionList, str]] = {}
        self.container: IContainerLikeInterface | None = None  # default parent (a dialog window)

    # ------------------------------------------------------------------ bookkeeping

    def add(self, element: Any, name: str = "") -> Any:
        self.elements.append(element)
        if name:
            self.named[name] = element
        return element

    def clear(self) -> None:
        """Kill every element of the set."""
        for element in reversed(self.elements):
            element.kill()
        self.elements = []
        self.named = {}
        self.items = {}
        self.container = None

    def owns(self, element: object) -> bool:
        return any(element is e for e in self.elements)

    def locate(self, name: str) -> pygame.Rect | None:
        """Window rectangle of a named, visible, enabled element (or list item)."""
        if name in self.items:
            return _item_rect(*self.items[name])
        element = self.named.get(name)
        if element is None or not element.alive() or not element.visible:
            return None
        if isinstance(element, UIButton) and not element.is_enabled:
            return None
        return pygame.Rect(element.get_abs_rect())

    # ------------------------------------------------------------------ element factories

    def button(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        on_click: Callback | None,
        *,
        name: str = "",
        kind: str = "",
        tooltip: str | None = None,
        enabled: bool = True,
        selected: bool = False,
        container: IContainerLikeInterface | None = None,
    ) -> UIButton:
        """A themed button; ``kind`` is a theme class (``primary``, ``danger``, ``small_button`` …)."""
        button = UIButton(
            pygame.Rect(rect),
            text,
            self.manager,
            container=container or self.container,
            tool_tip_text=tooltip,
            object_id=ObjectID(object_id=f"#{name or 'button'}", class_id=f"@{kind}" if kind else None),
        )
        if on_click is not None:
            button.bind(pygame_gui.UI_BUTTON_PRESSED, _handler(on_click))
        if selected:
            button.select()
        if not enabled:
            button.disable()
        return self.add(button, name or text)

    def label(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        kind: str = "",
        *,
        name: str = "",
        container: IContainerLikeInterface | None = None,
    ) -> UILabel:
        """A one-line label that always fits: at least the font's line height tall (grown about
        its middle) and, when the text is wider than the rectangle, shortened with "…" here
        rather than clipped by pygame_gui (the full text stays in ``label.full_text``)."""
        object_id = ObjectID(object_id=f"#{name or 'label'}", class_id=f"@{kind}" if kind else None)
        font = label_font(self.manager, object_id)
        box, shown = fit_line(font, text, pygame.Rect(rect))
        if shown != text:
            _note_elided(self.manager, text)
        label = UILabel(box, shown, self.manager, container=container or self.container, object_id=object_id)
        label.full_text = text  # type: ignore[attr-defined]
        return self.add(label, name)

    def label_width(self, text: str, kind: str = "") -> int:
        """How wide a label of this kind draws ``text`` (its own font: the theme's sizes can differ)."""
        object_id = ObjectID(object_id="#label", class_id=f"@{kind}" if kind else None)
        return int(label_font(self.manager, object_id).get_rect(text or " ").width)

    def button_text_width(self, text: str, kind: str = "") -> int:
        """How wide a button of this kind (a theme class: ``primary`` …) draws ``text``, in the theme's own font."""
        object_id = ObjectID(object_id="#button", class_id=f"@{kind}" if kind else None)
        return int(label_font(self.manager, object_id, "button").get_rect(text or " ").width)

    def set_label(self, label: UILabel, text: str) -> None:
        """Change a label's text, shortened with "…" to its width when needed."""
        _, shown = fit_line(label.font, text, pygame.Rect(label.relative_rect))
        if shown != text:
            _note_elided(self.manager, text)
        label.full_text = text  # type: ignore[attr-defined]
        label.set_text(shown)

    def text_box(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        markup: str,
        kind: str = "",
        *,
        name: str = "",
        container: IContainerLikeInterface | None = None,
    ) -> UITextBox:
        box = WholeLinesTextBox(
            markup,
            pygame.Rect(rect),
            self.manager,
            container=container or self.container,
            object_id=ObjectID(object_id=f"#{name or 'text'}", class_id=f"@{kind}" if kind else None),
        )
        return self.add(box, name)

    def choice_row(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        markup: str,
        on_click: Callback,
        *,
        name: str,
        kind: str = "choice_row",
        grow_up: bool = False,
        margin: int = 0,
    ) -> UIButton:
        """A clickable row whose text wraps over several lines (a pygame_gui button keeps its text on one):
        a button (theme class ``kind``) that takes the pointer, with the text in a box over it that lets the
        pointer through. The row is as tall as its text and ``margin`` above and below it: it grows down from
        ``rect``'s top, or up from its bottom with ``grow_up``. The button is the one returned and named;
        ``select()`` and ``unselect()`` mark a choice."""
        area = pygame.Rect(rect)
        text = _TextOver(
            markup,
            pygame.Rect(area.x, area.y, area.width, -1),  # -1: as tall as the wrapped text
            self.manager,
            container=self.container,
            object_id=ObjectID(object_id=f"#{name}_text", class_id="@choice_row_text"),
        )
        area.height = text.rect.height + 2 * margin
        if grow_up:
            area.bottom = pygame.Rect(rect).bottom
        text.set_relative_position((area.x, area.y + margin))
        button = self.button(area, "", on_click, name=name, kind=kind)
        text.change_layer(button.get_top_layer() + 1)  # drawn over the button
        self.add(text)
        return button

    def image(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        surface: pygame.Surface,
        *,
        name: str = "",
        container: IContainerLikeInterface | None = None,
    ) -> UIImage:
        image = UIImage(pygame.Rect(rect), surface, self.manager, container=container or self.container)
        return self.add(image, name)

    def selection_list(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        items: list[tuple[str, str]],
        *,
        name: str,
        selected: list[str] | str | None = None,
        multi: bool = False,
        container: IContainerLikeInterface | None = None,
        styles: dict[str, str] | None = None,
        double_clicks: bool = False,
    ) -> WholeRowsList:
        """A list of (text, item name) rows; rows are clickable by item name. ``styles`` gives some rows
        (by item name) a theme object id of their own, e.g. ``unavailable_action`` for a greyed row. With
        ``double_clicks`` a double click on a row posts ``UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION`` too."""
        texts: list[str | tuple[str, str]] = [
            (text, f"#{styles[item_name]}") if styles and item_name in styles else text for text, item_name in items
        ]
        if isinstance(selected, list):
            default: Any = [t for t in selected if t in texts] or None
        else:
            default = selected if selected in texts else None
        sel = WholeRowsList(
            pygame.Rect(rect),
            texts,
            self.manager,
            allow_multi_select=multi,
            allow_double_clicks=double_clicks,
            container=container or self.container,
            object_id=ObjectID(object_id=f"#{name}", class_id=None),
            default_selection=default,
        )
        for text, item_name in items:
            self.items[item_name] = (sel, text)
        return self.add(sel, name)

    def drop_down(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        options: list[str],
        current: str,
        *,
        name: str,
        container: IContainerLikeInterface | None = None,
    ) -> UIDropDownMenu:
        """A drop-down of ``options`` showing ``current``."""
        choices: list[str | tuple[str, str]] = list(options)
        menu = UIDropDownMenu(
            choices,
            current,
            pygame.Rect(rect),
            self.manager,
            container=container or self.container,
            object_id=ObjectID(object_id=f"#{name}", class_id=None),
        )
        return self.add(menu, name)

    def entry(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        *,
        name: str,
        numbers: bool = False,
        limit: int | None = None,
        container: IContainerLikeInterface | None = None,
    ) -> UITextEntryLine:
        line = UITextEntryLine(
            pygame.Rect(rect),
            self.manager,
            container=container or self.container,
            initial_text=text,
            object_id=ObjectID(object_id=f"#{name}", class_id=None),
        )
        if numbers:
            line.set_allowed_characters("numbers")
        if limit:
            line.set_text_length_limit(limit)
        return self.add(line, name)

    def window(self, rect: pygame.Rect, title: str, *, name: str, on_close: Callback | None = None) -> UIWindow:
        """A blocking dialog window; its close button calls ``on_close``."""
        window = _Dialog(rect, self.manager, title, on_close)
        self.add(window, name)
        self.container = window
        return window


def _note_elided(manager: pygame_gui.UIManager, text: str) -> None:
    """Remember the last few labels that had to be shortened (tests look at 1280×720)."""
    elided = getattr(manager, "elided", None)
    if isinstance(elided, list):
        elided.append(text)
        del elided[:-50]


def _handler(callback: Callback) -> Callable[[dict[str, Any]], None]:
    """A pygame_gui handler (it is given the event data) that calls ``callback()``."""

    def run(_data: dict[str, Any]) -> None:
        callback()

    return run


class _TextOver(UITextBox):
    """Text laid over a control: never hovered, never takes a click, so the control under it gets both."""

    def can_hover(self) -> bool:
        return False

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False

    def process_event(self, event: pygame.event.Event) -> bool:
        return False


class _Dialog(UIWindow):
    """A modal window (blocks the rest of the UI); closing goes through the owner."""

    def __init__(self, rect: pygame.Rect, manager: pygame_gui.UIManager, title: str, on_close: Callback | None) -> None:
        super().__init__(
            rect,
            manager,
            window_display_title=title,
            object_id=ObjectID("#dialog", None),
            resizable=False,
            draggable=False,
        )
        self.on_close = on_close
        self.set_blocking(True)
        if self.close_window_button is not None:
            self.close_window_button.set_text("×")  # the default glyph is not in Noto Sans
            if on_close is None:
                self.close_window_button.hide()

    def on_close_window_button_pressed(self) -> None:
        if self.on_close is not None:
            self.on_close()


def select_item(sel: UISelectionList, text: str | Collection[str] | None) -> None:
    """Make ``text`` the selected row of a list (several: a collection of rows; nothing: None) without an event."""
    chosen = {text} if isinstance(text, str) else set(text or ())
    for item in sel.item_list:
        item["selected"] = item["text"] in chosen
        button = item["button_element"]
        if button is not None:
            (button.select if item["selected"] else button.unselect)()


def scroll_into_view(sel: UISelectionList, text: str) -> None:
    """Scroll a selection list so that the row ``text`` is wholly in view (when it is not already)."""
    for index, item in enumerate(sel.item_list):
        if item["text"] != text:
            continue
        button = item["button_element"]
        shown = sel.item_list_container
        hidden = button is None or shown is None or not shown.get_abs_rect().contains(button.get_abs_rect())
        if hidden and sel.scroll_bar is not None:  # scrolled out of view, or only partly in it
            total = max(1, len(sel.item_list))
            sel.scroll_bar.set_scroll_from_start_percentage(index / total)
            sel.update(0.0)  # before the bar's own update, which clears its "moved" flag
        return


def _item_rect(sel: UISelectionList, text: str) -> pygame.Rect | None:
    """Window rectangle of a selection-list row, scrolling the list to it if needed."""
    if not sel.alive() or not sel.visible:
        return None
    scroll_into_view(sel, text)
    for item in sel.item_list:
        if item["text"] == text and item["button_element"] is not None:
            return pygame.Rect(item["button_element"].get_abs_rect()).clip(pygame.Rect(sel.get_abs_rect()))
    return None


def element_texts(manager: pygame_gui.UIManager, elements: Iterable[object] | None = None) -> list[str]:
    """The text every visible element shows (labels, buttons, text boxes, lists, entries); with ``elements``, only
    the text those show (one dialog's widgets)."""
    out: list[str] = []
    for sprite in manager.get_sprite_group().sprites() if elements is None else elements:
        if not getattr(sprite, "visible", True):
            continue
        if isinstance(sprite, UITextBox):
            out.extend(line.strip() for line in plain(sprite.html_text).split("\n") if line.strip())
        elif isinstance(sprite, UITextEntryLine):
            out.append(sprite.get_text())
        elif isinstance(sprite, UILabel | UIButton):
            out.append(sprite.text)
        elif isinstance(sprite, UIWindow):
            out.append(sprite.window_display_title)
    return out
