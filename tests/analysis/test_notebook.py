"""docs/analysis.ipynb runs from top to bottom and produces a DataFrame and a chart.

The code cells are executed in order in one namespace, as a kernel would, but in this
process: no Jupyter kernel (ipykernel, zmq, a subprocess per test worker) to install or
start, and a failing cell's traceback points at the notebook's cell and line.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from .conftest import REPO

NOTEBOOK = REPO / "docs" / "analysis.ipynb"


def code_cells(path: Path) -> list[str]:
    """The source of every code cell of a notebook (nbformat 4), in order."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_the_notebook_has_no_stored_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_the_notebook_runs_and_draws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for number, source in enumerate(code_cells(NOTEBOOK)):
        exec(compile(source, f"{NOTEBOOK.name} code cell {number + 1}", "exec"), namespace)
    scores = namespace["scores"]
    assert isinstance(scores, pd.DataFrame)
    assert scores.shape == (namespace["RUNS"], 8)
    assert scores.notna().all().all()
    figure = namespace["figure"]
    axis = figure.axes[0]  # type: ignore[attr-defined]
    assert len(axis.lines) == 1 and len(axis.collections) == 1
    assert len(axis.lines[0].get_xdata()) == 30  # 29 quarters and the start
    summary = namespace["summary"]
    assert isinstance(summary, pd.DataFrame)
    assert summary[summary["measure"] == "headline.KZ.RU"]["corridor_funding"].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert list(tmp_path.iterdir()) == []  # the notebook writes no files
