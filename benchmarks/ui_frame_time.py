"""Frame time of the map screen with the (pygame_gui) tooltip and the country panel open, at
1280×720 (100 %) and 1920×1080 at 150 %.

Every measured frame *changes*: the pointer moves over Uzbekistan each frame, so the map's
tooltip follows it and the frame is drawn, compared with the last one shown, and the changed
tiles enlarged and sent to the window (see :mod:`game.ui.present`). ``--still`` measures
frames where the pointer rests instead (drawn and compared, nothing sent). Also prints the
window pixels sent per frame.

Run: ``python benchmarks/ui_frame_time.py [--size 1920x1080 --scale 150]`` (uses SDL's dummy
driver unless DISPLAY is set and ``--window`` is given). Prints median and p99 in
milliseconds, wall and CPU; target p99 ≤ 8 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--window", action="store_true", help="use the real display instead of the dummy driver")
    parser.add_argument("--size", default="", help="one window size, e.g. 1920x1080 (default: both sizes)")
    parser.add_argument("--scale", type=int, default=0, help="UI scale in percent with --size (default: 100)")
    parser.add_argument("--still", action="store_true", help="the pointer rests: frames that change nothing")
    arguments = parser.parse_args()
    if not arguments.window:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["MULTIVECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="mv-bench-")
    import pygame

    from game.ui.app import App
    from game.ui.screens.start import StartChoice

    if arguments.size:
        width, height = (int(part) for part in arguments.size.split("x"))
        configurations = [((width, height), arguments.scale or 100)]
    else:
        configurations = [((1280, 720), 100), ((1920, 1080), 150)]
    for size, scale in configurations:
        app = App(size=size, scale=scale, choice=StartChoice("sandbox", ("KZ",), seed=1, turns=8))
        measure(app, arguments.frames, arguments.still)
        pygame.display.quit()
    pygame.quit()
    return 0


def measure(app: Any, frames: int, still: bool = False) -> None:
    """Move the pointer over a state for ``frames`` frames (or rest it there) and print the frame times."""
    import pygame

    screen = app.screen
    session = screen.session
    session.end_turn()
    screen.view.select_country("KZ")
    view = screen.mapview
    app.step([])
    lx, ly = view.labels["UZ"]
    scale = app.ui_scale
    base = ((view.rect.x + lx) * scale // 100, (view.rect.y + ly + 30) * scale // 100)  # window pixels
    import gc

    gc.collect()
    gc.freeze()  # as App.run does once the game is loaded
    times = []
    cpu = []
    sent = []
    for i in range(frames):
        pos = base if still else (base[0] + (i % 40) - 20, base[1] + (i % 7))
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0))
        start, start_cpu = time.perf_counter(), time.process_time()
        app.step([event])
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        sent.append(app.display.presenter.updated)
    assert screen.view.hover is not None, "the tooltip should be open"
    times = sorted(times[30:])  # warm-up
    cpu = sorted(cpu[30:])
    median = statistics.median(times)
    p99 = times[int(len(times) * 0.99) - 1]
    w, h = app.display.window.get_size()
    what = "pointer resting" if still else "pointer moving"
    print(f"map screen {w}x{h} at {scale}%, tooltip + country panel open, {what}, {len(times)} frames")
    print(f"frame time median {median:.2f} ms, p99 {p99:.2f} ms, max {times[-1]:.2f} ms (target p99 < 8 ms)")
    # CPU time of this process only: the same frames without other programs' time slices (busy machines).
    print(f"cpu time   median {statistics.median(cpu):.2f} ms, p99 {cpu[int(len(cpu) * 0.99) - 1]:.2f} ms")
    share = statistics.median(sent[30:]) / (w * h)
    print(f"window pixels sent per frame: median {statistics.median(sent[30:]):.0f} ({share:.1%} of the window)")


if __name__ == "__main__":
    raise SystemExit(main())
