"""The causes of one step of a turn, and their summed effect applied run by run.

A cause (an order, a project's turn, an event) pushes one row of a sparse push
table (``ActionTable.immediate_sparse`` and the like) times a scale (fatigue, a
project's multiplier), plus at most one extra push of its own (an order's cost).
Listing causes as table rows keeps a batch turn from building a ``(causes, width)``
array of pushes: the compiled loop reads the table rows itself. The ledger, which
needs each cause's pushes, gets them from the same list (:meth:`Causes.pushes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from game.engine.compiled import compiled
from game.engine.pushes import Pushes
from game.engine.rules import push_row

NO_EXTRA = -1  # ``extra_column`` of a cause without an extra push
_FIELD_TYPES = {
    "runs": np.int64,
    "index": np.int64,
    "rows": np.int64,
    "scale": np.float64,
    "table_columns": np.int64,
    "table_amounts": np.float64,
    "extra_column": np.int64,
    "extra_amount": np.float64,
}


@dataclass(frozen=True)
class Causes:
    """K causes of one kind: cause i pushes ``table_amounts[rows[i]] · scale[i]`` onto ``table_columns[rows[i]]``
    of run ``runs[i]``, then ``extra_amount[i]`` onto ``extra_column[i]`` (unless that is ``NO_EXTRA``).

    ``runs`` must not decrease: a run's causes are summed in the order listed.
    """

    runs: np.ndarray  # (K,) int
    index: np.ndarray  # (K,) int, the cause's index for the ledger
    rows: np.ndarray  # (K,) int, rows of the table
    scale: np.ndarray  # (K,) float
    table_columns: np.ndarray  # (N, L) int
    table_amounts: np.ndarray  # (N, L) float
    extra_column: np.ndarray  # (K,) int
    extra_amount: np.ndarray  # (K,) float

    def __post_init__(self) -> None:
        # Contiguous int64/float64 arrays whatever built them (np.nonzero gives strided ones),
        # so the compiled loop has one machine-code version rather than one per layout.
        for name, dtype in _FIELD_TYPES.items():
            object.__setattr__(self, name, np.ascontiguousarray(getattr(self, name), dtype=dtype))

    @classmethod
    def of_table(
        cls,
        runs: np.ndarray,
        index: np.ndarray,
        rows: np.ndarray,
        scale: np.ndarray | None,
        table: tuple[np.ndarray, np.ndarray],
    ) -> Causes:
        """Causes that push table rows only (no extra push); no ``scale`` means 1."""
        columns, amounts = table
        width = columns.shape[-1]
        return cls(
            runs=runs,
            index=index,
            rows=rows,
            scale=np.ones(runs.size) if scale is None else scale,
            table_columns=columns.reshape(-1, width),
            table_amounts=amounts.reshape(-1, width),
            extra_column=np.full(runs.size, NO_EXTRA, dtype=np.int64),
            extra_amount=np.zeros(runs.size),
        )

    @property
    def count(self) -> int:
        """Number of causes."""
        return int(self.runs.shape[0])

    def subset(self, keep: np.ndarray) -> Causes:
        """The causes marked in ``keep`` (K,) bool, in their order, on the same table."""
        return replace(
            self,
            runs=self.runs[keep],
            index=self.index[keep],
            rows=self.rows[keep],
            scale=self.scale[keep],
            extra_column=self.extra_column[keep],
            extra_amount=self.extra_amount[keep],
        )

    def pushes(self) -> Pushes:
        """Each cause's raw pushes (for the ledger): the table row scaled, then the extra push if any."""
        columns = self.table_columns[self.rows]
        amounts = self.table_amounts[self.rows] * self.scale[:, None]
        if np.any(self.extra_column != NO_EXTRA):
            extra = self.extra_column != NO_EXTRA
            columns = np.concatenate([columns, np.where(extra, self.extra_column, 0)[:, None]], axis=1)
            amounts = np.concatenate([amounts, np.where(extra, self.extra_amount, 0.0)[:, None]], axis=1)
        return Pushes(self.runs, self.index, columns, amounts)


