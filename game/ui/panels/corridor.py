"""The trade corridor on the map, read through the rules: whose objective its traffic counts
for, in which states, and how much of it that power holds."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.codes import COUNTRIES
from game.i18n import N_, _, format_share
from game.i18n.phrases import channel_name
from game.play.session import Session
from game.play.views import channel_backer, mean_share
from game.ui.mapdata import MapData
from game.ui.theme import role_title

# The corridor carries freight: the channel of dependence it moves is transport.
CORRIDOR_CHANNEL = "transport"
# The map's corridor by name (its name in the map's data), translated where it is shown (``local_name``).
CORRIDOR_NAMES = (N_("Middle Corridor"),)


@dataclass(frozen=True)
class CorridorStake:
    """The map's corridor as the scenario's rules see it.

    ``power`` is the power whose objective counts its own share of the corridor's channel
    (from the engine's score formula, see :func:`game.play.views.channel_backer`);
    ``countries`` are the playable states the corridor's cities lie in (from the map).
    """

    name: str
    power: str | None
    channel: str
    countries: tuple[str, ...]

    @classmethod
    def of(cls, data: MapData) -> CorridorStake:
        """The stake in the corridor of a map."""
        countries = tuple(code for code in data.corridor_countries() if code in COUNTRIES)
        name = data.corridor.name.split(" (")[0]  # "Middle Corridor (Trans-Caspian …)" -> "Middle Corridor"
        return cls(name, channel_backer(CORRIDOR_CHANNEL), CORRIDOR_CHANNEL, countries)

    def local_name(self) -> str:
        """The corridor's name in the current language."""
        return _(self.name)

    def share(self, session: Session, turn: int) -> float:
        """The power's share (0–1) of the channel in the corridor's states after ``turn`` turns."""
        if self.power is None:
            return 0.0
        return mean_share(session, self.power, self.channel, self.countries, turn)

    def caption(self, share: float) -> str:
        """The legend's line under the corridor's name ("West's share of KZ transport 6%")."""
        if self.power is None:
            return ""
        where = ", ".join(self.countries)
        return _("{power}'s share of {states} {channel} {share}").format(
            power=role_title(self.power, short=True),
            channel=channel_name(self.channel),
            states=where,
            share=format_share(share),
        )
