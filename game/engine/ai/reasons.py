"""One-line reasons for the computer's orders, naming the state that caused them.

``explain_orders(world, state, orders, run)`` returns one line per order of that
run (in ``orders.orders_of_run`` order), for the news log, the ledger view and
reports, e.g. ``China offers Kyrgyzstan a loan: Kyrgyzstan's finance dependence on
China is 21/100 (worth +0.14 to its score by the end)``, values on 0–100 as every screen
shows them. The reason follows the level that gave the order: the easy player's rule of
thumb, or the normal and hard players' valuation — the variable contributing most to the
order's value, read from the state before the turn, with a rival's project or an event
spread in flight on it named as the threat.
"""

from __future__ import annotations

import numpy as np

from game.engine.ai.heuristic import DISTANCE, ENGAGE
from game.engine.ai.levels import Level, level_grid
from game.engine.ai.lookahead import PLANS, looks_ahead
from game.engine.ai.value import candidates_of, projected_values, role_values
from game.engine.codes import N_COUNTRIES, POWERS, ROLE_NAMES, ROLES
from game.engine.layout import is_busy, slot_owner, variable_label
from game.engine.orders import Order, OrderArrays
from game.engine.scores import headline
from game.engine.state import State
from game.engine.world import World

VERBS = {
    "summit": "holds a summit with {t}",
    "investment": "invests in {t}",
    "loan": "offers {t} a loan",
    "trade_deal": "offers {t} a trade deal",
    "energy_deal": "signs an energy deal with {t}",
    "security_assistance": "gives {t} security assistance",
    "corridor_project": "builds a corridor through {t}",
    "pipeline_project": "starts building a pipeline with {t}",
    "sanctions": "sanctions {t}",
    "secondary_sanctions": "threatens {t} with secondary sanctions",
    "pressure": "puts pressure on {t}",
    "media_campaign": "runs a media campaign in {t}",
    "open_labour_market": "opens its labour market to {t}'s migrants",
    "migrant_crackdown": "cracks down on migrants from {t}",
    "host_summit": "hosts a summit with {t}",
    "sign_deal": "signs a trade deal with {t}",
    "join_initiative": "joins an initiative led by {t}",
    "leave_initiative": "steps back from an initiative led by {t}",
    "diversify_routes": "diversifies its routes away from {t}",
    "comply_with_sanctions": "complies with sanctions on {t}",
    "evade_sanctions": "quietly lets re-exports flow to {t}",
    "invite_migrant_deal": "seeks a migrant-labour agreement with {t}",
}


def order_phrase(world: World, order: Order) -> str:
    """``China offers Kyrgyzstan a loan``."""
    template = VERBS.get(order.action)
    target = ROLE_NAMES[order.target]
    if template is None:
        a = world.actions.index(order.action)
        return f"{ROLE_NAMES[order.role]}: {world.actions.titles[a]} · {target}"
    return f"{ROLE_NAMES[order.role]} {template.format(t=target)}"


def describe_variable(column: int, values: np.ndarray, actor: str) -> str:
    """A variable and its value in words, on the 0–100 scale every screen uses, e.g.
    ``Kyrgyzstan's energy dependence on Russia is 62/100``."""
    block, codes = variable_label(column)
    value = f"{100 * float(values[column]):.0f}/100"
    country = ROLE_NAMES.get(codes.get("country", ""), "")
    power = ROLE_NAMES.get(codes.get("power", ""), "")
    owner = "its" if codes.get("country") == actor else f"{country}'s"
    if block == "dependence":
        return f"{owner} {codes['channel']} dependence on {power} is {value}"
    if block == "favour":
        return f"{power}'s standing with the public in {country} is {value}"
    if block == "tension":
        return f"tension between {country} and {power} is {value}"
    if block in ("stability", "prosperity"):
        return f"{owner} {block} is {value}"
    return f"{block} is {value}"


