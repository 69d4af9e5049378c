"""Multivector: a strategy simulation of Central Asia's multi-vector foreign policy.

Importing the package imports nothing else: ``multivector --help`` and ``validate`` start in a
fraction of a second, and numba, numpy, matplotlib and pygame load only where they are used.
"""

from typing import Any

__version__ = "0.1.0"

# The public Python API (game.api, docs/api.md) is loaded on first use, so `import game` stays light:
# the engine and pandas load only when a notebook asks for game.load, game.batch, ... (no API name may be
# a subpackage's: game.play is the play layer, so one game is game.play_game)
# (Not imported under TYPE_CHECKING either: game.api reaches modules that import this package, a circle.)
_API_NAMES = frozenset({
    "Batch", "Match", "ScenarioSetup", "SensitivityResult", "SweepResult",
    "batch", "history", "ledger", "load", "measure_table", "play_game", "sensitivity", "sweep",
})


def __getattr__(name: str) -> Any:
    """``game.load``, ``game.batch`` … from :mod:`game.api`, imported when first asked for."""
    if name in _API_NAMES:
        import importlib

        return getattr(importlib.import_module("game.api"), name)
    raise AttributeError(f"module 'game' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The package's names with the API's."""
    return sorted([*globals(), *_API_NAMES])
