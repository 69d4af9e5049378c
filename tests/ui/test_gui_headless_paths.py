"""Determinism across paths: a game played through the UI with given orders has the same
history, turn by turn, as the same orders run headless through the engine."""

from __future__ import annotations

from game.engine.ai.policy import make_policy
from game.engine.game import Game
from game.engine.orders import Order
from tests.ui.driver import Driver

UI_ORDERS = {
    1: [("host_summit", "WEST")],
    2: [("diversify_routes", "RU"), ("sign_deal", "CN")],
    3: [],
}


def test_ui_game_equals_headless_game(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(turns=3))
    driver.click("scenario_tutorial")
    for _ in range(abs(driver.app.screen.turns_value() - 3)):  # type: ignore[attr-defined]
        driver.click("turns_minus" if driver.app.screen.turns_value() > 3 else "turns_plus")  # type: ignore[attr-defined]
    driver.click("start")
    session = driver.app.screen.session  # type: ignore[attr-defined]
    driver.click("tab_actions")
    for turn, orders in UI_ORDERS.items():
        for action, target in orders:
            driver.click(f"action_{action}")
            driver.click(f"target_{target}")
            driver.click("queue")
        driver.click("end_turn")
        driver.close_popups()
        assert session.turn == turn
        if not session.is_over():
            driver.click("tab_actions")

    headless = Game.new(session.world, seed=session.seed)
    policy = make_policy(session.ai_levels())
    for orders in UI_ORDERS.values():
        headless.play([[Order("KZ", action, target) for action, target in orders]], ["KZ"], policy)
    assert [r.hashes for r in headless.records] == [r.hashes for r in session.game.records]
    assert [str(o) for o in session.game.records[1].orders.orders_of_run(session.world, 0) if o.role == "KZ"] == [
        "KZ diversify_routes RU",
        "KZ sign_deal CN",
    ]
