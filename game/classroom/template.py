"""A commented orders file for one team and the coming turn: what it can do and what it costs."""

from __future__ import annotations

import numpy as np

from game.engine.codes import ROLE_NAMES, ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS, busy_role_slots
from game.engine.orders import affordable
from game.play.timing import OrderTiming


def orders_template(game: Game, team: str, quarter: str, game_dir: str) -> str:
    """YAML text: valid as it stands (no orders); students uncomment or add lines."""
    world, state = game.world, game.state
    r = ROLES.index(team)
    actions = world.actions
    points = float(state.values[0, BLOCKS["points"].start + r])
    capacity = float(state.values[0, BLOCKS["capacity"].start + r])
    busy = busy_role_slots(state.slot_last[0], r, world.rules.max_projects, state.turn)
    lines = [
        f"# Orders of {ROLE_NAMES[team]} ({team}) for {quarter} — {world.title}",
        f"# Action points in hand: {points:.1f} (income {capacity:.1f} a quarter). "
        f"At most {world.rules.max_orders} orders; the costs must add up to at most {points:.1f}.",
        f"# Projects in flight: {busy} of at most {world.rules.max_projects} "
        "(orders marked 'project' start a new one).",
        "# Give each order as  - {action: ID, target: CODE}  under 'orders:'. Leave it empty to give none.",
        f"# Hand it in with: multivector class turn {game_dir} THIS_FILE [OTHER TEAMS' FILES...]",
        "#",
        "# Actions open to you now (cost · timing · targets):",
    ]
    for a, action_id in enumerate(actions.ids):
        targets = [ROLES[t] for t in np.nonzero(actions.allowed[a, r])[0]]
        if not targets:
            continue
        cost = float(actions.cost[a])
        timing = OrderTiming.of(actions, a).file_text()
        afford = "" if affordable(cost, points) else "  (not affordable now)"
        unit = "action point" if cost == 1 else "action points"
        lines.append(f"#   {action_id:<22} {cost:g} {unit} · {timing} · {', '.join(targets)}{afford}")
        lines.append(f"#       {actions.titles[a]}: {actions.descriptions[a]}")
    suggestion = [o for o in game.computer_orders().orders_of_run(world, 0) if o.role == team]
    lines += ["#", "# The computer would order (a hint, not advice):"]
    lines += [f"#   - {{action: {o.action}, target: {o.target}}}" for o in suggestion] or ["#   nothing"]
    lines += ["", f"team: {team}", f"turn: {quarter}", "orders:"]
    if suggestion:
        lines += [f"  # - {{action: {o.action}, target: {o.target}}}" for o in suggestion]
    else:
        lines.append("  # - {action: ACTION_ID, target: CODE}")
    return "\n".join(lines) + "\n"
