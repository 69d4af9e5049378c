"""The tutorial's coach card, one role by default, the click guard and saves named by game, headless."""

from __future__ import annotations

import re
from pathlib import Path

import pygame

from game.engine.codes import ROLES
from tests.ui.drawn_text import frame_texts
from tests.ui.driver import Driver

COUNTER = re.compile(r"Tutorial · step (\d+) of (\d+)|Tutorial (\d+)/(\d+):")


def _follow_one_step(driver: Driver) -> str:
    """Do what the card asks, as a newcomer would: press Next, or click the ringed control."""
    coach = driver.app.screen.coach  # type: ignore[attr-defined]
    step = coach.progress.current
    if step.done == "next":
        driver.click("coach_next")
    else:
        ring = coach.anchor_rect(step)
        assert ring is not None, f"step {step.id}: nothing ringed"
        if not driver.app.modals:
            assert not coach.card.colliderect(ring), f"step {step.id}: the card covers {step.anchor}"
        driver.click_at(ring.center)
    return str(step.id)


def test_following_the_coach_card_wins_the_tutorial(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], seed=1))
    coach = driver.app.screen.coach  # type: ignore[attr-defined]
    count = coach.progress.count
    assert driver.has("coach_card") and driver.shows(f"Tutorial · step 1 of {count}")
    done: list[str] = []
    counters: list[tuple[int, int]] = []  # what the card (or its strip in a dialog) says, frame after frame
    while driver.screen() == "GameScreen" and len(done) < 60:
        for text in frame_texts(driver.app):
            found = COUNTER.search(text)
            if found:
                number, steps = (int(group) for group in found.groups() if group is not None)
                counters.append((number, steps))
        if coach.progress.current.id == "choose_migrants":  # the card says whom the order is aimed at
            assert "With the West" in coach.card_text()
        if coach.progress.current.id == "summit_russia":  # the text advises against a summit: not ringed
            assert coach.anchor_rect(coach.progress.current) != driver.app.locate("action_list")
            assert not coach.progress.current.anchor.startswith("action:")
        done.append(_follow_one_step(driver))
    # Issue 14: the counter jumped (4→6, 9→11, …) and ended at "33 of 35": now it counts 1, 2, … N, N of N.
    numbers = [number for number, _steps in counters]
    assert {steps for _number, steps in counters} == {count}
    assert sorted(set(numbers)) == list(range(1, count + 1)) and numbers == sorted(numbers), numbers
    # Every step done (the last one's Continue opens the end screen in the same click).
    assert coach.progress.index == len(coach.progress.steps) - 1 and not coach.progress.skipped
    assert len(done) <= len(coach.progress.steps) + 2, done  # about one click per step
    assert driver.screen() == "EndScreen"
    assert driver.shows("You win as Kazakhstan")
    session = driver.app.screen.session  # type: ignore[attr-defined]
    target = session.targets()[ROLES.index("KZ")]
    assert f"{target:.2f}" == "51.38"  # what Kazakhstan scores on seed 1 giving no orders
    assert driver.shows("the target of 51.38: what Kazakhstan would have scored by doing nothing")


def test_skip_tutorial_hides_the_card_for_the_rest_of_the_game(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    driver.click("coach_skip")
    assert not driver.has("coach_card")
    driver.key(pygame.K_e)
    driver.close_popups()
    assert driver.app.screen.session.turn == 1 and not driver.has("coach_card")  # type: ignore[attr-defined]


def test_no_card_in_a_scenario_without_a_tutorial(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=2))
    assert not driver.has("coach_card")


def test_the_top_bar_says_the_goal_in_words(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    # Known from the first quarter: the do-nothing year does not depend on what the player does.
    # At 1280×720 the goal has a line of its own above the score (too long for one button beside the team).
    assert driver.shows("Goal: Raise autonomy and prosperity")
    assert driver.shows("score 51.07 · beat doing nothing: 51.38")
    assert driver.shows("The top bar shows your score (0 to 100) and the target, 51.38: what Kazakhstan would")


def test_the_card_of_a_dialog_step_keeps_clear_of_its_button(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], seed=1))
    coach = driver.app.screen.coach  # type: ignore[attr-defined]
    while coach.progress.current.id != "summary_q1":
        _follow_one_step(driver)
    dialog = coach.dialog_window()
    assert dialog is not None and driver.has("summary_continue")
    driver.app.step([])  # a frame drawn with the summary open
    card = " ".join(driver.texts())  # the card's lines, wrapped at its width, one after another
    assert "The turn summary says what your orders did and splits your score's change into its causes" in card
    # At 1280×720 the room beside the summary (228 px) is too narrow: the card is a strip in its buttons' row.
    assert coach.card.width >= 300 and dialog.contains(coach.card)
    assert not coach.card.colliderect(driver.app.locate("summary_continue"))
    assert driver.app.window.get_rect().contains(coach.card)
    assert not driver.has("coach_card")  # the card on the map (under the dialog) is gone meanwhile