def threat_on(world: World, state: State, run: int, column: int, actor: int) -> str:
    """A project or event spread of someone else, in flight, that pushes this column; '' if none."""
    turn = state.turn
    best, best_amount = "", 0.0
    columns, amounts = world.actions.per_turn_sparse
    for slot in range(world.project_slots):
        if not is_busy(state.slot_last[run, slot], turn):
            continue
        if slot < world.order_slots:
            owner = slot_owner(slot, world.rules.max_projects)
            if owner == actor:
                continue
            key = (state.slot_ref[run, slot], owner, state.slot_target[run, slot])
            hit = amounts[key][columns[key] == column].sum() * state.slot_scale[run, slot]
            name = f"{ROLE_NAMES[ROLES[owner]]}'s {world.actions.titles[state.slot_ref[run, slot]].lower()}"
        else:
            event = state.slot_ref[run, slot]
            event_columns, event_amounts = world.events.spread_sparse
            hit = event_amounts[event][event_columns[event] == column].sum()
            name = world.events.titles[event]
        if abs(hit) > abs(best_amount):
            best, best_amount = name, float(hit)
    if not best:
        return ""
    return f", {'rising' if best_amount > 0 else 'falling'} with {best} under way"


def _easy_reason(world: World, state: State, run: int, order: Order) -> str:
    role = ROLES.index(order.role)
    values = state.values[run]
    if role < N_COUNTRIES:
        d = headline(values[None, :], world.weight)[0, role]  # (P,)
        p = POWERS.index(order.target)
        low, high = int(np.argmin(d)), int(np.argmax(d))
        shares = ", ".join(f"{ROLE_NAMES[POWERS[q]]} {100 * d[q]:.0f}" for q in np.argsort(-d))
        if order.action in ENGAGE and p == low:
            return f"the partner it depends on least (dependence {shares})"
        if order.action in DISTANCE and p == high:
            return f"the power it depends on most (dependence {shares})"
        return f"a rule of thumb: keep every door open (dependence {shares})"
    power = POWERS.index(order.role)
    target = ROLES.index(order.target)
    favour = state.block("favour")[run, :, power]
    rank = int(np.sum(favour > favour[target])) + 1
    return (
        f"{ROLE_NAMES[order.role]}'s standing with the public there is {100 * favour[target]:.0f}/100 "
        f"(its #{rank} in the region)"
    )


def explain_orders(
    world: World,
    state: State,
    orders: OrderArrays,
    run: int = 0,
    levels: np.ndarray | dict[str, str] | None = None,
    gain: np.ndarray | None = None,
    plans: int | None = None,
) -> list[str]:
    """One reason per order of ``run`` (as listed by ``orders.orders_of_run``), given before the turn.

    ``levels`` says which level gave each role's orders (default: normal); ``gain``
    (R, ROLES) is the hard player's look-ahead gain over the normal plan; ``plans`` how
    many plans it compared (None: as many as it compares on this turn, see ``looks_ahead``).
    """
    if plans is None:
        plans = PLANS if looks_ahead(world, state) else 0
    grid = level_grid(levels if isinstance(levels, (np.ndarray, dict)) else None, state.runs)
    single = state.select(np.array([run]))
    projected = projected_values(world, single)
    table = candidates_of(world.actions)
    lines = []
    cache: dict[int, object] = {}
    for order in orders.orders_of_run(world, run):
        role = ROLES.index(order.role)
        level = Level(int(grid[run, role]))
        head = order_phrase(world, order)
        if level is Level.EASY:
            lines.append(f"{head}: {_easy_reason(world, state, run, order)} (easy player's rule of thumb)")
            continue
        values = cache.get(role)
        if values is None:
            values = cache[role] = role_values(world, single, projected, role, parts=True)
        candidates = table[role]
        action, target = world.actions.index(order.action), ROLES.index(order.target)
        match = np.flatnonzero((candidates.actions == action) & (candidates.targets == target))
        if match.size == 0:
            lines.append(f"{head}: chosen by the computer")
            continue
        j = int(match[0])
        parts = values.contributions(0, j)  # type: ignore[attr-defined]
        worth = float(values.value[0, j])  # type: ignore[attr-defined]
        column = int(candidates.columns[int(np.argmax(parts if worth >= 0 else -parts))])
        cause = describe_variable(column, state.values[run], order.role)
        cause += threat_on(world, state, run, column, role)
        sign = "+" if worth >= 0 else "−"
        text = f"{head}: {cause} (worth {sign}{abs(worth):.2f} to its score by the end)"
        if level is Level.HARD:
            extra = 0.0 if gain is None else float(gain[run, role])
            looked = f"; chosen over {plans - 1} other plans by look-ahead" if plans > 1 else ""
            if extra > 0:
                looked += f", +{extra:.2f} over the normal plan"
            text += looked
        lines.append(text)
    return [line[:1].upper() + line[1:] for line in lines]
