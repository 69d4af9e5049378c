"""The computer players' level and reasons, and the autosave ring, through the window."""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.engine.ai.policy import make_policy
from game.engine.ai.reasons import explain_orders
from game.engine.codes import ROLES
from game.engine.game import Game
from game.i18n.reasons import reason_lines
from game.io.save import make_save, read_save, write_save
from game.play.session import Session
from tests.ui.driver import Driver


def test_the_chosen_level_plays_and_the_news_says_why(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3, seed=4, difficulty="hard"))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    levels = {role: "hard" for role in ROLES if role != "KZ"}
    assert session.ai_levels() == levels
    driver.key(pygame.K_e)
    driver.close_popups()
    # The engine played the computer roles at the chosen level.
    game = Game.new(session.world, seed=4, runs=1)
    game.play([[]], human_roles=["KZ"], policy=make_policy(levels))
    assert game.records[0].hashes == session.game.records[0].hashes
    # Every computer order has its one-line reason in the news log.
    record = session.game.records[0]
    given = explain_orders(session.world, session.game.states[0], record.orders, 0, levels)
    reasons = reason_lines(session.world, given)
    orders = record.orders.orders_of_run(session.world, 0)
    expected = [line for order, line in zip(orders, reasons, strict=True) if order.role != "KZ"]
    assert expected and all(": " in line for line in expected)
    assert [i.text for i in session.news(1) if i.kind == "order_ai"] == expected
    driver.key(pygame.K_n)
    assert driver.app.top().__class__.__name__ == "NewsModal"
    shown = " ".join(" ".join(driver.texts()).split())
    for line in expected:
        head, _, why = line.partition(": ")
        assert " ".join(head.split()) in shown and " ".join(why.split()) in shown


def test_the_level_is_kept_in_the_save(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ", "RU"], turns=3, difficulty="easy"))
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    quicksave = saves / f"sandbox-KZ-RU-{driver.app.screen.session.quarter()}.json"  # type: ignore[attr-defined]
    save = read_save(quicksave)
    assert save.ai_levels == {role: "easy" for role in ROLES if role not in ("KZ", "RU")}
    assert not list(saves.glob("*.ui.json"))  # no side files any more
    loaded = Session.load(quicksave)
    assert loaded.difficulty == "easy" and loaded.ai_levels() == save.ai_levels
    # A save from before ai_levels still finds its level in the old side file.
    old = saves / "old.json"
    s = loaded
    path = Path(s.loaded.path)
    from game.io.save import scenario_fingerprint

    files = [path, path.parent / s.loaded.scenario.actions, path.parent / s.loaded.scenario.baseline]
    write_save(old, make_save(s.game, s.world.scenario_id, str(path), scenario_fingerprint(files), {}, ["KZ"]))
    old.with_suffix(".ui.json").write_text(json.dumps({"difficulty": "hard"}), encoding="utf-8")
    assert Session.load(old).difficulty == "hard"


def test_continue_falls_back_past_a_damaged_autosave(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=8, seed=3))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    for _ in range(7):
        driver.key(pygame.K_e)
        driver.close_popups()
    ring = sorted(p.name for p in session.autosave_dir.glob("autosave-*.json"))
    assert ring == [f"autosave-{t:04d}.json" for t in range(3, 8)]  # the newest five
    after_six = session.game.states[6].hashes()[0]
    newest = session.autosave_dir / "autosave-0007.json"
    newest.write_bytes(newest.read_bytes()[:300])  # a crash mid-copy, a full disk …

    other = Driver(make_app())
    other.click("continue")
    assert other.screen() == "GameScreen"
    resumed = other.app.screen.session  # type: ignore[attr-defined]
    assert resumed.turn == 6 and resumed.state_hash() == after_six
    assert other.shows("autosave-0007.json is damaged: continued from autosave-0006.json")


def test_undo_then_play_continues_the_new_line(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    """Autosaves of an abandoned line of play (or an earlier game) never win "Continue"."""
    driver = Driver(make_app(scenario="sandbox", roles=["CN"], turns=5))
    session = driver.app.screen.session  # type: ignore[attr-defined]
    for _ in range(3):
        driver.key(pygame.K_e)
        driver.close_popups()
    driver.key(pygame.K_u)
    driver.key(pygame.K_u)
    driver.key(pygame.K_e)
    driver.close_popups()
    assert session.turn == 2
    assert sorted(p.name for p in session.autosave_dir.glob("autosave-*.json")) == [
        "autosave-0001.json",
        "autosave-0002.json",
    ]
    # The turn left behind is kept in a folder of its own (issue 14), but Continue resumes the new line.
    assert [p.name for p in saves.glob("autosaves/*-left-behind/autosave-*.json")] == ["autosave-0003.json"]
    other = Driver(make_app())
    other.key(pygame.K_c)
    assert other.app.screen.session.state_hash() == session.state_hash()  # type: ignore[attr-defined]
