"""The ledger: every change to a state variable, with its cause.

Each rule hands the ledger a block of changes for some runs together with a
cause. Within a step all causes are computed from the same values and the rule
is linear in their pushes, so the causes add up to the step's change (to float
rounding, far below 1e-9). Batches skip the entries for speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class CauseKind(StrEnum):
    """What kind of thing changed a variable. Ordered as the turn applies them."""

    EVENT = "event"  # an event fired (or a crisis started or ended)
    CRISIS = "crisis"  # a crisis under way, each turn it lasts
    ORDER = "order"  # an order's immediate effects and its cost
    PROJECT = "project"  # effects in flight from an earlier order or event
    DRIFT = "drift"  # pull back toward the structural baseline
    NOISE = "noise"  # seeded random shocks
    CLAMP = "clamp"  # bounds enforced (shares in [0, 1], sums at most 1)
    INCOME = "income"  # action points earned for the next turn


@dataclass(frozen=True)
class LedgerEntry:
    """Changes from one kind of cause: row i is run ``runs[i]``, cause ``index[i]``."""

    kind: CauseKind
    runs: np.ndarray  # (K,) int
    index: np.ndarray  # (K,) int: order slot, project slot, or event; 0 otherwise
    delta: np.ndarray  # (K, V)


class Ledger:
    """Collects one turn's changes with their causes (or nothing, for fast batches)."""

    def __init__(self, keep_entries: bool) -> None:
        self.keep_entries = keep_entries
        self.entries: list[LedgerEntry] = []

    def add(self, kind: CauseKind, runs: np.ndarray, index: np.ndarray, delta: np.ndarray) -> None:
        """Record changes ``delta[i]`` to run ``runs[i]`` caused by ``(kind, index[i])``."""
        if self.keep_entries and delta.shape[0]:
            self.entries.append(LedgerEntry(kind, runs.copy(), index.copy(), delta.copy()))

    def add_all_runs(self, kind: CauseKind, delta: np.ndarray) -> None:
        """Record a change that every run gets from one general cause (drift, noise...)."""
        if self.keep_entries:
            runs = np.arange(delta.shape[0])
            self.entries.append(LedgerEntry(kind, runs, np.zeros_like(runs), delta.copy()))


@dataclass(frozen=True)
class LedgerRow:
    """One nonzero change to one variable of one run, in a tidy form."""

    run: int
    column: int
    kind: CauseKind
    index: int
    amount: float


def ledger_rows(entries: list[LedgerEntry], run: int | None = None) -> list[LedgerRow]:
    """Flatten entries into rows, one per (run, variable, cause) with a nonzero change."""
    rows: list[LedgerRow] = []
    for entry in entries:
        row_ids, columns = np.nonzero(entry.delta)
        for row_id, column in zip(row_ids.tolist(), columns.tolist(), strict=True):
            entry_run = int(entry.runs[row_id])
            if run is not None and entry_run != run:
                continue
            rows.append(
                LedgerRow(
                    run=entry_run,
                    column=column,
                    kind=entry.kind,
                    index=int(entry.index[row_id]),
                    amount=float(entry.delta[row_id, column]),
                )
            )
    return rows
