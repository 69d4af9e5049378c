"""Provenance you can check: historical events cite their publication, counterfactuals say so,
and the game's event card and the reports show the tag and "Outlet, date"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.load import load_scenario
from game.scenario.models import Citation
from game.scenario.provenance import citation_label, missing_citation_fields, presented_as_fact
from tests.conftest import DATA

CITED = """    source:
      outlet: The Diplomat
      title: The West Is Eying Closer Relations With Central Asia
      date: "2023-12"
      url: https://thediplomat.com/2023/12/the-west-is-eying-closer-relations-with-central-asia/
      quote: the first-ever C5+1 Presidential Summit in September
"""


def _scenario(tmp_path: Path, summit_tag: str, summit_text: str, source: str = "") -> Path:
    """tiny.yaml with its scripted summit re-tagged, re-worded and (optionally) cited."""
    text = (DATA / "tiny.yaml").read_text()
    summit = "    title: A scripted summit"
    text = text.replace(f"    tag: counterfactual\n{summit}", f"    tag: {summit_tag}\n{summit}", 1)
    text = text.replace("    text: What if the West and Kazakhstan met?\n", f"    text: {summit_text}\n{source}", 1)
    (tmp_path / "tiny_baseline.yaml").write_text((DATA / "tiny_baseline.yaml").read_text())
    path = tmp_path / "cited.yaml"
    path.write_text(text)
    return path


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "validate", str(path)], capture_output=True, text=True)


def test_historical_event_without_citation_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "historical", "The West and Kazakhstan meet.")
    line = path.read_text().splitlines().index("  - id: scripted_summit") + 1
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: events[0].source: a historical event must cite its publication; "
        "missing outlet, title, date, url"
    ]
    result = _validate(path)
    assert result.returncode == 2
    assert f"{path}:{line}: events[0].source: a historical event must cite its publication" in result.stderr
    assert "Traceback" not in result.stderr


def test_historical_event_with_a_partial_citation_names_what_is_missing(tmp_path: Path) -> None:
    partial = CITED.replace('      date: "2023-12"\n', "").replace(
        "      url: https://thediplomat.com/2023/12/the-west-is-eying-closer-relations-with-central-asia/\n", ""
    )
    path = _scenario(tmp_path, "historical", "The West and Kazakhstan meet.", partial)
    line = path.read_text().splitlines().index("      outlet: The Diplomat") + 1  # the citation itself
    result = _validate(path)
    assert result.returncode == 2
    assert f"{path}:{line}: events[0].source: a historical event must cite its publication; missing date, url" in (
        result.stderr
    )


def test_cited_historical_event_is_accepted_without_warning(tmp_path: Path) -> None:
    result = _validate(_scenario(tmp_path, "historical", "The West and Kazakhstan meet.", CITED))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_counterfactual_told_as_fact_is_warned_about_with_file_and_line(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "counterfactual", "The West and Kazakhstan meet.")
    line = path.read_text().splitlines().index("    text: The West and Kazakhstan meet.") + 1
    result = _validate(path)
    assert result.returncode == 0
    assert f"warning: {path}:{line}: events[0].text: a counterfactual is told as fact" in result.stderr
    assert result.stdout.startswith("ok")  # accepted: the warning does not refuse the file


def test_counterfactual_opening_with_a_date_is_warned_about(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "counterfactual", "On 3 May 2024, if favour held, the West and Kazakhstan meet.")
    result = _validate(path)
    assert result.returncode == 0
    assert "events[0].text: a counterfactual opens with a date" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "What if the West and Kazakhstan met?",
        "Suppose the West and Kazakhstan meet.",
        "If favour has held up, the West and Kazakhstan meet.",
        "In this scenario the West and Kazakhstan meet.",
    ],
)
def test_hedged_counterfactual_gets_no_warning(tmp_path: Path, text: str) -> None:
    result = _validate(_scenario(tmp_path, "counterfactual", text))
    assert result.returncode == 0
    assert "warning" not in result.stderr


def test_the_rule_reads_words_not_fragments() -> None:
    """'gift' and 'Iffy' contain 'if' but hedge nothing; a title may carry the hedge."""
    assert presented_as_fact("A gift", "Iffy weather delays the gift.") is not None
    assert presented_as_fact("What if London hosted?", "London hosts the five.") is None


def test_citation_label_is_outlet_and_date() -> None:
    full = Citation(outlet="The Diplomat", title="t", date="2023-12", url="https://x.org/a")
    assert citation_label(full) == "The Diplomat, December 2023"
    assert citation_label(full.model_copy(update={"date": "2022-11-28"})) == "The Diplomat, 28 November 2022"
    assert citation_label(full.model_copy(update={"date": "2025"})) == "The Diplomat, 2025"
    assert missing_citation_fields(full) == []
    assert missing_citation_fields(Citation(document="europe-woos-central-asia", quote="q")) == [
        "outlet", "title", "date", "url"
    ]


def test_shipped_scenarios_give_no_provenance_warning() -> None:
    from game.scenario.library import shipped_scenarios

    warned = {path.stem: [str(w) for w in load_scenario(path).warnings] for path in shipped_scenarios()}
    assert warned == {stem: [] for stem in warned}


def test_debrief_and_newspaper_show_tag_and_outlet_with_date() -> None:
    """The debrief's timeline and the class newspaper tag each event and cite "Outlet, date"."""
    from game.engine.ai.policy import normal_orders
    from game.engine.game import Game
    from game.report.debrief import DebriefInput, build_debrief
    from game.report.newspaper import event_stories
    from game.scenario.compile import compile_world
    from game.scenario.library import resolve_scenario

    loaded = load_scenario(resolve_scenario("europe_woos"))
    world = compile_world(loaded, {}, 2)
    game = Game.new(world, seed=1, runs=1, keep_ledger=True, policy=normal_orders)
    game.play_to_end()
    michel = next(s for s in event_stories(world, loaded, game) if s.title.startswith("Michel meets"))
    assert (michel.tag, michel.source) == ("historical", "Responsible Statecraft (from Eurasianet), 28 November 2022")
    page = build_debrief(DebriefInput("run", world, loaded, game, 1, {}, []))
    timeline = page[page.index("5. Timeline of events") :]
    assert "Michel meets Central Asia&#x27;s leaders in Astana</b> <span class=tag>historical</span>" in timeline
    assert (
        '<a href="https://responsiblestatecraft.org/2022/11/28/europe-woos-central-asia-as-russias-appeal-wanes/">'
        "Responsible Statecraft (from Eurasianet), 28 November 2022</a>" in timeline
    )
    assert "europe-woos-central-asia</" not in page and "— europe-woos-central-asia" not in page
