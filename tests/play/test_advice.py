"""The advice a newcomer reads in the order form (issue 14): the others' cost to Russia is shown whole (its named
orders and "other orders" add up to the turn summary's "others' orders", also as shown rounded), and every answer is
an order the rule still allows after those already queued, with when it acts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine.codes import quarter_after
from game.engine.orders import Order
from game.i18n import format_number, set_language
from game.play import advice as advice_module
from game.play.advice import Advice, HurtingOrder, OthersCost, advice, reply_to
from game.play.rounding import shared_rounding, shown_parts
from game.play.session import Session
from game.play.stakes import ActionChoice, Option, acting_text, choices, free_project_slots
from game.play.summary import turn_summary
from game.play.timing import OrderTiming


def played(tmp_path: Path, turns: int) -> Session:
    """The Middle Corridor (12 quarters) as Russia after ``turns`` quarters played with nothing ordered."""
    session = Session.start("middle_corridor", ["RU"], seed=1, turns=12, saves_dir=tmp_path)
    for _ in range(turns):
        session.end_turn()
    return session


def advised(session: Session) -> Advice:
    found = advice(session, "RU")
    assert found is not None, "no order of the others cost Russia a visible amount"
    return found


def legal_now(session: Session) -> set[tuple[int, str]]:
    return {(o.action, o.target) for choice in choices(session, "RU") for o in choice.legal}


@pytest.mark.parametrize("turns", [2, 3, 9])  # after 9 quarters the total rounds apart from the summary's
def test_the_named_orders_and_the_rest_add_up_to_what_the_others_orders_cost(tmp_path: Path, turns: int) -> None:
    session = played(tmp_path, turns)
    cost = advised(session).cost
    summary = turn_summary(session, "RU", session.turn)
    assert summary is not None
    others = next(part.amount for part in summary.parts if part.key == "others")
    assert cost.total == others  # the same credits, summed in the same order
    assert sum(cost.parts) == pytest.approx(cost.total, abs=1e-12)
    assert cost.named and all(order.role != "RU" and order.cost < 0 for order in cost.named)
    assert [order.cost for order in cost.named] == sorted(order.cost for order in cost.named)  # costliest first
    rows, _change = shown_parts(summary)
    written = next(amount for part, (_label, amount) in zip(summary.parts, rows, strict=True) if part.key == "others")
    assert cost.shown_total == written  # the total the turn summary wrote
    shown = shared_rounding(cost.parts, cost.shown_total)
    assert round(sum(shown), 2) == cost.shown_total  # and the parts as shown add up to it


def test_answers_stay_orders_that_can_be_given_after_each_one_queued(tmp_path: Path) -> None:
    session = played(tmp_path, 3)
    actions = session.world.actions
    queued = 0
    while True:
        found = advised(session)
        answers = found.answers
        assert all((a.action, a.target) in legal_now(session) for a in answers)  # legal after what is queued
        assert len({(a.action, a.target) for a in answers}) == len(answers)  # none offered twice
        if not answers:
            break
        first = answers[0]
        assert session.queue(Order("RU", actions.ids[first.action], first.target)) == []
        queued += 1
        assert queued <= session.world.rules.max_orders
    assert queued == session.world.rules.max_orders  # the queue filled with answers, then none is offered …
    assert "3 orders already queued" in found.blocked  # … and one line says why
    session.cancel("RU", queued - 1)
    assert advised(session).answers and not advised(session).blocked  # unqueued: an answer comes back


def test_each_answer_says_when_it_acts(tmp_path: Path) -> None:
    session = played(tmp_path, 3)
    answers = advised(session).answers
    assert answers
    for answer in answers:
        assert answer.stake >= 0.005
        timing = OrderTiming.of(session.world.actions, answer.action)
        assert answer.span == timing.span(session.quarter(), session.last_quarter())
        assert answer.span.startswith(quarter_after(session.quarter(), timing.first))  # the quarter it first acts in


def test_the_advice_speaks_the_players_language(tmp_path: Path) -> None:
    session = played(tmp_path, 3)
    set_language("ru")
    try:
        for _ in range(3):
            answers = advised(session).answers
            shown = [acting_text(a.acting_value, a.span) for a in answers]
            assert answers and all("Q" not in text and re.search("[а-я]{2}", text) for text in shown)
            session.queue(Order("RU", session.world.actions.ids[answers[0].action], answers[0].target))
        blocked = advised(session).blocked
        assert blocked and "queued" not in blocked and re.search("[а-я]{4}", blocked)
    finally:
        set_language("en")


def test_with_the_project_slots_full_the_answers_are_orders_that_need_no_slot(tmp_path: Path) -> None:
    """Turn after turn of queueing answers fills Russia's project slots (a newcomer's first answer then read "not
    now"): the advice then offers only orders the rule still allows, and says it is the project limit."""
    session = played(tmp_path, 2)
    actions = session.world.actions
    slots_full_while_answering = False
    for _ in range(8):
        while answers := advised(session).answers:
            assert all((a.action, a.target) in legal_now(session) for a in answers)
            full = any("project limit" in o.problem for c in choices(session, "RU") for o in c.options)
            if full:
                slots_full_while_answering = True
                assert not any(actions.project_mask[a.action] for a in answers)
            assert session.queue(Order("RU", actions.ids[answers[0].action], answers[0].target)) == []
        session.end_turn()
    assert slots_full_while_answering


