"""Shared pieces of the analysis tests: a short sandbox, and a scenario with a lever that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.play.scenario import ScenarioSetup

REPO = Path(__file__).parent.parent.parent
TURNS = 3  # tiny: every test plays a few turns of few runs


@pytest.fixture(scope="session")
def sandbox() -> ScenarioSetup:
    """The shipped sandbox, shortened to a few turns."""
    return ScenarioSetup.open("sandbox", turns=TURNS)


@pytest.fixture(scope="session")
def placebo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sandbox with one more declared lever, ``placebo``, that no effect names: it cannot matter."""
    text = (REPO / "scenarios" / "sandbox.yaml").read_text(encoding="utf-8")
    placebo = (
        "levers:\n"
        "  - id: placebo\n"
        "    title: A lever no effect uses\n"
        "    description: Changes nothing; sensitivity indices must find that.\n"
        "    default: 1.0\n"
        "    min: 0.0\n"
        "    max: 2.0\n"
    )
    assert text.count("\nlevers:\n") == 1
    path = tmp_path_factory.mktemp("placebo") / "placebo.yaml"
    path.write_text(text.replace("\nlevers:\n", "\n" + placebo, 1), encoding="utf-8")
    return path


def refused(command: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run ``multivector COMMAND --out OUT`` expecting bad input: exit 2, one line on stderr, no output
    folder; returns the message after ``error: ``."""
    from game.cli.main import main

    code = main([*command, "--out", str(out)])
    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith("error: ") and error.count("\n") == 1 and "Traceback" not in error
    assert not out.exists()
    return error.removeprefix("error: ")
