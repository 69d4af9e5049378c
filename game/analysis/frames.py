"""Tidy pandas tables of batches and games: one row per observation, one column per field.

The measures are those of :mod:`game.play.metrics`: headline dependence (country × power),
autonomy (country) and role scores, all on 0–100. Each row names its measure by its key
(``score.KZ``, ``headline.KZ.RU``) and by its parts (variable, country, power, role), so
a table filters with ``frame[frame.variable == "score"]`` or ``frame.query("role == 'KZ'")``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from game.engine.game import Game
from game.io.export import HISTORY_COLUMNS, LEDGER_COLUMNS, history_rows, ledger_csv_rows
from game.play.batch import BatchResult
from game.play.metrics import METRICS
from game.report.tables import batch_summary

TableFormat = Literal["csv", "parquet"]
MEASURE_COLUMNS = ("measure", "variable", "country", "power", "role")
FLOAT_FORMAT = "%.12g"  # as every CSV export writes numbers (game.io.csvtext.csv_number)


def measure_table() -> pd.DataFrame:
    """One row per tracked measure: its key, parts and a label for people, in the order of ``METRICS``."""
    return pd.DataFrame(
        [(m.key, m.variable, m.country, m.power, m.role, m.label) for m in METRICS],
        columns=[*MEASURE_COLUMNS, "label"],
    )


def measure_columns(repeats: int) -> pd.DataFrame:
    """The measure columns (measure, variable, country, power, role) of ``repeats`` blocks of every measure,
    as categories (a small code per row, not a string)."""
    labels = measure_table().drop(columns="label").astype("category")
    return labels.iloc[np.tile(np.arange(len(labels)), repeats)].reset_index(drop=True)


def _per_run(values: np.ndarray, first_run: int, index_name: str, index: np.ndarray | None = None) -> pd.DataFrame:
    """A (rows, measures) matrix as long rows: index, measure columns, value."""
    rows, width = values.shape
    frame = measure_columns(rows)
    frame.insert(0, index_name, np.repeat(np.arange(first_run, first_run + rows) if index is None else index, width))
    frame["value"] = values.reshape(-1)
    return frame


def outcomes_frame(batch: BatchResult) -> pd.DataFrame:
    """Final outcomes: one row per run × measure (run, quarter, measure, variable, country, power, role, value).

    The rows of ``outcomes.csv`` of ``multivector batch``, in the same order, with a measure key.
    """
    frame = _per_run(batch.final, batch.first_run, "run")
    frame.insert(1, "quarter", batch.quarter_labels()[-1])
    return frame


def trajectories_frame(batch: BatchResult, paths: np.ndarray) -> pd.DataFrame:
    """Every run's measures at every turn: one row per run × turn × measure.

    ``paths`` is (turns + 1, runs, measures) as :func:`game.api.batch` keeps it; turn 0 is the
    start, and ``quarter`` is the quarter at whose end the value holds.
    """
    turns, runs, width = paths.shape
    by_run = np.ascontiguousarray(paths.transpose(1, 0, 2)).reshape(runs * turns, width)
    frame = _per_run(by_run, 0, "run", np.repeat(np.arange(batch.first_run, batch.first_run + runs), turns))
    turn_of_row = np.repeat(np.tile(np.arange(turns), runs), width)
    frame.insert(1, "turn", turn_of_row)
    frame.insert(2, "quarter", pd.Categorical.from_codes(turn_of_row, categories=batch.quarter_labels()))
    return frame


def distributions_frame(batch: BatchResult) -> pd.DataFrame:
    """p10, median, p90 and mean over runs of every measure at every turn (``distributions.csv``)."""
    turns = batch.turns + 1
    frame = _per_run(batch.bands[:, :, 0], 0, "turn").drop(columns="value")
    frame.insert(1, "quarter", np.repeat(batch.quarter_labels(), len(METRICS)))
    for position, name in enumerate(("p10", "median", "p90", "mean")):
        frame[name] = batch.bands[:, :, position].reshape(turns * len(METRICS))
    return frame


def history_frame(game: Game, run: int = 0) -> pd.DataFrame:
    """One game's every state variable and measure at every turn (``history.csv`` of ``multivector run``)."""
    frame = pd.DataFrame(list(history_rows(game, run)), columns=list(HISTORY_COLUMNS))
    frame["value"] = frame["value"].astype(float)
    return frame


def ledger_frame(game: Game, run: int = 0, levels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Why one game moved: one row per turn × variable × cause with a nonzero change (``ledger.csv``).

    ``levels`` (the computer's level per role) words the reason given for each order.
    """
    frame = pd.DataFrame(list(ledger_csv_rows(game, run, levels)), columns=list(LEDGER_COLUMNS))
    frame["amount"] = frame["amount"].astype(float)
    return frame


def write_table(frame: pd.DataFrame, path: Path, table_format: TableFormat) -> Path:
    """Write ``frame`` as ``path`` with the format's suffix (CSV numbers as every export writes them)."""
    target = path.with_suffix(f".{table_format}")
    if table_format == "parquet":
        frame.to_parquet(target, index=False)
    else:
        frame.to_csv(target, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return target


def write_batch_parquet(
    batch: BatchResult, out: Path, settings: dict[str, float], levels: Mapping[str, str] | None = None
) -> list[Path]:
    """``multivector batch --format parquet``: outcomes.parquet, distributions.parquet and summary.json."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [
        write_table(outcomes_frame(batch), out / "outcomes", "parquet"),
        write_table(distributions_frame(batch), out / "distributions", "parquet"),
        out / "summary.json",
    ]
    paths[2].write_text(json.dumps(batch_summary(batch, settings, levels), indent=2) + "\n", encoding="utf-8")
    return paths
