"""Shared fixtures: the tiny test world and helpers to build states by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from game.engine.layout import BLOCKS
from game.engine.world import World
from game.i18n import LANGUAGE_VARIABLE, set_language
from game.scenario.compile import compile_world
from game.scenario.load import LoadedScenario, load_scenario

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MULTIVECTOR_LANG=en for every test (a developer's Russian locale must not change what the English
    tests read; subprocesses inherit it), and English switched back on after it (the language is
    process-wide). A test of another language or of the locale's resolution sets its own."""
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def tiny_loaded() -> LoadedScenario:
    """The tiny test scenario, loaded."""
    return load_scenario(DATA / "tiny.yaml")


@pytest.fixture(scope="session")
def tiny_world(tiny_loaded: LoadedScenario) -> World:
    """The tiny test scenario, compiled with default levers."""
    return compile_world(tiny_loaded)


def column(block: str, **codes: str) -> int:
    """Flat column of a variable, e.g. ``column('dependence', country='KZ', power='RU', channel='trade')``."""
    return BLOCKS[block].column(**codes)


def quiet(world: World) -> World:
    """The same world with no noise and no drift, so a rule's effect can be read alone."""
    from dataclasses import replace

    return replace(world, rules=replace(world.rules, noise=0.0, drift_rate=0.0, relation_drift_rate=0.0))


def values_of(state_values: np.ndarray, block: str, **codes: str) -> float:
    """One variable of run 0."""
    return float(state_values[0, column(block, **codes)])


def check_golden(summary: dict[str, object], golden_path: Path, regenerate: bool) -> None:
    """Compare a run's summary with its stored golden file (rewrite it when `regenerate`).

    On a mismatch the message names every differing field with both values, so a reader
    sees at once whether scores drifted a little or an event stopped firing.
    """
    import json

    if regenerate:
        golden_path.write_text(json.dumps(summary, indent=2) + "\n")
    golden = json.loads(golden_path.read_text())
    differences = [
        f"{key}: golden {json.dumps(golden[key])[:300]} != now {json.dumps(summary.get(key))[:300]}"
        for key in golden
        if golden[key] != summary.get(key)
    ]
    assert not differences, f"summary differs from {golden_path.name} (MULTIVECTOR_REGENERATE_GOLDEN=1 " \
        "rewrites it after a deliberate rule change):\n" + "\n".join(differences)
