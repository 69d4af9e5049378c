"""Charts of a game's history, as PNG files with stable bytes (no timestamps)."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, quarter_name
from game.engine.game import Game
from game.engine.scores import headline
from game.io.atomic import write_atomic

# Okabe–Ito colour-blind-safe colours for the three powers.
POWER_COLOURS = {"RU": "#D55E00", "CN": "#E69F00", "WEST": "#0072B2"}


def dependence_chart(game: Game, path: Path, run: int = 0) -> None:
    """One small panel per country: headline dependence on each power, turn by turn."""
    history = np.stack([headline(state.values[run : run + 1], game.world.weight)[0] for state in game.states])
    turns = np.arange(len(game.states))
    labels = [quarter_name(game.world.start_quarter + int(turn) - 1) for turn in turns]
    figure, axes = plt.subplots(1, len(COUNTRIES), figsize=(15, 3.2), sharey=True)
    for c, (axis, country) in enumerate(zip(axes, COUNTRIES, strict=True)):
        for p, power in enumerate(POWERS):
            axis.plot(turns, 100 * history[:, c, p], color=POWER_COLOURS[power], label=POWER_NAMES[power], lw=2)
        axis.set_title(COUNTRY_NAMES[country], fontsize=11)
        axis.set_ylim(0, 70)
        axis.grid(alpha=0.3)
        step = max(1, len(turns) // 4)
        axis.set_xticks(turns[::step], labels[::step], fontsize=8)
    axes[0].set_ylabel("dependence (0–100)")
    axes[-1].legend(loc="upper right", fontsize=8, frameon=False)
    figure.suptitle(f"{game.world.title}: dependence on each power", fontsize=12)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    plt.close(figure)
    write_atomic(path, buffer.getvalue())
