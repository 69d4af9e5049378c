"""Charts for batches, comparisons and debriefs: fan charts, difference plots and the
triangle view. Each returns PNG bytes with stable content (no timestamps)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES
from game.report.charts import POWER_COLOURS
from game.report.metrics import METRIC_INDEX

ROLE_COLOURS = {
    "KZ": "#0072B2",
    "UZ": "#009E73",
    "KG": "#CC79A7",
    "TJ": "#56B4E9",
    "TM": "#E69F00",
    **POWER_COLOURS,
}
INK = "#222222"
plt.rcParams.update(
    {
        "font.size": 9,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": INK,
        "axes.titleweight": "bold",
        "xtick.color": "#555555",
        "ytick.color": "#555555",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def png_bytes(figure: Figure, dpi: int = 110) -> bytes:
    """Render and close a figure; the bytes do not depend on the clock."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,…`` URI for embedding in HTML."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _ticks(axis: plt.Axes, labels: Sequence[str]) -> None:
    turns = np.arange(len(labels))
    step = max(1, len(labels) // 4)
    axis.set_xticks(turns[::step], [labels[i] for i in turns[::step]], fontsize=7)


def fan_dependence(
    bands: np.ndarray,
    labels: Sequence[str],
    title: str,
    lines: np.ndarray | None = None,
    line_label: str = "this game",
) -> bytes:
    """One panel per country: median dependence on each power with its 10–90% band.

    ``bands`` is ``(T + 1, M, 4)`` (p10, median, p90, mean); ``lines``, when given, is
    ``(T' + 1, M)``: one game drawn on top as solid lines.
    """
    figure, axes = plt.subplots(1, len(COUNTRIES), figsize=(15, 3.3), sharey=True)
    turns = np.arange(bands.shape[0])
    top = 0.0
    for axis, country in zip(axes, COUNTRIES, strict=True):
        for power in POWERS:
            column = METRIC_INDEX[f"headline.{country}.{power}"]
            colour = POWER_COLOURS[power]
            axis.fill_between(turns, bands[:, column, 0], bands[:, column, 2], color=colour, alpha=0.18, lw=0)
            style = "--" if lines is not None else "-"
            axis.plot(
                turns,
                bands[:, column, 1],
                style,
                color=colour,
                lw=1.4 if lines is not None else 2,
                label=f"{POWER_NAMES[power]} (median)" if lines is None else None,
            )
            top = max(top, float(bands[:, column, 2].max()))
            if lines is not None:
                axis.plot(
                    np.arange(lines.shape[0]),
                    lines[:, column],
                    color=colour,
                    lw=2.2,
                    label=POWER_NAMES[power],
                )
                top = max(top, float(lines[:, column].max()))
        axis.set_title(COUNTRY_NAMES[country], fontsize=10)
        axis.grid(alpha=0.25)
        _ticks(axis, labels)
    axes[0].set_ylim(0, min(100.0, top * 1.15 + 2))
    axes[0].set_ylabel("dependence (0–100)")
    axes[-1].legend(loc="upper right", fontsize=7, frameon=False)
    note = (
        f"solid: {line_label}; dashed: median of computer runs; band: 10th–90th percentile"
        if lines is not None
        else "line: median of runs; band: 10th–90th percentile"
    )
    figure.suptitle(f"{title}\n{note}", fontsize=10)
    figure.tight_layout()
    return png_bytes(figure)


def fan_scores(
    bands: np.ndarray,
    labels: Sequence[str],
    title: str,
    lines: np.ndarray | None = None,
    roles: Sequence[str] = ROLES,
) -> bytes:
    """One panel per role: its score's median and 10–90% band (and one game on top)."""
    columns = min(4, len(roles))
    rows = (len(roles) + columns - 1) // columns
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.3 * columns, 2.6 * rows), squeeze=False, sharex=True
    )
    turns = np.arange(bands.shape[0])
    for index, axis in enumerate(axes.flat):
        if index >= len(roles):
            axis.set_visible(False)
            continue
        role = roles[index]
        column = METRIC_INDEX[f"score.{role}"]
        colour = ROLE_COLOURS[role]
        axis.fill_between(turns, bands[:, column, 0], bands[:, column, 2], color=colour, alpha=0.2, lw=0)
        axis.plot(turns, bands[:, column, 1], "--" if lines is not None else "-", color=colour, lw=1.5)
        if lines is not None:
            axis.plot(np.arange(lines.shape[0]), lines[:, column], color=colour, lw=2.2)
        axis.set_title(f"{ROLE_NAMES[role]} ({role})", fontsize=9)
        axis.grid(alpha=0.25)
        _ticks(axis, labels)
    figure.suptitle(f"{title}: role scores (0–100)", fontsize=10)
    figure.tight_layout()
    return png_bytes(figure)


