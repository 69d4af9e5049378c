"""A commented orders file for one team and the coming turn: what it can do and what it costs."""

from __future__ import annotations

import numpy as np

from game.engine.codes import ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS, busy_role_slots
from game.engine.orders import affordable
from game.i18n import _, format_number, place_name, quarter_text
from game.i18n.phrases import action_points, program_command
from game.play.texts import ScenarioWords
from game.play.timing import OrderTiming


def _timing(timing: OrderTiming) -> str:
    """The template's timing column: ``now`` or ``project: starts in 1, lasts 3`` (in quarters)."""
    if not timing.project:
        return _("now")
    if timing.lag == 0:
        return _("project: starts at once, lasts {duration}").format(duration=timing.duration)
    return _("project: starts in {lag}, lasts {duration}").format(lag=timing.lag, duration=timing.duration)


def orders_template(game: Game, team: str, quarter: str, game_dir: str, words: ScenarioWords) -> str:
    """YAML text: valid as it stands (no orders); students uncomment or add lines. The comments are in the current
    language (``words``: the scenario's texts in it); the keys and codes stay as programs read them."""
    world, state = game.world, game.state
    r = ROLES.index(team)
    actions = world.actions
    points = float(state.values[0, BLOCKS["points"].start + r])
    capacity = float(state.values[0, BLOCKS["capacity"].start + r])
    busy = busy_role_slots(state.slot_last[0], r, world.rules.max_projects, state.turn)
    in_hand = format_number(points, 1)
    lines = [
        "# " + _("Orders of {name} ({team}) for {quarter} — {title}").format(
            name=place_name(team), team=team, quarter=quarter_text(quarter), title=words.texts.title),
        "# " + _("Action points in hand: {points} (income {income} a quarter). At most {orders} orders; the costs "
                 "must add up to at most {points}.").format(
            points=in_hand, income=format_number(capacity, 1), orders=world.rules.max_orders),
        "# " + _("Projects in flight: {busy} of at most {most} (orders marked 'project' start a new one).").format(
            busy=busy, most=world.rules.max_projects),
        "# " + _("Give each order as  - {{action: ID, target: CODE}}  under 'orders:'. Leave it empty to give "
                 "none.").format(),
        "# " + _("Hand it in with: {program} class turn {game_dir} THIS_FILE [OTHER TEAMS' FILES...]").format(
            program=program_command(), game_dir=game_dir),
        "#",
        "# " + _("Actions open to you now (cost · timing · targets):"),
    ]
    for a, action_id in enumerate(actions.ids):
        targets = [ROLES[t] for t in np.nonzero(actions.allowed[a, r])[0]]
        if not targets:
            continue
        cost = float(actions.cost[a])
        afford = "  " + _("(not affordable now)") if not affordable(cost, points) else ""
        price = action_points(int(cost)) if cost == int(cost) else _("{count} action points").format(
            count=format_number(cost, 1))
        timing = _timing(OrderTiming.of(actions, a))
        lines.append(f"#   {action_id:<22} {price} · {timing} · {', '.join(targets)}{afford}")
        lines.append(f"#       {words.action_title(action_id)}: {words.action_description(action_id)}")
    suggestion = [o for o in game.computer_orders().orders_of_run(world, 0) if o.role == team]
    lines += ["#", "# " + _("The computer would order (a hint, not advice):")]
    lines += [f"#   - {{action: {o.action}, target: {o.target}}}" for o in suggestion] or ["#   " + _("nothing")]
    lines += ["", f"team: {team}", f"turn: {quarter}", "orders:"]
    if suggestion:
        lines += [f"  # - {{action: {o.action}, target: {o.target}}}" for o in suggestion]
    else:
        lines.append("  # - {action: ACTION_ID, target: CODE}")
    return "\n".join(lines) + "\n"
