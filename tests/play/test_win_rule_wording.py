"""One winner rule, said the same everywhere: a role wins when its score ends above its target, so
doing nothing (which scores exactly the tutorial's target) never wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.codes import ROLES
from game.play.previews import scenario_previews
from game.play.session import Session


@pytest.fixture(scope="module")
def idle_tutorial(tmp_path_factory: pytest.TempPathFactory) -> Session:
    session = Session.start("tutorial", ["KZ"], seed=7, saves_dir=tmp_path_factory.mktemp("saves"))
    while not session.is_over():
        session.end_turn()  # no orders: Kazakhstan does nothing all year
    return session


def test_doing_nothing_ends_on_the_target_and_does_not_win(idle_tutorial: Session) -> None:
    targets, reached = idle_tutorial.victory()
    kz = ROLES.index("KZ")
    assert idle_tutorial.scores()[kz] == pytest.approx(targets[kz], abs=1e-12)
    assert not reached[kz]


def test_every_text_of_the_rule_says_above_not_at_or_above(idle_tutorial: Session) -> None:
    from game.ui.screens.end import winner_rule

    rule = winner_rule(idle_tutorial)
    assert rule.startswith("Winner rule: a role wins when its score (its objective, 0–100) ends above its target")
    assert "doing nothing never wins" in rule
    texts = [rule] + [objective for p in scenario_previews() for _, objective in p.objectives]
    texts += [Path(f"scenarios/translations/{lang}/tutorial.yaml").read_text(encoding="utf-8") for lang in ("ru",)]
    assert not [text for text in texts if "at or above" in text or "не ниже цели" in text]


def test_the_last_quarter_says_nothing_about_a_next_quarter(idle_tutorial: Session) -> None:
    """After the last quarter, points left unspent carry over to nothing: the summary does not mention them."""
    from game.ui.screens.summary import unspent_note

    assert idle_tutorial.is_over()
    assert unspent_note(idle_tutorial, "KZ", 9.0) == ""
    idle_tutorial.undo_to(idle_tutorial.turn - 1)  # the quarter before: they do carry over
    assert unspent_note(idle_tutorial, "KZ", 4.0).startswith("4.0 AP left unspent: they carry over")
