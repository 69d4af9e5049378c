"""The debrief's questions claim only causes the ledger shows: a game moved by chance is asked about luck and
never about anybody's purpose; a game without chance is never asked about luck; every cause a question quotes is
in the game's ledger."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from game.engine.ai.policy import make_policy, normal_orders
from game.engine.codes import COUNTRIES, POWERS, ROLES
from game.engine.game import Game
from game.engine.world import World
from game.report.causes import big_shifts, event_name, headline_causes
from game.report.questions import discussion_questions
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def _world(noise: float) -> World:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 6)
    return replace(world, rules=replace(world.rules, noise=noise))


def _questions(game: Game) -> list[str]:
    data = SimpleNamespace(game=game, teams=[], batch=None)
    return discussion_questions(data, big_shifts(game), [])  # type: ignore[arg-type]


def _ledger_texts(game: Game) -> set[str]:
    """Every cause text of the game's ledger, and every event's title as the questions name it."""
    texts = set()
    for record in game.records:
        for country in COUNTRIES:
            for power in POWERS:
                for cause in headline_causes(game.world, record, country, power):
                    texts |= {cause.text, event_name(cause.text)}
    return texts


@pytest.fixture(scope="module")
def chance_game() -> Game:
    """Nobody gives an order (every role passes) and chance is five times the scenario's."""
    game = Game.new(_world(5.0), seed=4, runs=1, keep_ledger=True, policy=make_policy(dict.fromkeys(ROLES, "pass")))
    game.play_to_end()
    return game


@pytest.fixture(scope="module")
def ordered_game() -> Game:
    """The computer plays every role and there is no chance at all."""
    game = Game.new(_world(0.0), seed=4, runs=1, keep_ledger=True, policy=normal_orders)
    game.play_to_end()
    return game


def test_a_game_of_chance_is_asked_about_luck_not_purpose(chance_game: Game) -> None:
    questions = _questions(chance_game)
    assert "chance" in questions[0] and "luck" in questions[0]  # the biggest shift: chance led it
    assert not any("purpose" in q or "order by" in q or "project by" in q for q in questions)
    assert any("Most of the gain was chance" in q for q in questions)  # the largest gain, too


def test_a_game_without_chance_is_never_asked_about_luck(ordered_game: Game) -> None:
    questions = _questions(ordered_game)
    assert not any("chance" in q or "luck" in q for q in questions)
    # its largest shift was led by somebody's order or project, or by an event (sandbox's raids on migrants)
    assert "purpose" in questions[0] or "prepared" in questions[0]


@pytest.mark.parametrize("which", ["chance_game", "ordered_game"])
def test_every_quoted_cause_is_in_the_ledger(which: str, request: pytest.FixtureRequest) -> None:
    game: Game = request.getfixturevalue(which)
    ledger = _ledger_texts(game)
    quoted = [text for question in _questions(game) for text in re.findall(r"“([^”]+)”", question)]
    quoted = [text for text in quoted if text != "Multi-vector"]
    assert quoted and all(text in ledger for text in quoted), quoted
