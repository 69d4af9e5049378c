"""Pushes in sparse form: each cause touches a handful of variables, not all of them.

An order, project or event pushes a few columns of one run's value vector. Keeping
only those columns (padded to a fixed width with zero amounts) lets a turn of
10,000 runs sum its causes row by row (``game.engine.causes``) instead of dense
arrays per cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def sparse_rows(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns and amounts of the nonzero entries of each row of ``dense[..., V]``.

    Rows are padded to the widest row with column 0 and amount 0.0.
    """
    flat = dense.reshape(-1, dense.shape[-1])
    width = max(1, int(np.count_nonzero(flat, axis=1).max(initial=0)))
    columns = np.zeros((flat.shape[0], width), dtype=np.int64)
    amounts = np.zeros((flat.shape[0], width))
    for row in range(flat.shape[0]):
        nonzero = np.flatnonzero(flat[row])
        columns[row, : nonzero.size] = nonzero
        amounts[row, : nonzero.size] = flat[row, nonzero]
    shape = (*dense.shape[:-1], width)
    return columns.reshape(shape), amounts.reshape(shape)


@dataclass(frozen=True)
class Pushes:
    """Raw pushes of K causes: cause i pushes ``amounts[i, j]`` onto column ``columns[i, j]`` of run ``runs[i]``."""

    runs: np.ndarray  # (K,) int
    index: np.ndarray  # (K,) int, the cause's index for the ledger
    columns: np.ndarray  # (K, L) int
    amounts: np.ndarray  # (K, L)

    @property
    def count(self) -> int:
        """Number of causes."""
        return int(self.runs.shape[0])

    def dense(self, variables: int) -> np.ndarray:
        """The pushes as a dense ``(K, V)`` array (for the ledger of a few runs)."""
        dense = np.zeros((self.count, variables))
        np.add.at(dense, (np.arange(self.count)[:, None], self.columns), self.amounts)
        return dense
