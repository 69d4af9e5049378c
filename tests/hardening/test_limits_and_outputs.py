"""Sizes, quarters and output folders are checked at the edge, before any work.

Under a 2 GB address space every size flag at its maximum is refused with one message and
exit 2 (it used to fill memory and end in a numpy MemoryError traceback); quarters outside
1000Q1–9999Q4 are refused by name; an output folder holds one run's files or none, even
when the writer is killed while replacing it.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli.main import main
from game.io.atomic import OUTPUT_MARKER
from game.shipped import SCENARIOS_DIR

pytestmark = pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs POSIX resource limits")

ADDRESS_SPACE = 2_000_000 * 1024  # `ulimit -v 2000000`

SIZE_FLAGS_AT_MAXIMUM = {
    "run --turns": ["run", "sandbox", "--seed", "1", "--turns", "100000", "--out", "{out}"],
    "run --turns (inside 9999Q4)": ["run", "sandbox", "--seed", "1", "--turns", "31908", "--out", "{out}"],
    "batch --runs": ["batch", "sandbox", "--seed", "1", "--runs", "1000000", "--out", "{out}"],
    "batch --turns": ["batch", "sandbox", "--seed", "1", "--runs", "1000000", "--turns", "31908", "--out", "{out}"],
    "batch --first-run": ["batch", "sandbox", "--seed", "1", "--runs", "10", "--first-run", str(2**64),
                          "--out", "{out}"],
    "compare --runs": ["compare", "sandbox", "--set", "shock_scale=0", "--vs", "--set", "shock_scale=2",
                       "--runs", "1000000", "--seed", "1", "--out", "{out}"],
    "compare --runs beyond": ["compare", "sandbox", "--set", "shock_scale=0", "--vs", "--set", "shock_scale=2",
                              "--runs", "1000000000", "--seed", "1", "--out", "{out}"],
    "tournament --runs": ["tournament", "sandbox", "--runs", "100000"],
    "hindcast --runs": ["hindcast", "--runs", "100000"],
    "class new --turns": ["class", "new", "sandbox", "--teams", "KZ", "--turns", "100000", "--out", "{out}"],
    "class new --turns (inside 9999Q4)": ["class", "new", "sandbox", "--teams", "KZ", "--turns", "31908",
                                          "--out", "{out}"],
}


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _cli(arguments: list[str], **options: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        **options,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize("name", sorted(SIZE_FLAGS_AT_MAXIMUM))
def test_every_size_flag_at_its_maximum_is_refused_under_a_2gb_limit(name: str, tmp_path: Path) -> None:
    arguments = [part.replace("{out}", str(tmp_path / "out")) for part in SIZE_FLAGS_AT_MAXIMUM[name]]
    process = _cli(arguments, preexec_fn=_limit_address_space)
    stdout, stderr = process.communicate()
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr + stdout
    assert "Error:" not in stderr  # no exception class names
    problem_lines = [line for line in stderr.splitlines() if "error:" in line]
    assert len(problem_lines) == 1, stderr
    assert not (tmp_path / "out").exists()


def _limit_address_space_to_1gb() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1_000_000 * 1024, 1_000_000 * 1024))


def test_report_runs_beyond_the_memory_left_are_refused(tmp_path: Path) -> None:
    # 100,000 runs need about 0.8 GB: they fit under 2 GB (and run), not under 1 GB with the program loaded.
    played = tmp_path / "played"
    assert main(["run", "sandbox", "--seed", "1", "--turns", "2", "--out", str(played)]) == 0
    report = tmp_path / "report.html"
    process = _cli(
        ["report", str(played), "--runs", "100000", "--out", str(report)], preexec_fn=_limit_address_space_to_1gb
    )
    _, stderr = process.communicate()
    assert process.returncode == 2, stderr
    assert len(stderr.splitlines()) == 1 and "lower --runs" in stderr
    assert not report.exists()


def test_a_class_turn_that_would_not_fit_in_memory_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    game = tmp_path / "game"  # 4,000 quarters: about 1.9 GB of history when played to the end
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "4000", "--out", str(game)]) == 0
    before = (game / "game.json").read_bytes()
    process = _cli(["class", "turn", str(game), "--no-files"], preexec_fn=_limit_address_space)
    stdout, stderr = process.communicate()
    assert process.returncode == 2, stderr
    assert stderr.startswith("error: this would need about") and len(stderr.splitlines()) == 1
    assert "Traceback" not in stdout + stderr
    assert (game / "game.json").read_bytes() == before
    assert not (game / "turns").exists()


def test_a_memory_refusal_says_how_much_and_what_to_lower(tmp_path: Path) -> None:
    process = _cli(["batch", "sandbox", "--seed", "1", "--runs", "1000000", "--out", str(tmp_path / "out")],
                   preexec_fn=_limit_address_space)
    _, stderr = process.communicate()
    assert process.returncode == 2
    assert "GB of memory" in stderr and "lower --runs" in stderr


def test_workers_beyond_the_cpus_are_lowered_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["batch", "sandbox", "--runs", "4", "--seed", "1", "--turns", "1", "--workers", "64",
                 "--out", str(out)]) == 0
    assert f"--workers 64 lowered to {len(os.sched_getaffinity(0))}" in capsys.readouterr().err


def _scenario(tmp_path: Path, start: str, turns: int = 4) -> Path:
    text = (SCENARIOS_DIR / "sandbox.yaml").read_text(encoding="utf-8")
    text = text.replace("start: 2023Q1", f"start: {start}").replace("turns: 20", f"turns: {turns}")
    shutil.copytree(SCENARIOS_DIR / "baseline", tmp_path / "baseline")
    shutil.copy(SCENARIOS_DIR / "actions.yaml", tmp_path / "actions.yaml")
    path = tmp_path / "edge.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("start", ["0999Q4", "0000Q1"])
def test_a_start_before_1000q1_is_refused_with_its_line(
    start: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _scenario(tmp_path, start)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index(f"start: {start}") + 1
    assert f"edge.yaml:{line}: start:" in err and "1000Q1 to 9999Q4" in err


def test_a_scenario_ending_after_9999q4_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _scenario(tmp_path, "9999Q3", turns=3)
    assert main(["validate", str(path)]) == 2
    assert "would end after 9999Q4" in capsys.readouterr().err


def test_turns_passing_9999q4_are_refused_before_playing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _scenario(tmp_path, "9999Q1", turns=2)
    out = tmp_path / "out"
    assert main(["run", str(path), "--seed", "1", "--turns", "5", "--out", str(out)]) == 2
    assert "at most 4 turns" in capsys.readouterr().err
    assert not out.exists()
    assert main(["class", "new", str(path), "--teams", "KZ", "--turns", "5", "--out", str(out)]) == 2
    assert not out.exists()


def test_the_last_quarter_plays_and_its_template_names_it(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "9999Q3", turns=2)
    game = tmp_path / "game"
    assert main(["class", "new", str(path), "--teams", "KZ", "--out", str(game)]) == 0
    assert main(["class", "turn", str(game), "--no-files"]) == 0
    assert main(["class", "template", str(game), "--team", "KZ", "--out", str(tmp_path / "kz.yaml")]) == 0
    assert "turn: 9999Q4" in (tmp_path / "kz.yaml").read_text(encoding="utf-8")


def test_a_folder_of_other_files_is_refused_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.txt").write_text("keep me", encoding="utf-8")
    assert main(["run", "sandbox", "--seed", "1", "--turns", "1", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]
    assert main(["run", "sandbox", "--seed", "1", "--turns", "1", "--out", str(out), "--force"]) == 0
    assert not (out / "thesis.txt").exists() and (out / OUTPUT_MARKER).read_text().strip() == "run"
    assert main(["batch", "sandbox", "--runs", "3", "--seed", "1", "--turns", "1", "--out", str(out)]) == 2
    assert main(["run", "sandbox", "--seed", "2", "--turns", "1", "--out", str(out)]) == 0  # its own output


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


KILLS = 10  # kill moments 0.4 s apart over 0.5–4.1 s: start-up, play and writing each met several times


def test_killing_a_run_into_an_existing_folder_never_leaves_a_mix(tmp_path: Path) -> None:
    """A run killed at a random moment while replacing a folder leaves the old run or the new one, whole."""
    references = {}
    for seed in (1, 2):
        folder = tmp_path / f"reference{seed}"
        assert main(["run", "sandbox", "--seed", str(seed), "--turns", "2", "--out", str(folder)]) == 0
        references[seed] = _fingerprint(folder)
    out = tmp_path / "out"
    shutil.copytree(tmp_path / "reference1", out)
    # Kill moments spread over start-up, play and writing (a run of 2 turns takes 2-8 s here).
    delays = [0.5 + 4.0 * ((kill * 7) % KILLS) / KILLS for kill in range(KILLS)]
    mixed = 0
    for kill, delay in enumerate(delays):
        process = _cli(["run", "sandbox", "--seed", str(2 - kill % 2), "--turns", "2", "--out", str(out)])
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        if out.exists():
            found = _fingerprint(out)
            mixed += found not in references.values()
        else:
            shutil.copytree(tmp_path / "reference1", out)  # killed between its two renames: absent, not mixed
    assert mixed == 0


def test_a_full_disk_names_the_file_being_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import game.io.atomic

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    monkeypatch.setattr(game.io.atomic.os, "fsync", full)
    assert main(["run", "sandbox", "--seed", "1", "--turns", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write or read {out / 'history.csv'}: {os.strerror(errno.ENOSPC)}" in " ".join(err.split())
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_force_never_replaces_a_class_game_or_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    game = tmp_path / "class"
    assert main(["class", "new", "sandbox", "--teams", "KZ", "--turns", "2", "--out", str(game)]) == 0
    before = {path: path.read_bytes() for path in game.rglob("*") if path.is_file()}
    capsys.readouterr()
    assert main(["batch", "sandbox", "--runs", "3", "--seed", "1", "--turns", "1", "--out", str(game), "--force"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(game) in err and "--force" not in err
    assert {path: path.read_bytes() for path in game.rglob("*") if path.is_file()} == before
    work = tmp_path / "work"
    (work / "inside").mkdir(parents=True)
    (work / "notes.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.chdir(work / "inside")
    for out in (".", ".."):
        assert main(["run", "sandbox", "--seed", "1", "--turns", "1", "--out", out, "--force"]) == 2
    assert (work / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in capsys.readouterr().err
