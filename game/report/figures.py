"""Charts for batches, comparisons and debriefs: fan charts, difference plots and the
triangle view. Each returns PNG bytes with stable content (no timestamps).

matplotlib is imported on the first chart drawn, not with this module: commands that
draw nothing (``class template``, ``class status``, ``--help``) start faster.
"""

from __future__ import annotations

import base64
import functools
import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine.codes import COUNTRIES, POWERS, ROLE_NAMES, ROLES
from game.engine.colours import POWER_COLOURS, ROLE_COLOURS  # one palette with the map game's charts
from game.i18n import N_, SOURCE_LANGUAGE, place_name, translate
from game.play.metrics import METRIC_INDEX

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

INK = "#222222"
MAX_TICKS = 5  # x-axis labels per panel: enough to read, few enough not to collide
FONT_POINTS = 11  # axis labels
TITLE_POINTS = 12  # panel titles
TICK_POINTS = 9  # tick labels
_STYLE = {
    "font.size": FONT_POINTS,
    "axes.titlesize": TITLE_POINTS,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": INK,
    "axes.titleweight": "bold",
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "xtick.labelsize": TICK_POINTS,
    "ytick.labelsize": TICK_POINTS,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@functools.cache
def _plt() -> Any:
    """matplotlib.pyplot with the Agg backend and this module's style, imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.style.use(_STYLE)
    return plt


def prepare() -> None:
    """Import matplotlib now (a third of a second), e.g. in a process that will draw once data arrives."""
    _plt()


def png_bytes(figure: Figure, dpi: int = 100) -> bytes:
    """Render and close a figure; the bytes do not depend on the clock.

    The figures are laid out by constrained layout or :func:`place_panels`, so one draw suffices (no
    ``bbox_inches="tight"`` second pass)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    _plt().close(figure)
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,…`` URI for embedding in HTML."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def tick_positions(count: int, most: int = MAX_TICKS) -> list[int]:
    """At most ``most`` evenly spaced positions out of ``count``, always the first and the last.

    >>> tick_positions(21)
    [0, 5, 10, 15, 20]
    >>> tick_positions(3)
    [0, 1, 2]
    >>> tick_positions(9, 4)
    [0, 3, 6, 8]
    """
    if count <= most:
        return list(range(count))
    step = -(-(count - 1) // (most - 1))
    positions = list(range(0, count - 1, step))
    if count - 1 - positions[-1] < step / 2 and len(positions) > 1:
        positions[-1] = count - 1
    else:
        positions.append(count - 1)
    return positions


MIN_SPAN = 4.0  # points: a panel never magnifies a smaller range, so noise does not look like a trend


def value_range(
    values: np.ndarray, min_span: float = MIN_SPAN, low: float = 0.0, high: float = 100.0
) -> tuple[float, float]:
    """A y-axis range for one panel: its data with a margin of a tenth, at least ``min_span`` wide,
    within ``low``–``high`` (the 0–100 scale).

    >>> value_range(np.array([41.2, 42.0]))
    (39.6, 43.6)
    >>> value_range(np.array([5.0, 65.0]))
    (0.0, 71.0)
    >>> value_range(np.array([99.0, 99.5]))
    (96.0, 100.0)
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return low, high
    bottom, top = float(finite.min()), float(finite.max())
    margin = 0.1 * (top - bottom)
    bottom, top = bottom - margin, top + margin
    if top - bottom < min_span:
        middle = 0.5 * (top + bottom)
        bottom, top = middle - min_span / 2, middle + min_span / 2
    bottom, top = max(low, bottom), min(high, top)
    if top - bottom < min_span:  # cut by a bound: widen on the other side
        if bottom <= low:
            top = min(high, low + min_span)
        else:
            bottom = max(low, high - min_span)
    return round(bottom, 6), round(top, 6)


def set_ticks(axis: Axes, labels: Sequence[str]) -> None:
    """Label at most :data:`MAX_TICKS` quarters on the x-axis, the first and the last among them."""
    positions = tick_positions(len(labels))
    axis.set_xticks(positions, [labels[i] for i in positions])


CHARS_PER_INCH_AT_12PT = 10.0  # a title font's average glyph is about 0.55 em wide: ~11 characters an inch at 12 pt


def fitted_title(figure: Figure, text: str, fontsize: float) -> str:
    """``text`` with each line wrapped to the figure's width, so that a title over one or two panels is never cut
    off at the edges of the picture (a figure is only as wide as its panels)."""
    width = figure.get_figwidth() * CHARS_PER_INCH_AT_12PT * 12.0 / fontsize
    return "\n".join(textwrap.fill(line, max(20, int(width * 0.92))) for line in text.split("\n"))


def grid(
    panels: int, columns: int, width: float, height: float, constrained: bool = True, **options: Any
) -> tuple[Figure, list[Axes]]:
    """A figure of ``panels`` panels in rows of ``columns``; panels beyond them are hidden. Without
    ``constrained`` layout the caller places the panels with :func:`place_panels` once the figure is complete."""
    rows = -(-panels // columns)
    figure, axes = _plt().subplots(
        rows, columns, figsize=(width * columns, height * rows), squeeze=False,
        layout="constrained" if constrained else None, **options
    )
    flat = list(axes.flat)
    for axis in flat[panels:]:
        axis.set_visible(False)
    return figure, flat


# Where a panel's title sits: on top of the panel, as matplotlib places it, but fixed (a title left to be placed
# is checked, at each draw, against the tick labels of the panel's axes, a tenth of a fan chart's drawing).
PANEL_TITLE_Y = 1.0
GLYPH_EMS = 0.64  # the widest average glyph of the charts' font (DejaVu Sans digits), in ems
LINE_EMS = 1.2  # a line of text's height, in ems
TICK_INCHES = 7 / 72  # a tick mark and the gap to its label (3.5 points each)
EDGE_INCHES = 0.06  # blank kept at the picture's edges and between neighbours' texts


def text_inches(text: str, points: float) -> float:
    """An upper estimate of the width of one line of ``text`` at ``points`` in the charts' font."""
    return len(text) * GLYPH_EMS * points / 72


def place_panels(
    figure: Figure, axes: Sequence[Axes], labels: Sequence[str], suptitle: Text, y_label: bool = False
) -> None:
    """Place the panels of a :func:`grid` figure drawn without constrained layout: margins reckoned from the size
    of the figure's texts (the suptitle's lines, the panels' titles, the widest y tick label, the outer x tick
    labels, the y-axis label when ``y_label``), so that nothing is cut or overlaps. Measuring every tick label
    of every panel, as constrained layout does twice, took a third of the drawing of a fan chart."""
    gridspec = axes[0].get_gridspec()
    assert gridspec is not None, "the panels of a grid()"
    rows, columns = gridspec.get_geometry()
    width, height = figure.get_size_inches()
    tick_size = TICK_POINTS
    tick_row = tick_size * LINE_EMS / 72 + TICK_INCHES  # an x-axis's labels below its panel
    y_ticks = text_inches("100", tick_size) + TICK_INCHES  # a y-axis's labels to the left of its panel
    shown = [labels[i] for i in tick_positions(len(labels))] or [""]
    first_overhang = text_inches(shown[0], tick_size) / 2
    last_overhang = text_inches(shown[-1], tick_size) / 2
    label_column = FONT_POINTS * LINE_EMS / 72 + 4 / 72 if y_label else 0.0
    left = max(y_ticks + label_column, first_overhang) + EDGE_INCHES
    right = last_overhang + EDGE_INCHES
    bottom = tick_row + EDGE_INCHES
    panel_title = TITLE_POINTS * LINE_EMS / 72 + 6 / 72
    suptitle_lines = len(suptitle.get_text().split("\n"))
    top = suptitle_lines * float(suptitle.get_fontsize()) * LINE_EMS / 72 + panel_title + 2 * EDGE_INCHES
    panel_width = (width - left - right - (columns - 1) * (y_ticks + last_overhang + EDGE_INCHES)) / columns
    panel_height = (height - top - bottom - (rows - 1) * (tick_row + panel_title + EDGE_INCHES)) / rows
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height,
        wspace=(y_ticks + last_overhang + EDGE_INCHES) / panel_width,
        hspace=(tick_row + panel_title + EDGE_INCHES) / panel_height,
    )


def fan_dependence(
    bands: np.ndarray,
    labels: Sequence[str],
    title: str,
    lines: np.ndarray | None = None,
    line_label: str | None = None,
    language: str = SOURCE_LANGUAGE,
) -> bytes:
    """One panel per country (two rows of three): median dependence on each power with
    its 10–90% band.

    ``bands`` is ``(T + 1, M, 4)`` (p10, median, p90, mean); ``lines``, when given, is
    ``(T' + 1, M)``: one game drawn on top as solid lines (``line_label``, default "this game").
    The chart's words are in ``language`` (English unless asked: chart files read the same in every language).
    """
    figure, axes = grid(len(COUNTRIES) + 1, 3, 4.6, 3.4, constrained=False)
    turns = np.arange(bands.shape[0])
    handles = []
    for axis, country in zip(axes, COUNTRIES, strict=False):
        shown: list[np.ndarray] = []
        for power in POWERS:
            column = METRIC_INDEX[f"headline.{country}.{power}"]
            colour = POWER_COLOURS[power]
            axis.fill_between(turns, bands[:, column, 0], bands[:, column, 2], color=colour, alpha=0.18, lw=0)
            (median,) = axis.plot(
                turns,
                bands[:, column, 1],
                "--" if lines is not None else "-",
                color=colour,
                lw=1.5 if lines is not None else 2.2,
                label=translate(N_("{power} (median)"), language).format(power=place_name(power, language))
                if lines is None
                else None,
            )
            handle = median
            shown.append(bands[:, column, :3])
            if lines is not None:
                (handle,) = axis.plot(
                    np.arange(lines.shape[0]), lines[:, column], color=colour, lw=2.4,
                    label=place_name(power, language),
                )
                shown.append(lines[:, column])
            if country == COUNTRIES[0]:
                handles.append(handle)
        axis.set_title(place_name(country, language), y=PANEL_TITLE_Y)
        axis.set_ylim(*value_range(np.concatenate([values.ravel() for values in shown])))
        axis.grid(alpha=0.25)
        set_ticks(axis, labels)
    for row_start in range(0, len(COUNTRIES), 3):
        axes[row_start].set_ylabel(translate(N_("dependence (0–100)"), language))
    note = (
        translate(N_("solid: {line}\ndashed: median of computer runs\nband: 10th–90th percentile"), language).format(
            line=line_label or translate(N_("this game"), language)
        )
        if lines is not None
        else translate(N_("line: median of runs\nband: 10th–90th percentile"), language)
    )
    legend_axis = axes[len(COUNTRIES)]
    legend_axis.set_visible(True)
    legend_axis.axis("off")
    legend_axis.legend(handles=handles, loc="upper left", frameon=False, fontsize=11)
    legend_axis.text(0.0, 0.25, note, transform=legend_axis.transAxes, fontsize=10, color="#444444", va="top")
    suptitle = figure.suptitle(fitted_title(figure, title, 13), fontsize=13, fontweight="bold")
    place_panels(figure, axes, labels, suptitle, y_label=True)
    return png_bytes(figure)


def fan_scores(
    bands: np.ndarray,
    labels: Sequence[str],
    title: str,
    lines: np.ndarray | None = None,
    roles: Sequence[str] = ROLES,
    language: str = SOURCE_LANGUAGE,
) -> bytes:
    """One panel per role: its score's median and 10–90% band (and one game on top), its words in ``language``."""
    columns = min(3, len(roles))
    figure, axes = grid(len(roles), columns, 4.6, 3.0, constrained=False, sharex=True)
    turns = np.arange(bands.shape[0])
    for axis, role in zip(axes, roles, strict=False):
        column = METRIC_INDEX[f"score.{role}"]
        colour = ROLE_COLOURS[role]
        axis.fill_between(turns, bands[:, column, 0], bands[:, column, 2], color=colour, alpha=0.2, lw=0)
        axis.plot(turns, bands[:, column, 1], "--" if lines is not None else "-", color=colour, lw=1.6)
        shown = bands[:, column, :3].ravel()
        if lines is not None:
            axis.plot(np.arange(lines.shape[0]), lines[:, column], color=colour, lw=2.4)
            shown = np.concatenate([shown, lines[:, column]])
        axis.set_ylim(*value_range(shown))
        axis.set_title(place_name(role, language), y=PANEL_TITLE_Y)
        axis.grid(alpha=0.25)
        set_ticks(axis, labels)
        axis.tick_params(labelbottom=True)
    heading = (
        N_(
            "{title}: role scores (0–100)\nsolid: this game; dashed: median of computer runs; band: 10th–90th "
            "percentile"
        )
        if lines is not None
        else N_("{title}: role scores (0–100)\nline: median; band: 10th–90th percentile")
    )
    text = translate(heading, language).format(title=title)
    place_panels(figure, axes, labels, figure.suptitle(fitted_title(figure, text, 12), fontsize=12))
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
    height = 0.3 * len(names) + 1.6
    figure, axis = _plt().subplots(figsize=(9, height), layout="constrained")
    rows = np.arange(len(names))[::-1]
    if significant is None:
        significant = (low > 0) | (high < 0)
    colours = np.where(significant, "#0072B2", "#999999")
    axis.hlines(rows, low, high, colors=colours, lw=2)
    axis.scatter(diff, rows, c=colours, s=20, zorder=3)
    axis.axvline(0, color=INK, lw=0.8)
    axis.set_yticks(rows, names, fontsize=9)
    axis.set_xlabel("difference B − A (points, 95% CI; blue: starred in the table)")
    axis.grid(axis="x", alpha=0.25)
    axis.set_title(title, fontsize=11)
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
    path_label: str | None = None,
    language: str = SOURCE_LANGUAGE,
) -> bytes:
    """The triangle view: where each country sits between Russia, China and the West (its words in
    ``language``; the path is ``path_label``, default "this game").

    ``path`` is ``(T + 1, C, P)`` headline dependence of one game; ``cloud`` is
    ``(R, C, P)`` end points of computer runs (grey dots). A country at a corner depends
    on that power alone; at the centre its outside ties are balanced. The game's path
    runs from an open circle (start) to a filled black dot (end).
    """
    figure, axes = grid(len(COUNTRIES) + 1, 3, 4.2, 3.8)
    outline = np.array([_CORNERS["RU"], _CORNERS["CN"], _CORNERS["WEST"], _CORNERS["RU"]])
    centre, runs, this_game, start, end = (
        translate(message, language)
        for message in (
            N_("balanced centre"), N_("computer runs (end)"), N_("this game"), N_("start (open circle)"),
            N_("end (black dot)"),
        )
    )
    for c, (axis, country) in enumerate(zip(axes, COUNTRIES, strict=False)):
        axis.plot(outline[:, 0], outline[:, 1], color="#888888", lw=1)
        axis.scatter([0.5], [np.sqrt(3) / 6], marker="+", color="#888888", s=40, label=centre)
        for power, (corner_x, corner_y) in _CORNERS.items():
            axis.annotate(
                place_name(power, language),
                (corner_x, corner_y),
                textcoords="offset points",
                xytext=(0, 6 if corner_y > 0 else -14),
                ha="center",
                fontsize=10,
                color=POWER_COLOURS[power],
                fontweight="bold",
            )
        if cloud is not None and cloud.shape[0]:
            x, y = _ternary(cloud[:, c, :])
            axis.scatter(x, y, s=6, color="#9a9a9a", alpha=0.35, lw=0, label=runs)
        x, y = _ternary(path[:, c, :])
        axis.plot(x, y, color=INK, lw=1.6, label=path_label or this_game)
        axis.scatter(x[:1], y[:1], s=34, facecolor="white", edgecolor=INK, zorder=3, label=start)
        axis.scatter(x[-1:], y[-1:], s=44, color=INK, zorder=3, label=end)
        axis.set_title(place_name(country, language))
        axis.set_xlim(-0.08, 1.08)
        axis.set_ylim(-0.14, 0.98)
        axis.set_aspect("equal")
        axis.axis("off")
    legend_axis = axes[len(COUNTRIES)]
    legend_axis.set_visible(True)
    legend_axis.axis("off")
    handles, names = axes[0].get_legend_handles_labels()
    legend_axis.legend(handles, names, loc="center left", frameon=False, fontsize=11, markerscale=1.5)
    figure.suptitle(fitted_title(figure, title, 13), fontsize=13, fontweight="bold")
    return png_bytes(figure)


def scores_chart(scores: np.ndarray, labels: Sequence[str], roles: Sequence[str], title: str) -> bytes:
    """Score of each given role turn by turn (``scores`` is ``(T + 1, ROLES)``)."""
    figure, axis = _plt().subplots(figsize=(9, 3.6), layout="constrained")
    turns = np.arange(scores.shape[0])
    for role in roles:
        axis.plot(
            turns,
            scores[:, ROLES.index(role)],
            color=ROLE_COLOURS[role],
            lw=2,
            label=f"{ROLE_NAMES[role]} ({role})",
        )
    axis.set_ylim(*value_range(scores[:, [ROLES.index(role) for role in roles]]))
    axis.grid(alpha=0.25)
    set_ticks(axis, labels)
    axis.set_ylabel("score (0–100)")
    axis.legend(frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    axis.set_title(title)
    return png_bytes(figure)