def test_a_full_queue_is_named_as_the_reason_even_when_the_cheapest_order_is_among_those_queued(
    tmp_path: Path,
) -> None:
    """Three cheapest orders queued: the advice says the turn's orders are used up, not that the cheapest order is
    queued already (the verdict on an order already in the queue is not what stops the team)."""
    session = played(tmp_path, 3)
    actions = session.world.actions
    cheapest = min(range(len(actions.ids)), key=lambda a: actions.cost[a])
    queued = 0
    for target in session.targets_for("RU", cheapest):
        if queued == session.world.rules.max_orders:
            break
        queued += not session.queue(Order("RU", actions.ids[cheapest], target))
    assert queued == session.world.rules.max_orders
    blocked = advised(session).blocked
    assert f"at most {session.world.rules.max_orders}" in blocked and "already queued this turn" not in blocked


def test_the_others_orders_not_named_get_an_answer_when_they_cost_a_visible_amount(tmp_path: Path) -> None:
    """"Other orders of theirs: −0.10" had no answer: now the best order open anywhere (by its stake, the
    computer's ranking) that the named orders' replies do not offer already."""
    session = played(tmp_path, 3)
    found = advised(session)
    assert found.cost.rest <= -0.005
    assert found.rest is not None and len(found.rest.answers) == 1
    named = {answer.key for reply in found.replies for answer in reply.answers}
    answer = found.rest.answers[0]
    assert answer.key not in named and answer.key in legal_now(session)
    others = [o for c in choices(session, "RU") for o in c.legal if (o.action, o.target) not in named]
    assert answer.stake == max(o.stake for o in others)
    assert found.answers[-1] == answer  # shown, and clickable, last


def test_each_answer_gives_when_it_acts_and_by_the_end(tmp_path: Path) -> None:
    """The answers compare with the costs above them (one quarter's) through what they add when they act, the
    figure the turn summary will credit them with, beside the by-the-end stake."""
    session = played(tmp_path, 3)
    for answer in advised(session).answers:
        timing = OrderTiming.of(session.world.actions, answer.action)
        assert answer.span.startswith(quarter_after(session.quarter(), timing.first))
        assert answer.acting_value > answer.stake > 0  # drift takes part of it back by the end


def test_an_answer_offered_again_after_it_was_taken_says_so(tmp_path: Path) -> None:
    """Taking the answers each quarter till the queue is full: an answer the team gave last quarter is marked as such
    (its fatigue is in both figures), and no other answer is."""
    session = played(tmp_path, 2)
    actions = session.world.actions
    marked = 0
    for _quarter in range(5):
        found = advised(session)
        record = session.record(session.turn)
        assert record is not None
        last = {(actions.index(o.action), o.target) for o in record.orders.orders_of_run(session.world, 0)
                if o.role == "RU"}
        for answer in found.answers:
            assert answer.repeated == (answer.key in last)
            marked += answer.repeated
        while (now := advice(session, "RU")) is not None and now.answers:  # every answer, till the queue is full
            first = now.answers[0]
            if session.queue(Order("RU", actions.ids[first.action], first.target)):
                break
        session.end_turn()
    assert marked


def test_the_same_game_gives_the_same_advice(tmp_path: Path) -> None:
    one, two = played(tmp_path / "one", 4), played(tmp_path / "two", 4)
    assert advised(one) == advised(two)


def test_when_the_rest_has_no_answer_the_advice_says_why(tmp_path: Path) -> None:
    """Following the advice, the others' orders not named still cost Russia once its answers are queued: the advice
    then says what stops the orders that would answer them (the rule's verdict), not that none would."""
    session = Session.start("middle_corridor", ["RU"], seed=1, saves_dir=tmp_path)
    actions = session.world.actions
    session.end_turn()
    reasons = []
    for _quarter in range(3):
        while (found := advice(session, "RU")) is not None and found.answers:
            first = found.answers[0]
            if session.queue(Order("RU", actions.ids[first.action], first.target)):
                break
        if found is not None and found.rest is not None and not found.rest.answers:
            reasons.append(found.rest.none_why)
        session.end_turn()
    blocked = "your other orders that would add to your score cannot be queued now: "
    assert reasons and all(reason.startswith(blocked) for reason in reasons)


def with_one_project_slot_free(tmp_path: Path) -> Session:
    """Middle Corridor as Russia, its least valued projects queued quarter after quarter until one slot is free."""
    session = Session.start("middle_corridor", ["RU"], seed=1, turns=8, saves_dir=tmp_path)
    session.end_turn()
    fill_to_one_free_slot(session)
    return session


