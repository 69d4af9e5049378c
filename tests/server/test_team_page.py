"""A team's page as a student reads it: effects and news in plain words, bars coloured by what a change did to the
team's score, why the score moved, and no victory talk in a game too short to have targets."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from game.classroom.folder import load_class_game, one_command_at_a_time
from game.cli.classgame import _class_debrief, write_turn_outputs
from game.engine.codes import ROLES
from game.server.app import Server, make_app
from game.server.run import build_server
from tests.server.conftest import new_class_game, open_options
from tests.server.test_pages import resolve

CODES = "|".join(ROLES)


def team_page(client: TestClient, server: Server, team: str) -> str:
    return client.get(f"/team/{server.keys.team_keys[team]}").text


def section(page: str, heading: str) -> str:
    """The text of the page's card whose heading starts with ``heading``, tags removed."""
    found = re.search(rf"<h2>{heading}.*?</section>", page, re.S)
    assert found, heading
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split())


def bars(page: str) -> list[tuple[str, float, str]]:
    """Each bar of "Where you stand": its label, its change as shown, and the class colouring the change."""
    shown = r'<span>([^<]+)</span><span class="num">[\d.]+\s*<small class="change (\w+)">([^<]+)</small>'
    found = re.findall(shown, page)
    return [(label, float(change.replace("−", "-")), sense) for label, sense, change in found]


def test_expected_effects_are_in_plain_words_without_codes(client: TestClient, server: Server) -> None:
    for team, words in (("KZ", "Your trade dependence on Russia"), ("RU", "Trade dependence of Kazakhstan on you")):
        page = team_page(client, server, team)
        effects = re.findall(r'<span class="effect[^"]*">([^<]+)</span>', page)
        assert len(effects) > 20
        for text in effects:
            assert not re.search(rf"\b({CODES})\b|share of|favour|_", text), text
        assert any(text.startswith(words.replace("'", "&#39;")) for text in effects)


def test_news_is_plain_the_bars_colour_what_helps_and_the_score_says_why_it_moved(
    client: TestClient, server: Server, class_dir: Path
) -> None:
    first = section(team_page(client, server, "KZ"), "Where you stand")
    assert "Your score rose" not in first and "Your score fell" not in first and "helped your score" not in first
    assert 'class="change' not in first  # nothing has changed yet: no "0.0" beside every bar
    event = load_class_game(class_dir).loaded.scenario.events[0]
    with one_command_at_a_time(class_dir):
        load_class_game(class_dir).inject(event.id, None)
    key = server.keys.team_keys["KZ"]
    options = open_options(team_page(client, server, "KZ"))
    client.post(f"/team/{key}/orders", data={"csrf": server.keys.form_token(key), "order": options[:1]})
    assert resolve(client, server).status_code == 303  # Kazakhstan's orders from the page, Russia's by the computer
    for team in ("KZ", "RU"):
        page = team_page(client, server, team)
        news = section(page, "News")
        assert event.title in news  # the event, with its own text and no tag
        assert not re.search(r"\[(random|historical|counterfactual)\]|worth [+−-]|/100|by the end", news), news
        assert "Kazakhstan" in news and "Russia" in news  # the computer's and the teams' moves, said plainly
        shown = bars(page)
        score_label, score_change, score_sense = shown[0]
        assert score_label == "Your score"
        assert score_sense == ("flat" if abs(score_change) < 0.05 else ("helps" if score_change > 0 else "hurts"))
        moved = [(label, change, sense) for label, change, sense in shown[1:] if sense != "flat"]
        assert moved, shown
        for label, change, sense in moved:
            # A country's score counts any dependence against it (autonomy); Russia's counts dependence on Russia.
            rising_helps = team == "RU"
            assert sense == ("helps" if (change > 0) == rising_helps else "hurts"), (team, label, change, sense)
        why = section(page, "Where you stand")
        direction = "rose" if score_change > 0 else "fell"
        assert f"Your score {direction} by {abs(score_change):.1f} in 2023Q1: " in why
        parts = r"(your orders|the orders the computer gave for you|others' orders|events|chance|slow trends) [+−]\d"
        assert re.search(parts, why.replace("&#39;", "'"))
        # Russia sent no orders: the computer gave them, and the page says so.
        assert ("the orders the computer gave for you" in why) == (team == "RU")
        assert "your orders" not in why or team == "KZ"
        assert "green helped your score, red hurt it" in why


def test_a_short_game_without_targets_never_speaks_of_winning(tmp_path: Path) -> None:
    folder = new_class_game(tmp_path / "short", turns=2)
    game = load_class_game(folder)
    assert not game.world.has_targets
    short = build_server(folder, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/")
    with TestClient(make_app(short), follow_redirects=False) as browser:
        for quarter in ("2023Q1", "2023Q2"):
            assert resolve(browser, short, quarter).status_code == 303
        teacher = short.keys.teacher_key
        pages = {
            "team": browser.get(f"/team/{short.keys.team_keys['KZ']}").text,
            "dashboard": browser.get(f"/teacher/{teacher}").text,
        }
        debrief = browser.get(f"/teacher/{teacher}/debrief").text
    assert "The game is over" in pages["team"]
    assert "The game is over: all 2 turns have been played." in pages["dashboard"]
    assert "Orders for" not in pages["dashboard"] and "waiting" not in pages["dashboard"]  # no quarter is left to play
    assert "no victory target: the teams started from different scores, so compare how much each score changed " \
        "since the start" in pages["team"]
    for name, page in pages.items():
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>|<script.*?</script>", "", page, flags=re.S))
        assert not re.search(r"\b(you won|you missed|beat your target|victory target of|winner)", text, re.I), name
    assert "No victory targets: this game was shorter than the scenario" in debrief


def test_actions_no_order_of_which_can_be_given_are_folded_away_with_their_reason_once(
    client: TestClient, server: Server
) -> None:
    for quarter in ("2023Q1", "2023Q2"):  # the computer plays both teams: Russia's project slots fill up
        assert resolve(client, server, quarter).status_code == 303
    page = team_page(client, server, "RU")
    folded = re.search(r'<details class="blocked-actions"><summary>(\d+) more actions? you cannot give this quarter'
                       r"</summary>(.*?)</details>", page, re.S)
    assert folded, "no action folded away"
    actions = re.findall(r'<fieldset class="action blocked">(.*?)</fieldset>', folded.group(2), re.S)
    assert len(actions) == int(folded.group(1)) > 0
    for action in actions:
        assert action.count("Not now: ") == 1 and 'class="why"' in action
        boxes = re.findall(r'<input type="checkbox"[^>]*>', action)
        assert boxes and all("disabled" in box for box in boxes)
    open_part = page[: folded.start()]
    assert re.search(r'name="order" value="[^"]+">', open_part)  # the orders Russia can give come first, unfolded
