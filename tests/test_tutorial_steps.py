"""The tutorial as data: its steps are checked like every scenario field (file:line, exit 2), and the play
layer follows them from what the player has done."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.play.session import Session
from game.play.tutorial import Observation, TutorialProgress
from game.scenario.library import SCENARIOS_DIR
from game.scenario.load import load_scenario
from game.scenario.tutorial import Tutorial, TutorialStep

SHIPPED = SCENARIOS_DIR / "tutorial.yaml"


def _copy(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """The shipped tutorial beside its baseline and actions, with ``old`` replaced by ``new``."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    shutil.copytree(SCENARIOS_DIR / "baseline", tmp_path / "baseline")
    shutil.copy(SCENARIOS_DIR / "actions.yaml", tmp_path / "actions.yaml")
    path = tmp_path / "tutorial.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "validate", str(path)], capture_output=True, text=True)


def _line(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_shipped_tutorial_leads_kazakhstan_through_every_quarter() -> None:
    tutorial = load_scenario(SHIPPED).scenario.tutorial
    assert tutorial is not None and tutorial.role == "KZ"
    assert sum(step.done == "turn_ended" for step in tutorial.steps) == 4
    assert tutorial.steps[0].anchor == "objective"


def test_a_step_missing_what_completes_it_is_refused_with_its_line(tmp_path: Path) -> None:
    old = "      done: order_queued\n      action: sign_deal\n      target: CN\n"
    path, text = _copy(tmp_path, old, "      done: order_queued\n      action: sign_deal\n")
    refused = _validate(path)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    line = _line(text, "    - id: queue_china")
    assert f"{path}:{line}:" in refused.stderr
    assert "'done: order_queued' needs 'target'" in refused.stderr


def test_a_step_naming_an_action_the_role_cannot_take_is_refused_with_a_hint(tmp_path: Path) -> None:
    path, text = _copy(tmp_path, "      anchor: action:sign_deal\n", "      anchor: action:sign_dael\n")
    refused = _validate(path)
    assert refused.returncode == 2
    line = _line(text, "action:sign_dael")
    assert f"{path}:{line}:" in refused.stderr
    assert "KZ cannot take an action 'sign_dael'; did you mean 'sign_deal'?" in refused.stderr


def test_an_unknown_anchor_is_refused_with_its_line(tmp_path: Path) -> None:
    path, text = _copy(tmp_path, "      anchor: queue_button\n", "      anchor: queue_buton\n")
    refused = _validate(path)
    assert refused.returncode == 2
    assert f"{path}:{_line(text, 'queue_buton')}:" in refused.stderr


STEPS = Tutorial(
    role="KZ",
    steps=[
        TutorialStep(id="read", text="Read.", anchor="objective", done="next"),
        TutorialStep(id="pick", text="Pick.", anchor="action:sign_deal", done="action_chosen", action="sign_deal"),
        TutorialStep(
            id="queue", text="Queue.", anchor="queue_button", done="order_queued", action="sign_deal", target="CN"
        ),
        TutorialStep(id="end", text="End.", anchor="end_turn", done="turn_ended"),
        TutorialStep(id="event", text="Continue.", anchor="event_continue", done="dialog_closed"),
        TutorialStep(id="look", text="Look.", anchor="country:KZ", done="country_selected", country="KZ"),
    ],
)


def test_progress_moves_only_when_the_player_has_done_what_the_step_asks() -> None:
    progress = TutorialProgress(STEPS)
    assert not progress.observe(Observation(turn=0, action="sign_deal"))  # "next" waits for the button
    progress.next()
    assert progress.current is not None and progress.current.id == "pick"
    assert not progress.observe(Observation(turn=0, action="host_summit"))
    assert progress.observe(Observation(turn=0, action="sign_deal"))
    assert not progress.observe(Observation(turn=0, action="sign_deal", queued=(("sign_deal", "WEST"),)))
    assert progress.observe(Observation(turn=0, queued=(("sign_deal", "WEST"), ("sign_deal", "CN"))))
    assert not progress.observe(Observation(turn=0, dialog="help"))
    assert progress.observe(Observation(turn=1, dialog="event"))
    assert not progress.observe(Observation(turn=1, dialog="event"))
    assert progress.observe(Observation(turn=1))
    assert progress.observe(Observation(turn=1, selected="KZ"))
    assert not progress.active and progress.current is None


def test_skipping_hides_every_step() -> None:
    progress = TutorialProgress(STEPS)
    progress.skip()
    assert progress.current is None
    assert not progress.observe(Observation(turn=0))


def test_a_saved_game_resumes_at_the_steps_of_its_quarter() -> None:
    progress = TutorialProgress(STEPS)
    progress.resume(1)
    assert progress.current is not None and progress.current.id == "event"
    assert not progress.observe(Observation(turn=1, dialog="news"))  # a dialog is still open
    assert progress.observe(Observation(turn=1))


@pytest.mark.parametrize(("roles", "expected"), [(["KZ"], True), (["RU"], False), (["KZ", "RU"], False)])
def test_the_tutorial_is_for_its_role_played_alone(roles: list[str], expected: bool, tmp_path: Path) -> None:
    session = Session.start("tutorial", roles, seed=1, saves_dir=tmp_path)
    assert (TutorialProgress.for_session(session) is not None) is expected


def test_the_steps_make_a_plan_the_rules_accept_in_every_quarter(tmp_path: Path) -> None:
    from game.engine.orders import Order
    from game.play.tutorial import scripted_plan

    tutorial = load_scenario(SHIPPED).scenario.tutorial
    assert tutorial is not None
    plan = scripted_plan(tutorial)
    assert plan[0] == [("sign_deal", "CN"), ("sign_deal", "WEST"), ("invite_migrant_deal", "WEST")]
    assert len(plan) == 4
    session = Session.start("tutorial", ["KZ"], seed=1, saves_dir=tmp_path)
    for orders in plan:
        for action, target in orders:
            assert session.queue(Order("KZ", action, target)) == []
        session.end_turn()
    assert session.is_over()
