"""A class game's texts in the reader's language: the scenario's (title, briefing, objectives, events) and the
actions' titles and descriptions from the translation files, and orders named with them.

The world's tables keep the scenario's English titles (the ledger and the saves use them); every page, file and
message a class reads names actions, events and roles through :class:`ClassWords` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.orders import Order, parse_order
from game.i18n import current_language, place_name
from game.play.news_causes import CauseWords
from game.scenario.load import LoadedScenario
from game.scenario.translation import ScenarioTexts, scenario_action_texts, scenario_texts

_MADE: dict[tuple[str, str], ClassWords] = {}  # by (scenario file, language): the files are read once


@dataclass(frozen=True)
class ClassWords:
    """The texts of one scenario in one language."""

    scenario: ScenarioTexts
    actions: dict[str, tuple[str, str]]  # action id -> (title, description)
    causes: CauseWords

    @classmethod
    def of(cls, loaded: LoadedScenario) -> ClassWords:
        """The words of ``loaded`` in the current language (its translation files', else its own); a translation
        file with a problem is a ``ScenarioError`` listing it."""
        code = current_language()
        key = (str(loaded.path), code)
        if key not in _MADE:
            _MADE[key] = cls(
                scenario_texts(loaded.scenario, loaded.path, code),
                scenario_action_texts(loaded, code),
                CauseWords.of(loaded),
            )
        return _MADE[key]

    def action_title(self, action_id: str) -> str:
        """An action's title (``Host a summit``, ``Провести саммит``); the id for an action the catalogue lacks."""
        return self.actions.get(action_id, (action_id, ""))[0]

    def action_description(self, action_id: str) -> str:
        """What an action does, in a sentence."""
        return self.actions.get(action_id, ("", ""))[1]

    def order(self, action_id: str, target: str) -> str:
        """An order without its giver: ``Host a summit → the West``."""
        return f"{self.action_title(action_id)} → {place_name(target)}"

    def order_sentence(self, order: Order) -> str:
        """An order with its giver: ``Kazakhstan: Host a summit → the West``."""
        return f"{place_name(order.role)}: {self.order(order.action, order.target)}"

    def orders_line(self, orders: list[Order] | list[str], none: str) -> str:
        """One giver's orders on one line, ``; `` between them (``none`` when there are none)."""
        given = [parse_order(o) if isinstance(o, str) else o for o in orders]
        return "; ".join(self.order(o.action, o.target) for o in given) or none

    def event_title(self, event_id: str, english: str) -> str:
        """An event's title by its id (``english``, the world's title, for an event the scenario lacks: a teacher's
        custom event)."""
        found = self.scenario.events.get(event_id)
        return found.title if found is not None else english

    def event_text(self, event_id: str, english: str) -> str:
        """An event's text by its id, on one line (``english`` for a custom event)."""
        found = self.scenario.events.get(event_id)
        return " ".join((found.text if found is not None else english).split())

    def objective(self, role: str) -> str:
        """A role's objective in the scenario ("" when it has none)."""
        return self.scenario.objectives.get(role, "")
