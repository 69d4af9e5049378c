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
    session, driver = _end_screen(make_app, ["KZ"], "hard")
    world = session.world
    grid = level_grid(session.ai_levels(), 1)
    scores = session.scores()
    targets = world.victory_targets(grid[0])
    # A human Kazakhstan against seven hard computer players needs the hard par.
    assert targets[ROLES.index("KZ")] == world.victory[2, ROLES.index("KZ")]
    won = world.winners(scores[None, :], grid)[0]
    shown = driver.texts()
    for index in range(len(ROLES)):
        assert f"{targets[index]:.2f}" in shown
    assert shown.count("won") == int(won.sum()) and shown.count("missed") == int((~won).sum())
    kz = ROLES.index("KZ")
    title = f"You win as {ROLE_NAMES['KZ']}" if won[kz] else "Kazakhstan fell short"
    assert any(title in text for text in shown), title
    par = f"{targets[kz]:.2f}: the score the computer reaches as Kazakhstan when it plays against hard opponents"
    assert any(par in t for t in shown)


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
            moved = f" ({signed(score - session.scores(session.turn - 1)[index])})" if session.turn else ""
            expected = f"{role} score {score:.2f}{moved} · target {session.targets()[index]:.2f}"
            assert expected in driver.texts(), expected
            driver.key(pygame.K_TAB)  # next team
        session.end_turn()
        driver.app.step([])
