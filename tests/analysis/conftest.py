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
