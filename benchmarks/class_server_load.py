"""Load on the class server: simulated students submitting and re-submitting at once, turn after turn.

A real server (``multivector class serve`` in a subprocess, on the loopback address) serves a
new sandbox class game with every role as a team. Each turn, every student opens their team's
page, submits one order ticked on it and then changes it (all students at once, an async
httpx client each); the teacher then resolves the turn from the dashboard. Counted:

- lost submissions: a team whose saved orders file is not its last accepted submission (the
  one with the highest revision), two accepted submissions of a team given the same revision,
  or a resolved turn whose orders are not the team's last accepted submission;
- errors: any answer other than the page (200) or the redirect after a saved form (303), and
  any request that failed;
- response times of every request (p50, p99, max).

    python benchmarks/class_server_load.py [--students 40] [--turns 10]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import numpy as np
import yaml

ALL_TEAMS = ("KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST")
# The quarter the resolve form sends (its button names the quarter in the page's language, not as a code).
RESOLVE_QUARTER = re.compile(
    r'/resolve"[^>]*>\s*(?:<input[^>]*>\s*)*?<input type="hidden" name="quarter" value="(\d{4}Q[1-4])"'
)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
OPEN = re.compile(r'name="order" value="([^"]+)"(?! disabled)[ >]')


# ---------------------------------------------------------------------- a server in a subprocess


def free_port() -> int:
    """A port free on the loopback address now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def new_class_game(folder: Path, teams: tuple[str, ...], turns: int) -> None:
    """A sandbox class game made by the command line."""
    subprocess.run(
        [sys.executable, "-m", "game", "class", "new", "sandbox", "--teams", ",".join(teams), "--seed", "3",
         "--turns", str(turns), "--out", str(folder)],
        check=True, capture_output=True,
    )


def start_server(folder: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``multivector class serve`` on 127.0.0.1:port; returns once it answers (or raises)."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "game", "class", "serve", str(folder), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    for _ in range(600):  # up to a minute: the game replays every played turn as it loads
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=1.0).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not answer within a minute")


def stop_server(process: subprocess.Popen[bytes], kill: bool = False) -> None:
    """Stop the server: Ctrl+C as a teacher would, or kill -9."""
    process.send_signal(signal.SIGKILL if kill else signal.SIGINT)
    process.wait(timeout=30)


def read_keys(folder: Path) -> dict[str, object]:
    """The server's keys as saved in the class folder."""
    return dict(json.loads((folder / "server-keys.json").read_text()))


# ---------------------------------------------------------------------- the students


@dataclass
class Tally:
    """What the run saw."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    accepted: int = 0
    # team -> revision -> orders, of the current turn
    revisions: dict[str, dict[int, list[str]]] = field(default_factory=dict)

    def record(self, what: str, started: float, response: httpx.Response | None, expected: int) -> None:
        """One request's time, and an error when it failed or answered otherwise."""
        self.times.append(time.perf_counter() - started)
        if response is None:
            self.errors.append(f"{what}: no answer")
        elif response.status_code != expected:
            self.errors.append(f"{what}: {response.status_code} {response.text[:200]}")


async def _request(
    client: httpx.AsyncClient, tally: Tally, what: str, expected: int, method: str, url: str, **kwargs: object
) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as error:
        tally.record(f"{what} ({type(error).__name__})", started, None, expected)
        return None
    tally.record(what, started, response, expected)
    return response


async def student(client: httpx.AsyncClient, tally: Tally, team: str, key: str, pick: np.random.Generator) -> None:
    """Open the team's page, submit one order, then change it to another."""
    page = await _request(client, tally, f"{team} page", 200, "GET", f"/team/{key}")
    if page is None or page.status_code != 200:
        return
    token = CSRF.search(page.text)
    options = OPEN.findall(page.text)
    if token is None:
        tally.errors.append(f"{team} page: no form")
        return
    for _ in range(2):
        orders = [str(options[int(pick.integers(len(options)))])] if options else []
        response = await _request(
            client, tally, f"{team} submit", 303, "POST", f"/team/{key}/orders",
            data={"csrf": token.group(1), "order": orders},
        )
        if response is not None and response.status_code == 303:
            tally.accepted += 1
            revision = int(response.headers["x-submission-revision"])
            seen = tally.revisions.setdefault(team, {})
            if revision in seen:
                tally.lost.append(f"{team}: two submissions accepted as revision {revision}")
            seen[revision] = [o.replace(":", " ") for o in orders]


