"""The shipped scenario library: valid, playable for 200 seeds, faithful to its sources.

* every scenario loads, compiles and runs to its end for 200 worlds with the state's
  invariants holding (batch path, no ledger);
* every scripted event without conditions fires in its quarter, in every world;
* the starting state reproduces the baseline figures it claims (``from:`` entries) and the
  headline table published in docs/baseline.md;
* events cite their sources: a quote that really occurs in the source document, or a url;
* a golden summary per scenario for seed 1, through the command line.

Regenerate the golden files deliberately with MULTIVECTOR_REGENERATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from game.engine.ai.policy import normal_orders
from game.engine.codes import COUNTRIES, POWERS, ROLES
from game.engine.game import Game
from game.engine.layout import BLOCKS
from game.engine.scores import headline
from game.engine.world import World
from game.scenario.compile import compile_world
from game.scenario.library import shipped_scenarios
from game.scenario.load import LoadedScenario, baseline_value, load_scenario
from game.scenario.models import CrisisEvent, FromFigure, ScriptedEvent
from tests.conftest import REPO, check_golden

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("MULTIVECTOR_REGENERATE_GOLDEN") == "1"
SOURCES = REPO.parent / "shared" / "sources"
DOCUMENTS = {  # the publication's link → its text kept beside the project
    "https://responsiblestatecraft.org/2022/11/28/europe-woos-central-asia-as-russias-appeal-wanes/": (
        "europe-woos-central-asia"
    ),
    "https://thediplomat.com/2023/12/the-west-is-eying-closer-relations-with-central-asia/": "west-eying-central-asia",
}
SCENARIOS = [path.stem for path in shipped_scenarios()]
EXPECTED = {"tutorial", "europe_woos", "middle_corridor", "sanctions", "gas_union", "sandbox"}
RUNS = 200


@cache
def loaded(scenario: str) -> LoadedScenario:
    return load_scenario(next(p for p in shipped_scenarios() if p.stem == scenario))


@cache
def world(scenario: str) -> World:
    return compile_world(loaded(scenario))


@cache
def played(scenario: str) -> Game:
    game = Game.new(world(scenario), seed=2024, runs=RUNS, keep_ledger=False, policy=normal_orders)
    game.play_to_end()
    return game


def test_the_library_has_the_expected_scenarios() -> None:
    assert set(SCENARIOS) >= EXPECTED


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_runs_200_worlds_with_invariants(scenario: str) -> None:
    game = played(scenario)
    assert game.is_over() and len(game.states) == world(scenario).turns + 1
    for state in game.states:
        values = state.values
        assert values.shape[0] == RUNS
        assert np.all(np.isfinite(values))
        for name in ("dependence", "favour", "tension", "stability", "prosperity"):
            block = state.block(name)
            assert block.min() >= 0.0 and block.max() <= 1.0, name
        assert state.block("dependence").sum(axis=2).max() <= 1.0 + 1e-12
        assert state.block("points").min() >= -1e-9
        assert state.block("capacity").min() >= 0.0
    for record in game.records:
        assert np.all(np.isfinite(record.scores))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_unconditional_scripted_events_fire_in_their_quarter(scenario: str) -> None:
    game = played(scenario)
    table = world(scenario).events
    checked = 0
    for index, event in enumerate(loaded(scenario).scenario.events):
        assert table.ids[index] == event.id
        if not isinstance(event, ScriptedEvent) or event.when:
            continue
        turn = int(table.at_turn[index])
        record = game.records[turn]
        assert record.quarter == world(scenario).start_quarter + turn
        assert record.fired[:, index].all(), f"{event.id} did not fire in {event.at}"
        others = [r.fired[:, index].any() for t, r in enumerate(game.records) if t != turn]
        assert not any(others), f"{event.id} fired outside {event.at}"
        checked += 1
    scripted = [e for e in loaded(scenario).scenario.events if isinstance(e, ScriptedEvent)]
    assert checked == len([e for e in scripted if not e.when])


def _from_entries(scenario: str) -> list[tuple[int, float, str]]:
    """(column, expected value, label) for every baseline entry taken from a figure."""
    baseline = loaded(scenario).baseline
    entries: list[tuple[int, float, str]] = []

    def add(column: int, entry: object, label: str) -> None:
        if isinstance(entry, FromFigure):
            entries.append((column, baseline_value(baseline, entry), f"{label} <- {entry.from_}"))

    for code, country in baseline.countries.items():
        for channel, shares in country.dependence.items():
            for power, entry in shares.items():
                column = BLOCKS["dependence"].column(country=code, power=power, channel=channel)
                add(column, entry, f"{code}.{channel}.{power}")
        for block in ("favour", "tension"):
            for power, entry in getattr(country, block).items():
                add(BLOCKS[block].column(country=code, power=power), entry, f"{code}.{block}.{power}")
        for block in ("stability", "prosperity"):
            add(BLOCKS[block].column(country=code), getattr(country, block), f"{code}.{block}")
        if country.capacity is not None:
            add(BLOCKS["capacity"].column(role=code), country.capacity, f"{code}.capacity")
    for code, power_baseline in baseline.powers.items():
        add(BLOCKS["capacity"].column(role=code), power_baseline.capacity, f"{code}.capacity")
    return entries


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_starting_state_reproduces_the_figures_it_claims(scenario: str) -> None:
    baseline = loaded(scenario).baseline
    figures = {figure.id: figure for figure in baseline.figures}
    entries = _from_entries(scenario)
    assert entries, "a baseline should take some values straight from published figures"
    for column, expected, label in entries:
        assert world(scenario).initial[column] == pytest.approx(expected, abs=1e-12), label
        figure = figures[label.split(" <- ")[1]]
        assert figure.source in {source.id for source in baseline.sources}


def _published_headlines() -> dict[str, dict[str, tuple[float, float, float]]]:
    """The headline table of docs/baseline.md: year -> country -> (D[RU], D[CN], D[WEST])."""
    text = (REPO / "docs" / "baseline.md").read_text()
    table: dict[str, dict[str, tuple[float, float, float]]] = {"2023": {}, "2022": {}}
    for match in re.finditer(
        r"^\| [A-Za-z]+ \((\w\w)\) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| [\d.]+ \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$",  # noqa: E501
        text,
        re.MULTILINE,
    ):
        code, *numbers = match.groups()
        values = [float(n) for n in numbers]
        table["2023"][code] = (values[0], values[1], values[2])
        table["2022"][code] = (values[3], values[4], values[5])
    return table


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_starting_headlines_match_the_published_table(scenario: str) -> None:
    year = str(loaded(scenario).baseline.year)
    published = _published_headlines()[year]
    assert set(published) == set(COUNTRIES)
    start = headline(world(scenario).initial[None, :], world(scenario).weight)[0]
    for c, country in enumerate(COUNTRIES):
        for p, power in enumerate(POWERS):
            assert 100.0 * start[c, p] == pytest.approx(published[country][p], abs=0.051), (country, power)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@cache
def _document(stem: str) -> str:
    return _normalise((SOURCES / f"{stem}.txt").read_text())


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_events_cite_their_sources(scenario: str) -> None:
    """Every non-random event cites a publication with a link and a short quote; a quote from one
    of the two news analyses kept beside the project really occurs in it."""
    for event in loaded(scenario).scenario.events:
        if event.tag == "random":
            continue
        source = event.source
        assert source is not None and source.quote, f"{event.id}: a {event.tag} event needs a source and a quote"
        assert source.url and source.url.startswith("http"), f"{event.id}: cite a url"
        stem = DOCUMENTS.get(source.url)
        if stem is not None and SOURCES.is_dir():
            assert _normalise(source.quote) in _document(stem), event.id
        assert len(source.quote) <= 160, f"{event.id}: keep quotes short"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_briefings_objectives_and_levers(scenario: str) -> None:
    model = loaded(scenario).scenario
    assert model.briefing is not None and model.briefing.advanced
    assert len(model.briefing.advanced) > len(model.briefing.basic)
    assert set(model.objectives) == set(ROLES)
    used = set()
    for event in model.events:
        effects = list(event.effects) + (list(event.spread.effects) if event.spread else [])
        if isinstance(event, CrisisEvent):
            effects += list(event.ongoing)
        used |= {effect.scale_by for effect in effects if effect.scale_by}
    assert {lever.id for lever in model.levers} <= used, "every lever must scale some effect"
    for event in model.events:
        if isinstance(event, CrisisEvent):
            assert event.start_when != event.end_when


def test_library_has_at_least_thirty_distinct_events() -> None:
    ids = [event.id for scenario in SCENARIOS for event in loaded(scenario).scenario.events]
    assert len(ids) == len(set(ids)), "event ids are unique across the library"
    assert len(ids) >= 30
    kinds = {event.type for scenario in SCENARIOS for event in loaded(scenario).scenario.events}
    assert kinds == {"scripted", "random", "crisis"}


def _multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_golden_summary(tmp_path: Path, scenario: str) -> None:
    result = _multivector("run", scenario, "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    check_golden(summary, GOLDEN / f"{scenario}-1.summary.json", REGENERATE)
