"""The debrief and the newspaper read on a phone: laid out 375 px wide in headless Chromium, the page is no wider
than the screen (a wide table scrolls inside its own box). Skipped when Chromium is absent.

Headless Chromium will not make its window narrower than 500 px, so the page is laid out in a 375-px frame and
a line of script in the page writes its scroll width and client width where ``--dump-dom`` shows them."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PHONE = 375
PROBE = (
    "<script>parent.document.body.setAttribute('data-widths', document.documentElement.scrollWidth + ' ' + "
    "document.documentElement.clientWidth);</script></body>"
)


def multivector(*arguments: str) -> None:
    result = subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def widths_at(page: Path, width: int, folder: Path) -> tuple[int, int]:
    """(scroll width, client width) of the page laid out ``width`` px wide."""
    inner = page.read_text().replace("</body>", PROBE)
    frame = folder / f"{page.stem}-frame.html"
    frame.write_text(
        f"<!doctype html><html><body style='margin:0'><iframe style='width:{width}px;height:900px;border:0' "
        f'srcdoc="{html.escape(inner, quote=True)}"></iframe></body></html>'
    )
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", f"--user-data-dir={folder / 'profile'}",
            "--window-size=800,900", "--dump-dom", frame.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'data-widths="(\d+) (\d+)"', result.stdout)
    assert found is not None, result.stderr[-500:]
    return int(found.group(1)), int(found.group(2))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_debrief_and_newspaper_fit_a_phone(tmp_path: Path) -> None:
    game = tmp_path / "game"
    multivector("class", "new", "sandbox", "--teams", "TJ,RU", "--seed", "5", "--turns", "4", "--out", str(game))
    multivector("class", "turn", str(game), "--no-files")
    multivector("report", str(game), "--out", str(tmp_path / "debrief.html"), "--runs", "5")
    for page in (tmp_path / "debrief.html", next((game / "turns").rglob("newspaper.html"))):
        scroll, client = widths_at(page, PHONE, tmp_path)
        assert PHONE - 20 <= client <= PHONE  # laid out at phone width (less a scroll bar)
        assert scroll <= client, page.name  # nothing sticks out sideways


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_probe_sees_a_page_too_wide(tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text("<!doctype html><html><body><table><tr><td style='white-space:nowrap'>" + "word " * 80
                    + "</td></tr></table></body></html>")
    scroll, client = widths_at(page, PHONE, tmp_path)
    assert scroll > client
