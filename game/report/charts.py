"""Charts of a game's history, as PNG files with stable bytes (no timestamps)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, state_labels
from game.engine.game import Game
from game.engine.scores import headline
from game.io.atomic import write_atomic
from game.report.figures import POWER_COLOURS, grid, png_bytes, set_ticks, value_range
from game.scenario.files import printable


def dependence_chart(game: Game, path: Path, run: int = 0) -> None:
    """One small panel per country: headline dependence on each power, turn by turn, each panel's y-axis
    scaled to its own lines (a quarter's change of one point is visible, not a flat line on 0–100)."""
    history = 100.0 * np.stack(
        [headline(state.values[run : run + 1], game.world.weight)[0] for state in game.states]
    )
    turns = np.arange(len(game.states))
    labels = state_labels(game.world.start_quarter, len(game.states))
    figure, axes = grid(len(COUNTRIES), len(COUNTRIES), 3.0, 3.2)
    for c, (axis, country) in enumerate(zip(axes, COUNTRIES, strict=True)):
        for p, power in enumerate(POWERS):
            axis.plot(turns, history[:, c, p], color=POWER_COLOURS[power], label=POWER_NAMES[power], lw=2)
        axis.set_title(COUNTRY_NAMES[country], fontsize=11)
        axis.set_ylim(*value_range(history[:, c, :]))
        axis.grid(alpha=0.3)
        set_ticks(axis, labels)
    axes[0].set_ylabel("dependence (0–100)")
    axes[-1].legend(loc="best", fontsize=8, frameon=False)
    figure.suptitle(f"{printable(game.world.title)}: dependence on each power", fontsize=12)
    write_atomic(path, png_bytes(figure, dpi=90))
