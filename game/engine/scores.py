"""Derived scores: headline dependence, autonomy, and each role's objective.

Headline dependence ``D[c, p] = Σ_k weight[c, k] · dependence[c, p, k]`` (0–1,
shown 0–100).

Autonomy of a country (0–100) measures how limited *and* balanced its
dependence is: ``100 · (1 − sqrt(Σ_p D[c, p]²))``. One power holding everything
gives 0; no outside dependence gives 100; three equal shares of 1/3 give 42;
three shares of 0.2 (the rest diversified) give 65.

Role objectives (0–100 each, shown every turn; see docs/rules.md):

* a country: ``0.5·autonomy + 25·prosperity + 25·stability``;
* Russia, keeping the region: ``70·mean_c D[c, RU] + 30·mean_c favour[c, RU]``;
* China, energy and trade without the costs of hegemony:
  ``35·mean energy share + 35·mean trade share + 30·(1 − mean tension with China)``;
* the West, ties and routes: ``40·mean D[c, WEST] + 30·mean transport share + 30·mean favour``.
"""

from __future__ import annotations

import numpy as np

from game.engine.codes import CHANNELS, N_COUNTRIES, N_ROLES, POWERS
from game.engine.layout import BLOCKS

_RU, _CN, _WEST = (POWERS.index(code) for code in POWERS)
_TRADE, _ENERGY, _TRANSPORT = (CHANNELS.index(name) for name in ("trade", "energy", "transport"))


def _view(values: np.ndarray, name: str) -> np.ndarray:
    block = BLOCKS[name]
    return values[:, block.start : block.stop].reshape((values.shape[0], *block.shape))


def headline(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Headline dependence ``D[runs, country, power]`` in [0, 1]."""
    return np.einsum("rcpk,ck->rcp", _view(values, "dependence"), weight)


def autonomy(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Autonomy ``[runs, country]`` on 0–100 (see the module docstring)."""
    return _autonomy_of(headline(values, weight))


def _autonomy_of(head: np.ndarray) -> np.ndarray:
    """Autonomy from headline dependence ``D[runs, country, power]``."""
    return 100.0 * (1.0 - np.sqrt(np.sum(head**2, axis=2)))


def role_scores(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each role's objective ``[runs, role]`` on 0–100, roles in ``ROLES`` order."""
    runs = values.shape[0]
    scores = np.zeros((runs, N_ROLES))
    dependence = _view(values, "dependence")
    favour = _view(values, "favour")
    tension = _view(values, "tension")
    head = headline(values, weight)
    scores[:, :N_COUNTRIES] = (
        0.5 * _autonomy_of(head)
        + 25.0 * _view(values, "prosperity")
        + 25.0 * _view(values, "stability")
    )
    scores[:, N_COUNTRIES + _RU] = 70.0 * head[:, :, _RU].mean(axis=1) + 30.0 * favour[
        :, :, _RU
    ].mean(axis=1)
    scores[:, N_COUNTRIES + _CN] = (
        35.0 * dependence[:, :, _CN, _ENERGY].mean(axis=1)
        + 35.0 * dependence[:, :, _CN, _TRADE].mean(axis=1)
        + 30.0 * (1.0 - tension[:, :, _CN].mean(axis=1))
    )
    scores[:, N_COUNTRIES + _WEST] = (
        40.0 * head[:, :, _WEST].mean(axis=1)
        + 30.0 * dependence[:, :, _WEST, _TRANSPORT].mean(axis=1)
        + 30.0 * favour[:, :, _WEST].mean(axis=1)
    )
    return scores


def metrics(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """What event conditions can test: the flat values, then headline D (C·P), then autonomy/100 (C)."""
    runs = values.shape[0]
    head = headline(values, weight)
    return np.concatenate([values, head.reshape(runs, -1), _autonomy_of(head) / 100.0], axis=1)
