"""Values the screens show that come from the engine's definitions rather than from a screen.

The :class:`~game.play.session.Session` reads a game's state; these helpers answer
questions about the rules themselves (whose objective counts which channel) by asking
the engine's own score formula, and read a few derived series the session does not
offer. Nothing here draws or knows about pygame.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from game.engine.codes import CHANNELS, COUNTRIES, N_CHANNELS, N_COUNTRIES, POWERS, ROLES
from game.engine.layout import BLOCKS, N_VARIABLES
from game.engine.scores import autonomy, role_scores
from game.play.session import Session


@cache
def direct_stakes(channel: str) -> dict[str, float]:
    """Points each power's objective gains when its own share of ``channel`` goes from 0 to 1
    in every state, counted directly rather than through headline dependence.

    The engine's score formula (``role_scores``) is evaluated with every channel weight
    at zero, so the headline terms vanish and only what an objective writes for the
    channel itself remains.

    >>> direct_stakes("transport")
    {'RU': 0.0, 'CN': 0.0, 'WEST': 30.0}
    """
    values = np.zeros((1 + len(POWERS), N_VARIABLES))
    for p, power in enumerate(POWERS):
        for country in COUNTRIES:
            values[1 + p, BLOCKS["dependence"].column(country=country, power=power, channel=channel)] = 1.0
    scores = role_scores(values, np.zeros((N_COUNTRIES, N_CHANNELS)))
    return {
        power: float(scores[1 + p, ROLES.index(power)] - scores[0, ROLES.index(power)])
        for p, power in enumerate(POWERS)
    }


def channel_backer(channel: str) -> str | None:
    """The power whose objective counts its own share of ``channel`` directly (the most, if
    several do); None when no power's objective does.

    >>> channel_backer("transport"), channel_backer("energy"), channel_backer("security")
    ('WEST', 'CN', None)
    """
    stakes = direct_stakes(channel)
    power = max(POWERS, key=lambda code: stakes[code])
    return power if stakes[power] > 0 else None


def mean_share(session: Session, power: str, channel: str, countries: Sequence[str], turn: int | None = None) -> float:
    """``power``'s share (0–1) of ``channel`` in ``countries``, averaged, after ``turn`` turns
    (default: now); 0 for no countries."""
    if not countries:
        return 0.0
    dependence = session.block("dependence", turn)
    p, k = POWERS.index(power), CHANNELS.index(channel)
    return float(np.mean([dependence[COUNTRIES.index(country), p, k] for country in countries]))


def autonomy_history(session: Session) -> np.ndarray:
    """Autonomy of every state over the turns played, ``[turns + 1, country]`` on 0–100."""
    return autonomy(session.game.values_history()[:, 0], session.world.weight)
