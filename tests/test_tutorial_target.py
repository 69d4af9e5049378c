"""The tutorial's target: what the same year gives a Kazakhstan that gives no orders (game.play.victory)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.policy import victory
from game.engine.codes import ROLES
from game.engine.orders import Order
from game.play.previews import scenario_previews
from game.play.session import Session
from game.play.tutorial import scripted_plan
from game.play.victory import do_nothing_baseline, do_nothing_game

KZ = ROLES.index("KZ")


def _play(session: Session, plan: list[list[tuple[str, str]]]) -> Session:
    for orders in plan:
        for action, target in orders:
            assert not session.queue(Order("KZ", action, target))
        session.end_turn()
    return session


def _plan(session: Session) -> list[list[tuple[str, str]]]:
    tutorial = session.loaded.scenario.tutorial
    assert tutorial is not None and tutorial.target == "do_nothing"
    return scripted_plan(tutorial)


def test_doing_nothing_scores_exactly_the_target_and_does_not_win(tmp_path: Path) -> None:
    idle = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    target = float(idle.targets()[KZ])
    assert f"{target:.4f}" == "51.3791"
    _play(idle, [[]] * 4)
    targets, won = idle.victory()
    assert idle.scores()[KZ] == target == targets[KZ]  # the same streams: bit for bit the same year
    assert not won[KZ]


def test_following_the_steps_beats_doing_nothing(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    _play(session, _plan(session))
    targets, won = session.victory()
    assert won[KZ] and f"{session.scores()[KZ]:.2f}" == "52.10" and f"{targets[KZ]:.2f}" == "51.38"


def test_poor_orders_can_lose(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    _play(session, [[("host_summit", "RU")]] * 4)  # every quarter a summit that ties trade to Russia
    targets, won = session.victory()
    assert session.scores()[KZ] < targets[KZ] and not won[KZ]


def test_the_target_is_known_at_the_start_and_does_not_depend_on_the_orders(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 7, saves_dir=tmp_path)
    before = session.targets().copy()
    _play(session, _plan(session))
    assert np.array_equal(session.targets(), before, equal_nan=True)
    again = Session.start("tutorial", ["KZ"], 7, saves_dir=tmp_path)
    assert again.targets()[KZ] == before[KZ]
    assert Session.start("tutorial", ["KZ"], 8, saves_dir=tmp_path).targets()[KZ] != before[KZ]  # another year


def test_saves_loads_and_undo_keep_the_target(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 3, difficulty="easy", saves_dir=tmp_path)
    target = session.targets()[KZ]
    _play(session, _plan(session)[:2])
    loaded = Session.load(session.save(), tmp_path)
    assert loaded.targets()[KZ] == target and loaded.ai_levels() == session.ai_levels()
    loaded.undo_to(1)
    assert loaded.targets()[KZ] == target


def test_only_the_tutorial_role_is_judged_against_doing_nothing(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=tmp_path)
    baseline = do_nothing_baseline(session.match)
    assert baseline is not None and np.isfinite(baseline).tolist() == [role == "KZ" for role in ROLES]
    pars, _ = victory(session.world, session.scores(), session.ai_levels())
    others = [i for i in range(len(ROLES)) if i != KZ]
    assert np.array_equal(session.targets()[others], pars[others])  # every other role keeps its par


def test_a_computer_kazakhstan_is_also_compared_with_doing_nothing(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["RU"], 1, saves_dir=tmp_path)
    quiet = do_nothing_game(session.match, "KZ")
    assert quiet.human_roles == ["KZ"] and "RU" not in quiet.levels  # the human Russia: the computer at normal
    assert np.isfinite(session.targets()[KZ])


@pytest.mark.parametrize("scenario", ["sandbox", "middle_corridor"])
def test_other_scenarios_keep_their_pars(scenario: str, tmp_path: Path) -> None:
    session = Session.start(scenario, ["KZ"], 1, saves_dir=tmp_path)
    assert do_nothing_baseline(session.match) is None
    assert np.array_equal(session.targets(), victory(session.world, session.scores(), session.ai_levels())[0])


def test_a_shortened_tutorial_has_no_target(tmp_path: Path) -> None:
    session = Session.start("tutorial", ["KZ"], 1, turns=2, saves_dir=tmp_path)
    assert do_nothing_baseline(session.match) is None and np.isnan(session.targets()).all()


def test_the_start_screen_knows_which_role_is_judged_against_doing_nothing() -> None:
    previews = {preview.id: preview for preview in scenario_previews()}
    assert previews["tutorial"].do_nothing_role == "KZ" and previews["sandbox"].do_nothing_role == ""


def test_the_do_nothing_year_is_played_once_however_often_the_result_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A class game's last turn asks for the result once per team and once for the table: one replay, not N + 1."""
    import game.play.victory as victory_rules

    played: list[str] = []
    real = victory_rules.do_nothing_game

    def counted(match: object, role: str) -> object:
        played.append(role)
        return real(match, role)  # type: ignore[arg-type]

    monkeypatch.setattr(victory_rules, "do_nothing_game", counted)
    session = Session.start("tutorial", ["KZ", "RU"], 4242, saves_dir=tmp_path)
    _play(session, [[]] * 4)
    sentences = [victory_rules.result_sentence(session.match, team) for team in ("KZ", "RU")]
    targets, _reached = victory_rules.match_victory(session.match)
    assert played == ["KZ"] and all(sentences)
    assert targets[KZ] == session.targets()[KZ]
