"""Write the victory pars a calibration suggested into a scenario file.

Usage: python tools/write_pars.py SCENARIO.yaml TOURNAMENT.json "COMMAND THAT MADE IT"

Replaces the scenario's ``victory:`` block (and the comment lines just above it) by
the ``suggested_victory`` of a ``multivector tournament --calibrate --out DIR`` run,
one line per role. The rest of the file is kept byte for byte.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROLES = ("KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST")
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
        inner = ", ".join(f"{level}: {pars[role][level]:.1f}" for level in LEVELS)
        lines.append(f"  {role}: {{{inner}}}")
    return lines


def rewrite(scenario: Path, pars: dict[str, dict[str, float]], command: str) -> None:
    """Replace the victory block of ``scenario`` in place."""
    lines = scenario.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("victory:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):  # block form: indented role lines
        end += 1
    first = start
    while first > 0 and lines[first - 1].startswith("#"):
        first -= 1
    lines[first:end] = victory_block(pars, command)
    scenario.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    figures = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    rewrite(Path(sys.argv[1]), figures["suggested_victory"], sys.argv[3])
