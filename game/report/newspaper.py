"""A one-page newspaper of each quarter of a class game, and a briefing for each team.

Both read only the game's records (orders, events, ledger) and the scenario's texts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.classroom.injection import INJECTED
from game.classroom.models import SUBMISSIONS_DIR, CustomEvent, PlayedTurn, TeamOrders
from game.engine.codes import COUNTRIES, POWERS, ROLES, quarter_name
from game.engine.game import Game
from game.engine.layout import BLOCKS, is_busy
from game.engine.world import World
from game.i18n import N_, _, current_language, format_number, format_target, ngettext, place_name, quarter_text
from game.i18n.phrases import program_command
from game.play.news_causes import EVENT_TAGS
from game.play.routes import unbuilt_routes
from game.play.texts import ScenarioWords, scenario_words
from game.report.causes import Shift, big_shifts, headline_causes, headline_history
from game.report.terminal import signed
from game.scenario.compile import event_does_something
from game.scenario.load import LoadedScenario
from game.scenario.models import EventBase
from game.scenario.provenance import citation_label

# Print: two columns on A4, every section kept whole so a heading never ends a column or a page apart from its
# table. Phones: one column, and a table too wide for the screen scrolls inside its box. Projectors (1500 px and
# more): large type.
NEWSPAPER_CSS = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; color: #1b1b1b; max-width: 190mm; margin: 0 auto;
       padding: 8px; overflow-wrap: break-word; }
header { text-align: center; border-bottom: 3px double #222; margin-bottom: 8px; }
header h1 { font-size: 30px; margin: 4px 0; letter-spacing: 1px; }
header p { margin: 2px 0 6px; font-style: italic; color: #444; }
h2 { font-size: 19px; margin: 10px 0 4px; break-after: avoid; }
h3 { font-size: 15px; margin: 8px 0 2px; break-after: avoid; }
.keep, article { break-inside: avoid; }
.cols { column-count: 2; column-gap: 18px; column-rule: 1px solid #ccc; font-size: 13px; }
.cols .keep, .cols article { display: inline-block; width: 100%; }
blockquote { margin: 4px 0 4px 10px; padding-left: 8px; border-left: 3px solid #999; color: #333;
             font-style: italic; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 12px; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: 2px 4px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
tr.team td { font-weight: bold; }
.src { color: #666; font-size: 11px; } .others { color: #555; }
ul { padding-left: 18px; margin: 4px 0; }
nav.back { font-family: sans-serif; margin: 4px 0 10px; font-size: 16px; }
@media print { nav.back { display: none; } }
@media screen and (min-width: 1500px) {  /* a projector: wide, and read from the back of the room */
  body { max-width: 1800px; padding: 16px 32px; font-size: 24px; }
  header h1 { font-size: 52px; } h2 { font-size: 32px; } h3 { font-size: 26px; }
  .cols { column-count: 2; column-gap: 48px; font-size: 24px; }
  table { font-size: 23px; } .src { font-size: 18px; } nav.back { font-size: 24px; }
}
@media (max-width: 640px) {
  body { padding: 6px 10px; font-size: 15px; }
  header h1 { font-size: 23px; }
  .cols { column-count: 1; font-size: 15px; }
  table { font-size: 14px; }
}
"""

# Where a team's orders came from; marked for the catalog, translated where shown.
SOURCE_LABEL = {"file": N_("orders file"), "computer": N_("played by the computer"), "held": N_("held (no orders)")}
BROWSER_LABEL = N_("submitted from the browser")
INJECTED_LABEL = N_("injected by the teacher")  # shown instead of an injected event's tag (it was no random draw)


def team_line(entry: TeamOrders, moves: str) -> str:
    """One team's line in the newspaper, in the current language: ``Kazakhstan (submitted from the browser): moves``,
    or for a team that held ``Russia: no orders this quarter (held)``."""
    name = place_name(entry.team)
    if entry.source == "held":
        return _("{team}: no orders this quarter (held)").format(team=name)
    source = _(BROWSER_LABEL if from_browser(entry) else SOURCE_LABEL[entry.source])
    return f"{name} ({source}): {moves}"


def from_browser(entry: TeamOrders) -> bool:
    """True when the team's orders were submitted on the class server's page (saved under submissions/)."""
    return entry.source == "file" and (entry.file or "").startswith(f"{SUBMISSIONS_DIR}/")


