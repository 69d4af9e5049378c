"""A tutorial game played through the play layer in Russian and Kazakh: what the player reads after each turn
(the turn summary, the refusals, the stakes, the news, the tutorial card) has no English sentence in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.codes import ROLES
from game.engine.orders import Order
from game.i18n import SOURCE_LANGUAGE, set_language
from game.play.session import Session
from game.play.stakes import choices, range_text, stake_text
from game.play.summary import favour_note, formula_text, score_terms, turn_summary
from game.play.timing import OrderTiming
from game.play.tutorial import TutorialProgress, goal_phrase, objective_words, scripted_plan, step_text
from game.scenario.library import shipped_scenarios

# A run of Latin words with two of three letters or more: a sentence, or a piece of one. Codes and ids (KZ,
# host_summit, 2023Q1, C5+1) are not sentences.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z_']*(?:[ ,;:’-]+[A-Za-z][A-Za-z_']*)+")


def english_in(text: str, kept: tuple[str, ...] = ()) -> list[str]:
    """The runs of English words in ``text`` (empty when it has none); ``kept``: names written as such in every
    language (a source's outlet: "The Diplomat")."""
    for name in kept:
        text = text.replace(name, "")
    found = []
    for run in LATIN_RUN.findall(text):
        words = [word for word in re.split(r"[ ,;:’-]+", run) if len(word) >= 3 and "_" not in word]
        if len(words) >= 2:
            found.append(run)
    return found


PROPER_NAMES = ("Global Gateway",)  # programmes the translations name as they are called


def outlets(session: Session) -> tuple[str, ...]:
    """The publications the scenario's events cite, which keep their names in every language, and the proper
    names the translations keep."""
    return PROPER_NAMES + tuple(
        name for event in session.loaded.scenario.events if event.source is not None
        for name in (event.source.outlet, event.source.document) if name
    )


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language switched on for the test, and English again after it."""
    set_language(request.param)
    yield request.param
    set_language(SOURCE_LANGUAGE)


def played_tutorial(saves: Path, turns: int) -> tuple[Session, str]:
    """The tutorial with its role's scripted orders played for ``turns`` quarters."""
    session = Session.start("tutorial", ["KZ"], 1, saves_dir=saves)
    tutorial = session.loaded.scenario.tutorial
    assert tutorial is not None
    role = tutorial.role
    session = Session.start("tutorial", [role], 1, saves_dir=saves)
    for quarter in scripted_plan(tutorial)[:turns]:
        for action, target in quarter:
            assert session.queue(Order(role, action, target)) == []
        session.end_turn()
    return session, role


def shown_texts(session: Session, role: str) -> Iterator[tuple[str, str]]:
    """Everything the play layer gives a screen to show after the turns played, with where it comes from."""
    for turn in range(1, session.turn + 1):
        summary = turn_summary(session, role, turn)
        assert summary is not None
        yield from (("score part", part.label) for part in summary.parts)
        for outcome in summary.orders:
            yield "order outcome", outcome.text
            yield from (("effect", change.text()) for change in outcome.effects)
        yield from (("map move", move.text()) for move in summary.moves)
        yield from (("map move's cause", text) for move in summary.moves for text, _points in move.causes)
        yield from (("still to act", text) for text in summary.later)
        yield from (("pushback", text) for text in summary.pushback)
        yield "favour note", favour_note(summary)
        for item in session.news(turn):
            yield "news", item.text
            yield "news detail", item.detail
        for event in session.events_of(turn):
            yield "event", f"{event.title} {event.text} {event.source} {event.quote_translation}"
    yield "formula", formula_text(role)
    yield from (("score term", term.text()) for term in score_terms(session.world, session.values(), role))
    for choice in choices(session, role):
        yield "stakes", range_text(choice)
        yield "refusal", choice.problem
        for option in choice.options:
            yield "stake", stake_text(option.stake)
            yield "refusal", option.problem
            yield from (("expected effect", e.label) for e in session.expected_effects(role, option.action,
                                                                                       option.target))
            yield from (("route", note) for note in session.unbuilt_routes(role, option.action, option.target))
        yield "timing", OrderTiming.of(session.world.actions, choice.action).when(session.quarter())
    progress = TutorialProgress.for_session(session)
    for step in progress.steps if progress is not None else []:
        yield "tutorial card", step_text(step, session, role)
    yield "objective", objective_words(session, role)


@pytest.mark.parametrize("language", ["ru", "kk"], indirect=True)
def test_a_tutorial_game_reads_without_an_english_sentence(tmp_path: Path, language: str) -> None:
    session, role = played_tutorial(tmp_path, 3)
    texts = list(shown_texts(session, role))
    kinds = {kind for kind, text in texts if text}
    assert {"score part", "order outcome", "map move", "news", "stake", "refusal", "tutorial card"} <= kinds
    english = [(kind, text) for kind, text in texts if english_in(text, outlets(session))]
    assert english == []


@pytest.mark.parametrize("language", ["ru", "kk"], indirect=True)
def test_an_order_refused_is_refused_in_the_language(tmp_path: Path, language: str) -> None:
    """The same order twice, and more orders than a turn allows: the reasons the player reads are in words of
    the language."""
    session, role = played_tutorial(tmp_path, 1)
    legal = [(choice.action, option.target) for choice in choices(session, role) for option in choice.legal]
    action, target = legal[0]
    order = Order(role, session.world.actions.ids[action], target)
    assert session.queue(order) == []
    (twice,) = session.queue(order)
    assert twice and not english_in(twice)
    assert re.search("[а-яәіңғүұқөһ]", twice)
    refusals = {option.problem for choice in choices(session, role) for option in choice.options if option.problem}
    assert refusals and not [text for text in refusals if english_in(text)]


def test_the_checker_finds_english_and_passes_codes() -> None:
    assert english_in("Казахстан: Host a summit → Россия") == ["Host a summit"]
    assert english_in("KZ trade → RU, 2023Q1, host_summit, C5+1, ОД") == []
    assert ROLES  # role codes stay as they are


@pytest.mark.parametrize("language", ["ru", "kk"], indirect=True)
@pytest.mark.parametrize("scenario", [path.stem for path in shipped_scenarios()])
def test_every_shipped_scenario_plays_a_turn_without_english(tmp_path: Path, scenario: str, language: str) -> None:
    """Each scenario's first two quarters in the language: its events, news and turn summary name everything in
    the language (the scenario's translation file and the catalogs)."""
    session = Session.start(scenario, ["KZ"], 3, turns=2, saves_dir=tmp_path)
    session.end_turn()
    session.end_turn()
    texts = [(kind, text) for kind, text in shown_texts(session, "KZ") if kind != "tutorial card"]
    assert [(kind, text) for kind, text in texts if english_in(text, outlets(session))] == []


def test_the_goal_line_keeps_a_name_that_opens_the_objective_capitalised(tmp_path: Path) -> None:
    """Kazakh objectives that open with Moscow stay "Мәскеуді …" on the goal line, never "мәскеуді …"."""
    set_language("kk")
    try:
        session = Session.start("europe_woos", ["KZ"], 1, saves_dir=tmp_path)
        assert objective_words(session, "KZ").startswith("Мәскеуді")
        assert goal_phrase(session, "KZ").startswith("Мәскеуді")
    finally:
        set_language(SOURCE_LANGUAGE)
