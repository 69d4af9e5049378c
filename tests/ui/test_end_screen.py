"""The end screen judges every role by the scenario's victory target, as the engine does."""

from __future__ import annotations

import numpy as np
import pygame

from game.engine.ai.policy import level_grid
from game.engine.codes import ROLE_NAMES, ROLES
from tests.ui.driver import Driver


def _end_screen(make_app, humans: list[str], difficulty: str):  # type: ignore[no-untyped-def]
    from game.play.session import Session
    from game.ui.screens.end import EndScreen

    app = make_app()
    session = Session.start("tutorial", humans, 5, difficulty=difficulty, saves_dir=app.saves_dir)
    while not session.is_over():
        session.end_turn()
    app.goto(EndScreen(app, session))
    driver = Driver(app)
    return session, driver


def test_targets_results_and_verdict_match_the_engine(make_app) -> None:  # type: ignore[no-untyped-def]
    # Uzbekistan is judged by its par (the tutorial judges only Kazakhstan against doing nothing).
    session, driver = _end_screen(make_app, ["UZ"], "hard")
    world = session.world
    grid = level_grid(session.ai_levels(), 1)
    scores = session.scores()
    targets, won = session.victory()
    uz = ROLES.index("UZ")
    # A human Uzbekistan against seven hard computer players needs the hard par.
    assert targets[uz] == world.victory_targets(grid[0])[uz] == world.victory[2, uz]
    assert won[uz] == world.winners(scores[None, :], grid)[0, uz]
    shown = driver.texts()
    for index in range(len(ROLES)):
        assert f"{targets[index]:.2f}" in shown
    assert shown.count("won") == int(won.sum()) and shown.count("missed") == int((~won).sum())
    title = f"You win as {ROLE_NAMES['UZ']}" if won[uz] else "Uzbekistan fell short"
    assert any(title in text for text in shown), title
    par = f"{targets[uz]:.2f}: the score the computer reaches as Uzbekistan when it plays against hard opponents"
    assert any(par in t for t in shown)


def test_kazakhstan_in_the_tutorial_is_judged_against_doing_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    session, driver = _end_screen(make_app, ["KZ"], "normal")  # Kazakhstan gave no orders: it ties and misses
    kz = ROLES.index("KZ")
    targets, won = session.victory()
    assert f"{targets[kz]:.2f}" in driver.texts() and session.scores()[kz] == targets[kz] and not won[kz]
    tie = f"ended at {targets[kz]:.2f}, level with the target of {targets[kz]:.2f}"
    assert driver.shows("Kazakhstan fell short") and driver.shows(tie)
    verdict = f"the target of {targets[kz]:.2f}: what Kazakhstan would have scored by doing nothing"
    assert any(verdict in text for text in driver.texts()), verdict
    assert driver.shows("Winner rule: a role wins when")
    rule = "for Kazakhstan the target is what doing nothing would score, so doing nothing never wins"
    assert " ".join(driver.texts()).count(rule) == 1


def test_several_teams_are_counted(make_app) -> None:  # type: ignore[no-untyped-def]
    session, driver = _end_screen(make_app, ["KZ", "RU", "CN"], "normal")
    grid = level_grid(session.ai_levels(), 1)
    won = session.world.winners(session.scores()[None, :], grid)[0]
    teams = int(np.sum([won[ROLES.index(role)] for role in ("KZ", "RU", "CN")]))
    assert any(f"{teams} of 3 teams reached their target" in text for text in driver.texts())


def test_map_screen_shows_the_active_role_score_and_target_every_turn(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.play.session import Session
    from game.play.summary import signed
    from game.ui.screens.game import GameScreen

    app = make_app()
    session = Session.start("tutorial", ["KZ", "RU"], 5, difficulty="easy", saves_dir=app.saves_dir)
    app.goto(GameScreen(app, session))
    driver = Driver(app)
    for _ in range(2):
        for role in ("KZ", "RU"):
            index = ROLES.index(role)
            score = session.scores()[index]
            before = round(float(session.scores(session.turn - 1)[index]), 2)
            moved = f" ({signed(round(float(score), 2) - before)})" if session.turn else ""  # as the scores read
            label = "beat doing nothing:" if role == "KZ" else "target"  # the tutorial's role is judged so
            # Two teams leave no room for the goal beside the score: it has a line of its own above it.
            expected = f"score {score:.2f}{moved} · {label} {session.targets()[index]:.2f}"
            assert expected in driver.texts(), expected
            assert any(text.startswith("Goal: ") for text in driver.texts())
            driver.key(pygame.K_TAB)  # next team
        session.end_turn()
        driver.app.step([])