def fill_to_one_free_slot(session: Session) -> None:
    """Queue Russia's least valued projects, ending quarters when the queue is full, until one slot is free."""
    actions = session.world.actions
    while free_project_slots(session, "RU") > 1:
        projects = [o for c in choices(session, "RU") if actions.project_mask[c.action] for o in c.legal]
        least = min(projects, key=lambda o: o.stake, default=None)
        if least is None or session.queue(Order("RU", actions.ids[least.action], least.target)):
            session.end_turn()


def project_choices(session: Session, stakes: dict[str, float]) -> list[ActionChoice]:
    """One project action of Russia open toward each state of ``stakes``, worth that much by the end."""
    actions = session.world.actions
    project = next(a for a in session.actions_for("RU") if actions.project_mask[a])
    return [ActionChoice(project, tuple(Option(project, target, stake, "") for target, stake in stakes.items()))]


def test_with_one_slot_left_a_reply_never_offers_a_project_worth_less_than_the_local_one_it_turned_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two orders hurt, in Tajikistan then in Kazakhstan. The best project (Tajikistan, +0.30) answers the first; the
    slot is then not kept for it against the second, whose local project (Kazakhstan, +0.10) is worth more than any
    other still open (Kyrgyzstan, +0.05): it is offered, with no "keep the slot" note contradicting it."""
    session = with_one_project_slot_free(tmp_path)
    assert free_project_slots(session, "RU") == 1
    found = project_choices(session, {"KZ": 0.10, "TJ": 0.30, "KG": 0.05})
    project = found[0].action
    hurt = (HurtingOrder("CN", project, "TJ", -0.3), HurtingOrder("CN", project, "KZ", -0.2))
    monkeypatch.setattr(advice_module, "others_cost", lambda *_args: OthersCost(hurt, 0.0, -0.5, -0.5))
    monkeypatch.setattr(advice_module, "choices", lambda *_args: found)
    first, second = advised(session).replies
    assert [answer.key for answer in first.answers] == [(project, "TJ")]
    assert [answer.key for answer in second.answers] == [(project, "KZ")] and not second.note
    kept = reply_to(session, "RU", hurt[1], found, set())  # nothing offered above: the slot is kept for Tajikistan
    assert [answer.key for answer in kept.answers] == [(project, "TJ")] and kept.note
    assert all(answer.stake >= 0.10 for answer in kept.answers)  # at least the local project turned down


def test_with_slots_to_spare_the_note_keeping_one_says_how_many_are_free(tmp_path: Path) -> None:
    """With four slots free, "keep the slot" alone made no sense to a player (both projects fit): the note says how
    many are free, and the better project is still the one offered (its rule won Russia's game, see reply_to)."""
    session = played(tmp_path, 2)
    free = free_project_slots(session, "RU")
    assert free == session.world.rules.max_projects > 1
    found = project_choices(session, {"KZ": 0.10, "TJ": 0.30})
    project = found[0].action
    reply = reply_to(session, "RU", HurtingOrder("CN", project, "KZ", -0.2), found, set())
    assert [answer.key for answer in reply.answers] == [(project, "TJ")]
    assert format_number(free) in reply.note
    set_language("ru")
    try:
        assert format_number(free) in reply_to(session, "RU", reply.order, found, set()).note
    finally:
        set_language("en")


def test_a_project_is_offered_against_one_order_only_when_no_project_elsewhere_is_worth_more(tmp_path: Path) -> None:
    """A project holds one of the few project slots for quarters: a small local project offered first (taken with V)
    kept the slots from the projects worth most, so a reply offers one only when no project open and not offered
    above is worth more, and otherwise says to keep a slot for that project, which it offers instead: never one
    worth less than a local project it turned down (here with one slot left, where it matters most)."""
    session = with_one_project_slot_free(tmp_path)
    actions = session.world.actions
    checked = 0
    for _quarter in range(4):
        fill_to_one_free_slot(session)
        assert free_project_slots(session, "RU") == 1
        found = advice(session, "RU")
        offered: set[tuple[int, str]] = set()
        for reply in found.replies if found is not None else ():
            checked += 1
            open_projects = [
                o for c in choices(session, "RU") if actions.project_mask[c.action] for o in c.legal
                if (o.action, o.target) not in offered
            ]
            for answer in reply.answers:
                if actions.project_mask[answer.action] and answer.target == reply.place:
                    assert answer.stake >= max(o.stake for o in open_projects)
            if reply.note:  # the slot kept: the better project is offered in the local one's place
                turned_down = [o.stake for o in open_projects if o.target == reply.place]
                assert [actions.project_mask[a.action] and a.target != reply.place for a in reply.answers] == [True]
                assert all(reply.answers[0].stake >= stake for stake in turned_down)
            offered.update(answer.key for answer in reply.answers)
        session.end_turn()
    assert checked
