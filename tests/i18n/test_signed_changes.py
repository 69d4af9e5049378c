"""Signed changes and victory targets in each language: a true minus sign, never −0.0, the language's digits."""

from __future__ import annotations

import pytest

from game.i18n import format_change, format_target, set_language
from game.play.pushback import pushback_sentence


@pytest.mark.parametrize(
    ("code", "value", "decimals", "shown"),
    [
        ("en", 1.25, 2, "+1.25"),
        ("en", -0.4, 1, "−0.4"),
        ("en", -0.04, 1, "0.0"),  # rounds to nothing: no sign at all
        ("ru", -1234.5, 1, "−1\xa0234,5"),
        ("kk", 0.35, 2, "+0,35"),
        ("uz", -0.001, 2, "0,00"),
    ],
)
def test_a_change_keeps_a_true_minus_and_never_reads_minus_zero(
    code: str, value: float, decimals: int, shown: str
) -> None:
    assert format_change(value, decimals, code) == shown


def test_a_target_has_two_decimals_or_a_dash() -> None:
    assert format_target(51.384, "en") == "51.38"
    assert format_target(51.384, "ru") == "51,38"
    assert format_target(float("nan"), "kk") == "—"


def test_the_pushback_sentence_is_in_the_language() -> None:
    causes = [
        ("chance (random fluctuation)", -0.51),
        ("project by Kazakhstan: Sign a trade deal (the West), ordered 2023Q1", 0.31),
        ("order by China: Hold a summit (Kazakhstan)", -0.18),
    ]
    set_language("ru")
    sentence = pushback_sentence("KZ", "KZ", "WEST", causes)
    assert sentence.startswith("Зависимость Казахстана от Запада снизилась на 0,38")
    assert "случайные колебания −0,51" in sentence
    assert "приказ Китая: «Hold a summit» (Казахстан) −0,18" in sentence  # no scenario given: its own title
