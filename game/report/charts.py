"""Charts of a game's history, as PNG files with stable bytes (no timestamps)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.engine.codes import COUNTRIES, POWERS, START_LABEL, state_labels
from game.engine.game import Game
from game.engine.scores import headline
from game.i18n import _, place_name, quarter_text
from game.io.atomic import write_atomic
from game.report.figures import POWER_COLOURS, grid, png_bytes, set_ticks, value_range
from game.scenario.files import printable


def dependence_chart(game: Game, path: Path, run: int = 0, title: str | None = None) -> None:
    """One small panel per country: headline dependence on each power, turn by turn, each panel's y-axis
    scaled to its own lines (a quarter's change of one point is visible, not a flat line on 0–100). Its words are
    in the current language; ``title``: the scenario's title in it (default: the world's own)."""
    history = 100.0 * np.stack(
        [headline(state.values[run : run + 1], game.world.weight)[0] for state in game.states]
    )
    turns = np.arange(len(game.states))
    labels = [
        _("start") if label == START_LABEL else quarter_text(label)
        for label in state_labels(game.world.start_quarter, len(game.states))
    ]
    figure, axes = grid(len(COUNTRIES), len(COUNTRIES), 3.0, 3.2)
    for c, (axis, country) in enumerate(zip(axes, COUNTRIES, strict=True)):
        for p, power in enumerate(POWERS):
            axis.plot(turns, history[:, c, p], color=POWER_COLOURS[power], label=place_name(power), lw=2)
        axis.set_title(place_name(country), fontsize=11)
        axis.set_ylim(*value_range(history[:, c, :]))
        axis.grid(alpha=0.3)
        set_ticks(axis, labels)
        if max(map(len, labels)) > len("2023Q1"):  # a language's quarters ("I кв. 2023") side by side would touch
            axis.tick_params(axis="x", labelrotation=35, labelsize=8)
    axes[0].set_ylabel(_("dependence (0–100)"))
    axes[-1].legend(loc="best", fontsize=8, frameon=False)
    said = _("{title}: dependence on each power").format(title=printable(title or game.world.title))
    figure.suptitle(said, fontsize=12)
    write_atomic(path, png_bytes(figure, dpi=90))
