"""The ledger's causes in the reader's language.

The engine names each cause in English (``order by China: Hold a summit (Kyrgyzstan)``,
``event (random): Border clash (under way)``), and the reports read those names back to group
them (:func:`game.report.causes.cause_group`). So the names stay English inside the program and
are put into the current language only where a reader sees them: :class:`CauseWords` rewrites a
cause's name with the catalog's words, the country names of :func:`game.i18n.place_name`, and the
scenario's translated action and event titles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from game.engine.codes import ROLE_NAMES
from game.engine.orders import Order, parse_order
from game.i18n import N_, _, current_language, place_name, quarter_text
from game.scenario.load import LoadedScenario
from game.scenario.translation import scenario_action_texts, scenario_texts

ROLE_CODES = {name: code for code, name in ROLE_NAMES.items()}

# The engine's names of the causes that belong to no order or event (game.engine.explain).
GENERAL_CAUSES = {
    "drift back toward the long-run level": N_("drift back toward the long-run level"),
    "chance (random fluctuation)": N_("chance (random fluctuation)"),
    "bounds enforced": N_("bounds enforced"),
    "action points earned": N_("action points earned"),
}
# The mark after an injected event's title (game.classroom.injection.INJECTED: the classroom layer sits above this
# one, so its mark is written here again, and a test checks the two agree).
INJECTED = " (injected by the teacher)"
EVENT_TAGS = {"historical": N_("historical"), "counterfactual": N_("counterfactual"), "random": N_("random")}

_QUARTER = r"\d{4}Q[1-4]"
_ORDER = re.compile(r"^order by (?P<giver>[^:]+): (?P<title>.+) \((?P<target>[^()]+)\)$")
_PROJECT = re.compile(
    rf"^project by (?P<giver>[^:]+): (?P<title>.+) \((?P<target>[^()]+)\), ordered (?P<quarter>{_QUARTER})$"
)
_EVENT = re.compile(r"^event \((?P<tag>[^()]+)\): (?P<title>.+)$")
_CONTINUING = re.compile(rf"^(?P<title>.+) \((?P<quarter>{_QUARTER}), continuing\)$")
_INJECTION = re.compile(rf"^the teacher's injection “(?P<title>.+)” \((?P<quarter>{_QUARTER})\)$")


@dataclass(frozen=True)
class CauseWords:
    """Puts the engine's English names of causes, orders and events into the current language.

    ``actions`` and ``events`` map the scenario's English titles to the language's (empty: the titles stay as
    the scenario writes them). A name of a shape it does not know is returned as it is.
    """

    actions: Mapping[str, str] = field(default_factory=dict)
    events: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, loaded: LoadedScenario) -> CauseWords:
        """The words of ``loaded``'s actions and events in the current language (its translation files')."""
        code = current_language()
        actions = scenario_action_texts(loaded, code)
        english = {action.id: action.title for action in loaded.catalogue.actions}
        texts = scenario_texts(loaded.scenario, loaded.path, code)
        return cls(
            actions={english[key]: title for key, (title, _description) in actions.items() if key in english},
            events={event.title: texts.events[event.id].title for event in loaded.scenario.events},
        )

    def role(self, name: str) -> str:
        """A role's English name (``the West``) in the language."""
        return place_name(ROLE_CODES[name]) if name in ROLE_CODES else name

    def action(self, title: str) -> str:
        """An action's English title in the language."""
        return self.actions.get(title, title)

    def event(self, title: str) -> str:
        """An event's English title (an injected one's included) in the language."""
        if title.endswith(INJECTED):
            return self.event(title.removesuffix(INJECTED)) + _(" (injected by the teacher)")
        return self.events.get(title, title)

    def order(self, order: Order | str, titles: Mapping[str, str]) -> str:
        """An order without its giver, ``Host a summit → the West``; ``titles``: action id → English title."""
        given = parse_order(order) if isinstance(order, str) else order
        return f"{self.action(titles[given.action])} → {place_name(given.target)}"

    def cause(self, text: str) -> str:
        """A cause's name as the engine or a report writes it, in the language."""
        if text in GENERAL_CAUSES:
            return _(GENERAL_CAUSES[text])
        if found := _ORDER.match(text):
            return _("order by {giver}: {action} ({target})").format(
                giver=self.role(found["giver"]), action=self.action(found["title"]), target=self.role(found["target"])
            )
        if found := _PROJECT.match(text):
            return _("project by {giver}: {action} ({target}), ordered {quarter}").format(
                giver=self.role(found["giver"]), action=self.action(found["title"]),
                target=self.role(found["target"]), quarter=quarter_text(found["quarter"]),
            )
        if found := _INJECTION.match(text):
            return _("the teacher's injection “{title}” ({quarter})").format(
                title=self.event(found["title"]), quarter=quarter_text(found["quarter"])
            )
        if found := _EVENT.match(text):
            tag = _(EVENT_TAGS[found["tag"]]) if found["tag"] in EVENT_TAGS else found["tag"]
            title = found["title"]
            if INJECTED in title:  # the teacher chose it: no random draw, whatever slot tag it borrowed
                tag, title = _("teacher's injection"), title.replace(INJECTED, "", 1)
            if title.endswith(" (under way)"):
                return _("event ({tag}): {title} (under way)").format(
                    tag=tag, title=self.event(title.removesuffix(" (under way)"))
                )
            if going := _CONTINUING.match(title):
                return _("event ({tag}): {title} ({quarter}, continuing)").format(
                    tag=tag, title=self.event(going["title"]), quarter=going["quarter"]
                )
            return _("event ({tag}): {title}").format(tag=tag, title=self.event(title))
        return text
