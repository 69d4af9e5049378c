"""Victory targets: a par per role against easy, normal and hard opponents, read from the scenario."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine.codes import ROLES
from game.engine.scores import role_scores
from game.scenario.compile import compile_world
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from tests.conftest import DATA

KZ, RU = ROLES.index("KZ"), ROLES.index("RU")


def _tiny_with(tmp_path: Path, block: str) -> Path:
    text = (DATA / "tiny.yaml").read_text()
    path = tmp_path / "tiny.yaml"
    path.write_text(text.rstrip("\n") + "\n" + block)
    (tmp_path / "tiny_baseline.yaml").write_text((DATA / "tiny_baseline.yaml").read_text())
    return path


def test_pars_per_level_and_plain_numbers_compile(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "victory:\n  KZ: {easy: 40, normal: 45, hard: 50}\n  RU: 30\n")
    world = compile_world(load_scenario(path))
    assert world.victory[:, KZ].tolist() == [40.0, 45.0, 50.0]
    assert world.victory[:, RU].tolist() == [30.0, 30.0, 30.0]
    starting = role_scores(world.initial[None, :], world.weight)[0]
    untouched = [i for i in range(len(ROLES)) if i not in (KZ, RU)]
    assert np.array_equal(world.victory[:, untouched], np.repeat(starting[None, untouched], 3, axis=0))


def test_target_follows_the_opponents_mean_level(tmp_path: Path) -> None:
    world = compile_world(load_scenario(_tiny_with(tmp_path, "victory:\n  KZ: {easy: 40, normal: 45, hard: 50}\n")))
    assert world.victory_targets()[KZ] == 45.0  # no levels: everyone normal
    assert world.victory_targets(np.full(len(ROLES), 2))[KZ] == 50.0
    assert world.victory_targets(np.zeros(len(ROLES)))[KZ] == 40.0
    # A human Kazakhstan (counted as normal) against seven hard computer players: the hard par.
    human_vs_hard = np.full(len(ROLES), 2)
    human_vs_hard[KZ] = 1
    assert world.victory_targets(human_vs_hard)[KZ] == 50.0
    # Three easy and four normal opponents: 4/7 of the way from the easy par to the normal par.
    mixed = np.array([1, 0, 0, 0, 1, 1, 1, 1])
    assert world.victory_targets(mixed)[KZ] == pytest.approx(40.0 + 5.0 * 4 / 7)
    scores = np.array([[50.0] * len(ROLES), [44.0] * len(ROLES)])
    grid = np.array([np.full(len(ROLES), 1), np.full(len(ROLES), 1)])
    assert world.winners(scores, grid)[:, KZ].tolist() == [True, False]


def test_a_par_missing_a_level_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "victory:\n  KZ: {easy: 40, normal: 45}\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = "\n".join(str(problem) for problem in caught.value.problems)
    line = path.read_text().splitlines().index("  KZ: {easy: 40, normal: 45}") + 1
    assert f"tiny.yaml:{line}" in message and "victory.KZ" in message and "hard" in message, message


def test_a_shortened_game_has_no_targets_and_no_winners(tmp_path: Path) -> None:
    from game.engine.ai.policy import target_text, victory

    loaded = load_scenario(_tiny_with(tmp_path, "victory:\n  KZ: {easy: 40, normal: 45, hard: 50}\n"))
    full = compile_world(loaded)
    assert full.has_targets and compile_world(loaded, turns=full.turns).has_targets
    short = compile_world(loaded, turns=full.turns - 1)
    assert not short.has_targets
    targets, won = victory(short, np.full(len(ROLES), 99.0), {"RU": "hard"})
    assert np.all(np.isnan(targets)) and not won.any()
    assert target_text(targets[KZ]) == "—" and target_text(45.0) == "45.00"
