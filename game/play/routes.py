"""What an order cannot move for want of a route: the sentences the map, the class briefing and the
actions handout show (docs/rules.md, *Infrastructure*)."""

from __future__ import annotations

import numpy as np

from game.engine.codes import CHANNELS, N_COUNTRIES, ROLE_NAMES, ROLES
from game.engine.world import World


def unbuilt_routes(world: World, role: str, action: int, target: str) -> list[str]:
    """One sentence per channel the order would push along a route not in place: that part moves nothing until
    an action that builds the route is carried out, e.g. "No energy route from Turkmenistan to the West: a pipeline
    project builds one."."""
    actions = world.actions
    country, power = (role, target) if ROLES.index(role) < N_COUNTRIES else (target, role)
    notes = []
    for channel in np.flatnonzero(actions.unbuilt[action, ROLES.index(role), ROLES.index(target)]):
        builders = [actions.titles[other] for other in np.flatnonzero(actions.builds[:, channel])]
        build = f"a {builders[0].lower()} builds one" if builders else "none can be built in this game"
        notes.append(f"No {CHANNELS[channel]} route from {ROLE_NAMES[country]} to {ROLE_NAMES[power]}: {build}.")
    return notes


def targets_without_route(world: World, role: str, action: int) -> list[str]:
    """The targets for which the order would push along some route not in place (codes, in role order)."""
    unbuilt = world.actions.unbuilt[action, ROLES.index(role)]  # (ROLES, K)
    return [ROLES[target] for target in range(len(ROLES)) if unbuilt[target].any()]
