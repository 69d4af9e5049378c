"""Charts of sweeps and sensitivity analyses (PNG bytes, Agg, no timestamps; see game.report.figures)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from game.analysis.sensitivity import ANALYSED, SensitivityResult
from game.analysis.sweep import SweepResult
from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES
from game.play.metrics import METRIC_INDEX, METRICS
from game.report.figures import INK, ROLE_COLOURS, grid, png_bytes, value_range

if TYPE_CHECKING:
    from matplotlib.artist import Artist

Line = tuple[str, str, str, str]  # measure key, legend label, colour, marker
# Every role has a colour of its own (game.report.figures.ROLE_COLOURS); squares mark the powers too.
SCORE_LINES: list[Line] = [
    (f"score.{role}", ROLE_NAMES[role], ROLE_COLOURS[role], "s" if role in POWERS else "o") for role in ROLES
]


def dependence_lines(power: str) -> list[Line]:
    """Each country's headline dependence on ``power``."""
    return [(f"headline.{country}.{power}", COUNTRY_NAMES[country], ROLE_COLOURS[country], "o")
            for country in COUNTRIES]


def sweep_chart(result: SweepResult, groups: Sequence[tuple[str, list[Line]]], title: str) -> bytes:
    """Each outcome against each lever: the median over runs and the 10–90% band of the runs, a row of
    panels per lever, a panel per group, each panel's axis fitted to its bands.

    On a grid the runs of the points sharing a lever value are pooled (the lever's effect over the
    other levers' values) and joined by a line in a shaded band; sampled points (a Latin hypercube)
    are drawn one by one, the median with a bar from p10 to p90.
    """
    columns = len(groups) if len(groups) > 1 else min(len(result.levers), 3)  # one group: a panel per lever
    figure, axes = grid(len(result.levers) * len(groups), columns, max(4.8, 9.6 / columns), 3.2)
    on_grid = result.on_grid()
    for row, lever in enumerate(result.levers):
        for column, (group, lines) in enumerate(groups):
            axis = axes[row * len(groups) + column]
            shown = []
            for key, label, colour, marker in lines:
                x, bands = result.bands(lever, METRIC_INDEX[key])
                low, median, high = bands.T
                if on_grid:
                    axis.fill_between(x, low, high, color=colour, alpha=0.15, lw=0)
                    axis.plot(x, median, f"{marker}-", color=colour, lw=1.6, ms=4, label=label)
                else:
                    axis.errorbar(x, median, yerr=(median - low, high - median), fmt=marker, color=colour, ms=4,
                                  elinewidth=0.8, alpha=0.7, label=label)
                shown.append(bands.reshape(-1))
            axis.set_ylim(*value_range(np.concatenate(shown)))
            axis.set_xlabel(lever)
            axis.set_title(group)
            axis.grid(alpha=0.25)
    legend: dict[str, Artist] = {}
    for axis in axes[: len(groups)]:
        for handle, label in zip(*axis.get_legend_handles_labels(), strict=True):
            legend.setdefault(label, handle)
    figure.legend(list(legend.values()), list(legend), loc="outside lower center",
                  ncols=min(len(legend), 4 if columns <= 2 else 8), frameon=False, fontsize=9)
    pooled = on_grid and len(result.levers) > 1
    how = ("median and 10–90% of runs" + (", pooled over the other levers' values" if pooled else "")
           + ("" if on_grid else " (bars)"))
    figure.suptitle(f"{title}\n{how}; {result.final.shape[1]} runs per point, common random numbers", fontsize=11)
    return png_bytes(figure)


def sensitivity_chart(result: SensitivityResult, title: str) -> bytes:
    """The main index with its 95% interval per lever: role scores (left), headline dependence (right)."""
    index = result.main_index
    chosen = result.indices[result.indices["index"] == index].set_index(["measure", "lever"])
    scores = [f"score.{role}" for role in ROLES]
    heads = [METRICS[i].key for i in ANALYSED if METRICS[i].variable == "headline"]
    figure, axes = grid(2, 2, 6.0, 0.32 * len(heads) + 1.8)
    width = 0.8 / len(result.levers)
    for axis, keys in ((axes[0], scores), (axes[1], heads)):
        rows = np.arange(len(keys))[::-1]
        for position, lever in enumerate(result.levers):
            values = np.array([chosen.loc[(key, lever), "value"] for key in keys])
            conf = np.array([chosen.loc[(key, lever), "conf"] for key in keys])
            axis.barh(rows + ((len(result.levers) - 1) / 2 - position) * width, values, height=width,
                      xerr=np.nan_to_num(conf), error_kw={"lw": 0.8, "ecolor": INK}, label=lever)
        axis.set_yticks(rows, [METRICS[METRIC_INDEX[key]].label for key in keys], fontsize=8)
        axis.axvline(0, color=INK, lw=0.8)
        axis.grid(axis="x", alpha=0.25)
    axes[0].set_title("Role scores")
    axes[1].set_title("Headline dependence")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 6), frameon=False, fontsize=9,
                  title="lever")
    name = {"ST": "total Sobol index ST", "mu_star": "Morris μ* (mean |elementary effect|, points)"}[index]
    for axis in axes[:2]:
        axis.set_xlabel(f"{name}; bars: 95% interval")
    figure.suptitle(title, fontsize=11)
    return png_bytes(figure)


SWEEP_GROUPS: list[tuple[str, list[Line]]] = [
    ("Role scores", SCORE_LINES),
    *((f"Dependence on {POWER_NAMES[power]}", dependence_lines(power)) for power in POWERS),
]