def test_a_skipped_tutorial_stays_hidden_after_a_load(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    driver.click("coach_skip")
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    other = Driver(make_app())
    other.click("load")
    other.click("load_tutorial-KZ-2023Q1")
    other.click("load_chosen")
    assert other.screen() == "GameScreen", other.texts()
    assert not other.has("coach_card") and other.app.screen.coach.progress.skipped  # type: ignore[attr-defined]
    fresh = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    assert fresh.has("coach_card")  # a new game shows it again


def test_one_role_by_default_and_several_only_with_the_hot_seat_switch(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app())
    start = driver.app.screen
    assert start.roles == ["KZ"]  # type: ignore[attr-defined]
    driver.click("role_RU")
    assert start.roles == ["RU"]  # type: ignore[attr-defined]
    driver.click("hot_seat")
    driver.click("role_CN")
    assert driver.app.screen.roles == ["RU", "CN"]  # type: ignore[attr-defined]
    driver.click("start")
    assert driver.app.screen.session.human_roles == ["RU", "CN"]  # type: ignore[attr-defined]


def test_the_start_screen_shows_the_objectives_and_both_briefings(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app())
    text = " ".join(driver.texts())
    assert "Your goal as Kazakhstan:" in text and "Every role's objective" in text
    assert "you win as Kazakhstan when it ends above what Kazakhstan would have scored by doing nothing" in text
    assert "Suggested plan" not in text
    driver.click("briefing_advanced")
    assert driver.shows("Suggested plan")
    driver.click("briefing_basic")
    assert not driver.shows("Suggested plan")


def test_a_click_right_after_a_screen_change_is_ignored(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenario="tutorial", roles=["KZ"], turns=1)  # an event every quarter
    driver = Driver(app)
    clock = [100.0]
    app.now = lambda: clock[0]
    app.changed_at, app.input_guard = float("-inf"), 0.25
    driver.click("end_turn")
    assert driver.has("summary_continue")
    driver.click("summary_continue")  # the second click of a double click, in the same instant
    assert driver.has("summary_continue")
    clock[0] += 0.3
    driver.click("summary_continue")
    assert driver.has("event_continue")
    clock[0] += 0.3
    driver.click("event_continue")
    assert driver.screen() == "EndScreen"
    quit_button = app.locate("end_quit")
    driver.click_at(quit_button.center)  # where "See the results" was a moment ago: ignored
    assert app.running and not app.modals
    clock[0] += 0.3
    driver.click_at(quit_button.center)
    assert app.modals or not app.running  # now it is a real click


def test_saves_are_named_by_scenario_role_and_quarter(make_app, saves: Path) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    driver.click("coach_skip")
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert (saves / "tutorial-KZ-2023Q2.json").exists()
    other = Driver(make_app())
    assert other.shows("Continue  (C)") and other.shows("Tutorial · Kazakhstan · 2023Q2 (turn 2 of 4)")
    other.click("load")
    assert other.shows("Tutorial · Kazakhstan · 2023Q2 (turn 2 of 4) — manual save, ")  # then when
    _ = ROLES


def test_clicks_made_while_a_game_was_loading_do_not_reach_it(make_app) -> None:  # type: ignore[no-untyped-def]
    """A double click on Start: the second click, made while the map was being built, landed on
    End turn (at the same place) and played a quarter with no orders (newcomer play-through)."""
    app = make_app()
    driver = Driver(app)
    assert driver.screen() == "StartScreen"
    start = app.locate("start")
    real_goto = app.goto

    def goto_while_clicking(screen) -> None:  # type: ignore[no-untyped-def]
        real_goto(screen)
        end_turn = app.locate("end_turn")
        if end_turn is not None:  # the player clicks again before the map is on show
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=end_turn.center, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end_turn.center, button=1))

    app.goto = goto_while_clicking
    app.input_guard = 0.0  # the time guard alone would let a slow first frame through
    driver.click_at(start.center)
    assert driver.screen() == "GameScreen"
    for _ in range(3):
        app.step()
    assert app.screen.session.game.turn == 0
    assert not app.modals


def test_an_undo_takes_the_tutorial_back_to_the_steps_of_that_quarter(make_app) -> None:  # type: ignore[no-untyped-def]
    driver = Driver(make_app(scenario="tutorial", roles=["KZ"], seed=1))
    coach = driver.app.screen.coach  # type: ignore[attr-defined]
    session = driver.app.screen.session  # type: ignore[attr-defined]
    first_of_quarter = coach.progress.index
    while session.turn < 1:  # follow the card through the first quarter
        _follow_one_step(driver)
    while driver.app.modals:  # the turn summary and the event card after it
        _follow_one_step(driver)
    after_first_quarter = coach.progress.index
    assert after_first_quarter > first_of_quarter
    driver.click("top_Menu")
    driver.click("menu_Undo last turn…  (U)")
    driver.click("Undo")
    assert session.turn == 0
    # The card asks for the first quarter's orders again instead of speaking of results the undo removed.
    assert coach.progress.index == first_of_quarter
    assert driver.shows("Tutorial · step 1 of 30")


def test_a_step_that_only_points_rings_its_control_quietly(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A "look here" step (Next moves on: "See 'Host a summit': 0.00 …") outlines the row in a dim line; only a
    step that asks for a click rings its control in the bright warning colour (a newcomer read the bright ring
    round "Host a summit" as "click this" while the card said a summit was not worth it)."""
    from game.ui.panels import coach as coach_panel

    driver = Driver(make_app(scenario="tutorial", roles=["KZ"]))
    driver.close_popups()
    app = driver.app
    coach = app.screen.coach
    palette = app.theme.palette
    draw = pygame.draw.rect
    colours: list[tuple[int, ...]] = []

    def recording(surface, colour, rect, *args, **kwargs):  # type: ignore[no-untyped-def]
        colours.append(tuple(colour)[:3])
        return draw(surface, colour, rect, *args, **kwargs)

    steps = coach.progress.steps
    for step_id, bright in (("summit_zero", False), ("choose_summit_china", True)):
        coach.progress.index = next(i for i, s in enumerate(steps) if s.id == step_id)
        driver.click("tab_actions") if app.locate("tab_actions") else None
        colours.clear()
        monkeypatch.setattr(coach_panel.pygame.draw, "rect", recording)
        coach.draw_above(app.painter)
        monkeypatch.setattr(coach_panel.pygame.draw, "rect", draw)
        assert (tuple(palette.warning) in colours) is bright, step_id
        assert bright or tuple(palette.text_dim) in colours
