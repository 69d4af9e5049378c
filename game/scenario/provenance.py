"""Provenance of scenario events: a citation you can check, and a counterfactual that says so.

Two rules, both read by ``multivector validate`` and the loader (docs/scenarios.md,
"Provenance"):

* a **historical** event cites its publication completely: outlet, title, date and url
  (:func:`missing_citation_fields`; the loader refuses the scenario otherwise);
* a **counterfactual** event must not read as a report of what happened
  (:func:`presented_as_fact`; validate warns): its title or text carries a hedge
  (:data:`HEDGES`: "what if", "suppose", "if", "in this scenario", ...), and its text does
  not open with a calendar date the way a news report does ("On 3 May 2024 ...").

The labels the game and the reports show are made here too, once: :func:`citation_label`
("The Diplomat, December 2023") and :data:`TAG_LABELS`.
"""

from __future__ import annotations

import datetime
import re

from babel.dates import format_skeleton

from game.i18n import N_, SOURCE_LANGUAGE, _, current_language, format_day, language
from game.scenario.models import Citation

CITATION_FIELDS = ("outlet", "title", "date", "url")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

HEDGES = (
    "what if", "suppose", "imagine", "if", "in this scenario", "in this game",
    "would", "could", "might", "hypothetical",
)
_HEDGE = re.compile(r"\b(" + "|".join(re.escape(hedge) for hedge in HEDGES) + r")\b", re.IGNORECASE)
_DATED_OPENING = re.compile(
    r"^(on|in|from|by)\s+(\d{1,2}(-\d{1,2})?\s+)?(" + "|".join(MONTHS) + r")\s+\d{4}\b", re.IGNORECASE
)

TAG_LABELS = {  # in English; a screen shows them by tag_label
    "historical": N_("historical: this happened"),
    "counterfactual": N_("counterfactual: a what-if, not a record"),
    "random": N_("random: a shock of a kind the region has seen"),
}


def tag_label(tag: str) -> str:
    """What an event's tag means, in the current language (the tag itself for one it does not know)."""
    return _(TAG_LABELS[tag]) if tag in TAG_LABELS else tag


def missing_citation_fields(citation: Citation | None) -> list[str]:
    """The publication fields a historical event's citation lacks (empty when complete)."""
    if citation is None:
        return list(CITATION_FIELDS)
    return [name for name in CITATION_FIELDS if not getattr(citation, name)]


def presented_as_fact(title: str, text: str) -> str | None:
    """Why a counterfactual event reads as fact, or None when it is told as a what-if."""
    plain = " ".join(text.split())
    if _DATED_OPENING.match(plain):
        return "a counterfactual opens with a date, as a report of what happened does; open with the what-if"
    if not _HEDGE.search(f"{title} {plain}"):
        hedges = ", ".join(f"'{hedge}'" for hedge in HEDGES[:5])
        return f"a counterfactual is told as fact: say it is a what-if (for example {hedges})"
    return None


def publication_date(date: str) -> str:
    """``2023-12-13`` → ``13 December 2023``; ``2023-12`` → ``December 2023``; ``2025`` → ``2025``; in another
    language as it writes dates (``13 декабря 2023 г.``, ``декабрь 2023 г.``)."""
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if current_language() != SOURCE_LANGUAGE:
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        return format_day(day) if len(parts) == 3 else format_month(day)
    month_year = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {month_year}" if len(parts) == 3 else month_year


def format_month(day: datetime.date) -> str:
    """The month of ``day`` with its year, as the current language writes it standing alone
    (``декабрь 2023 г.``, ``2023-yil dekabr``)."""
    return format_skeleton("yMMMM", day, locale=language(current_language()).babel_locale)


def citation_label(citation: Citation | None) -> str:
    """The citation as readers see it: "Outlet, date"; an older free-text source as given; else ""."""
    if citation is None:
        return ""
    if citation.outlet and citation.date:
        return f"{citation.outlet}, {publication_date(citation.date)}"
    return citation.outlet or citation.document or ""
