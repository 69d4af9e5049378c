"""Smaller findings of issue 15: YAML merge keys, edited saves."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.cli.main import main
from game.io.save import read_save
from game.scenario.errors import InputFileError
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


@pytest.mark.parametrize(
    ("field", "edit"),
    [
        ("ai_levels", lambda save: save["ai_levels"].update(RU="pass")),
        ("human_roles", lambda save: save.update(human_roles=["UZ"])),
        ("turns", lambda save: save.update(turns=save["turns"] + 1)),
        ("settings", lambda save: save["settings"].update(noise=0.5)),
        ("scenario", lambda save: save["scenario"].update(sha256="0" * 64)),
    ],
)
def test_an_edited_save_is_refused(
    field: str, edit: Callable[[dict[str, Any]], None], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What decides the game is signed: each edit is refused by every loader (read_save)."""
    out = tmp_path / "run"
    assert main(["run", "sandbox", "--seed", "1", "--turns", "2", "--out", str(out)]) == 0
    save = json.loads((out / "save.json").read_text(encoding="utf-8"))
    edit(save)
    (out / "save.json").write_text(json.dumps(save), encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        read_save(out / "save.json")
    assert [problem.field for problem in refused.value.problems] == ["signature"], field
