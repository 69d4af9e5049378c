"""Every test here leaves the game in English, whatever language it switched on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.i18n import set_language


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """Switch back to English after the test (the language is process-wide)."""
    yield
    set_language("en")
