"""What an order cannot move for want of a route: the sentences the map, the class briefing and the
actions handout show (docs/rules.md, *Infrastructure*)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.engine.codes import CHANNELS, N_COUNTRIES, ROLES
from game.engine.world import World
from game.i18n import SOURCE_LANGUAGE, _, current_language, place_name
from game.i18n.phrases import channel_name


def unbuilt_routes(
    world: World, role: str, action: int, target: str, titles: Mapping[str, str] | None = None
) -> list[str]:
    """One sentence per channel the order would push along a route not in place: that part moves nothing until
    an action that builds the route is carried out, e.g. "No energy route from Turkmenistan to the West: a pipeline
    project builds one.", in the current language (``titles``: the actions' titles by id in it; the scenario's
    own without)."""
    actions = world.actions
    country, power = (role, target) if ROLES.index(role) < N_COUNTRIES else (target, role)
    notes = []
    for channel in np.flatnonzero(actions.unbuilt[action, ROLES.index(role), ROLES.index(target)]):
        builders = [int(other) for other in np.flatnonzero(actions.builds[:, channel])]
        names = {"channel": channel_name(CHANNELS[channel]), "country": place_name(country), "power": place_name(power)}
        if builders:
            builder = actions.ids[builders[0]]
            title = titles[builder] if titles and builder in titles else actions.titles[builders[0]]
            # English writes the action in the sentence ("a pipeline project"); other languages quote its title.
            shown = title.lower() if current_language() == SOURCE_LANGUAGE else title
            note = _("No {channel} route from {country} to {power}: a {action} builds one.").format(
                action=shown, **names
            )
        else:
            note = _("No {channel} route from {country} to {power}: none can be built in this game.").format(**names)
        notes.append(note)
    return notes


def targets_without_route(world: World, role: str, action: int) -> list[str]:
    """The targets for which the order would push along some route not in place (codes, in role order)."""
    unbuilt = world.actions.unbuilt[action, ROLES.index(role)]  # (ROLES, K)
    return [ROLES[target] for target in range(len(ROLES)) if unbuilt[target].any()]
