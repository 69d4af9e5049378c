"""What a class reads names things in words: no action id, event id or bare role code in any newspaper, briefing,
debrief, actions handout or the tables of `run`, `class turn`, `class status` and `why`; the newspaper keeps each
heading with its table; the debrief's questions quote only causes its ledger shows."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from game.engine.codes import ROLE_NAMES, ROLES
from game.scenario.compile import compile_world
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario

CODES = "|".join(ROLES)
# A role code is fine beside its name ("Kazakhstan (KZ)", "KZ Kazakhstan" in a terminal table); alone it is an id.
NAMED_CODE = re.compile(
    "|".join(
        [rf"{re.escape(ROLE_NAMES[code])} \({code}\)" for code in ROLES]
        + [rf"\b{code} {re.escape(ROLE_NAMES[code])}" for code in ROLES]
    )
)
BARE_CODE = re.compile(rf"(?<![\w-])({CODES})(?![\w-])")


def multivector(*arguments: str) -> str:
    """Run a command; its standard output (it must succeed)."""
    result = subprocess.run(
        [sys.executable, "-m", "game", *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def page_text(page: str) -> str:
    """The words of an HTML page a reader sees (no styles, no tags, no embedded images), less its commands to type
    (``<code>``, which name a team by its code on purpose, as the Markdown's code spans do)."""
    page = re.sub(r"<style.*?</style>|<script.*?</script>|<code>.*?</code>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def without_commands(markdown: str) -> str:
    """Markdown without its `code spans` (commands to type, which name a team by its code on purpose)."""
    return re.sub(r"`[^`]*`", " ", markdown)


def without_code_column(markdown: str) -> str:
    """The actions handout without its last column, the codes to write in an orders file."""
    return "\n".join(line.rsplit("|", 2)[0] if line.startswith("|") else line for line in markdown.splitlines())


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder with a class game of two quarters (TJ and RU teams, the computer playing them) and its debrief,
    and what ``class turn`` printed."""
    root = tmp_path_factory.mktemp("readable")
    game = str(root / "class")
    multivector("class", "new", "sandbox", "--teams", "TJ,RU", "--seed", "5", "--turns", "4", "--out", game)
    printed = {f"class turn {turn + 1}": multivector("class", "turn", game, "--no-files") for turn in range(2)}
    multivector("report", game, "--out", str(root / "class.html"), "--runs", "10")
    return root, printed


@pytest.fixture(scope="module")
def outputs(played: tuple[Path, dict[str, str]]) -> dict[str, str]:
    """Everything a class game and a run put in front of people, by name."""
    root, printed = played
    game, run = root / "class", root / "run"
    texts = dict(printed)
    texts["class status"] = multivector("class", "status", str(game))
    for path in sorted((game / "turns").rglob("*")):
        if path.suffix == ".html":
            texts[str(path.relative_to(game))] = page_text(path.read_text())
        elif path.suffix == ".md":
            texts[str(path.relative_to(game))] = without_commands(path.read_text())
    texts["run"] = multivector("run", "sandbox", "--seed", "3", "--turns", "6", "--out", str(run))
    texts["why"] = multivector("why", str(run), "--country", "KZ", "--power", "CN", "--quarter", "2023Q2")
    multivector("report", str(run), "--out", str(root / "run.html"), "--runs", "10")
    for name in ("class", "run"):
        texts[f"report of the {name}"] = page_text((root / f"{name}.html").read_text())
    handout = root / "actions.md"
    multivector("actions", "sandbox", "--role", "KZ", "--markdown", str(handout))
    texts["actions handout"] = without_code_column(handout.read_text())
    return texts


@cache
def sandbox_ids() -> tuple[list[str], list[str]]:
    """The sandbox's action ids and event ids."""
    world = compile_world(load_scenario(resolve_scenario("sandbox")))
    return list(world.actions.ids), list(world.events.ids)


def raw_ids(text: str) -> list[str]:
    """Every action id, event id, raw order (``TJ leave_initiative RU``, ``summit KG``) and bare role code."""
    actions, events = sandbox_ids()
    found = []
    for identifier in [*actions, *events]:
        if "_" in identifier or "-" in identifier:  # one-word ids ("loan") are words too; caught below as orders
            found += re.findall(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", text)
    single = "|".join(re.escape(i) for i in actions)
    found += [" ".join(m) for m in re.findall(rf"(?<![\w-])({single}) ({CODES})(?![\w-])", text)]
    found += BARE_CODE.findall(NAMED_CODE.sub(" ", text))
    # ids of any scenario: snake_case, or a slug of four or more hyphenated words
    found += re.findall(r"(?<![\w-])[a-z]+(?:_[a-z0-9]+)+(?![\w-])", text)
    found += re.findall(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+){3,}(?![\w-])", text)
    return sorted(set(found))


def test_no_id_or_bare_role_code_reaches_a_reader(outputs: dict[str, str]) -> None:
    assert len(outputs) >= 14  # two newspapers in two forms, four briefings, two reports, the tables
    found = {name: raw_ids(text) for name, text in outputs.items()}
    assert {name: ids for name, ids in found.items() if ids} == {}


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scan is not blind: the forms that used to reach handouts are caught."""
    assert raw_ids("TJ leave_initiative RU") == ["RU", "TJ", "leave_initiative", "leave_initiative RU"]
    assert raw_ids("Source: west-eying-central-asia") == ["west-eying-central-asia"]
    assert raw_ids("event: border_clash; tut_xian_summit") == ["border_clash", "tut_xian_summit"]
    assert raw_ids("orders: summit KG; loan UZ") == ["KG", "UZ", "loan UZ", "summit KG"]
    assert raw_ids("Why KZ's dependence") == ["KZ"]
    assert raw_ids("Kazakhstan (KZ) hosts a summit; KZ Kazakhstan 51.2") == []


class _Blocks(HTMLParser):
    """Records, for each table and heading, the chain of elements it sits in."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "hr", "link", "input", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str, int]] = []
        self.items: list[tuple[str, tuple[tuple[str, str, int], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if tag in ("h2", "h3", "table"):
            self.items.append((tag, tuple(self.stack)))
        self.stack.append((tag, dict(attrs).get("class") or "", self.getpos()[0] * 10_000 + self.getpos()[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_each_newspaper_heading_sits_with_its_table_in_one_unbreakable_block(
    played: tuple[Path, dict[str, str]],
) -> None:
    page = next((played[0] / "class" / "turns").rglob("newspaper.html")).read_text()
    blocks = _Blocks()
    blocks.feed(page)
    assert blocks.stack == []  # every element closed where it opened
    css = re.search(r"<style>(.*?)</style>", page, re.S)
    assert css is not None
    unbreakable = set(re.findall(r"\.(\w+)[^{]*\{[^}]*break-inside:\s*avoid", css.group(1)))
    tables = [chain for tag, chain in blocks.items if tag == "table"]
    assert len(tables) == 2  # the scoreboard and the dependence table
    for chain in tables:
        block = next(index for index, (_, cls, _) in reversed(list(enumerate(chain))) if cls in unbreakable)
        heading = [tag for tag, outer in blocks.items if tag == "h2" and outer == chain[: block + 1]]
        assert len(heading) == 1, chain  # one heading, in the same unbreakable block as the table


def test_debrief_tags_are_balanced(played: tuple[Path, dict[str, str]]) -> None:
    """Cards of the big shifts sit side by side, not one inside the other."""
    blocks = _Blocks()
    blocks.feed((played[0] / "class.html").read_text())
    assert blocks.stack == []
    cards = [[cls for _, cls, _ in chain].count("card") for tag, chain in blocks.items if tag == "h3"]
    assert max(cards) == 1