@dataclass(frozen=True)
class EventStory:
    """An event that fired, with its text, its tag (historical / counterfactual / random) and
    its source as "Outlet, date"."""

    quarter: str
    title: str
    text: str
    source: str
    quote: str
    injected: bool
    tag: str = "random"
    link: str = ""
    event_id: str = ""  # the scenario event's id (an injected one's too), for its translated texts; "" for a custom one


def event_stories(
    world: World,
    loaded: LoadedScenario,
    game: Game,
    turn: int | None = None,
    custom_events: Mapping[int, CustomEvent] | None = None,
) -> list[EventStory]:
    """Events that fired (in one turn, or in every turn), with their texts: the scenario's, or for a
    teacher's custom event (``custom_events``, by its row in the world's event table) the teacher's."""
    by_id = {event.id: event for event in loaded.scenario.events}
    stories = []
    for record in game.records:
        if turn is not None and record.turn != turn:
            continue
        for e in np.nonzero(record.fired[0])[0]:
            event_id = world.events.ids[int(e)]
            injected = event_id.endswith("_injected") and event_id not in by_id
            custom = (custom_events or {}).get(int(e))
            scenario_event = by_id.get(event_id.removesuffix("_injected") if injected else event_id)
            event: EventBase | CustomEvent | None = custom or scenario_event
            if event is not None and not event_does_something(event, world.levers):
                continue
            title = world.events.titles[int(e)]
            source = event.source if event is not None else None
            stories.append(
                EventStory(
                    quarter=quarter_name(record.quarter),
                    title=title.removesuffix(INJECTED) if injected else title,
                    text=" ".join((event.text if event is not None else title).split()),
                    source=citation_label(source),
                    quote=(source.quote or "") if source else "",
                    injected=injected,
                    tag=world.events.tags[int(e)],
                    link=(source.url or "") if source else "",
                    event_id=scenario_event.id if scenario_event is not None and custom is None else "",
                )
            )
    return stories


def _event_blocks(stories: list[EventStory], words: ScenarioWords) -> tuple[list[str], str]:
    """The events of the quarter as Markdown lines and as HTML: one block per story kept whole, the first
    holding the section's heading so that the heading never stands alone at the foot of a column. Titles and texts
    are the scenario's in the current language (``words``); a source's quote stays as published, its translation
    beside it."""
    heading = f"<h2>{html.escape(_('Events of the quarter'))}</h2>"
    if not stories:
        quiet = _("A quiet quarter: no event made the news.")
        return [quiet], f"<article>{heading}<p>{html.escape(quiet)}</p></article>"
    md: list[str] = []
    blocks: list[str] = []
    for story in stories:
        title, text = words.event_title(story.event_id, story.title), words.event_text(story.event_id, story.text)
        # An injected event was the teacher's choice, not chance: its "random" tag is not shown.
        shown_tag = _(EVENT_TAGS[story.tag]) if story.tag in EVENT_TAGS else story.tag
        tag = [] if story.injected and story.tag == "random" else [f"[{shown_tag}]"]
        marked = [f"({_(INJECTED_LABEL)})"] if story.injected else []
        md.append(f"- **{title}** {' '.join(tag + [f'*{m}*' for m in marked])}: {text}")
        quote = ""
        if story.source:
            found = words.texts.events.get(story.event_id)
            translation = found.quote_translation if found is not None else None
            said = f"“{story.quote}”" + (f" ({translation})" if translation else "") + " — " if story.quote else ""
            md.append(f"  > {said}{story.source}")
            quote = f"<blockquote>{html.escape(said)}<cite>{html.escape(story.source)}</cite></blockquote>"
        blocks.append(
            f"<article>{'' if blocks else heading}<h3>{html.escape(title)} "
            f"<small>{html.escape(' '.join(tag + marked))}</small></h3>"
            f"<p>{html.escape(text)}</p>{quote}</article>"
        )
    return md, "".join(blocks)


def _scores(game: Game, turn: int) -> np.ndarray:
    """Scores after ``turn`` turns (turn 0: the start)."""
    from game.engine.scores import role_scores

    return role_scores(game.states[turn].values[:1], game.world.weight)[0]


def _heading(text: str) -> str:
    """A sentence used as a heading, with a capital first letter (a language may write it small inside a sentence:
    Russian ``зависимость (…) выросла``)."""
    return text[:1].upper() + text[1:]


