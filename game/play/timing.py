"""When an order acts: the one rule the orders file, the order panel and the turn summary share.

An order's ``effects`` apply in the quarter it is given (when the turn ends); its ``over_time``
effects make a project that pushes each quarter from ``lag`` quarters later, for ``duration``
quarters (``game.engine.resolve``: steps 3 and 4). A project that starts next quarter adds
nothing to the quarter it is given in, which a turn summary's "your orders" then shows as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.codes import quarter_after, quarter_index, quarter_name
from game.engine.world import ActionTable
from game.i18n import _, format_number, ngettext, quarter_text


@dataclass(frozen=True)
class OrderTiming:
    """When one kind of order acts, counted in quarters from the quarter it is given in."""

    immediate: bool  # pushes in the quarter it is given
    project: bool  # pushes each quarter of a window that starts ``lag`` quarters later
    lag: int
    duration: int

    @classmethod
    def of(cls, actions: ActionTable, action: int) -> OrderTiming:
        """The timing of an action of the scenario's table."""
        return cls(
            immediate=bool(np.any(actions.immediate[action] != 0.0)),
            project=actions.is_project(action),
            lag=int(actions.lag[action]),
            duration=int(actions.duration[action]),
        )

    @property
    def first(self) -> int:
        """Quarters after it is given until it first pushes (0: in the quarter it is given)."""
        return 0 if self.immediate or not self.project else self.lag

    @property
    def last(self) -> int:
        """Quarters after it is given until it last pushes."""
        return self.lag + self.duration - 1 if self.project else 0

    def file_text(self) -> str:
        """The orders file's timing column: ``now`` or ``project: starts in 1, lasts 3``."""
        return f"project: starts in {self.lag}, lasts {self.duration}" if self.project else "now"

    def when(self, given: str) -> str:
        """When it acts, given in quarter ``given``, in the quarters the screens show, in the current language.

        >>> OrderTiming(True, False, 0, 1).when("2023Q1")
        'at once (2023Q1)'
        >>> OrderTiming(False, True, 1, 3).when("2023Q1")
        'from 2023Q2 to 2023Q4, starting next quarter'
        >>> OrderTiming(True, True, 0, 4).when("2023Q1")
        'at once (2023Q1) and each quarter to 2023Q4'
        >>> OrderTiming(True, True, 2, 1).when("2023Q4")
        'at once (2023Q4), then in 2024Q2'
        """
        start, end = quarter_text(quarter_after(given, self.lag)), quarter_text(quarter_after(given, self.last))
        now = quarter_text(given)
        if not self.project:
            return _("at once ({quarter})").format(quarter=now)
        if self.lag == 0:
            if self.duration == 1:
                return _("at once ({quarter})").format(quarter=now)
            return _("at once ({quarter}) and each quarter to {end}").format(quarter=now, end=end)
        if self.immediate:
            if self.duration == 1:
                return _("at once ({quarter}), then in {start}").format(quarter=now, start=start)
            return _("at once ({quarter}), then from {start} to {end}").format(quarter=now, start=start, end=end)
        if self.lag == 1:
            if self.duration == 1:
                return _("in {start}, starting next quarter").format(start=start)
            return _("from {start} to {end}, starting next quarter").format(start=start, end=end)
        wait = ngettext("{count} quarter after it is given", "{count} quarters after it is given", self.lag).format(
            count=format_number(self.lag)
        )
        if self.duration == 1:
            return _("in {start}, starting {wait}").format(start=start, wait=wait)
        return _("from {start} to {end}, starting {wait}").format(start=start, end=end, wait=wait)

    def span(self, given: str, last: str) -> str:
        """The quarters it acts in when given in ``given``, up to the game's ``last`` quarter, as the screens write
        quarters: ``2024Q2`` for one, ``2024Q3–2025Q2`` for several ("" when it first acts after the end).

        >>> OrderTiming(True, False, 0, 1).span("2023Q1", "2025Q4")
        '2023Q1'
        >>> OrderTiming(False, True, 1, 8).span("2025Q1", "2025Q4")
        '2025Q2–2025Q4'
        """
        if not self.acts_before_end(given, last):
            return ""
        first, stop = quarter_index(quarter_after(given, self.first)), quarter_index(last)
        end = min(quarter_index(quarter_after(given, self.last)), stop)
        if end == first:
            return quarter_text(quarter_name(first))
        return f"{quarter_text(quarter_name(first))}–{quarter_text(quarter_name(end))}"

    def acts_before_end(self, given: str, last: str) -> bool:
        """Whether, given in quarter ``given``, it first acts by the game's ``last`` quarter (if not, it does
        nothing to any score: the game is over before it acts).

        >>> OrderTiming(False, True, 1, 3).acts_before_end("2024Q4", "2024Q4")
        False
        >>> OrderTiming(True, True, 1, 3).acts_before_end("2024Q4", "2024Q4")
        True
        """
        return quarter_index(quarter_after(given, self.first)) <= quarter_index(last)

    def acts_later(self) -> bool:
        """True when part of its effect comes after the quarter it is given in."""
        return self.project and self.last > 0

