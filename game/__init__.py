"""Multivector: a strategy simulation of Central Asia's multi-vector foreign policy."""

from typing import Any

from game.kernel_cache import configure_kernel_cache

__version__ = "0.1.0"

configure_kernel_cache()  # before any compiled kernel is defined (see game.kernel_cache)

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
