"""The debrief renders in headless Chromium with its charts (skipped when Chromium is absent)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    game = tmp_path / "game"
    run = [sys.executable, "-m", "game"]
    assert (
        subprocess.run(
            [
                *run,
                "class",
                "new",
                "sandbox",
                "--teams",
                "UZ,WEST",
                "--seed",
                "9",
                "--turns",
                "4",
                "--out",
                str(game),
            ],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    for _ in range(3):
        turn = [*run, "class", "turn", str(game), "--no-files"]  # the computer plays both teams
        assert subprocess.run(turn, capture_output=True, check=False).returncode == 0
    report = tmp_path / "report.html"
    result = subprocess.run(
        [*run, "report", str(game), "--out", str(report), "--runs", "30"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    screenshot = tmp_path / "report.png"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tempfile.mkdtemp()}",
            f"--screenshot={screenshot}",
            "--window-size=1200,3000",
            report.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert screenshot.is_file() and screenshot.stat().st_size > 50_000
    from matplotlib.image import imread

    pixels = imread(str(screenshot))
    # Charts are present: a good share of the page is coloured (not white, not grey text).
    rgb = pixels[..., :3]
    coloured = (rgb.max(axis=2) - rgb.min(axis=2)) > 0.25
    assert coloured.mean() > 0.003
