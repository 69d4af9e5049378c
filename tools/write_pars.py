"""Write the victory pars a calibration suggested into a scenario file.

Usage: python tools/write_pars.py SCENARIO.yaml TOURNAMENT.json "COMMAND THAT MADE IT"

Replaces the scenario's ``victory:`` block (and the comment lines just above it) by
the ``suggested_victory`` of a ``multivector tournament --calibrate --out DIR`` run,
one line per role (appended when the file has no such block). The rest of the file is
kept byte for byte. Bad input gives a one-line message and exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROLES = ("KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST")  # game.engine.codes.ROLES; no import, so any Python runs it
LEVELS = ("easy", "normal", "hard")


def victory_block(pars: dict[str, dict[str, float]], command: str) -> list[str]:
    """The comment and ``victory:`` lines for these pars."""
    lines = [
        "# Victory: each role's par against easy, normal and hard opponents — the median final score",
        "# (rounded down) with the computer playing every role at that level, from",
        f"# `{command}`.",
        "# A game's target is the par at the mean level of the role's opponents (humans count as normal).",
        "victory:",
    ]
    for role in ROLES:
        inner = ", ".join(f"{level}: {pars[role][level]:.2f}" for level in LEVELS)
        lines.append(f"  {role}: {{{inner}}}")
    return lines


def rewrite(scenario: Path, pars: dict[str, dict[str, float]], command: str) -> None:
    """Replace the victory block of ``scenario`` in place (or append one)."""
    lines = scenario.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("victory:")), None)
    if start is None:
        if lines and lines[-1] == "":
            lines.pop()
        scenario.write_text("\n".join([*lines, *victory_block(pars, command), ""]), encoding="utf-8")
        return
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):  # block form: indented role lines
        end += 1
    first = start
    while first > 0 and lines[first - 1].startswith("#"):
        first -= 1
    lines[first:end] = victory_block(pars, command)
    scenario.write_text("\n".join(lines), encoding="utf-8")


def read_pars(path: Path) -> dict[str, dict[str, float]]:
    """The ``suggested_victory`` pars of a tournament.json; ``ValueError`` says what is wrong."""
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read it as JSON ({error})") from None
    pars = figures.get("suggested_victory") if isinstance(figures, dict) else None
    if not isinstance(pars, dict):
        raise ValueError(f"{path}: no 'suggested_victory' (write it with multivector tournament --calibrate --out)")
    for role in ROLES:
        given = pars.get(role)
        if not isinstance(given, dict) or not all(isinstance(given.get(level), (int, float)) for level in LEVELS):
            raise ValueError(f"{path}: suggested_victory.{role} needs a number for each of {', '.join(LEVELS)}")
    return pars


def main(arguments: list[str]) -> int:
    """Run the tool; return the exit code."""
    if len(arguments) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    scenario, figures, command = Path(arguments[0]), Path(arguments[1]), arguments[2]
    try:
        pars = read_pars(figures)
        rewrite(scenario, pars, command)
    except ValueError as error:
        print(f"write_pars: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"write_pars: {scenario}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
