"""Issue 14: a new window takes the desktop less its frame and a panel (it opened at 1088×612 on a
1280×720 screen), and never goes under the smallest layout."""

from __future__ import annotations

from game.ui.display import MIN_CANVAS, auto_scale, default_window_size


def test_a_new_window_fills_the_desktop_less_its_frame() -> None:
    for desktop in ((1280, 720), (1024, 640), (1920, 1080), (2560, 1440)):
        width, height = default_window_size(desktop)
        assert desktop[0] - 20 <= width <= desktop[0] and desktop[1] - 90 <= height <= desktop[1], desktop
    assert default_window_size((1280, 720)) == (1264, 640)
    assert default_window_size((800, 600)) == MIN_CANVAS  # a small screen still gets the smallest layout
    assert auto_scale(default_window_size((1920, 1080))) == 125  # text still grows on a large screen
