"""outcomes.csv as written for batches: each run's measures after the last turn, one row each."""

from __future__ import annotations

import dataclasses

import numpy as np

from game.engine.codes import quarter_name
from game.io.csvtext import csv_number, csv_text
from game.play.batch import play_batch
from game.play.metrics import METRICS
from game.report.tables import OUTCOME_COLUMNS, outcome_csv
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario


def test_outcome_table_has_a_row_per_run_and_measure_with_every_value_as_the_exports_write_numbers() -> None:
    world = compile_world(load_scenario(resolve_scenario("sandbox")), {}, 3)
    batch = play_batch(world, seed=3, runs=4, first_run=2**40 - 4)
    final = batch.final.copy()
    final[0, :4] = [np.nan, -0.0, 1e-20, 100.0]  # values a measure may take, and their spellings
    batch = dataclasses.replace(batch, final=final)
    quarter = quarter_name(batch.world.start_quarter + batch.turns - 1)
    expected = csv_text(OUTCOME_COLUMNS, (
        (batch.first_run + run, quarter, metric.variable, metric.country, metric.power, metric.role,
         csv_number(final[run, column]))
        for run in range(batch.runs) for column, metric in enumerate(METRICS)
    ))
    written = outcome_csv(batch)
    assert written == expected
    assert written.splitlines()[1].startswith(f"{2**40 - 4},{quarter},")
    assert len(written.splitlines()) == 1 + 4 * len(METRICS)
