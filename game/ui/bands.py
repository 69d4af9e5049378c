"""Named bands of dependence, read on the *leading* power's headline score (0–100).

============  ===========  ===================================================
band          leading D    reading
============  ===========  ===================================================
balanced      < 35         no power holds much; the state keeps its options
leaning       35 – 50      one power clearly ahead, but the others still count
aligned       50 – 65      one power holds half the state's weighted exposure
dependent     ≥ 65         one power holds most of it; hard to say no
============  ===========  ===================================================

The headline score is ``D[c, p] = Σ_k weight[c, k] · dependence[c, p, k]`` (see
``game.engine.scores``); the UI only reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.i18n import N_, _, format_number

# (name, upper bound, reading): the name is an id (tests and code compare it); show it with band_label.
BANDS: tuple[tuple[str, float, str], ...] = (
    ("balanced", 35.0, N_("no power holds much; the state keeps its options")),
    ("leaning", 50.0, N_("one power clearly ahead, the others still count")),
    ("aligned", 65.0, N_("one power holds half its weighted exposure")),
    ("dependent", 101.0, N_("one power holds most of it; hard to say no")),
)
# Each band's name as a player reads it.
BAND_LABELS = {
    "balanced": N_("balanced"),
    "leaning": N_("leaning"),
    "aligned": N_("aligned"),
    "dependent": N_("dependent"),
}


@dataclass(frozen=True)
class Reading:
    """A state read at a glance: its leading power, that power's score and the band."""

    leader: str
    score: float
    band: str

    def score_text(self, decimals: int = 0) -> str:
        """The score as a label shows it, never contradicting the band (see :func:`shown_score`)."""
        return shown_score(self.score, decimals)


def band_of(score: float) -> str:
    """Band name of a leading-power headline score on 0–100.

    >>> [band_of(s) for s in (20, 35, 49.9, 50, 64.9, 65, 90)]
    ['balanced', 'leaning', 'leaning', 'aligned', 'aligned', 'dependent', 'dependent']
    """
    for name, upper, _reading in BANDS:
        if score < upper:
            return name
    return BANDS[-1][0]


def shown_score(score: float, decimals: int = 0) -> str:
    """A headline score rounded for a label, but never into another band: the band is read from the
    unrounded value, so a score that would round up across a boundary is cut instead, to as many decimals
    (49.6 is "leaning", shown as 49, not "50 · leaning" under a legend that starts "aligned" at 50; and
    every label reads a whole number).

    >>> shown_score(49.6), shown_score(49.96, 1), shown_score(50.4), shown_score(34.99, 1), shown_score(61.2)
    ('49', '49.9', '50', '34.9', '61')
    """
    rounded = round(score, decimals)
    if band_of(rounded) != band_of(score):
        factor = 10**decimals
        rounded = math.floor(score * factor) / factor
    return format_number(rounded, decimals)  # the language's decimal sign


def band_bounds() -> list[tuple[str, float, float | None, str]]:
    """(name, lower, upper, reading) of every band, upper ``None`` for the open-ended last.

    >>> [(name, lower, upper) for name, lower, upper, _reading in band_bounds()][::3]
    [('balanced', 0.0, 35.0), ('dependent', 65.0, None)]
    """
    lowers = [0.0, *(upper for _name, upper, _reading in BANDS[:-1])]
    return [
        (name, lower, upper if upper <= 100 else None, reading)
        for (name, upper, reading), lower in zip(BANDS, lowers, strict=True)
    ]


def band_span(lower: float, upper: float | None, short: bool = False) -> str:
    """A band's range of scores in words, in the current language (``short``: as the map's legend writes it).

    >>> [band_span(lo, hi) for _name, lo, hi, _reading in band_bounds()][::3], band_span(35.0, 50.0, short=True)
    (['below 35', '65 and up'], '35–50')
    """
    low, high = format_number(lower), format_number(upper or 0)
    if upper is None:
        return f"{low}+" if short else _("{low} and up").format(low=low)
    if lower == 0:
        return f"<{high}" if short else _("below {high}").format(high=high)
    return f"{low}–{high}" if short else f"{low} – {high}"


def band_label(name: str) -> str:
    """A band's name in the current language (``balanced``; Russian ``равновесие``).

    >>> band_label("leaning")
    'leaning'
    """
    return _(BAND_LABELS.get(name, name))


def band_index(name: str) -> int:
    """0 for balanced … 3 for dependent."""
    return [band[0] for band in BANDS].index(name)


def read_state(scores: dict[str, float]) -> Reading:
    """The reading of one state from its headline scores per power (0–100).

    >>> read_state({"RU": 41.0, "CN": 22.0, "WEST": 12.0})
    Reading(leader='RU', score=41.0, band='leaning')
    """
    leader = max(scores, key=lambda code: (scores[code], code))
    return Reading(leader, scores[leader], band_of(scores[leader]))