@compiled
def _add_causes(
    run: int,
    start: int,
    runs: np.ndarray,
    rows: np.ndarray,
    scale: np.ndarray,
    table_columns: np.ndarray,
    table_amounts: np.ndarray,
    extra_column: np.ndarray,
    extra_amount: np.ndarray,
    positive: np.ndarray,
    negative: np.ndarray,
) -> int:
    """Add the parts of ``run``'s causes from position ``start`` on; return the position after them."""
    cause = start
    while cause < runs.size and runs[cause] == run:
        row = rows[cause]
        for j in range(table_columns.shape[1]):
            amount = table_amounts[row, j] * scale[cause]
            column = table_columns[row, j]
            positive[column] += max(amount, 0.0)
            negative[column] += min(amount, 0.0)
        if extra_column[cause] >= 0:
            amount = extra_amount[cause]
            positive[extra_column[cause]] += max(amount, 0.0)
            negative[extra_column[cause]] += min(amount, 0.0)
        cause += 1
    return cause


@compiled
def _apply_causes_of_two_kinds(
    values: np.ndarray,
    runs_a: np.ndarray,
    rows_a: np.ndarray,
    scale_a: np.ndarray,
    columns_a: np.ndarray,
    amounts_a: np.ndarray,
    extra_column_a: np.ndarray,
    extra_amount_a: np.ndarray,
    runs_b: np.ndarray,
    rows_b: np.ndarray,
    scale_b: np.ndarray,
    columns_b: np.ndarray,
    amounts_b: np.ndarray,
    extra_column_b: np.ndarray,
    extra_amount_b: np.ndarray,
) -> None:
    """Per run with causes: sum the parts of kind a, then add kind b's sum, apply the push rule, add the change.

    Each kind's parts are summed from zero in the order listed and only then added
    together: the order of the ``bincount`` per kind this replaced, so games stay bit-identical.
    """
    columns = values.shape[1]
    positive = np.empty(columns)
    negative = np.empty(columns)
    positive_b = np.empty(columns)
    negative_b = np.empty(columns)
    delta = np.empty(columns)
    next_a = 0
    next_b = 0
    while next_a < runs_a.size or next_b < runs_b.size:
        run = runs_a[next_a] if next_a < runs_a.size else runs_b[next_b]
        if next_b < runs_b.size and runs_b[next_b] < run:
            run = runs_b[next_b]
        positive[:] = 0.0
        negative[:] = 0.0
        next_a = _add_causes(
            run, next_a, runs_a, rows_a, scale_a, columns_a, amounts_a, extra_column_a, extra_amount_a,
            positive, negative,
        )
        if next_b < runs_b.size and runs_b[next_b] == run:
            positive_b[:] = 0.0
            negative_b[:] = 0.0
            next_b = _add_causes(
                run, next_b, runs_b, rows_b, scale_b, columns_b, amounts_b, extra_column_b, extra_amount_b,
                positive_b, negative_b,
            )
            for column in range(columns):
                positive[column] += positive_b[column]
                negative[column] += negative_b[column]
        if (next_a < runs_a.size and runs_a[next_a] < run) or (next_b < runs_b.size and runs_b[next_b] < run):
            raise ValueError("causes must be listed by run")
        row = values[run]
        push_row(row, positive, negative, delta)
        for column in range(columns):
            row[column] += delta[column]


def apply_causes(values: np.ndarray, kinds: Sequence[Causes]) -> None:
    """Add the change of one step's causes to ``values`` (R, V) in place (at most two kinds of cause).

    All causes are computed from the values before the step; a run without causes is unchanged.
    """
    if not kinds:
        return
    if len(kinds) > 2:
        raise ValueError("a step has at most two kinds of cause")
    first = kinds[0]
    second = kinds[1] if len(kinds) == 2 else _NO_CAUSES
    _apply_causes_of_two_kinds(
        values,
        first.runs, first.rows, first.scale, first.table_columns, first.table_amounts,
        first.extra_column, first.extra_amount,
        second.runs, second.rows, second.scale, second.table_columns, second.table_amounts,
        second.extra_column, second.extra_amount,
    )


_NO_CAUSES = Causes.of_table(
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.int64),
    None,
    (np.zeros((1, 1), dtype=np.int64), np.zeros((1, 1))),
)
