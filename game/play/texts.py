"""The scenario's words in the language switched on now, for everything the play layer shows (no pygame here).

A scenario's texts (tutorial steps, objectives, event titles and texts) and its actions' names come from the
translation files beside it (:mod:`game.scenario.translation`); the names of channels and variables, from the
catalogs. Each is looked up when a screen asks, in the language current then, so switching the language on the
start screen changes what the next screen shows. The texts are read once per scenario and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.i18n import N_, SOURCE_LANGUAGE, _, current_language, place_name
from game.play.news_causes import CauseWords
from game.scenario.errors import ScenarioError
from game.scenario.load import LoadedScenario
from game.scenario.translation import ScenarioTexts, scenario_action_texts, scenario_texts

if TYPE_CHECKING:
    from game.engine.orders import Order

# The engine's block names (game.engine.layout.BLOCKS) in words; channels: game.i18n.phrases.channel_name.
BLOCK_WORDS = {
    "dependence": N_("dependence"),
    "favour": N_("favour"),
    "tension": N_("tension"),
    "stability": N_("stability"),
    "prosperity": N_("prosperity"),
    "points": N_("action points"),
    "capacity": N_("capacity"),
}


@dataclass(frozen=True)
class ScenarioWords:
    """A scenario's texts, its actions' titles and descriptions (by id) and its causes' words, in one language;
    and orders named with them (the map, the class's pages, files and tables, the newspaper)."""

    texts: ScenarioTexts
    actions: dict[str, tuple[str, str]]  # action id -> (title, description)
    causes: CauseWords

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
        """One giver's orders on one line, ``; `` between them (``none`` when there are none); an order may be
        written as the ledger keeps it, ``KZ host_summit WEST``."""
        from game.engine.orders import parse_order  # here: the start screen imports this module, and no engine

        given = [parse_order(o) if isinstance(o, str) else o for o in orders]
        return "; ".join(self.order(o.action, o.target) for o in given) or none

    def event_title(self, event_id: str, english: str) -> str:
        """An event's title by its id (``english``, the world's title, for an event the scenario lacks: a teacher's
        custom event)."""
        found = self.texts.events.get(event_id)
        return found.title if found is not None else english

    def event_text(self, event_id: str, english: str) -> str:
        """An event's text by its id, on one line (``english`` for a custom event)."""
        found = self.texts.events.get(event_id)
        return " ".join((found.text if found is not None else english).split())

    def objective(self, role: str) -> str:
        """A role's objective in the scenario ("" when it has none)."""
        return self.texts.objectives.get(role, "")


_READ: dict[tuple[int, str], tuple[LoadedScenario, ScenarioWords]] = {}


def scenario_words(loaded: LoadedScenario) -> ScenarioWords:
    """``loaded``'s words in the current language; its own (English) words when a translation file of it is
    broken (``multivector validate`` names the problem; a game is still played)."""
    code = current_language()
    key = (id(loaded), code)
    if key not in _READ or _READ[key][0] is not loaded:
        if len(_READ) > 16:
            _READ.clear()
        _READ[key] = (loaded, _read(loaded, code))
    return _READ[key][1]


def _read(loaded: LoadedScenario, code: str) -> ScenarioWords:
    try:
        texts = scenario_texts(loaded.scenario, loaded.path, code)
        actions = scenario_action_texts(loaded, code)
        causes = CauseWords.of(loaded)
    except ScenarioError:
        texts = scenario_texts(loaded.scenario, loaded.path, SOURCE_LANGUAGE)
        actions = scenario_action_texts(loaded, SOURCE_LANGUAGE)
        causes = CauseWords()
    return ScenarioWords(texts, actions, causes)


def block_word(block: str) -> str:
    """A block of the state (``stability``) in the current language."""
    return _(BLOCK_WORDS[block]) if block in BLOCK_WORDS else block
