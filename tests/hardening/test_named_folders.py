"""A scenario's references stay in its folder tree, or in a folder the user names
(``MULTIVECTOR_SCENARIO_FOLDERS``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.files import NAMED_FOLDERS_VARIABLE
from game.shipped import SCENARIOS_DIR


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """``mine/s.yaml``: the sandbox, naming its baseline in ``shared/`` beside ``mine/`` by ``..``."""
    shared = tmp_path / "shared"
    shutil.copytree(SCENARIOS_DIR / "baseline", shared / "baseline")
    (tmp_path / "mine").mkdir()
    path = tmp_path / "mine" / "s.yaml"
    text = (SCENARIOS_DIR / "sandbox.yaml").read_text(encoding="utf-8")
    path.write_text(
        text.replace("baseline: baseline/baseline_2023.yaml", "baseline: ../shared/baseline/baseline_2023.yaml"),
        encoding="utf-8",
    )
    return path


def test_a_reference_out_of_the_folder_is_refused_when_no_folder_is_named(
    scenario: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(NAMED_FOLDERS_VARIABLE, raising=False)
    assert main(["validate", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert f"{scenario}:21: baseline: '../shared/baseline/baseline_2023.yaml' leaves the scenario's folder" in err
    assert NAMED_FOLDERS_VARIABLE in err


def test_a_reference_into_a_named_folder_is_read(
    scenario: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(NAMED_FOLDERS_VARIABLE, str(scenario.parent.parent / "shared"))
    assert main(["validate", str(scenario)]) == 0, capsys.readouterr().err
    out = scenario.parent / "played"
    assert main(["run", str(scenario), "--seed", "1", "--turns", "1", "--out", str(out)]) == 0
    assert main(["why", str(out), "--country", "KZ", "--power", "RU", "--quarter", "2023Q1"]) == 0  # the save reloads


def test_an_absolute_reference_into_a_named_folder_is_read_and_one_elsewhere_is_not(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(NAMED_FOLDERS_VARIABLE, str(tmp_path / "shared"))
    absolute = tmp_path / "shared" / "baseline" / "baseline_2023.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("../shared/baseline/baseline_2023.yaml", str(absolute)), encoding="utf-8")
    assert main(["validate", str(scenario)]) == 0, capsys.readouterr().err
    scenario.write_text(text.replace("../shared/baseline/baseline_2023.yaml", "/etc/passwd"), encoding="utf-8")
    assert main(["validate", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "'/etc/passwd' leaves the scenario's folder" in err and "root:" not in err


def test_a_symbolic_link_into_a_named_folder_is_followed_and_one_elsewhere_is_not(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("../shared/baseline/baseline_2023.yaml", "linked/baseline_2023.yaml"),
                        encoding="utf-8")
    (scenario.parent / "linked").symlink_to(tmp_path / "shared" / "baseline")
    monkeypatch.delenv(NAMED_FOLDERS_VARIABLE, raising=False)
    assert main(["validate", str(scenario)]) == 2
    assert "no such file 'linked/baseline_2023.yaml'" in capsys.readouterr().err
    monkeypatch.setenv(NAMED_FOLDERS_VARIABLE, str(tmp_path / "shared"))
    assert main(["validate", str(scenario)]) == 0, capsys.readouterr().err