def _figure(value: float) -> str:
    """A score or a dependence on 0–100 with one decimal, as the language writes it."""
    return format_number(value, 1)


def newspaper(
    world: World,
    loaded: LoadedScenario,
    game: Game,
    played: PlayedTurn,
    teams: list[str],
    custom_events: Mapping[int, CustomEvent] | None = None,
) -> tuple[str, str]:
    """The newspaper of the last played turn as (HTML, Markdown), in the current language; ``custom_events`` are
    the teacher's own events by their row in the world's event table (see :func:`event_stories`)."""
    words = scenario_words(loaded)
    turn = game.turn - 1
    record = game.records[turn]
    quarter = quarter_name(record.quarter)
    history = headline_history(game)
    change = history[turn + 1] - history[turn]
    shifts = [s for s in big_shifts(game, count=40, threshold=0.0) if s.turn == turn][:3]
    if not shifts:
        country_index, power_index = (int(i) for i in np.unravel_index(int(np.argmax(np.abs(change))), change.shape))
        shifts = [
            Shift(
                turn,
                quarter,
                COUNTRIES[country_index],
                POWERS[power_index],
                float(history[turn, country_index, power_index]),
                float(history[turn + 1, country_index, power_index]),
                tuple(headline_causes(world, record, COUNTRIES[country_index], POWERS[power_index])),
            )
        ]
    stories = event_stories(world, loaded, game, turn, custom_events)
    before, after = _scores(game, turn), _scores(game, turn + 1)
    title = _("The Steppe Courier — {quarter}").format(quarter=quarter_text(quarter))
    sub = _("{title} · turn {turn} of {turns}").format(title=words.texts.title, turn=turn + 1, turns=world.turns)
    lead = shifts[0]
    md: list[str] = [f"# {title}", f"*{sub}*", "", f"## {_heading(lead.headline_text)}", ""]
    body: list[str] = []
    for number, shift in enumerate(shifts):
        moved = f"{_figure(shift.before)} → {_figure(shift.after)}"
        causes = _("Main causes: {causes}.").format(causes="; ".join(
            f"{words.causes.cause(c.text)} ({signed(c.points, 1)})" for c in shift.causes[:3]))
        if number == 0:  # the lead: its headline is the section's title, not said again
            md.append(f"- {moved}. {causes}")
            body.append(f"<li>{moved}. {html.escape(causes)}</li>")
        else:
            headline = _heading(shift.headline_text)
            md.append(f"- **{headline}** ({moved}). {causes}")
            body.append(f"<li><b>{html.escape(headline)}</b> ({moved}). {html.escape(causes)}</li>")
    events_heading, moves_heading = _("Events of the quarter"), _("Moves in the capitals")
    md += ["", f"## {events_heading}", ""]
    event_md, event_html = _event_blocks(stories, words)
    md += event_md
    md += ["", f"## {moves_heading}", ""]
    moves_html = []
    for entry in played.teams:
        line = team_line(entry, words.orders_line(list(entry.orders), _("no orders")))
        md.append(f"- {line}")
        name = place_name(entry.team)
        moves_html.append(f"<li><b>{html.escape(name)}</b>{html.escape(line[len(name):])}</li>")
    others = [o for o in record.orders.orders_of_run(world, 0) if o.role not in teams]
    if others:
        text = _("Elsewhere (computer): {orders}").format(orders="; ".join(words.order_sentence(o) for o in others))
        md.append(f"- {text}")
        moves_html.append(f"<li class=others>{html.escape(text)}</li>")
    board, role_word, score_word, change_word = _("Scoreboard (score 0–100)"), _("role"), _("score"), _("change")
    md += ["", f"## {board}", "", f"| {role_word} | {score_word} | {change_word} |", "| --- | ---: | ---: |"]
    rows = []
    for r, role in enumerate(ROLES):
        name = place_name(role) + (" " + _("(team)") if role in teams else "")
        md.append(f"| {name} | {_figure(after[r])} | {signed(after[r] - before[r], 1)} |")
        rows.append(
            f"<tr class='{'team' if role in teams else ''}'><td>{html.escape(name)}</td>"
            f"<td>{_figure(after[r])}</td><td>{signed(after[r] - before[r], 1)}</td></tr>"
        )
    dependence, country_word = _("Dependence now (0–100, change this quarter)"), _("country")
    md += [
        "",
        f"## {dependence}",
        "",
        f"| {country_word} | " + " | ".join(place_name(p) for p in POWERS) + " |",
        "| --- | ---: | ---: | ---: |",
    ]
    dep_rows = []
    for c, country in enumerate(COUNTRIES):
        cells = [f"{_figure(history[turn + 1, c, p])} ({signed(change[c, p], 1)})" for p in range(len(POWERS))]
        md.append(f"| {place_name(country)} | " + " | ".join(cells) + " |")
        dep_rows.append(
            f"<tr><td>{html.escape(place_name(country))}</td>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>"
        )
    dep_head = "".join(f"<th>{html.escape(place_name(p))}</th>" for p in POWERS)
    page = f"""<!doctype html>
<html lang="{current_language()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{NEWSPAPER_CSS}</style></head><body>
<header><h1>{html.escape(title)}</h1><p>{html.escape(sub)}</p></header>
<section class=lead><h2>{html.escape(_heading(lead.headline_text))}</h2>
<ul>{"".join(body)}</ul></section>
<div class=cols>
<section>{event_html}</section>
<section class=keep><h2>{html.escape(moves_heading)}</h2><ul>{"".join(moves_html)}</ul></section>
<section class=keep><h2>{html.escape(board)}</h2><div class=scroll><table>
<tr><th>{html.escape(role_word)}</th><th>{html.escape(score_word)}</th><th>{html.escape(change_word)}</th></tr>{"".join(rows)}</table></div></section>
<section class=keep><h2>{html.escape(dependence)}</h2><div class=scroll><table>
<tr><th>{html.escape(country_word)}</th>{dep_head}</tr>{"".join(dep_rows)}</table></div></section>
</div></body></html>
"""
    return page, "\n".join(md) + "\n"


