"""Which levers a sweep or a sensitivity analysis may move, over which values, checked before any game.

A scenario's levers (``levers:`` in its file, see docs/scenarios.md) have a declared range;
the rule constants (``noise``, ``drift``, …, also settable with ``--set``) have none, so a
range must be given for them. Every problem is one line naming the lever.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.scenario.compile import SettingError, lever_values
from game.scenario.load import LoadedScenario, rule_lever_names


class LeverError(ValueError):
    """A lever that does not exist, or values it cannot take."""


@dataclass(frozen=True)
class LeverRange:
    """A lever's default and the interval it may move in (``None`` for a rule constant's)."""

    name: str
    default: float
    declared: tuple[float, float] | None


def lever_ranges(loaded: LoadedScenario) -> dict[str, LeverRange]:
    """The scenario's levers with their declared ranges, then the rule constants (no range)."""
    ranges = {
        lever.id: LeverRange(lever.id, lever.default, (lever.min, lever.max)) for lever in loaded.scenario.levers
    }
    rules = loaded.scenario.rules.model_dump()
    for name in rule_lever_names():
        ranges.setdefault(name, LeverRange(name, float(rules[name]), None))
    return ranges


def known_lever(name: str, ranges: Mapping[str, LeverRange], option: str) -> LeverRange:
    """The lever called ``name``; else a LeverError with the closest name and the scenario's levers."""
    if name in ranges:
        return ranges[name]
    close = difflib.get_close_matches(name, sorted(ranges), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    declared = [lever for lever, spec in ranges.items() if spec.declared is not None]
    levers = ", ".join(declared) if declared else "none"
    raise LeverError(f"{option} {name}: no such lever{hint} (this scenario's levers: {levers}; "
                     "or a rule constant with a range)")


def _number(text: str, option: str, whole: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise LeverError(f"{option} {whole}: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise LeverError(f"{option} {whole}: {text.strip()!r} is not a finite number")
    return value


def grid_values(text: str, ranges: Mapping[str, LeverRange]) -> tuple[str, list[float]]:
    """``--lever`` of a grid: ``a=0:2:5`` (5 values from 0 to 2) or ``b=0.5,1,1.5``; values checked."""
    name, separator, values = text.partition("=")
    name = name.strip()
    if not separator or not name or not values.strip():
        raise LeverError(f"--lever {text}: write LEVER=START:STOP:COUNT or LEVER=V1,V2,...")
    known_lever(name, ranges, "--lever")
    if ":" in values:
        parts = values.split(":")
        if len(parts) != 3:
            raise LeverError(f"--lever {text}: write START:STOP:COUNT, e.g. {name}=0:2:5")
        start, stop = (_number(part, "--lever", text) for part in parts[:2])
        try:
            count = int(parts[2])
        except ValueError:
            raise LeverError(f"--lever {text}: COUNT {parts[2].strip()!r} is not a whole number") from None
        if not 2 <= count <= 1000:
            raise LeverError(f"--lever {text}: COUNT must be between 2 and 1,000")
        chosen = [float(value) for value in np.linspace(start, stop, count)]
    else:
        chosen = [_number(part, "--lever", text) for part in values.split(",")]
    if len(set(chosen)) != len(chosen):
        raise LeverError(f"--lever {text}: a value is given twice")
    return name, chosen


def range_of(text: str, ranges: Mapping[str, LeverRange], option: str) -> tuple[str, float, float]:
    """A lever to sample: ``a`` (its declared range) or ``a=LOW:HIGH``."""
    name, separator, values = text.partition("=")
    name = name.strip()
    lever = known_lever(name, ranges, option)
    if not separator:
        if lever.declared is None:
            raise LeverError(f"{option} {name}: a rule constant has no declared range; "
                             f"give one, e.g. {name}={lever.default:g}:{2 * lever.default:g}")
        return name, *lever.declared
    parts = values.split(":")
    if len(parts) != 2:
        raise LeverError(f"{option} {text}: write LEVER=LOW:HIGH, e.g. {name}=0:2")
    low, high = (_number(part, option, text) for part in parts)
    if not low < high:
        raise LeverError(f"{option} {text}: LOW must be below HIGH")
    return name, low, high


def check_values(loaded: LoadedScenario, names: Sequence[str], values: np.ndarray, option: str) -> None:
    """Refuse (before any game) a value a lever cannot take: outside its declared range, or a rule's."""
    for column, name in enumerate(names):
        for value in (float(np.min(values[:, column])), float(np.max(values[:, column]))):
            try:
                lever_values(loaded, {name: value})
            except SettingError as error:
                reason = str(error).split(": ", 1)[-1]
                raise LeverError(f"{option} {name}={value:g}: {reason}") from None


def grid_points(levers: Mapping[str, Sequence[float]]) -> tuple[tuple[str, ...], np.ndarray]:
    """Every combination of the levers' values (the first lever varies slowest)."""
    names = tuple(levers)
    return names, np.array(list(itertools.product(*(levers[name] for name in names))), dtype=float).reshape(
        -1, len(names)
    )


def latin_hypercube(
    ranges: Mapping[str, tuple[float, float]], points: int, seed: int
) -> tuple[tuple[str, ...], np.ndarray]:
    """``points`` points of a Latin hypercube over the levers' ranges (SALib's sampler, seeded)."""
    from SALib.sample import latin  # SALib loads only for sampling

    names = tuple(ranges)
    problem = {"num_vars": len(names), "names": list(names), "bounds": [list(ranges[name]) for name in names]}
    return names, np.asarray(latin.sample(problem, points, seed=seed), dtype=float)