def difference_chart(
    names: Sequence[str],
    diff: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    title: str,
    significant: np.ndarray | None = None,
) -> bytes:
    """Paired differences (B − A) with 95% confidence intervals, one row per measure.

    ``significant`` (default: the interval excludes zero) picks the rows drawn in colour.
    """
    height = 0.28 * len(names) + 1.2
    figure, axis = plt.subplots(figsize=(8, height))
    rows = np.arange(len(names))[::-1]
    if significant is None:
        significant = (low > 0) | (high < 0)
    colours = np.where(significant, "#0072B2", "#999999")
    axis.hlines(rows, low, high, colors=colours, lw=2)
    axis.scatter(diff, rows, c=colours, s=18, zorder=3)
    axis.axvline(0, color=INK, lw=0.8)
    axis.set_yticks(rows, names, fontsize=8)
    axis.set_xlabel("difference B − A (points, 95% CI)")
    axis.grid(axis="x", alpha=0.25)
    axis.set_title(title, fontsize=10)
    figure.tight_layout()
    return png_bytes(figure)


_CORNERS = {"RU": (0.0, 0.0), "CN": (1.0, 0.0), "WEST": (0.5, np.sqrt(3) / 2)}


def _ternary(shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(…, 3) shares of RU, CN, WEST → x, y in the triangle (they are normalised first)."""
    total = np.maximum(shares.sum(axis=-1, keepdims=True), 1e-12)
    weights = shares / total
    corners = np.array([_CORNERS[p] for p in POWERS])
    points = weights @ corners
    return points[..., 0], points[..., 1]


def triangle_view(
    path: np.ndarray,
    cloud: np.ndarray | None,
    title: str,
    path_label: str = "this game",
) -> bytes:
    """The triangle view: where each country sits between Russia, China and the West.

    ``path`` is ``(T + 1, C, P)`` headline dependence of one game; ``cloud`` is
    ``(R, C, P)`` end points of computer runs (grey dots). A country at a corner depends
    on that power alone; at the centre its outside ties are balanced.
    """
    figure, axes = plt.subplots(1, len(COUNTRIES), figsize=(15, 3.4))
    outline = np.array([_CORNERS["RU"], _CORNERS["CN"], _CORNERS["WEST"], _CORNERS["RU"]])
    for c, (axis, country) in enumerate(zip(axes, COUNTRIES, strict=True)):
        axis.plot(outline[:, 0], outline[:, 1], color="#888888", lw=1)
        for level in (1 / 3,):
            axis.scatter([0.5], [np.sqrt(3) / 6], marker="+", color="#888888", s=30)
            del level
        for power, (x, y) in _CORNERS.items():
            axis.annotate(
                POWER_NAMES[power],
                (x, y),
                textcoords="offset points",
                xytext=(0, 6 if y > 0 else -12),
                ha="center",
                fontsize=8,
                color=POWER_COLOURS[power],
                fontweight="bold",
            )
        if cloud is not None and cloud.shape[0]:
            x, y = _ternary(cloud[:, c, :])
            axis.scatter(x, y, s=5, color="#9a9a9a", alpha=0.35, lw=0, label="computer runs (end)")
        x, y = _ternary(path[:, c, :])
        axis.plot(x, y, color=INK, lw=1.6, label=path_label)
        axis.scatter(x[:1], y[:1], s=28, facecolor="white", edgecolor=INK, zorder=3, label="start")
        axis.scatter(x[-1:], y[-1:], s=36, color="#D55E00", zorder=3, label="end")
        axis.set_title(COUNTRY_NAMES[country], fontsize=10)
        axis.set_xlim(-0.08, 1.08)
        axis.set_ylim(-0.12, 0.98)
        axis.set_aspect("equal")
        axis.axis("off")
    axes[-1].legend(loc="upper right", fontsize=7, frameon=False, bbox_to_anchor=(1.15, 1.0))
    figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    return png_bytes(figure)


def scores_chart(scores: np.ndarray, labels: Sequence[str], roles: Sequence[str], title: str) -> bytes:
    """Score of each given role turn by turn (``scores`` is ``(T + 1, ROLES)``)."""
    figure, axis = plt.subplots(figsize=(8, 3.2))
    turns = np.arange(scores.shape[0])
    for role in roles:
        axis.plot(
            turns,
            scores[:, ROLES.index(role)],
            color=ROLE_COLOURS[role],
            lw=2,
            label=f"{ROLE_NAMES[role]} ({role})",
        )
    axis.grid(alpha=0.25)
    _ticks(axis, labels)
    axis.set_ylabel("score (0–100)")
    axis.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    axis.set_title(title, fontsize=10)
    figure.tight_layout()
    return png_bytes(figure)
