"""What the real-window tests share: the skip where X tools are missing, waiting, a private Xvfb display."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

needs_x = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool") and shutil.which("xwininfo")),
    reason="needs Xvfb, xdotool and xwininfo",
)


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` every 0.1 s until it holds or ``seconds`` pass; its last value."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@contextmanager
def private_display(screen: str, numbers: range) -> Iterator[str]:
    """An Xvfb server of ``screen`` size (``1600x900``) on the first free number of ``numbers``
    (each test file takes its own range, so files running at once under xdist do not clash)."""
    number = next(n for n in numbers if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{screen}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
