"""The debrief's events question agrees with the teams' pages: an event that moved no dependence but moved
scores (the oil price slump works through prosperity) is named with the points it moved, instead of the
question claiming that no event mattered."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path


def multivector(*arguments: str) -> None:
    result = subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_an_injection_that_moved_only_scores_is_named_with_its_points(tmp_path: Path) -> None:
    game = tmp_path / "class"
    multivector("class", "new", "sandbox", "--teams", "KZ,RU,CN", "--seed", "1", "--turns", "3", "--out", str(game))
    multivector("class", "turn", str(game), "--no-files")
    multivector("class", "inject", str(game), "oil_price_slump")
    multivector("class", "turn", str(game), "--no-files")
    multivector("class", "turn", str(game), "--no-files")
    multivector("report", str(game), "--out", str(tmp_path / "debrief.html"), "--runs", "20")
    page = (tmp_path / "debrief.html").read_text()
    questions = [html.unescape(item) for item in re.findall(r"<li>([^<]*)</li>", page)]
    about_events = [q for q in questions if "event" in q.lower() and "the model did with it" in q]
    assert len(about_events) == 1, questions
    named = re.search(r"injection “Oil price slump” moved the scores by (\d+\.\d) points", about_events[0])
    assert named is not None, about_events[0]
    assert float(named.group(1)) >= 0.1
    assert "none moved dependence" not in about_events[0]
