"""Every reader refuses bad input with one clear message: fuzzed and hand-picked inputs.

Readers: scenario (with its catalogue and baseline), save files, class-game orders
files, and command-line values. The only acceptable outcomes are "loaded" or the
reader's own error naming the file; never another exception, never a hang.
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.orders import check_orders_files
from game.cli.main import main
from game.engine.state import initial_state
from game.engine.world import World
from game.io.save import make_save, read_save, write_save
from game.scenario.errors import InputFileError, ScenarioError
from game.scenario.load import load_scenario
from tests.conftest import DATA

SCENARIO_TEXT = (DATA / "tiny.yaml").read_text()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _scenario_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scenario"
    folder.mkdir(exist_ok=True)
    shutil.copy(DATA / "tiny_baseline.yaml", folder / "tiny_baseline.yaml")
    shutil.copy(DATA.parent.parent / "scenarios" / "actions.yaml", folder / "actions.yaml")
    return folder


def _load_text(folder: Path, content: bytes) -> None:
    path = folder / "fuzzed.yaml"
    path.write_bytes(content)
    try:
        load_scenario(path)
    except ScenarioError as error:
        assert error.problems, "an error must name at least one problem"
        for problem in error.problems:
            assert problem.file.endswith(".yaml")
            assert str(problem)


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_as_scenario(tmp_path: Path, content: bytes) -> None:
    _load_text(_scenario_folder(tmp_path), content)


@FUZZ
@given(
    cut=st.integers(0, len(SCENARIO_TEXT)),
    line=st.integers(0, SCENARIO_TEXT.count("\n")),
    replacement=st.sampled_from(
        ["", "x", "- ", ": :", "{", "[1, 2", "!!python/object:os.system", ".nan", "-.inf", "1e999",
         "2023Q9", "XX", "null", "'", "&a", "*a", "\t", "999999999999999999999"]
    ),
    mode=st.sampled_from(["truncate", "replace_line", "insert_line", "replace_value"]),
)
def test_mutated_scenario_text(tmp_path: Path, cut: int, line: int, replacement: str, mode: str) -> None:
    lines = SCENARIO_TEXT.split("\n")
    if mode == "truncate":
        text = SCENARIO_TEXT[:cut]
    elif mode == "replace_line":
        lines[line % len(lines)] = replacement
        text = "\n".join(lines)
    elif mode == "insert_line":
        lines.insert(line % len(lines), replacement)
        text = "\n".join(lines)
    else:
        target = lines[line % len(lines)]
        if ":" in target:
            key = target.split(":", 1)[0]
            lines[line % len(lines)] = f"{key}: {replacement}"
        text = "\n".join(lines)
    _load_text(_scenario_folder(tmp_path), text.encode())


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty", b"", "file is empty"),
        ("only a comment", b"# nothing\n", "file is empty"),
        ("non-UTF-8", "id: caf\u00e9".encode("latin-1"), "not UTF-8"),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        ("NUL bytes", b"id: a\x00b\n", "binary (NUL) bytes"),
        ("syntax", b"id: [a\n", "YAML syntax"),
        ("alias bomb", b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", "anchors and aliases are not allowed"),
        ("deep nesting", b"a: " + b"[" * 2000 + b"]" * 2000, "bad.yaml:1: "),
        ("deep mapping", b"".join(f"{' ' * i}k{i}:\n".encode() for i in range(60)) + b" " * 60 + b"v: 1\n", "nesting"),
        ("python tag", b"id: !!python/object/apply:os.system ['true']\n", "YAML syntax"),
        ("a list, not a mapping", b"- 1\n- 2\n", "bad.yaml:1: "),
        ("NaN", SCENARIO_TEXT.replace("amount: 0.1}", "amount: .nan}").encode(), "amount"),
        ("infinity", SCENARIO_TEXT.replace("turns: 8", "turns: .inf").encode(), "turns"),
        ("out of range", SCENARIO_TEXT.replace("turns: 8", "turns: 100000").encode(), "bad.yaml:6: turns: "),
        ("unknown code", SCENARIO_TEXT.replace("country: TJ, below", "country: ZZ, below").encode(), "'ZZ'"),
        ("impossible quarter", SCENARIO_TEXT.replace("start: 2023Q1", "start: 2023Q0").encode(), "start"),
        ("duplicate id", SCENARIO_TEXT.replace("id: gas_crisis", "id: random_shock").encode(), "duplicate event id"),
        ("missing reference", SCENARIO_TEXT.replace("scale_by: shock_size", "scale_by: nothing").encode(), "no lever"),
        ("duplicate key", SCENARIO_TEXT.replace("turns: 8", "turns: 8\nturns: 9").encode(), "duplicate key"),
    ],
)
def test_hand_picked_bad_scenarios(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    folder = _scenario_folder(tmp_path)
    path = folder / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert expected in "\n".join(str(p) for p in caught.value.problems), name


def test_very_large_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 300_000)
    with pytest.raises(ScenarioError, match="larger than the limit"):
        load_scenario(path)


@pytest.fixture(scope="module")
def good_save_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    from game.engine.ai.policy import normal_orders
    from game.engine.game import Game
    from game.scenario.compile import compile_world

    world = compile_world(load_scenario(DATA / "tiny.yaml"))
    game = Game.new(world, seed=3, policy=normal_orders)
    for _ in range(3):
        game.play()
    path = tmp_path_factory.mktemp("save") / "save.json"
    write_save(path, make_save(game, "tiny", "tiny.yaml", "0" * 64, {}, []))
    return path.read_text()


@FUZZ
@given(data=st.data())
def test_mutated_saves_are_refused_cleanly(tmp_path: Path, good_save_text: str, data: st.DataObject) -> None:
    mode = data.draw(st.sampled_from(["truncate", "flip", "json_value", "bytes"]))
    text = good_save_text
    if mode == "truncate":
        content = text[: data.draw(st.integers(0, len(text) - 1))].encode()
    elif mode == "flip":
        position = data.draw(st.integers(0, len(text) - 1))
        replacement = data.draw(st.sampled_from(["\x00", "}", "9", '"', "\u00ff"]))
        content = (text[:position] + replacement + text[position + 1 :]).encode()
    elif mode == "json_value":
        document = json.loads(text)
        key = data.draw(st.sampled_from(["seed", "turns", "run", "history", "scenario", "settings", "version"]))
        document[key] = data.draw(st.sampled_from([None, -1, "x", [], {}, 1e308, True]))
        content = json.dumps(document).encode()
    else:
        content = data.draw(st.binary(max_size=300))
    path = tmp_path / "save.json"
    path.write_bytes(content)
    try:
        read_save(path)
    except InputFileError as error:
        assert error.problems and all(str(p).startswith(str(path)) for p in error.problems)


ORDERS_TEXT = "team: KZ\nturn: 2023Q1\norders:\n  - {action: summit, target: RU}\n  - action: loan\n    target: KG\n"
# An orders file with YAML's own characters slipped in here and there: the reader's part-by-part recovery at work.
SLIPPED = st.lists(
    st.tuples(st.integers(0, len(ORDERS_TEXT)), st.text(alphabet="{}[],:-#'\" \t\nab&*!|>", max_size=3)), max_size=4
).map(lambda slips: _slipped(ORDERS_TEXT, slips).encode())


def _slipped(text: str, slips: list[tuple[int, str]]) -> str:
    for position, inserted in sorted(slips, reverse=True):
        text = text[:position] + inserted + text[position:]
    return text


@FUZZ
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode) | SLIPPED)
def test_random_orders_files(tmp_path: Path, tiny_world: World, content: bytes) -> None:
    """Whatever an orders file holds, ``class turn``'s checker accepts it or names problems in it; it never fails."""
    path = tmp_path / "orders.yaml"
    path.write_bytes(content)
    accepted, problems = check_orders_files([path], tiny_world, initial_state(tiny_world, 1), ["KZ"], "2023Q1")
    assert bool(accepted) != bool(problems)
    assert all(str(problem).startswith(str(path)) for problem in problems)


ARGUMENT = st.sampled_from(
    ["run", "batch", "validate", "compare", "class", "report", "--seed", "-1", "x", "1e9", "--set", "a=b",
     "noise=.nan", "noise=inf", "--runs", "0", "--turns", "99999999", "/dev/null/x", "sandbox",
     "tiny.yaml", "--help-not", "--vs", "\x00", "--first-run", "-5"]
)


@settings(max_examples=80, deadline=None)
@given(arguments=st.lists(ARGUMENT, max_size=6))
def test_random_command_lines_never_raise(arguments: list[str]) -> None:
    """Any command line ends with exit code 0, 1 or 2 (argparse usage errors are 2), never a traceback.

    ``--out`` is never drawn, so no command writes files or plays a whole game here;
    tests/hardening/test_review_findings.py covers bad output folders.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = main(arguments)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    assert code in (0, 1, 2)
    assert "Traceback" not in stderr.getvalue()
