"""The calibrated dynamics: the pace of the shipped model, infrastructure gating, trends, and the docs' numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml

from benchmarks.model_pace import measure_pace
from game.engine.ai.policy import normal_orders
from game.engine.codes import CHANNELS, COUNTRIES, POWERS, ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.ledger import CauseKind, ledger_rows
from game.engine.orders import Order
from game.engine.rules import NOISY_COLUMNS, settle
from game.engine.world import World
from game.play.scenario import ScenarioSetup
from game.scenario.compile import compile_world
from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RIGID = [CHANNELS.index(name) for name in ("energy", "transport", "security")]
OWN_MOTION = (CauseKind.DRIFT, CauseKind.NOISE, CauseKind.CLAMP)


@pytest.fixture(scope="module")
def sandbox() -> World:
    """The shipped sandbox, compiled."""
    return ScenarioSetup.open("sandbox").world


def share(block_values: np.ndarray, country: str, power: str, channel: str) -> float:
    """One share of run 0."""
    return float(block_values[0, BLOCKS["dependence"].column(country=country, power=power, channel=channel)])


def test_eight_quarters_of_sandbox_move_few_shares_far(sandbox: World) -> None:
    """The issue's pace target: with the normal computer on every role, at most 5 of the 90 shares move by more
    than 10 points in 8 quarters (the median over seeds; 25 before the calibration)."""
    pace = measure_pace(sandbox, seed=11, runs=60, turns=8)
    assert np.median(pace.far_counts()) <= 5
    assert np.median(pace.far_counts(0.05)) >= 1  # the game still moves: orders shift some shares


def test_rigid_channels_move_far_only_through_projects_or_events(sandbox: World) -> None:
    """No energy, transport or security share moves more than 5 points in 8 quarters by the model's own
    motion (drift, noise, clamp): whatever moved it further was an order, a project or an event."""
    game = Game.new(replace(sandbox, turns=8), seed=5, runs=20, policy=normal_orders)
    own = np.zeros((20, BLOCKS["dependence"].size))
    while not game.is_over():
        record = game.play()
        for entry in record.entries:
            if entry.kind in OWN_MOTION:
                own[entry.runs] += entry.delta[:, BLOCKS["dependence"].start : BLOCKS["dependence"].stop]
    rigid_own = own.reshape(20, len(COUNTRIES), len(POWERS), len(CHANNELS))[..., RIGID]
    assert np.abs(rigid_own).max() <= 0.05


def test_no_pipeline_no_energy_push(sandbox: World) -> None:
    """Turkmenistan has no gas pipeline to the West: the West's energy deal moves nothing in energy there
    (the ledger's project rows for that share are zero while the deal's prosperity effect runs), while
    Russia's deal, along the Central Asia–Centre pipeline, moves Russia's share."""
    routes = sandbox.dynamics.routes
    energy = CHANNELS.index("energy")
    assert not routes[COUNTRIES.index("TM"), POWERS.index("WEST"), energy]
    assert routes[COUNTRIES.index("TM"), POWERS.index("RU"), energy]
    quiet = replace(sandbox, rules=replace(sandbox.rules, noise=0.0))
    moved = {}
    for power in ("WEST", "RU"):
        game = Game.new(quiet, seed=1)
        game.play([[Order(power, "energy_deal", "TM")]], human_roles=ROLES)
        project_rows = []
        for _ in range(3):
            record = game.play([[]], human_roles=ROLES)
            project_rows += [row for row in ledger_rows(list(record.entries)) if row.kind is CauseKind.PROJECT]
        column = BLOCKS["dependence"].column(country="TM", power=power, channel="energy")
        moved[power] = sum(row.amount for row in project_rows if row.column == column)
        prosperity = BLOCKS["prosperity"].column(country="TM")
        assert sum(row.amount for row in project_rows if row.column == prosperity) > 0.0  # the project runs
    assert moved["WEST"] == 0.0
    assert moved["RU"] > 0.005


def test_a_corridor_project_builds_its_route(sandbox: World) -> None:
    """Kyrgyzstan has no Western transport route, but a corridor project builds one: its pushes are not gated,
    only weakened by the channel's inertia."""
    transport = CHANNELS.index("transport")
    assert not sandbox.dynamics.routes[COUNTRIES.index("KG"), POWERS.index("WEST"), transport]
    actions = sandbox.actions
    corridor = actions.index("corridor_project")
    column = BLOCKS["dependence"].column(country="KG", power="WEST", channel="transport")
    per_turn = actions.per_turn[corridor, ROLES.index("WEST"), ROLES.index("KG"), column]
    assert per_turn == pytest.approx(0.05 * sandbox.dynamics.inertia[transport])


