"""The computer players' reasons in the news say the whole reason in every language: the order, the variable
behind it with its value, the worth to the giver's score, the rival's project or event, the look-ahead."""

from __future__ import annotations

import re

import pytest

from game.engine.ai.reasons import ReasonKind
from game.engine.codes import ROLE_NAMES
from game.i18n import format_number, language_scope, place_name
from game.i18n.reasons import reason_lines
from game.play.session import Session
from tests.play.test_play_layer_languages import english_in, outlets

FIGURE = re.compile(r"\d+(?:[.,]\d+)?")


def _figures(text: str) -> list[str]:
    """The figures of a line, decimal commas written as points (``0,14`` and ``0.14`` alike)."""
    return sorted(found.replace(",", ".") for found in FIGURE.findall(text.replace("\xa0", "")))


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """Three quarters of the middle corridor with Kazakhstan played by a human and every other role by the hard
    computer, which names rivals' projects in flight and its look-ahead."""
    session = Session.start("middle_corridor", ["KZ"], 5, turns=4, difficulty="hard",
                            saves_dir=tmp_path_factory.mktemp("saves"))
    for _turn in range(3):
        session.end_turn()
    return session


@pytest.mark.parametrize("code", ["ru", "kk", "uz"])
def test_a_computer_order_gives_its_whole_reason_in_the_language(played: Session, code: str) -> None:
    """Each computer order's news line in the language has every figure and every state the English line names
    (in the language's spelling), its worth written the language's way, and no English words (in the Cyrillic
    languages, where a Latin word is one)."""
    worths = threats = 0
    for turn in range(1, played.turn + 1):
        reasons = [reason for reason in played.reasons(turn) if reason.order.role != "KZ"]
        english = reason_lines(played.world, reasons)
        with language_scope(code):
            said = [item.text for item in played.news(turn) if item.kind == "order_ai"]
            worth_texts = [format_number(round(abs(reason.worth), 2), 2) for reason in reasons]
        assert len(said) == len(english) == len(reasons) > 0
        for reason, line, english_line, worth in zip(reasons, said, english, worth_texts, strict=True):
            assert code == "uz" or english_in(line, outlets(played)) == [], line  # Uzbek is Latin: not checked
            assert _figures(line) == _figures(english_line), (line, english_line)
            for role, name in ROLE_NAMES.items():
                if name in english_line:
                    assert place_name(role, code) in line, (role, line)
            if reason.kind is ReasonKind.VALUATION:
                assert worth in line, (worth, line)
                worths += 1
                threats += reason.threat is not None
    assert worths >= 10 and threats >= 1


def test_english_reasons_read_as_before(played: Session) -> None:
    """English keeps its sentences, whatever language another request speaks meanwhile."""
    reasons = [reason for reason in played.reasons(1) if reason.order.role != "KZ"]
    with language_scope("ru"):
        lines = reason_lines(played.world, reasons)
    assert all(" to its score by the end" in line for line in lines)
    assert lines == [item.text for item in played.news(1) if item.kind == "order_ai"]


@pytest.mark.parametrize("code", ["en", "ru", "kk", "uz"])
def test_the_news_window_can_tell_the_order_from_its_reason_in_every_language(played: Session, code: str) -> None:
    """Each order's news line opens with the order said whole (giver, action and target, in the language), so the
    news window shows the order bright and the reason dim, even where the order itself has a colon in it
    (``Россия: Подписать торговую сделку → Казахстан: …``)."""
    with language_scope(code):
        orders = [item for turn in range(1, 4) for item in played.news(turn) if item.kind.startswith("order")]
    assert len(orders) >= 3 * 4  # every computer role ordered something each quarter
    for item in orders:
        assert item.order_line and item.text.startswith(item.order_line)
        assert any(place_name(role, code) in item.order_line for role in ROLE_NAMES)
        if item.kind == "order_ai":
            assert len(item.text) > len(item.order_line) + 10  # and a reason follows it
