"""The commands here speak English unless a test asks for a language, whatever the machine's locale;
every test leaves the game in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.i18n import LANGUAGE_VARIABLE, set_language


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MULTIVECTOR_LANG=en for the test (a developer's Russian locale must not change what the English
    tests read), and English switched back on after it (the language is process-wide)."""
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
    yield
    set_language("en")
