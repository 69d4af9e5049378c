"""`multivector run`: files written, identical twice, bad flags refused; golden summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, check_golden

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("MULTIVECTOR_REGENERATE_GOLDEN") == "1"


def multivector(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *arguments], capture_output=True, text=True)


def test_run_writes_identical_files_twice(tmp_path: Path) -> None:
    outputs = []
    for name in ("first", "second"):
        result = multivector("run", str(DATA / "tiny.yaml"), "--seed", "7", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert set(outputs[0]) == {
        ".multivector-output", "history.csv", "ledger.csv", "summary.json", "save.json", "dependence.png"
    }
    assert outputs[0] == outputs[1]


def test_history_and_ledger_agree(tmp_path: Path) -> None:
    """The ledger's causes for each variable and turn add up to the change in the history."""
    import csv

    result = multivector("run", str(DATA / "tiny.yaml"), "--seed", "3", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    history: dict[tuple[str, ...], float] = {}
    with open(tmp_path / "history.csv") as handle:
        for row in csv.DictReader(handle):
            if row["variable"] in ("headline", "autonomy", "score"):
                continue
            key = (row["turn"], row["variable"], row["country"], row["power"], row["channel"], row["role"])
            history[key] = float(row["value"])
    sums: dict[tuple[str, ...], float] = {}
    with open(tmp_path / "ledger.csv") as handle:
        for row in csv.DictReader(handle):
            key = (row["turn"], row["variable"], row["country"], row["power"], row["channel"], row["role"])
            sums[key] = sums.get(key, 0.0) + float(row["amount"])
    checked = 0
    for (turn, *rest), value in history.items():
        if turn == "0":
            continue
        previous = history[(str(int(turn) - 1), *rest)]
        assert abs(value - previous - sums.get((turn, *rest), 0.0)) < 1e-9
        checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--seed", "x"], "is not a whole number"),
        (["--seed", "1", "--set", "nope=1"], "no such lever"),
        (["--seed", "1", "--set", "shock_size=9"], "must lie in [0, 3]"),
        (["--seed", "1", "--set", "shock_size"], "write it as lever=value"),
        (["--seed", "1", "--turns", "0"], "must be at least 1"),
    ],
)
def test_bad_flags_are_refused_without_traceback(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = multivector("run", str(DATA / "tiny.yaml"), "--out", str(tmp_path / "o"), *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_scenario_is_refused_with_a_hint(tmp_path: Path) -> None:
    result = multivector("run", "sandbx", "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "no scenario 'sandbx'; did you mean 'sandbox'?" in result.stderr
    assert "tutorial" in result.stderr


@pytest.mark.parametrize(("scenario", "seed"), [(str(DATA / "tiny.yaml"), 42)])
def test_golden_summary(tmp_path: Path, scenario: str, seed: int) -> None:
    """The summary of a fixed scenario and seed matches the stored golden file.

    Regenerate deliberately with MULTIVECTOR_REGENERATE_GOLDEN=1 after a rule change.
    """
    result = multivector("run", scenario, "--seed", str(seed), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    check_golden(summary, GOLDEN / f"{Path(scenario).stem}-{seed}.summary.json", REGENERATE)


def test_why_lists_causes_that_add_up(tmp_path: Path) -> None:
    """`multivector why` re-simulates a run and lists the causes of a change, with their total."""
    assert multivector("run", str(DATA / "tiny.yaml"), "--seed", "5", "--out", str(tmp_path)).returncode == 0
    result = multivector(
        "why", str(tmp_path), "--country", "KZ", "--power", "WEST", "--channel", "trade", "--quarter", "2023Q2"
    )
    assert result.returncode == 0, result.stderr
    assert "event (counterfactual): A scripted summit" in result.stdout  # the tiny scenario tags it so
    lines = [line for line in result.stdout.splitlines() if "│" in line and "cause" not in line]
    amounts = [float(line.split("│")[2]) for line in lines if "total" not in line]
    total = float(next(line for line in lines if "total" in line).split("│")[2])
    assert abs(sum(amounts) - total) < 0.01
    history = {
        row.split(",")[0]: float(row.split(",")[-1])
        for row in (tmp_path / "history.csv").read_text().splitlines()
        if ",dependence,KZ,WEST,trade," in row
    }
    assert abs(100 * (history["2"] - history["1"]) - total) < 0.001
    late = multivector("why", str(tmp_path), "--country", "KZ", "--power", "RU", "--quarter", "2031Q1")
    assert late.returncode == 2 and "the game covers 2023Q1 to 2024Q4" in late.stderr


def test_ai_levels_change_the_game_and_are_saved(tmp_path: Path) -> None:
    """`--ai ROLE=LEVEL` picks the computer's level per role; the save records it."""
    easy = multivector("run", str(DATA / "tiny.yaml"), "--seed", "4", "--ai", "all=easy", "--out", str(tmp_path / "e"))
    mixed = multivector(
        "run", str(DATA / "tiny.yaml"), "--seed", "4", "--ai", "all=easy", "--ai", "RU=hard",
        "--out", str(tmp_path / "m"),
    )
    assert easy.returncode == 0 and mixed.returncode == 0, easy.stderr + mixed.stderr
    save = json.loads((tmp_path / "m" / "save.json").read_text())
    assert save["ai_levels"]["RU"] == "hard" and save["ai_levels"]["KZ"] == "easy"
    first = json.loads((tmp_path / "e" / "summary.json").read_text())["final_hash"]
    second = json.loads((tmp_path / "m" / "summary.json").read_text())["final_hash"]
    assert first != second
    bad = multivector("run", str(DATA / "tiny.yaml"), "--seed", "4", "--ai", "XX=hard", "--out", str(tmp_path / "x"))
    assert bad.returncode == 2 and "write ROLE=LEVEL" in bad.stderr


def test_actions_handout_lists_a_roles_actions(tmp_path: Path) -> None:
    """`multivector actions` lists what a role can do, with targets and pushes, and writes a handout."""
    handout = tmp_path / "kz.md"
    result = multivector("actions", "sandbox", "--role", "KZ", "--markdown", str(handout))
    assert result.returncode == 0, result.stderr
    text = handout.read_text()
    assert "| Quietly evade sanctions | Let re-exports flow to the power;" in text  # title, then what it does
    assert "| every country | Russia | 1 |" in text  # targets by name; the cost in action points
    assert "| summit |" not in text  # a power's action, not Kazakhstan's
    assert "trade share +3/quarter" in text  # pushes in points on the 0-100 scale
    assert "energy ×0.2" in text  # the footnote gives each channel's inertia
    russia = multivector("actions", "sandbox", "--role", "RU")
    assert russia.returncode == 0 and "migrant_crackdown" in russia.stdout  # the code for orders files
    west = multivector("actions", "sandbox", "--role", "WEST", "--markdown", str(tmp_path / "west.md"))
    assert west.returncode == 0
    energy_deal = next(line for line in (tmp_path / "west.md").read_text().splitlines() if "| energy_deal |" in line)
    # no pipeline from the West to these four
    assert "| the West → Uzbekistan; the West → Kyrgyzstan; the West → Tajikistan; the West → Turkmenistan |" in (
        energy_deal
    )


def test_victory_targets_follow_the_computer_levels_in_summary_and_report(tmp_path: Path) -> None:
    """With every other role hard, a role's target is its hard par; the report says the same."""
    import numpy as np

    from game.engine.codes import ROLES
    from game.scenario.compile import compile_world
    from game.scenario.library import resolve_scenario
    from game.scenario.load import load_scenario

    flags = []
    for role in ROLES[1:]:
        flags += ["--ai", f"{role}=hard"]
    result = multivector("run", "middle_corridor", "--seed", "2", "--out", str(tmp_path), *flags)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    world = compile_world(load_scenario(resolve_scenario("middle_corridor")))
    assert ROLES[0] == "KZ"
    levels = np.array([1] + [2] * (len(ROLES) - 1))
    expected = world.victory_targets(levels)
    assert world.victory[2, 0] != world.victory[1, 0]  # the scenario gives Kazakhstan different pars
    assert expected[0] == pytest.approx(world.victory[2, 0])  # KZ's seven opponents are all hard
    for index, role in enumerate(ROLES):
        shown = summary["victory"][role]
        assert shown["target"] == pytest.approx(expected[index], abs=1e-6)
        assert shown["won"] == (summary["scores"][role] >= expected[index] - 1e-9)
    report = multivector("report", str(tmp_path), "--out", str(tmp_path / "report.html"), "--runs", "0")
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "report.html").read_text()
    won = sum(entry["won"] for entry in summary["victory"].values())
    assert html.count("<td class=up>won</td>") == won
    assert html.count("<td class=down>missed</td>") == len(ROLES) - won


def test_ledger_keeps_the_computer_reason_of_every_order(tmp_path: Path) -> None:
    import csv

    result = multivector("run", str(DATA / "tiny.yaml"), "--seed", "5", "--out", str(tmp_path), "--ai", "RU=easy")
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "ledger.csv") as handle:
        rows = list(csv.DictReader(handle))
    orders = [row for row in rows if row["cause_kind"] == "order"]
    assert orders and all(row["reason"] for row in orders)
    assert all(row["reason"] == "" for row in rows if row["cause_kind"] != "order")
    for row in orders:  # the reason is about that order, at the level that gave it
        assert row["cause"].split()[0] in {"KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST"}
        if row["cause"].startswith("RU "):
            assert row["reason"].endswith("(easy player's rule of thumb)")
        else:
            assert "to its score by the end" in row["reason"]


def test_a_shortened_run_has_no_victory_targets(tmp_path: Path) -> None:
    result = multivector("run", str(DATA / "tiny.yaml"), "--seed", "5", "--turns", "3", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert all(entry == {"target": None, "won": None} for entry in summary["victory"].values())
    assert "no victory targets" in " ".join(result.stdout.split())


def test_every_ledger_row_names_its_cause_in_words(tmp_path: Path) -> None:
    """Beside the cause's key, ledger.csv gives it as the newspaper and the debrief do: titles and names,
    never an action id or a bare role code."""
    import csv

    from game.engine.codes import ROLE_NAMES

    result = multivector("run", "sandbox", "--seed", "5", "--turns", "2", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "ledger.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["cause_text"] for row in rows)
    kinds = {row["cause_kind"]: row["cause_text"] for row in rows}
    assert kinds["noise"] == "chance (random fluctuation)"
    for row in (row for row in rows if row["cause_kind"] == "order"):
        role, _action, target = row["cause"].split()
        assert row["cause_text"].startswith(f"order by {ROLE_NAMES[role]}: ")
        assert "_" not in row["cause_text"] and row["cause_text"].endswith(f"({ROLE_NAMES[target]})")  # no ids
