"""The ``actions`` command: the action catalogue of a scenario as a table or a handout."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from game.cli.common import (
    EXIT_OK,
    CommandError,
    action_titles,
    add_command,
    console,
    load_world,
    scenario_title,
    wrote,
)
from game.engine.codes import CHANNELS, COUNTRIES, ROLE_NAMES, ROLES
from game.engine.world import World
from game.i18n import N_, _, format_number, format_signed, place_name
from game.i18n.phrases import channel_name
from game.io.atomic import write_text_atomic
from game.play.routes import targets_without_route
from game.play.texts import block_word
from game.scenario.models import ActionDef, DependenceEffect, RelationEffect

DESCRIPTION = N_(  # the help text of the command, translated where it is shown
    """``multivector actions [SCENARIO] [--role R]``: the actions each role can take, as a handout.

Lists every action open in the scenario with its cost, lag, duration, whom it may
target, and what it pushes (per turn for effects that last). ``--role`` narrows the
list to one role; ``--markdown FILE`` writes the same table as a printable handout."""
)
EXAMPLE = ("multivector actions sanctions --role KZ --markdown kz-actions.md",)


def footnote(world: World) -> str:
    """How to read the pushes: the channels' inertia, the push rule, and what "no route yet" means."""
    inertia = ", ".join(
        f"{channel_name(channel)} ×{_short(float(world.dynamics.inertia[k]))}" for k, channel in enumerate(CHANNELS)
    )
    return _(
        "Pushes are in points on the 0–100 scale, before each channel's inertia ({inertia}), then follow "
        "the push rule: a push of +5 × 0.6 on a trade share of 30 raises it by 3 × 0.70 = 2.1 points. "
        "Costs are in action points (each role earns some every quarter). \"No route yet\": the pairs for "
        "which a push along energy, transport or security moves nothing until a route is built (a pipeline or "
        "corridor project). The last column is the code to write in an orders file. See docs/rules.md."
    ).format(inertia=inertia)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = add_command(
        commands, "actions", _("list the actions each role can take (a handout)"), _(DESCRIPTION), EXAMPLE
    )
    parser.add_argument("scenario", nargs="?", default="sandbox", help=_("scenario file or id (default sandbox)"))
    parser.add_argument("--role", choices=ROLES, help=_("only this role's actions"))
    parser.add_argument("--markdown", type=Path, metavar="FILE", help=_("also write the table as Markdown"))
    parser.set_defaults(handler=run, needs_engine=False)


def _named(code: str) -> str:
    """A role code as its name in the current language (``RU`` → ``Russia``); other words unchanged."""
    return place_name(code) if code in ROLE_NAMES else code


def _short(value: float, signed: bool = False) -> str:
    """``value`` with at most three significant digits (``4.5``, ``+12``, ``-0.25``), the language's way."""
    decimals = len(f"{value:.3g}".partition(".")[2])
    return format_signed(value, decimals) if signed else format_number(value, decimals)


def describe_effect(effect: object, per_turn: bool) -> str:
    """A short phrase for one effect in points on the 0–100 scale, e.g. ``trade share +3/quarter``, its
    variable and channel named as the rest of the game names them in the current language."""
    amount = _short(100.0 * float(getattr(effect, "amount", 0.0)), signed=True)
    if isinstance(effect, DependenceEffect):
        power = {"pair": "", "others": _("the others")}.get(effect.power, _named(effect.power))
        channel = channel_name(effect.channel)
        what = (_("{channel} share of {power}").format(channel=channel, power=power) if power
                else _("{channel} share").format(channel=channel))
    elif isinstance(effect, RelationEffect):
        power = {"pair": "", "others": _("the others")}.get(effect.power, _named(effect.power))
        variable = block_word(effect.var)
        what = _("{variable} toward {power}").format(variable=variable, power=power) if power else variable
    else:
        pushed = getattr(effect, "var", None)
        what = block_word(str(pushed)) if pushed else _("effect")
    return (_("{what} {amount}/quarter") if per_turn else "{what} {amount}").format(what=what, amount=amount)


def rows_for(action: ActionDef, role: str | None, world: World, texts: tuple[str, str]) -> list[str] | None:
    """The table row of an action, ``texts`` its title and description as shown (None when the role cannot
    take it)."""
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
    who = _("every power") if powers_act and len(action.actors) == 3 else (
        _("every country") if len(action.actors) == 5 else ", ".join(_named(actor) for actor in action.actors)
    )
    return [
        *texts,
        who,
        ", ".join(_named(target) for target in targets),
        _short(action.cost),
        f"{action.lag} / {action.duration}",
        "; ".join(effects),
        "; ".join(no_route) or "—",
        action.id,
    ]


HEADER = [  # translated where the table is written
    N_("action"),
    N_("what it does"),
    N_("who"),
    N_("targets"),
    N_("cost (action points)"),
    N_("starts after / lasts (quarters)"),
    N_("pushes (points, 0–100)"),
    N_("no route yet"),
    N_("code for orders files"),
]


def run(arguments: argparse.Namespace) -> int:
    """Print (and optionally write) the actions table."""
    loaded = load_world(arguments.scenario, [])
    disabled = set(loaded.loaded.scenario.disabled_actions)
    texts = action_titles(loaded.loaded)
    rows = [
        row
        for action in loaded.loaded.catalogue.actions
        if action.id not in disabled
        and (row := rows_for(action, arguments.role, loaded.world, texts[action.id])) is not None
    ]
    if not rows:
        raise CommandError([_("{role} has no actions in {scenario}").format(
            role=arguments.role, scenario=loaded.world.scenario_id)])
    if arguments.role:
        title = _("Actions for {role} in {scenario}").format(
            role=f"{place_name(arguments.role)} ({arguments.role})", scenario=scenario_title(loaded.loaded))
    else:
        title = _("Actions for every role in {scenario}").format(scenario=scenario_title(loaded.loaded))
    header = [_(column) for column in HEADER]
    lines = [f"# {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    lines += ["", footnote(loaded.world)]
    if console.is_terminal:
        table = Table(title=title)
        for column in header:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:  # piped: plain Markdown, one action per line, nothing folded
        console.print("\n".join(lines), markup=False, soft_wrap=True)
    if arguments.markdown:
        write_text_atomic(arguments.markdown, "\n".join(lines) + "\n")
        console.print(wrote([arguments.markdown]), markup=False)
    return EXIT_OK