_INLINE = (
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![*\w])\*(?!\s)(.+?)\*(?![*\w])"), r"<em>\1</em>"),
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
)


def _inline(text: str) -> str:
    """One line of a briefing's Markdown (bold, italics, code) as HTML, its text escaped."""
    shown = html.escape(text, quote=False)
    for pattern, tag in _INLINE:
        shown = pattern.sub(tag, shown)
    return shown


def briefing_page(markdown: str) -> str:
    """A briefing (:func:`briefing`'s Markdown: headings, bullet lists, paragraphs) as a page to print or open in a
    browser, in the newspaper's style, so that no ``**`` or ``#`` reaches the paper a team is handed."""
    body: list[str] = []
    in_list = False
    for line in markdown.splitlines():
        bullet = line.startswith("- ")
        if in_list and not bullet:
            body.append("</ul>")
            in_list = False
        if line.startswith("## "):
            body.append(f"<h2>{_inline(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<header><h1>{_inline(line[2:])}</h1></header>")
        elif bullet:
            body.append(("" if in_list else "<ul>") + f"<li>{_inline(line[2:])}</li>")
            in_list = True
        elif line.strip():
            body.append(f"<p>{_inline(line)}</p>")
    if in_list:
        body.append("</ul>")
    title = markdown.splitlines()[0].lstrip("# ") if markdown.strip() else ""
    return f"""<!doctype html>
<html lang="{current_language()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{NEWSPAPER_CSS}</style></head><body>
{chr(10).join(body)}
</body></html>
"""


def briefing_heading(world: World, game: Game, team: str) -> str:
    """A briefing's heading. It is written into ``turns/QUARTER/`` with the newspaper of the quarter just played,
    so it names that quarter first, then the quarter its orders are for (the ``class template`` file's):
    ``# Briefing for Kazakhstan (KZ) after 2023Q2 — orders for 2023Q3``."""
    played = quarter_text(quarter_name(world.start_quarter + game.turn - 1))
    name = place_name(team)
    if game.is_over():
        return "# " + _("Briefing for {name} ({team}) after {played} — final position").format(
            name=name, team=team, played=played)
    return "# " + _("Briefing for {name} ({team}) after {played} — orders for {next}").format(
        name=name, team=team, played=played, next=quarter_text(quarter_name(world.start_quarter + game.turn)))