def test_a_game_without_orders_follows_the_trends(sandbox: World) -> None:
    """With no orders, no noise and no random events, China's share of Kazakh trade climbs toward its trending
    target, turn by turn as the drift rule says; a share with no trend stays where it started."""
    world = ScenarioSetup.open("sandbox", {"noise": 0.0, "shock_scale": 0.0}).world
    game = Game.new(replace(world, turns=8), seed=1)
    column = BLOCKS["dependence"].column(country="KZ", power="CN", channel="trade")
    rate = world.dynamics.drift_rate[CHANNELS.index("trade")] * world.rules.drift_rate
    expected = float(world.initial[column])
    for turn in range(8):
        game.play([[]], human_roles=ROLES)
        expected += rate * (world.target(turn)[column] - expected)
    values = game.state.values
    assert world.dynamics.trend[column] > 0.0
    assert share(values, "KZ", "CN", "trade") == pytest.approx(expected, abs=1e-12)
    assert share(values, "KZ", "CN", "trade") > float(world.initial[column]) + 0.005
    still = BLOCKS["dependence"].column(country="TM", power="CN", channel="energy")
    assert share(values, "TM", "CN", "energy") == pytest.approx(float(world.initial[still]), abs=1e-12)


def test_the_docs_give_the_baselines_dynamics() -> None:
    """docs/rules.md's table of channel dynamics is the shipped baselines' data, number for number."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = {
        match[0]: tuple(float(number) for number in match[1:])
        for match in re.findall(r"^\| (\w+) \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \|", text, flags=re.MULTILINE)
    }
    for name in ("baseline_2022.yaml", "baseline_2023.yaml"):
        data = yaml.safe_load((ROOT / "scenarios" / "baseline" / name).read_text(encoding="utf-8"))
        dynamics = {
            channel: (values["inertia"], values["drift_rate"], values["noise"])
            for channel, values in data["dynamics"].items()
        }
        assert table == dynamics


def test_noise_has_no_direction_even_for_a_dominant_share(sandbox: World) -> None:
    """A quarter of noise alone (no drift) on 20,000 copies of the start: Kazakhstan's oil through Russia (0.87)
    moves by zero on average (within 4 standard errors), each share's own shock lands whole, and every channel's
    shares still sum to at most 1. Through the push rule the mean would be about −0.002 a quarter."""
    world = replace(sandbox, rules=replace(sandbox.rules, drift_rate=0.0, relation_drift_rate=0.0))
    runs = 20_000
    values = np.tile(world.initial, (runs, 1))
    draws = np.random.default_rng(7).standard_normal((runs, NOISY_COLUMNS.size))
    changes = settle(values, np.zeros((runs, BLOCKS["dependence"].size)), world, 0, draws, record=True)
    noise = changes[1]
    column = BLOCKS["dependence"].column(country="KZ", power="RU", channel="energy")
    moved = noise[:, column]
    assert world.initial[column] > 0.85
    assert abs(moved.mean()) < 4 * moved.std() / np.sqrt(runs)
    sigma = world.dynamics.noise[CHANNELS.index("energy")]
    own = draws[:, column - BLOCKS["dependence"].start] * sigma
    others = noise[:, column] - own  # what the other powers' shocks took or gave
    assert abs(others.mean()) < 4 * others.std() / np.sqrt(runs)
    sums = values[:, BLOCKS["dependence"].start : BLOCKS["dependence"].stop].reshape(
        runs, len(COUNTRIES), len(POWERS), len(CHANNELS)
    ).sum(axis=2)
    assert sums.max() <= 1.0 + 1e-12


def test_a_built_pipeline_stays_and_a_contract_fades(sandbox: World) -> None:
    """With no noise and no random shocks: the West's pipeline project moves Turkmen gas toward the West where
    no pipeline existed, and once built the share stays (drift pulls toward a target the project moved); Russia's
    energy deal, along a pipeline in place, moves Russia's share, which drifts back once the deal's pushes end."""
    world = ScenarioSetup.open("sandbox", {"noise": 0.0, "shock_scale": 0.0}).world
    west = BLOCKS["dependence"].column(country="TM", power="WEST", channel="energy")
    russia = BLOCKS["dependence"].column(country="TM", power="RU", channel="energy")
    trace: dict[str, list[float]] = {}
    for power, action, column in (("WEST", "pipeline_project", west), ("RU", "energy_deal", russia)):
        game = Game.new(world, seed=1)
        game.play([[Order(power, action, "TM")]], human_roles=ROLES)
        trace[action] = [float(game.state.values[0, column])]
        while not game.is_over():
            game.play([[]], human_roles=ROLES)
            trace[action].append(float(game.state.values[0, column]))
    pipeline, deal = trace["pipeline_project"], trace["energy_deal"]
    # The pipeline pushes in turns 6..13 (lag 6, duration 8): built by the end of turn 13, state index 13.
    assert pipeline[13] > float(world.initial[west]) + 0.03
    assert abs(pipeline[19] - pipeline[13]) < 1e-3  # six quarters later it is still there
    # The deal pushes in turns 2..7: six quarters later drift has taken back a sixth of its gain or more.
    gain = deal[7] - float(world.initial[russia])
    assert gain > 0.005
    assert deal[13] < deal[7] - gain / 6


def test_a_lasting_event_moves_the_target(sandbox: World) -> None:
    """Tokayev's order of bypass routes (sanctions, 2022Q3) is marked lasting: the share it moved toward the
    Caspian route stays where the same event unmarked drifts back; the run's anchor holds what the lasting
    pushes moved (about 3 points), and nothing when the event is unmarked."""
    world = ScenarioSetup.open("sanctions", {"noise": 0.0}).world
    event = world.events.ids.index("tokayev_orders_bypass_routes")
    assert world.events.lasting[event].any()
    fading = replace(world, events=replace(world.events, lasting=np.zeros_like(world.events.lasting)))
    column = BLOCKS["dependence"].column(country="KZ", power="WEST", channel="energy")
    final = {}
    for name, variant in (("lasting", world), ("fading", fading)):
        game = Game.new(variant, seed=3)
        while not game.is_over():
            game.play([[]], human_roles=ROLES)
        final[name] = float(game.state.values[0, column])
        anchor = game.state.anchor[0, column - BLOCKS["dependence"].start]
        if name == "lasting":
            assert anchor > 0.02  # about what eight quarters of its pushes gave
        else:
            assert anchor == 0.0
    assert final["lasting"] > final["fading"] + 0.003


TRANS_CASPIAN = (
    "\ninfrastructure:\n"
    "  - {country: TM, power: WEST, channel: energy, what: Trans-Caspian gas pipeline (what if it were built),"
    " basis: a counterfactual link for this scenario}\n"
)


def test_a_scenario_can_declare_infrastructure_the_baseline_lacks(tmp_path: Path) -> None:
    """A what-if scenario that declares the Trans-Caspian pipeline built lets the West's energy deal move Turkmen
    gas, which the shipped sandbox gates to nothing."""
    copy = tmp_path / "trans_caspian.yaml"
    copy.write_text((ROOT / "scenarios" / "sandbox.yaml").read_text(encoding="utf-8") + TRANS_CASPIAN, encoding="utf-8")
    what_if = compile_world(load_scenario(copy))
    shipped = ScenarioSetup.open("sandbox").world
    column = BLOCKS["dependence"].column(country="TM", power="WEST", channel="energy")
    deal = shipped.actions.index("energy_deal")
    west, turkmenistan = ROLES.index("WEST"), ROLES.index("TM")
    assert shipped.actions.per_turn[deal, west, turkmenistan, column] == 0.0
    assert what_if.actions.per_turn[deal, west, turkmenistan, column] > 0.0
    assert what_if.dynamics.routes[COUNTRIES.index("TM"), POWERS.index("WEST"), CHANNELS.index("energy")]


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("{country: TM, power: WEST, channel: trade, what: x, basis: y}", "is not a rigid channel"),
        ("{country: TM, power: CN, channel: energy, what: x, basis: y}", "is already in place"),
    ],
    ids=["not-rigid", "already-there"],
)
def test_a_bad_scenario_link_is_refused_at_its_line(tmp_path: Path, link: str, problem: str) -> None:
    text = (ROOT / "scenarios" / "sandbox.yaml").read_text(encoding="utf-8")
    copy = tmp_path / "bad_link.yaml"
    copy.write_text(text + f"\ninfrastructure:\n  - {link}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(copy)
    line = text.count("\n") + 3  # the link's own line
    assert any(
        item.line == line and problem in item.message and "infrastructure" in str(item.field)
        for item in caught.value.problems
    ), [str(item) for item in caught.value.problems]
