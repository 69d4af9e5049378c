"""Bad scenario files are refused with one clear message per problem: file:line: field: what."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from tests.conftest import DATA

GOOD = (DATA / "tiny.yaml").read_text()


def _write(tmp_path: Path, text: str, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    (tmp_path / "tiny_baseline.yaml").write_text((DATA / "tiny_baseline.yaml").read_text())
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


CASES = [
    (
        "unknown country code",
        ("{var: favour, country: KZ, power: WEST", "{var: favour, country: XX, power: WEST"),
        "{var: favour, country: XX",
        "events[0].effects[0].country: 'XX' is not one of KZ, UZ, KG, TJ, TM, pair",
    ),
    (
        "impossible quarter",
        ("at: 2023Q2", "at: 2023Q5"),
        "at: 2023Q5",
        "events[0].at: '2023Q5' is not a quarter from 1000Q1 to 9999Q4",
    ),
    (
        "quarter outside the scenario",
        ("at: 2023Q2", "at: 2031Q2"),
        "at: 2031Q2",
        "events[0].at: 2031Q2 is outside the scenario (2023Q1 for 8 turns)",
    ),
    (
        "misspelt field",
        ("chance: 0.3", "chanse: 0.3"),
        "chanse: 0.3",
        "events[1].chanse: unknown field; did you mean 'chance'?",
    ),
    (
        "missing required field",
        ("    title: A random shock\n", ""),
        "- id: random_shock",
        "events[1].title: missing required field",
    ),
    (
        "wrong type",
        ("turns: 8", "turns: eight"),
        "turns: eight",
        "turns: ",  # the wording after the field is pydantic's
    ),
    (
        "unknown event type",
        ("type: random", "type: randm"),
        "type: randm",
        "events[1].type: 'randm' is not one of scripted, random, crisis",
    ),
    (
        "amount out of range",
        ("amount: -0.05, scale_by", "amount: -5, scale_by"),
        "amount: -5",
        "events[1].effects[0].amount: ",
    ),
    (
        "lever that does not exist",
        ("scale_by: shock_size", "scale_by: shok_size"),
        "scale_by: shok_size",
        "events[1].effects[0].scale_by: no lever 'shok_size' in the scenario; did you mean 'shock_size'?",
    ),
    (
        "duplicate event id",
        ("- id: random_shock", "- id: scripted_summit"),
        "- id: scripted_summit\n    type: random",
        "events[1].id: duplicate event id 'scripted_summit'",
    ),
    (
        "event naming the pair",
        ("{var: prosperity, country: KG,", "{var: prosperity, country: pair,"),
        "{var: prosperity, country: pair",
        "events[1].effects[0].country: events must name the country",
    ),
    (
        "NaN amount",
        ("{var: stability, country: TJ, amount: 0.02}", "{var: stability, country: TJ, amount: .nan}"),
        "amount: .nan",
        "events[2].ongoing[0].amount:",
    ),
    (
        "missing baseline file",
        ("baseline: tiny_baseline.yaml", "baseline: nowhere.yaml"),
        "baseline: nowhere.yaml",
        "baseline: no such file 'nowhere.yaml'",
    ),
    (
        "condition missing its codes",
        ("{metric: stability, country: TJ, below: 0.58}", "{metric: stability, below: 0.58}"),
        "{metric: stability, below",
        "events[2].start_when[0]: metric 'stability' needs 'country'",
    ),
]


@pytest.mark.parametrize(("name", "change", "marker", "message"), CASES, ids=[case[0] for case in CASES])
def test_malformed_scenario_is_refused_with_file_line_and_field(
    tmp_path: Path, name: str, change: tuple[str, str], marker: str, message: str
) -> None:
    old, new = change
    assert old in GOOD, name
    text = GOOD.replace(old, new, 1)
    problems = _problems(tmp_path, text)
    line = _line_of(text, marker)
    expected_prefix = f"broken.yaml:{line}: "
    assert any(p.startswith(expected_prefix) and message in p for p in problems), problems


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "broken.yaml:1: file is empty"),
        (b"\xff\xfe\x00binary", "file is not UTF-8 text"),
        (b"id: [unclosed\n", "YAML syntax"),
        (b"id: x\ntitle: y\nsource: {outlet: a, date: b\nturns: 2\nnotes: c\n",
         "broken.yaml:3: YAML syntax: a ',' or '}' was expected here (the '{' that starts on this line is not"),
        (b"id: x\ntitle: \"y\nturns: 2\n", "broken.yaml:2: YAML syntax"),
        (b"a: &x [1, 2]\nb: *x\n", "broken.yaml:1: YAML anchors and aliases are not allowed"),
        (b"id: !!python/object/apply:os.system ['echo hi']\n", "YAML syntax"),
        (b"id: one\nid: two\n", "broken.yaml:2: id: duplicate key"),
        (b"x: " + b"[" * 60 + b"]" * 60 + b"\n", "nesting"),
    ],
    ids=["empty", "binary", "syntax", "unclosed-brace", "unclosed-quote", "alias", "python-tag", "duplicate-key",
         "deep"],
)
def test_unreadable_files_get_one_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert message in text


def test_validate_command_exit_codes_and_messages(tmp_path: Path) -> None:
    """`multivector validate` exits 0 for a good file and 2 with file:line messages for a bad one."""
    broken = GOOD.replace("country: KZ, power: WEST, amount: 0.1", "country: XX, power: WEST, amount: 0.1")
    bad = _write(tmp_path, broken)
    good = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(DATA / "tiny.yaml")], capture_output=True, text=True
    )
    assert good.returncode == 0, good.stderr
    refused = subprocess.run([sys.executable, "-m", "game", "validate", str(bad)], capture_output=True, text=True)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert f"{bad}:" in refused.stderr and "'XX' is not one of KZ, UZ, KG, TJ, TM" in refused.stderr