def briefing(
    world: World, loaded: LoadedScenario, game: Game, team: str, game_dir: str, target: str | None = None,
    result: str | None = None,
) -> str:
    """A team's briefing (Markdown) after the quarter just played, for the coming one, in the current language.
    ``target``: the team's target in words with its number (:func:`game.play.victory.target_words`); default its
    par. ``result``: once the game is over, the team's result against that target
    (:func:`game.play.victory.result_sentence`), said in place of what it takes to win."""
    words = scenario_words(loaded)
    turn = game.turn
    state = game.state
    r = ROLES.index(team)
    now, before = _scores(game, turn), _scores(game, max(0, turn - 1))
    next_quarter = quarter_text(quarter_name(world.start_quarter + turn))
    points = state.values[0, BLOCKS["points"].start + r]
    capacity = state.values[0, BLOCKS["capacity"].start + r]
    objective = words.objective(team)
    target = target or _("reach the par of {name}: {target}").format(
        name=place_name(team), target=format_target(world.victory_targets()[r]))
    rank = 1 + int(np.sum(now[:5] > now[r])) if r < 5 else 1 + int(np.sum(now[5:] > now[r]))
    standing = (_("rank {rank} among the countries") if r < 5 else _("rank {rank} among the powers")).format(rank=rank)
    if world.has_targets and game.is_over() and result:
        goal = f"**{result}**"
    elif world.has_targets:
        goal = _("To win by the end of {quarter}: **{target}**.").format(
            quarter=quarter_text(quarter_name(world.start_quarter + world.turns - 1)), target=target)
    else:
        goal = _("No victory target: this game is shorter than the scenario.")
    lines = [
        briefing_heading(world, game, team),
        "",
        f"*{words.texts.title}*. " + (_("Your objective: {objective}").format(objective=objective)
                                          if objective else ""),
        "",
        "- " + _("Score: **{score}** ({change} last quarter); {standing}.").format(
            score=_figure(now[r]), change=signed(now[r] - before[r], 1), standing=standing) + " " + goal,
        "- " + ngettext(
            "Action points in hand: **{points}** (income {income} a quarter; at most {count} order a turn).",
            "Action points in hand: **{points}** (income {income} a quarter; at most {count} orders a turn).",
            world.rules.max_orders,
        ).format(points=_figure(points), income=_figure(capacity), count=world.rules.max_orders),
    ]
    if game.is_over():
        lines.append("- " + _("The game is over: this is your final position."))
    history = headline_history(game)
    record = game.records[-1] if game.records else None
    lines += ["", "## " + _("Ties that matter to you"), ""]
    pairs = [(team, p) for p in POWERS] if team in COUNTRIES else [(c, team) for c in COUNTRIES]
    for country, power in pairs:
        c, p = COUNTRIES.index(country), POWERS.index(power)
        value = history[turn, c, p]
        delta = value - history[max(0, turn - 1), c, p]
        tie = _("{country} on {power}").format(country=place_name(country), power=place_name(power))
        line = f"- {tie}: **{_figure(value)}** ({signed(delta, 1)})"
        if record is not None and abs(delta) >= 0.05:
            causes = headline_causes(world, record, country, power)[:3]
            line += " — " + "; ".join(f"{words.causes.cause(cause.text)} {signed(cause.points, 1)}" for cause in causes)
        lines.append(line)
    active = []
    for slot in world.role_slots(r):
        if is_busy(state.slot_last[0, slot], turn):
            reference = int(state.slot_ref[0, slot])
            target_code = ROLES[int(state.slot_target[0, slot])]
            first = quarter_text(quarter_name(world.start_quarter + int(state.slot_first[0, slot])))
            last = quarter_text(quarter_name(world.start_quarter + int(state.slot_last[0, slot])))
            notes = "".join(f" {note}" for note in unbuilt_routes(world, team, reference, target_code))
            order = words.order(world.actions.ids[reference], target_code)
            active.append("- " + _("{order}: effects {first}–{last}.").format(order=order, first=first, last=last)
                          + notes)
    lines += ["", "## " + _("Projects in flight ({count} of at most {most})").format(
        count=len(active), most=world.rules.max_projects), ""]
    lines += active or ["- " + _("none")]
    if not game.is_over():
        lines += [
            "",
            "## " + _("Next"),
            "",
            _("Write your orders for {quarter}: `{program} class template {game_dir} --team {team}` makes a file "
              "listing what you can do and what it costs.").format(
                quarter=next_quarter, program=program_command(), game_dir=game_dir, team=team),
        ]
    return "\n".join(lines) + "\n"
