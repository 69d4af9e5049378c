"""Smaller findings of issue 15: YAML merge keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli.main import main
from game.shipped import SCENARIOS_DIR


def test_a_merge_key_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``<<`` would merge keys past the duplicate-key check; it is refused where it is written."""
    shutil.copytree(SCENARIOS_DIR / "baseline", tmp_path / "baseline")
    shutil.copy(SCENARIOS_DIR / "actions.yaml", tmp_path / "actions.yaml")
    text = (SCENARIOS_DIR / "sandbox.yaml").read_text(encoding="utf-8")
    text = text.replace("\nturns: 20", "\nturns: 20\nrules:\n  <<: {}")
    line = text.splitlines().index("  <<: {}") + 1
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{path}:{line}: <<: YAML merge keys (<<) are not allowed; write the keys out"]