def check_turn(folder: Path, quarter: str, tally: Tally) -> None:
    """Each team's saved file is its last accepted submission."""
    for team, seen in tally.revisions.items():
        last = seen[max(seen)]
        path = folder / "submissions" / quarter / f"orders-{team}.yaml"
        saved = yaml.safe_load(path.read_text()) if path.is_file() else None
        kept = [f"{o['action']} {o['target']}" for o in (saved or {}).get("orders") or []]
        if saved is None or kept != last:
            tally.lost.append(f"{quarter} {team}: saved {kept}, last accepted {last}")


def check_played(folder: Path, quarter: str, tally: Tally) -> None:
    """The resolved turn used each team's last accepted submission."""
    game = json.loads((folder / "game.json").read_text())
    played = {entry["team"]: entry for entry in game["played"][-1]["teams"]}
    if game["played"][-1]["quarter"] != quarter:
        tally.lost.append(f"{quarter}: not the quarter resolved")
        return
    for team, seen in tally.revisions.items():
        wanted = [f"{team} {order}" for order in seen[max(seen)]]
        if played[team]["source"] != "file" or played[team]["orders"] != wanted:
            tally.lost.append(f"{quarter} {team}: played {played[team]['orders']}, last accepted {wanted}")


async def play(base: str, folder: Path, students: int, turns: int, seed: int = 1) -> Tally:
    """Every turn: all students at once, then the teacher resolves; the tally of the run."""
    keys = read_keys(folder)
    team_keys: dict[str, str] = dict(keys["team_keys"])  # type: ignore[call-overload]
    teacher = str(keys["teacher_key"])
    teams = list(team_keys)
    tally = Tally()
    pick = np.random.default_rng(seed)
    # Each student is a device of its own, as in a classroom: its own loopback address (127.0.1.N), so the
    # server's per-device request limit counts each one apart rather than the whole class as one device.
    devices = [
        httpx.AsyncClient(base_url=base, timeout=120.0,
                          transport=httpx.AsyncHTTPTransport(local_address=f"127.0.{1 + s // 250}.{1 + s % 250}"))
        for s in range(students)
    ]
    async with contextlib.AsyncExitStack() as stack, httpx.AsyncClient(base_url=base, timeout=120.0) as client:
        for device in devices:
            await stack.enter_async_context(device)
        for _turn in range(turns):
            tally.revisions = {}
            await asyncio.gather(
                *(
                    student(devices[s], tally, teams[s % len(teams)], team_keys[teams[s % len(teams)]], pick)
                    for s in range(students)
                )
            )
            dashboard = await _request(client, tally, "dashboard", 200, "GET", f"/teacher/{teacher}")
            quarter_found = RESOLVE_QUARTER.search(dashboard.text if dashboard else "")
            if quarter_found is None:
                tally.errors.append("dashboard: no resolve button")
                break
            quarter = quarter_found.group(1)
            check_turn(folder, quarter, tally)
            token = CSRF.search(dashboard.text if dashboard else "")
            await _request(
                client, tally, "resolve", 303, "POST", f"/teacher/{teacher}/resolve",
                data={"csrf": token.group(1) if token else "", "quarter": quarter},
            )
            check_played(folder, quarter, tally)
    return tally


def run(students: int, turns: int, folder: Path) -> Tally:
    """A new class game in ``folder``, a server on it, the load; the server stopped at the end."""
    new_class_game(folder, ALL_TEAMS, turns)
    port = free_port()
    server = start_server(folder, port, folder.parent / "server.log")
    try:
        return asyncio.run(play(f"http://127.0.0.1:{port}", folder, students, turns))
    finally:
        stop_server(server)


def percentile(times: list[float], q: float) -> float:
    """The q-th percentile of the response times, in milliseconds."""
    return float(np.percentile(np.array(times), q)) * 1000.0 if times else 0.0


def main() -> int:
    """Run the load and print the figures; exit 1 when a submission was lost or a request failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--turns", type=int, default=10)
    arguments = parser.parse_args()
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="class-load-") as scratch:
        tally = run(arguments.students, arguments.turns, Path(scratch) / "game")
    seconds = time.perf_counter() - started
    print(f"{arguments.students} students, {len(ALL_TEAMS)} teams, {arguments.turns} turns in {seconds:.0f} s")
    print(f"requests: {len(tally.times)}; submissions accepted: {tally.accepted}")
    print(f"lost submissions: {len(tally.lost)}")
    print(f"errors: {len(tally.errors)}")
    print(
        f"response time: p50 {percentile(tally.times, 50):.0f} ms, p99 {percentile(tally.times, 99):.0f} ms, "
        f"max {max(tally.times, default=0.0) * 1000:.0f} ms"
    )
    for line in (tally.lost + tally.errors)[:10]:
        print("  " + line)
    return 1 if tally.lost or tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
