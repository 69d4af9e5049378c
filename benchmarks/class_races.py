"""Race two commands on one class folder, again and again, and count what was kept.

Each round starts two ``class`` commands on the same folder at the same moment: two
``class turn --no-files`` (a turn race), or a ``class turn --no-files`` and a ``class inject``
(a turn-inject race). A command that exits 0 has said it played its turn or scheduled its
event, so each such command must be found in ``game.json`` afterwards; one that is missing
is a lost update. After every round, each played quarter's ``turns/QUARTER/`` must hold its
newspaper and every team's briefing; one that does not is an incomplete folder.

A class game replays every played turn when it loads, so a folder is used for a few rounds
only (a new one is started after that): the race is the same, the rounds stay quick.

    python benchmarks/class_races.py [--turn-pairs 200] [--inject-pairs 50]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CLI = [sys.executable, "-m", "game", "class"]
# The same commands with the class folder's lock taken away: shows what the race does unguarded.
UNLOCKED = [
    sys.executable, "-c",
    "import contextlib, sys; from game.cli import classgame; "
    "classgame.one_command_at_a_time = lambda path: contextlib.nullcontext(); "
    "from game.cli.main import main; sys.exit(main(['class', *sys.argv[1:]]))",
]
TEAMS = ("KZ", "RU")
EVENT = "migrant_raids"  # an event of the sandbox scenario
ROUNDS_PER_FOLDER = 10  # two turns a round: a 20-turn game; at most 12 injections a game
EXPECTED_PAGES = {"newspaper.html", "newspaper.md", *(f"briefing-{team}.md" for team in TEAMS)}


@dataclass
class Tally:
    """What the rounds of one kind kept and lost."""

    rounds: int = 0
    exits: Counter[str] = field(default_factory=Counter)
    turns_said_played: int = 0
    turns_kept: int = 0
    injections_said_scheduled: int = 0
    injections_kept: int = 0
    incomplete_folders: int = 0
    staging_left: int = 0
    seconds: float = 0.0

    def lines(self, kind: str) -> list[str]:
        """The figures, one per line."""
        exits = ", ".join(f"{name} {count}" for name, count in sorted(self.exits.items()))
        figures = [
            f"{kind}: {self.rounds} rounds in {self.seconds:.0f} s; exits: {exits}",
            f"  turns said played {self.turns_said_played}, kept {self.turns_kept}, "
            f"lost {self.turns_said_played - self.turns_kept}",
        ]
        if self.injections_said_scheduled:
            figures.append(
                f"  injections said scheduled {self.injections_said_scheduled}, kept {self.injections_kept}, "
                f"lost {self.injections_said_scheduled - self.injections_kept}"
            )
        figures.append(
            f"  incomplete turn folders {self.incomplete_folders}; staging folders left {self.staging_left}"
        )
        return figures


def _new_game(folder: Path) -> None:
    turns = str(2 * ROUNDS_PER_FOLDER)
    arguments = ["new", "sandbox", "--teams", ",".join(TEAMS), "--turns", turns, "--out", str(folder)]
    subprocess.run([*CLI, *arguments], check=True, capture_output=True)


def _game_file(folder: Path) -> dict[str, list[dict[str, object]]]:
    data: dict[str, list[dict[str, object]]] = json.loads((folder / "game.json").read_text(encoding="utf-8"))
    return data


def _together(commands: list[list[str]], cli: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once; wait for all of them."""
    processes = [subprocess.Popen([*cli, *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in commands]
    results = []
    for command, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def _exit_name(result: subprocess.CompletedProcess[str]) -> str:
    if result.returncode == 0:
        return f"{result.args[0]} 0"
    if "Traceback" in result.stderr:
        return f"{result.args[0]} TRACEBACK"
    if "another command is changing" in result.stderr:
        return f"{result.args[0]} refused (busy)"
    return f"{result.args[0]} exit {result.returncode}"


def _check_folders(folder: Path, tally: Tally) -> None:
    for played in _game_file(folder)["played"]:
        turn_folder = folder / "turns" / str(played["quarter"])
        present = {path.name for path in turn_folder.iterdir()} if turn_folder.is_dir() else set()
        if not present >= EXPECTED_PAGES:
            tally.incomplete_folders += 1
    tally.staging_left += len(list((folder / "turns").glob(".staging-*"))) if (folder / "turns").is_dir() else 0


def race(root: Path, rounds: int, with_inject: bool, cli: list[str] = CLI, progress: bool = True) -> Tally:
    """Run ``rounds`` races (two turns, or a turn and an inject) and count what was kept."""
    tally = Tally()
    started = time.perf_counter()
    folder = root
    for round_number in range(rounds):
        if round_number % ROUNDS_PER_FOLDER == 0:
            folder = root / f"game{round_number // ROUNDS_PER_FOLDER}"
            _new_game(folder)
        before = _game_file(folder)
        turn = ["turn", str(folder), "--no-files"]
        second = ["inject", str(folder), EVENT] if with_inject else turn
        results = _together([turn, second], cli)
        after = _game_file(folder)
        tally.rounds += 1
        tally.exits.update(_exit_name(result) for result in results)
        turns_said = sum(1 for r in results if r.args[0] == "turn" and r.returncode == 0)
        tally.turns_said_played += turns_said
        tally.turns_kept += len(after["played"]) - len(before["played"])
        if with_inject:
            tally.injections_said_scheduled += sum(1 for r in results if r.args[0] == "inject" and r.returncode == 0)
            tally.injections_kept += len(after["injections"]) - len(before["injections"])
        if round_number % ROUNDS_PER_FOLDER == ROUNDS_PER_FOLDER - 1 or round_number == rounds - 1:
            _check_folders(folder, tally)
            tally.seconds = time.perf_counter() - started
            if progress:  # the figures so far, so that a run cut short still reports what it counted
                print(" | ".join(tally.lines("so far")), flush=True)
    tally.seconds = time.perf_counter() - started
    return tally


def main() -> None:
    """Run the races and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turn-pairs", type=int, default=200, help="rounds of two class turns (default 200)")
    parser.add_argument("--inject-pairs", type=int, default=50, help="rounds of a turn and an inject (default 50)")
    parser.add_argument(
        "--unlocked-pairs", type=int, default=0,
        help="first, rounds of two class turns with the lock taken away (shows the race is caught)",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for kind in ("unlocked", "turns", "inject"):
            (root / kind).mkdir()
        if arguments.unlocked_pairs:
            unlocked = race(root / "unlocked", arguments.unlocked_pairs, with_inject=False, cli=UNLOCKED)
            for line in unlocked.lines("WITHOUT THE LOCK, class turn vs class turn"):
                print(line, flush=True)
        for line in race(root / "turns", arguments.turn_pairs, with_inject=False).lines("class turn vs class turn"):
            print(line, flush=True)
        for line in race(root / "inject", arguments.inject_pairs, with_inject=True).lines(
            "class turn vs class inject"
        ):
            print(line, flush=True)


if __name__ == "__main__":
    main()
