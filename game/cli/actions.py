"""``multivector actions [SCENARIO] [--role R]``: the actions each role can take, as a handout.

Lists every action open in the scenario with its cost, lag, duration, whom it may
target, and what it pushes (per turn for effects that last). ``--role`` narrows the
list to one role; ``--markdown FILE`` writes the same table as a printable handout.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from game.cli.common import EXIT_OK, CommandError, add_command, console, load_world
from game.engine.codes import CHANNELS, COUNTRIES, ROLE_NAMES, ROLES
from game.engine.world import World
from game.io.atomic import write_text_atomic
from game.play.routes import targets_without_route
from game.scenario.models import ActionDef, CountryEffect, DependenceEffect, RelationEffect

EXAMPLE = "example: multivector actions sanctions --role KZ --markdown kz-actions.md"


def footnote(world: World) -> str:
    """How to read the pushes: the channels' inertia, the push rule, and what "no route yet" means."""
    inertia = ", ".join(f"{channel} ×{world.dynamics.inertia[k]:g}" for k, channel in enumerate(CHANNELS))
    return (
        "Pushes are in points on the 0–100 scale, before each channel's inertia (" + inertia + "), then follow "
        "the push rule: a push of +5 × 0.6 on a trade share of 30 raises it by 3 × 0.70 = 2.1 points. "
        "Costs are in action points (each role earns some every quarter). \"No route yet\": the pairs for "
        "which a push along energy, transport or security moves nothing until a route is built (a pipeline or "
        "corridor project). The last column is the code to write in an orders file. See docs/rules.md."
    )


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(commands, "actions", "list the actions each role can take (a handout)", __doc__, EXAMPLE)
    parser.add_argument("scenario", nargs="?", default="sandbox", help="scenario file or id (default sandbox)")
    parser.add_argument("--role", choices=ROLES, help="only this role's actions")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table as Markdown")
    parser.set_defaults(handler=run, needs_engine=False)


def _named(code: str) -> str:
    """A role code as its name (``RU`` → ``Russia``); other words unchanged."""
    return ROLE_NAMES.get(code, code)


def describe_effect(effect: object, per_turn: bool) -> str:
    """A short phrase for one effect in points on the 0–100 scale, e.g. ``trade share +3/quarter``."""
    suffix = "/quarter" if per_turn else ""
    amount = f"{100.0 * float(getattr(effect, 'amount', 0.0)):+.3g}"
    if isinstance(effect, DependenceEffect):
        whose = {"pair": "", "others": " of the others"}.get(effect.power, f" of {_named(effect.power)}")
        return f"{effect.channel} share{whose} {amount}{suffix}"
    if isinstance(effect, RelationEffect):
        whose = {"pair": "", "others": " toward the others"}.get(effect.power, f" toward {_named(effect.power)}")
        return f"{effect.var}{whose} {amount}{suffix}"
    if isinstance(effect, CountryEffect):
        return f"{effect.var} {amount}{suffix}"
    return f"{getattr(effect, 'var', 'effect')} {amount}{suffix}"


def rows_for(action: ActionDef, role: str | None, world: World) -> list[str] | None:
    """The table row of an action (None when the role cannot take it)."""
    if role is not None and role not in action.actors:
        return None
    powers_act = action.actors[0] not in COUNTRIES
    targets = action.targets or (list(COUNTRIES) if powers_act else ["RU", "CN", "WEST"])
    index = world.actions.index(action.id)
    no_route = [
        f"{_named(actor)} → {_named(target)}" for actor in ([role] if role else action.actors)
        for target in targets_without_route(world, actor, index)
    ]
    effects = [describe_effect(e, False) for e in action.effects]
    effects += [describe_effect(e, True) for e in action.over_time]
    who = "every power" if powers_act and len(action.actors) == 3 else (
        "every country" if len(action.actors) == 5 else ", ".join(_named(actor) for actor in action.actors)
    )
    return [
        action.title,
        action.description,
        who,
        ", ".join(_named(target) for target in targets),
        f"{action.cost:g}",
        f"{action.lag} / {action.duration}",
        "; ".join(effects),
        "; ".join(no_route) or "—",
        action.id,
    ]


HEADER = [
    "action",
    "what it does",
    "who",
    "targets",
    "cost (action points)",
    "starts after / lasts (quarters)",
    "pushes (points, 0–100)",
    "no route yet",
    "code for orders files",
]


def run(arguments: argparse.Namespace) -> int:
    """Print (and optionally write) the actions table."""
    loaded = load_world(arguments.scenario, [])
    disabled = set(loaded.loaded.scenario.disabled_actions)
    rows = [
        row
        for action in loaded.loaded.catalogue.actions
        if action.id not in disabled and (row := rows_for(action, arguments.role, loaded.world)) is not None
    ]
    if not rows:
        raise CommandError([f"{arguments.role} has no actions in {loaded.world.scenario_id}"])
    who = f"{ROLE_NAMES[arguments.role]} ({arguments.role})" if arguments.role else "every role"
    title = f"Actions for {who} in {loaded.world.title}"
    lines = [f"# {title}", "", "| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    lines += ["", footnote(loaded.world)]
    if console.is_terminal:
        table = Table(title=title)
        for column in HEADER:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:  # piped: plain Markdown, one action per line, nothing folded
        console.print("\n".join(lines), markup=False, soft_wrap=True)
    if arguments.markdown:
        write_text_atomic(arguments.markdown, "\n".join(lines) + "\n")
        console.print(f"wrote {arguments.markdown}", markup=False)
    return EXIT_OK
