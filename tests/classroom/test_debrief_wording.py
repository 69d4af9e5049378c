"""The debrief's wording: capped ranks, only remarkable results, no event question without events."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from game.engine.ai.policy import normal_orders
from game.engine.game import Game
from game.play.metrics import METRIC_INDEX, METRICS, percentile_rank
from game.report.debrief import comparison_sentences, percentile_text, usual_score_sentence
from game.report.figures import tick_positions
from game.report.questions import discussion_questions
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def test_ranks_are_capped_and_unremarkable_results_dropped() -> None:
    sample = np.full((50, len(METRICS)), 40.0)
    sample[:, METRIC_INDEX["headline.KG.RU"]] = np.linspace(30.0, 50.0, 50)
    final = np.full(len(METRICS), 40.0)  # ties everywhere: mid-rank 50%, not 0%
    final[METRIC_INDEX["headline.KG.RU"]] = 60.0  # above every computer run
    final[METRIC_INDEX["score.RU"]] = 10.0  # below every computer run
    played = {"RU": [SimpleNamespace(source="file")] * 4}  # four quarters, from the team's files
    batch, game = SimpleNamespace(final=sample), SimpleNamespace(turn=4, world=None, records=[])  # no ledger
    data = SimpleNamespace(batch=batch, teams=["RU"], decisions=played, game=game)
    sentences = [item.sentence for item in comparison_sentences(data, final)]  # type: ignore[arg-type]
    assert sentences == [
        "Your Russia ended above every simulated world in Kyrgyzstan's ties to it (60.0; computer median 40.0).",
        "Your Russia ended below every simulated world in its score (10.0; computer median 40.0).",
    ]
    assert not any("100%" in s or "0% of" in s for s in sentences)
    assert percentile_rank(sample[:, 0], 40.0) == 50.0 and percentile_text(50.0) == "50%"
    assert percentile_text(100.0) == "above all" and percentile_text(0.0) == "below all"


def test_no_event_question_when_no_event_fired() -> None:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 2)
    game = Game.new(world, seed=1, runs=1, keep_ledger=True, policy=normal_orders)
    game.play_to_end()
    quiet = SimpleNamespace(states=game.states, world=game.world, records=[])
    data = SimpleNamespace(game=quiet, teams=[], batch=None, decisions={})
    questions = discussion_questions(data, [], [])  # type: ignore[arg-type]
    assert not any("Which event changed the game most" in q for q in questions)
    assert any("No event fired" in q for q in questions)


def test_few_readable_ticks() -> None:
    assert tick_positions(33) == [0, 8, 16, 24, 32]
    assert len(tick_positions(13)) <= 5 and tick_positions(13)[-1] == 12
    assert tick_positions(1) == [0]


def test_the_biggest_shift_question_names_chance_as_chance() -> None:
    """A shift whose largest cause is noise is asked about as luck, not as somebody's intention; one whose
    largest cause is a player's order asks about its purpose; drift and events get their own questions."""
    from game.report.causes import CauseShare, Shift
    from game.report.questions import _biggest_shift_question

    def shift(text: str, kind: str) -> Shift:
        causes = (CauseShare(text, kind, -1.2), CauseShare("order by Russia: Hold a summit (Kazakhstan)", "order", 0.3))
        return Shift(3, "2023Q4", "KZ", "RU", 50.0, 49.1, causes)

    luck = _biggest_shift_question(shift("chance (random fluctuation)", "noise"))
    assert "chance" in luck and "luck" in luck and "purpose" not in luck and "intended" not in luck
    choice = _biggest_shift_question(shift("order by China: Energy deal (Kazakhstan)", "order"))
    assert "order by China: Energy deal (Kazakhstan)" in choice and "purpose" in choice
    fading = _biggest_shift_question(shift("drift back toward the long-run level", "drift"))
    assert "fading" in fading and "purpose" not in fading
    world_event = _biggest_shift_question(shift("event (historical): A court halts the terminal", "event"))
    assert "event" in world_event and "prepared" in world_event


def test_a_run_without_teams_is_not_asked_about_your_team() -> None:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 2)
    game = Game.new(world, seed=1, runs=1, keep_ledger=True, policy=normal_orders)
    game.play_to_end()
    solo = SimpleNamespace(game=game, batch=None, teams=[], decisions={})
    questions = discussion_questions(solo, [], [])  # type: ignore[arg-type]
    assert not any("your team" in question for question in questions)
    assert any("computer played every role" in question for question in questions)


def test_one_computer_played_quarter_is_not_credited_to_a_team_nor_ranked() -> None:
    """A class game after one --no-files turn: the computer chose the teams' orders, and one quarter has
    barely spread the computer runs, so the debrief gives values and spread, not "above 99% of worlds",
    and never asks about the team's decisions."""
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 1)
    game = Game.new(world, seed=1, runs=1, keep_ledger=True, policy=normal_orders)
    game.play_to_end()
    sample = np.full((50, len(METRICS)), 40.0)
    sample[:, METRIC_INDEX["score.RU"]] = np.linspace(46.5, 46.9, 50)
    final = np.full(len(METRICS), 40.0)
    final[METRIC_INDEX["score.RU"]] = 46.4  # below every computer run, by 0.3
    computer = {"RU": [SimpleNamespace(source="computer")]}
    data = SimpleNamespace(batch=SimpleNamespace(final=sample), teams=["RU"], decisions=computer, game=game)
    sentences = comparison_sentences(data, final)  # type: ignore[arg-type]
    assert [item.sentence for item in sentences] == [
        "After one quarter, Russia (played by the computer) stood at 46.4 in its score, −0.3 from the computer "
        "median (46.7; the middle 80% of the runs 46.5–46.9): one quarter shows a small difference, not yet a "
        "pattern."
    ]
    questions = discussion_questions(data, [], sentences)  # type: ignore[arg-type]
    assert not any("Russia's decisions" in q or "your team" in q for q in questions)
    assert any("The computer chose Russia's orders" in q for q in questions)
    assert any("No team handed in orders" in q for q in questions)


def test_a_gap_under_a_point_is_said_in_points_and_a_usual_team_is_still_named() -> None:
    """The computer's runs can spread so little that 0.7 points ranks "below 99%": the sentence then leads
    with the points; a team whose score was usual still gets its line instead of being left out."""
    sample = np.full((100, len(METRICS)), 40.0)
    sample[:, METRIC_INDEX["score.CN"]] = np.linspace(45.9, 46.1, 100)
    sample[:, METRIC_INDEX["score.KZ"]] = np.linspace(45.0, 49.0, 100)
    final = np.full(len(METRICS), 40.0)
    final[METRIC_INDEX["score.CN"]] = 45.3
    final[METRIC_INDEX["score.KZ"]] = 47.1
    played = {team: [SimpleNamespace(source="file")] * 4 for team in ("CN", "KZ")}
    game = SimpleNamespace(turn=4, world=None, records=[])
    data = SimpleNamespace(batch=SimpleNamespace(final=sample), teams=["CN", "KZ"], decisions=played, game=game)
    sentences = [item.sentence for item in comparison_sentences(data, final)]  # type: ignore[arg-type]
    assert sentences == [
        "Your China ended −0.7 from the computer median in its score (45.3 against 46.0): less than a point on "
        "the 0–100 scale, though below every simulated world, because the computer's runs differ little here."
    ]
    assert usual_score_sentence("KZ", final, sample) == (
        "Your Kazakhstan ended with a score of 47.1, within the middle 80% of the computer runs (median 47.0)."
    )
    assert usual_score_sentence("CN", final, sample) == ""
