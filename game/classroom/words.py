"""The class server's name for a scenario's words, which are the play layer's (:mod:`game.play.texts`).

The classroom, the ``class`` commands and the newspaper use :func:`game.play.texts.scenario_words` themselves; the
class server's modules still say ``ClassWords.of(loaded)`` and ``.scenario`` (they are being changed on another
branch): when they say ``scenario_words(loaded)`` and ``.texts``, this module goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.play.texts import ScenarioWords, scenario_words
from game.scenario.load import LoadedScenario
from game.scenario.translation import ScenarioTexts


@dataclass(frozen=True)
class ClassWords(ScenarioWords):
    """:class:`ScenarioWords` under the server's old names."""

    @classmethod
    def of(cls, loaded: LoadedScenario) -> ClassWords:
        """``scenario_words(loaded)``."""
        words = scenario_words(loaded)
        return cls(words.texts, words.actions, words.causes)

    @property
    def scenario(self) -> ScenarioTexts:
        """``texts``."""
        return self.texts
