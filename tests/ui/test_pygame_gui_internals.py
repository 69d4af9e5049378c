"""game/ui/gui.py reaches into pygame_gui below its public API: it overrides private methods of ``UITextBox`` and
``UIManager`` and sets fields of scroll bars, lists and buttons directly. pyproject.toml bounds pygame_gui below
0.7; this test makes an upgrade that renames any of those names fail here, by name, instead of quietly turning the
whole-line scrolling off (an override of a method that no longer exists is never called)."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import UIButton, UISelectionList, UITextBox, UIVerticalScrollBar

from game.ui.gui import Manager, WholeLinesTextBox, WholeRowsList

# Methods of pygame_gui that gui.py overrides: each must still exist on the base class, or the override is dead.
OVERRIDDEN = {
    UITextBox: ("_calculate_drawable_area", "_setup_final_text_box_image"),
    pygame_gui.UIManager: ("_update_mouse_position", "calculate_scaled_mouse_position"),
}

# Fields and methods that gui.py reads or sets on live elements.
USED = {
    "scroll bar": ("start_percentage", "button_scroll_amount", "check_has_moved_recently", "top_button"),
    "list": ("lowest_list_pos", "total_height_of_list", "list_item_height", "item_list_container", "scroll_bar"),
    "text box": ("text_box_layout", "scroll_bar"),
    "text layout": ("layout_rows", "layout_rect"),
    "button": ("hover_time", "drawable_shape", "is_selected", "tool_tip"),
    "manager": ("mouse_position",),
}


@pytest.fixture
def manager() -> Iterator[Manager]:
    pygame.init()
    pygame.display.set_mode((400, 300))
    yield Manager((400, 300))
    pygame.display.quit()  # not pygame.quit(): the fonts the shared theme keeps must stay valid for later tests


def missing(thing: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not hasattr(thing, name)]


@pytest.mark.parametrize("base", list(OVERRIDDEN), ids=lambda base: base.__name__)
def test_the_private_methods_gui_py_overrides_still_exist(base: type) -> None:
    gone = missing(base, OVERRIDDEN[base])
    assert not gone, (
        f"pygame_gui's {base.__name__} no longer has {gone}: game/ui/gui.py overrides them; "
        "adapt the overrides to the new pygame_gui before raising its bound in pyproject.toml"
    )


def test_the_fields_gui_py_sets_on_elements_still_exist(manager: Manager) -> None:
    rows = WholeRowsList(pygame.Rect(0, 0, 200, 80), [f"row {n}" for n in range(30)], manager)
    text = WholeLinesTextBox("<br>".join(f"line {n}" for n in range(30)), pygame.Rect(200, 0, 200, 80), manager)
    button = UIButton(pygame.Rect(0, 100, 100, 30), "button", manager)
    manager.update(0.0)
    assert isinstance(rows, UISelectionList) and isinstance(text, UITextBox)
    assert isinstance(rows.scroll_bar, UIVerticalScrollBar) and text.scroll_bar is not None, "both boxes scroll"
    things = {
        "scroll bar": rows.scroll_bar,
        "list": rows,
        "text box": text,
        "text layout": text.text_box_layout,
        "button": button,
        "manager": manager,
    }
    gone = {what: missing(things[what], USED[what]) for what in USED if missing(things[what], USED[what])}
    assert not gone, (
        f"pygame_gui's elements no longer have {gone}: game/ui/gui.py reads or sets them; "
        "adapt it to the new pygame_gui before raising its bound in pyproject.toml"
    )
