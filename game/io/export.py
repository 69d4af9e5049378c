"""Tidy exports of a played game: history, ledger and summary (same inputs, same bytes)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.ai.policy import victory
from game.engine.ai.reasons import explain_orders
from game.engine.codes import COUNTRIES, POWERS, ROLES, quarter_name, state_labels
from game.engine.explain import named_rows
from game.engine.game import Game
from game.engine.layout import N_VARIABLES, variable_label
from game.engine.ledger import CauseKind
from game.engine.scores import autonomy, headline, role_scores
from game.i18n.reasons import reason_lines
from game.io.atomic import write_text_atomic
from game.io.csvtext import csv_number, csv_text

HISTORY_COLUMNS = ("turn", "quarter", "variable", "country", "power", "channel", "role", "value")
LEDGER_COLUMNS = (
    "turn", "quarter", "variable", "country", "power", "channel", "role", "cause_kind", "cause", "cause_text", "amount",
    "reason",
)


def _label_cells(column: int) -> tuple[str, str, str, str, str]:
    block, codes = variable_label(column)
    return (
        block,
        codes.get("country", ""),
        codes.get("power", ""),
        codes.get("channel", ""),
        codes.get("role", ""),
    )


_LABELS = [_label_cells(column) for column in range(N_VARIABLES)]




def history_rows(game: Game, run: int = 0) -> Iterator[tuple[Any, ...]]:
    """One row per turn × variable (state variables, then headline, autonomy and scores)."""
    weight = game.world.weight
    labels = state_labels(game.world.start_quarter, len(game.states))
    for turn, state in enumerate(game.states):
        quarter = labels[turn]
        values = state.values[run : run + 1]
        for column in range(N_VARIABLES):
            yield (turn, quarter, *_LABELS[column], csv_number(float(values[0, column])))
        head = headline(values, weight)[0]
        for c, country in enumerate(COUNTRIES):
            for p, power in enumerate(POWERS):
                yield (turn, quarter, "headline", country, power, "", "", csv_number(100.0 * head[c, p]))
        for c, value in enumerate(autonomy(values, weight)[0]):
            yield (turn, quarter, "autonomy", COUNTRIES[c], "", "", "", csv_number(float(value)))
        for r, value in enumerate(role_scores(values, weight)[0]):
            yield (turn, quarter, "score", "", "", "", ROLES[r], csv_number(float(value)))


def ledger_csv_rows(game: Game, run: int = 0, levels: Mapping[str, str] | None = None) -> Iterator[tuple[Any, ...]]:
    """One row per turn × variable × cause with a nonzero change: the cause by its key (``KZ host_summit CN``)
    and in words (``order by Kazakhstan: Host a summit (China)``).

    Rows caused by an order carry the computer player's one-line reason for it, in English whatever the language
    (``explain_orders`` at the state before the turn, at each role's ``levels``).
    """
    for record in game.records:
        quarter = quarter_name(record.quarter)
        before = game.states[record.turn]
        orders = record.orders.orders_of_run(game.world, run)
        reasons = reason_lines(game.world, explain_orders(game.world, before, record.orders, run, dict(levels or {})))
        why = {
            f"{order.role} {order.action} {order.target}": reason
            for order, reason in zip(orders, reasons, strict=True)
        }
        for row, cause in named_rows(game.world, record, run):
            yield (
                record.turn + 1,
                quarter,
                *_LABELS[row.column],
                cause.kind.value,
                cause.key,
                cause.text,  # in words, as the news log, the newspaper and the debrief name it
                csv_number(row.amount),
                why.get(cause.key, "") if cause.kind is CauseKind.ORDER else "",
            )


def summary(
    game: Game,
    seed: int,
    settings: dict[str, float],
    run: int = 0,
    levels: Mapping[str, str] | None = None,
    baseline: np.ndarray | None = None,
) -> dict[str, Any]:
    """Final scores per role and whether each reached its victory target, autonomy per country,
    events that fired, and the final hash. ``levels``: the computer's level per role (default normal);
    ``baseline``: the do-nothing scores of roles judged against doing nothing (``game.play.victory``)."""
    world = game.world
    values = game.state.values[run : run + 1]
    scores = role_scores(values, world.weight)[0]
    targets, won = victory(world, scores, levels, baseline)
    head = headline(values, world.weight)[0]
    fired = []
    for record in game.records:
        for event in np.nonzero(record.fired[run])[0]:
            fired.append({"quarter": quarter_name(record.quarter), "event": world.events.ids[event]})
    return {
        "scenario": world.scenario_id,
        "title": world.title,
        "seed": seed,
        "run": int(game.streams.run_ids[run]),
        "settings": dict(sorted(settings.items())),
        "turns": game.turn,
        "first_quarter": quarter_name(world.start_quarter),
        "last_quarter": quarter_name(world.start_quarter + game.turn - 1),
        "scores": {ROLES[r]: round(float(scores[r]), 6) for r in range(len(ROLES))},
        "victory": {
            ROLES[r]: (
                {"target": round(float(targets[r]), 6), "won": bool(won[r])}
                if world.has_targets
                else {"target": None, "won": None}  # a shortened game has no targets
            )
            for r in range(len(ROLES))
        },
        "autonomy": {
            country: round(float(value), 6)
            for country, value in zip(COUNTRIES, autonomy(values, world.weight)[0], strict=True)
        },
        "dependence": {
            country: {power: round(100.0 * float(head[c, p]), 6) for p, power in enumerate(POWERS)}
            for c, country in enumerate(COUNTRIES)
        },
        "events": fired,
        "final_hash": game.state.hashes()[run],
    }


def write_run_outputs(
    game: Game,
    out: Path,
    seed: int,
    settings: dict[str, float],
    levels: Mapping[str, str] | None = None,
    baseline: np.ndarray | None = None,
) -> list[Path]:
    """Write history.csv, ledger.csv and summary.json for run 0 of a game; return the paths (``baseline``:
    see :func:`summary`)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "history.csv", out / "ledger.csv", out / "summary.json"]
    write_text_atomic(paths[0], csv_text(HISTORY_COLUMNS, history_rows(game)))
    write_text_atomic(paths[1], csv_text(LEDGER_COLUMNS, ledger_csv_rows(game, levels=levels)))
    found = summary(game, seed, settings, levels=levels, baseline=baseline)
    write_text_atomic(paths[2], json.dumps(found, indent=2) + "\n")
    return paths
