"""The debrief: one self-contained, printable HTML file (charts embedded as base64 PNG).

Sections: briefing, at a glance (the game against computer runs), trajectories, the
triangle view, the timeline of events with source quotes, the big shifts and their
largest causes (from the ledger), each team's decisions and scores, and discussion
questions. Everything is read from the game's records; nothing depends on the clock.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from game.classroom.models import CustomEvent
from game.engine.ai.policy import victory
from game.engine.codes import COUNTRIES, POWERS, ROLES, START_LABEL, quarter_name, state_labels
from game.engine.game import Game
from game.engine.world import World
from game.i18n import (
    N_,
    _,
    current_language,
    format_number,
    format_share,
    format_target,
    ngettext,
    place_name,
    quarter_text,
)
from game.play.batch import BatchResult
from game.play.metrics import METRIC_INDEX, METRICS, metric_matrix, percentile_rank
from game.play.news_causes import EVENT_TAGS, CauseWords
from game.play.pushback import pushback_sentence, role_pairs
from game.report.blame import largest_push, push_clause
from game.report.causes import Shift, big_shifts, cause_words, game_causes, headline_history
from game.report.figures import data_uri, fan_dependence, fan_scores, triangle_view
from game.report.newspaper import BROWSER_LABEL, SOURCE_LABEL, event_stories
from game.report.questions import decided_teams, discussion_questions
from game.report.terminal import signed
from game.scenario.load import LoadedScenario
from game.scenario.translation import ScenarioTexts, scenario_texts


@dataclass(frozen=True)
class TeamTurnView:
    """One team's orders in one quarter and where they came from."""

    quarter: str
    source: str
    orders: list[str]
    from_browser: bool = False  # a "file" the team submitted on the class server's page


@dataclass
class DebriefInput:
    """What the debrief needs: the game with its ledger, the scenario, and the computer runs."""

    kind: str  # "class game" or "run" (KINDS)
    world: World
    loaded: LoadedScenario
    game: Game
    seed: int
    settings: dict[str, float]
    teams: list[str]
    decisions: dict[str, list[TeamTurnView]] = field(default_factory=dict)
    batch: BatchResult | None = None
    levels: dict[str, str] = field(default_factory=dict)  # the computer's level per role (default normal)
    custom_events: dict[int, CustomEvent] = field(default_factory=dict)  # the teacher's own, by event row
    baseline: np.ndarray | None = None  # do-nothing scores of roles judged against doing nothing (game.play.victory)
    do_nothing: list[str] = field(default_factory=list)  # those roles


# The cover's kicker for each kind of game.
KINDS = {"class game": N_("Multivector · debrief of a class game"), "run": N_("Multivector · debrief of a run")}
# Where a team's orders came from (game.report.newspaper.SOURCE_LABEL's words), marked here for the catalog.
SOURCE_WORDS = (
    N_("orders file"), N_("played by the computer"), N_("held (no orders)"), N_("submitted from the browser")
)


def _e(text: object) -> str:
    return html.escape(str(text))


def _t(text: str) -> str:
    """The catalog's text for HTML: ``&``, ``<`` and ``>`` escaped, quotes and apostrophes kept."""
    return html.escape(text, quote=False)


def _tag(name: str, text: str, attributes: str = "") -> str:
    """``<h2>1. The briefing</h2>``: a catalog's text in an element (escaped as :func:`_t` does)."""
    return f"<{name}{attributes}>{_t(text)}</{name}>"


def _th(text: str) -> str:
    """A right-aligned column heading (a column of numbers)."""
    return _tag("th", text, " class=num")


REMARKABLE = (10.0, 90.0)  # only results outside this percentile band are reported


def _rank_phrase(rank: float) -> str:
    """``above every simulated world`` / ``above 93% of simulated worlds`` / ``below every …``.

    >>> [_rank_phrase(r) for r in (100.0, 0.0)]
    ['above every simulated world', 'below every simulated world']
    >>> [_rank_phrase(r) for r in (93.4, 4.0)]
    ['above 93% of simulated worlds', 'below 96% of simulated worlds']
    """
    if rank >= 100.0:
        return _("above every simulated world")
    if rank <= 0.0:
        return _("below every simulated world")
    if rank >= 50.0:
        return _("above {share} of simulated worlds").format(share=format_share(math.floor(rank) / 100.0))
    return _("below {share} of simulated worlds").format(share=format_share(math.floor(100.0 - rank) / 100.0))


def percentile_text(rank: float) -> str:
    """A percentile for a table cell: ``37%``, ``above all`` (100) or ``below all`` (0).

    >>> [percentile_text(r) for r in (100.0, 99.6, 37.2, 0.4, 0.0)]
    ['above all', '>99%', '37%', '<1%', 'below all']
    """
    if rank >= 100.0:
        return _("above all")
    if rank <= 0.0:
        return _("below all")
    if rank > 99.0:
        return ">" + format_share(0.99)
    if rank < 1.0:
        return "<" + format_share(0.01)
    return format_share(rank / 100.0)


SMALL_GAP = 1.0
"""A result closer than this to the computer median (in points, 0–100) is said in points before its rank."""


def is_remarkable(rank: float) -> bool:
    """Outside the 10–90% band of the computer runs."""
    return rank < REMARKABLE[0] or rank > REMARKABLE[1]


class Comparison(NamedTuple):
    """One remarkable result against the computer runs: its role, the sentence, its percentile, and the group of
    the largest cause pushing it that way when that was not a team's decision (``injected``, ``orders``,
    ``projects``; empty otherwise, see :func:`game.report.blame.push_clause`)."""

    role: str
    sentence: str
    rank: float
    push: str = ""


def comparison_sentences(data: DebriefInput, final: np.ndarray, words: CauseWords | None = None) -> list[Comparison]:
    """A :class:`Comparison` for each team (or each role in a run) against the computer runs.

    Only results outside the 10–90% band of the computer runs are returned: "below 68% of
    simulated worlds" is what one expects by chance and tells the class nothing. When the largest cause
    pushing a result that way was a teacher's injection or a role the computer played, the sentence names it.
    """
    if data.batch is None:
        return []
    words = words or CauseWords()
    sample = data.batch.final
    roles = data.teams or list(ROLES)
    decided = decided_teams(data)
    found = []
    for role in roles:
        if role in COUNTRIES:
            keys = [(f"headline.{role}.{p}", _("its ties to {power}").format(power=place_name(p))) for p in POWERS]
            keys.append((f"autonomy.{role}", _("autonomy")))
        else:
            keys = [(f"headline.{c}.{role}", _("{country}'s ties to it").format(country=place_name(c)))
                    for c in COUNTRIES]
        keys.append((f"score.{role}", _("its score")))
        for key, what in keys:
            column = METRIC_INDEX[key]
            rank = percentile_rank(sample[:, column], float(final[column]))
            if not is_remarkable(rank):
                continue
            subject = place_name(role)
            if data.teams:
                subject = (_("Your {role}") if role in decided else _("{role} (played by the computer)")).format(
                    role=subject)
            sentence = _comparison(subject, what, float(final[column]), sample[:, column], data.game.turn)
            gap = float(final[column]) - float(np.median(sample[:, column]))
            push = largest_push(data.game, key, gap) if gap else None
            clause = push_clause(push, gap, role, data.teams, decided, words)
            found.append(Comparison(role, sentence + clause, rank, push.group if clause and push else ""))
    return found


def usual_score_sentence(team: str, final: np.ndarray, sample: np.ndarray) -> str:
    """For a team whose score lay within the computer's usual band, a line that says so (else empty): the
    section would otherwise not mention that team at all."""
    column = METRIC_INDEX[f"score.{team}"]
    if is_remarkable(percentile_rank(sample[:, column], float(final[column]))):
        return ""
    return _("Your {role} ended with a score of {value}, within the middle {share} of the computer runs "
             "(median {median}).").format(role=place_name(team), value=format_number(float(final[column]), 1),
                                          share=format_share(0.8),
                                          median=format_number(float(np.median(sample[:, column])), 1))


def _comparison(subject: str, what: str, value: float, sample: np.ndarray, turns: int) -> str:
    """One result against the computer runs: its rank among them, or after a single quarter, when the runs
    have barely spread, the values and the runs' spread (a rank of 98% may then mean half a point)."""
    rank, median = percentile_rank(sample, value), float(np.median(sample))
    said = {"subject": subject, "what": what, "value": format_number(value, 1), "median": format_number(median, 1)}
    if turns > 1 and abs(value - median) >= SMALL_GAP:
        return _("{subject} ended {rank} in {what} ({value}; computer median {median}).").format(
            rank=_rank_phrase(rank), **said)
    if turns > 1:
        # The computer's runs can spread so little that a fraction of a point ranks "below 99%": the
        # sentence leads with the points, so a class does not read a small gap as a collapse.
        return _(
            "{subject} ended {gap} from the computer median in {what} ({value} against {median}): less than a "
            "point on the 0–100 scale, though {rank}, because the computer's runs differ little here."
        ).format(gap=signed(value - median, 1), rank=_rank_phrase(rank), **said)
    low, high = (float(v) for v in np.percentile(sample, [10.0, 90.0]))
    return _(
        "After one quarter, {subject} stood at {value} in {what}, {gap} from the computer median ({median}; the "
        "middle {share} of the runs {low}–{high}): one quarter shows a small difference, not yet a pattern."
    ).format(gap=signed(value - median, 1), share=format_share(0.8), low=format_number(low, 1),
             high=format_number(high, 1), **said)


CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; color: #1d1d1f; margin: 0;
       background: #fff; line-height: 1.4; font-size: 13px; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 40px; }
header.cover { border-bottom: 4px solid #0072B2; padding-bottom: 10px; margin-bottom: 14px; }
header.cover .kicker { text-transform: uppercase; letter-spacing: 2px; font-size: 11px; color: #0072B2;
                       font-weight: 700; }
header.cover h1 { font-size: 28px; margin: 4px 0 6px; }
header.cover .meta { color: #555; font-size: 12px; }
h2 { font-size: 19px; margin: 26px 0 8px; padding-bottom: 3px; border-bottom: 1px solid #d0d0d0;
     break-after: avoid; }
h3 { font-size: 14px; margin: 14px 0 4px; break-after: avoid; }
p { margin: 6px 0; }
figure { margin: 8px 0 12px; break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { font-size: 11px; color: #555; margin-top: 2px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12px; break-inside: auto; }
th { text-align: left; background: #f2f4f7; font-weight: 600; }
th, td { padding: 4px 6px; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
blockquote { margin: 3px 0 0; padding: 2px 0 2px 8px; border-left: 3px solid #bbb; color: #444;
             font-style: italic; }
.glance { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 18px; }
.glance li { margin: 2px 0; }
.card { border: 1px solid #e0e0e0; border-radius: 6px; padding: 8px 12px; margin: 8px 0;
        break-inside: avoid; }
.tag { display: inline-block; font-size: 10px; padding: 1px 6px; border-radius: 8px; background: #eef3f8;
       color: #0b4f7c; margin-left: 4px; }
.up { color: #0b6b3a; } .down { color: #a23b00; }
ol.questions li { margin: 6px 0; }
.note { color: #666; font-size: 11px; }
.scroll { overflow-x: auto; max-width: 100%; }
blockquote, td { overflow-wrap: break-word; }
@media print { main { padding: 0; } h2 { break-before: auto; } a { color: inherit; text-decoration: none; }
               .scroll { overflow: visible; } }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: 12px 12px 28px; }
  header.cover h1 { font-size: 23px; }
  h2 { font-size: 18px; }
  .glance { display: block; padding-left: 18px; }
  table { font-size: 13px; }
  .note, figcaption { font-size: 13px; }
  th, td { padding: 4px 4px; }
  .card { padding: 6px 8px; }
  /* A chart shrunk to a phone's width is unreadable: it keeps a readable size and scrolls in its box. */
  figure { overflow-x: auto; }
  figure img { max-width: none; width: 600px; margin: 0; }
}
"""


@dataclass(frozen=True)
class Words:
    """The debrief's texts from outside the catalog, in the current language: the scenario's (title, briefing,
    objectives, events) and the ledger's causes with the scenario's action and event titles."""

    scenario: ScenarioTexts
    causes: CauseWords

    @classmethod
    def of(cls, loaded: LoadedScenario) -> Words:
        """The words of ``loaded`` in the current language (its translation files', else its own)."""
        return cls(scenario_texts(loaded.scenario, loaded.path, current_language()), CauseWords.of(loaded))


def build_debrief(data: DebriefInput) -> str:
    """The whole report as one HTML string, in the current language."""
    world, game = data.world, data.game
    words = Words.of(data.loaded)
    lines = np.stack([metric_matrix(state.values[:1], world.weight)[0] for state in game.states])
    shifts = big_shifts(game, count=8, threshold=0.5)
    sentences = comparison_sentences(data, lines[-1], words.causes)
    sections = [
        _briefing(data, words),
        _at_a_glance(data, lines, sentences),
        _trajectories(data, lines),
        _triangle(data),
        _timeline(data, words),
        _big_shifts(shifts, words.causes),
        _team_decisions(data, lines, words.causes),
        _questions(data, shifts, sentences, words.causes),
    ]
    body = "\n".join([*_cover(data, words), *("<section>" + "\n".join(parts) + "</section>" for parts in sections)])
    title = _("Debrief — {title}").format(title=words.scenario.title)
    return (
        f"<!doctype html>\n<html lang={current_language()}><head><meta charset=utf-8>"
        f"<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _quarter_labels(data: DebriefInput) -> list[str]:
    """The quarter each state of the game stands for, the start first (``start`` in the current language)."""
    first, *later = state_labels(data.world.start_quarter, data.game.turn + 1)
    return [_("start") if first == START_LABEL else first, *later]


def _role(role: str) -> str:
    """``Kazakhstan (KZ)``: a role's name in the current language and its code."""
    return f"{place_name(role)} ({role})"


def _cover(data: DebriefInput, words: Words) -> list[str]:
    """The header: scenario, span, seed, settings and teams."""
    world, game = data.world, data.game
    first = quarter_text(quarter_name(world.start_quarter))
    last = quarter_text(quarter_name(world.start_quarter + game.turn - 1))
    settings = ", ".join(f"{k} = {format_number(v, _decimals(v))}" for k, v in sorted(data.settings.items()))
    teams = ", ".join(_role(t) for t in data.teams) or _("none (the computer played every role)")
    kicker = _(KINDS[data.kind]) if data.kind in KINDS else f"Multivector · {data.kind}"
    meta = ngettext(
        "{first} – {last} · {played} of {turns} turn · seed {seed} ·\nsettings: {settings}",
        "{first} – {last} · {played} of {turns} turns · seed {seed} ·\nsettings: {settings}",
        world.turns,
    ).format(first=first, last=last, played=format_number(game.turn), turns=format_number(world.turns),
             seed=data.seed, settings=settings or _("scenario defaults"))
    teams_line = _("Teams: {teams}").format(teams=teams)
    return [
        f"""<header class=cover><div class=kicker>{_e(kicker)}</div>
<h1>{_e(words.scenario.title)}</h1>
<div class=meta>{_e(meta)}<br>{_e(teams_line)}</div></header>"""
    ]


def _decimals(value: float) -> int:
    """How many decimals ``{value:g}`` would show of a setting (at most six)."""
    shown = f"{value:g}"
    return len(shown.split(".", 1)[1]) if "." in shown and "e" not in shown else 0


def _briefing(data: DebriefInput, words: Words) -> list[str]:
    """Section 1: the scenario's briefing and the objectives of the roles played."""
    texts = words.scenario
    parts = [_tag("h2", _("1. The briefing"))]
    if texts.briefing_basic is not None:
        parts.append(f"<p>{_e(' '.join(texts.briefing_basic.split()))}</p>")
        if texts.briefing_advanced:
            parts.append(f"<p class=note>{_e(' '.join(texts.briefing_advanced.split()))}</p>")
    else:
        parts.append(f"<p>{_e(texts.summary)}</p>")
    rows = "".join(
        f"<tr><td>{_e(_role(r))}</td><td>{_e(texts.objectives.get(r, ''))}</td></tr>" for r in data.teams or list(ROLES)
    )
    parts.append(
        "<div class=scroll><table><tr>"
        + _tag("th", _("role"))
        + _tag("th", _("objective"))
        + f"</tr>{rows}</table></div>"
    )
    return parts


def _at_a_glance(data: DebriefInput, lines: np.ndarray, sentences: list[Comparison]) -> list[str]:
    """Section 2: where this game ended among the computer runs, and every role's score."""
    parts = [_tag("h2", _("2. At a glance"))]
    if data.batch is not None:
        parts.append(
            "<p>"
            + _t(
                ngettext(
                    "The same scenario was played {runs} time by the computer on every role (seed {seed}, the same "
                    "luck of the draw as this game in world 0). Where did this game end among those simulated "
                    "worlds?",
                    "The same scenario was played {runs} times by the computer on every role (seed {seed}, the same "
                    "luck of the draw as this game in world 0). Where did this game end among those simulated "
                    "worlds?",
                    data.batch.runs,
                )
            ).format(runs=f"<b>{format_number(data.batch.runs)}</b>", seed=data.batch.seed)
            + "</p>"
        )
        by_computer = [place_name(team) for team in data.teams if team not in decided_teams(data)]
        if by_computer:
            names = by_computer[0]
            for name in by_computer[1:]:
                names = _("{first} and {second}").format(first=names, second=name)
            parts.append(
                "<p>"
                + _t(
                    _(
                        "{teams}: no orders were handed in, so the computer chose the orders in every quarter "
                        "played, as in its own runs. Those results compare the computer with itself under other "
                        "luck; they say nothing about a team's decisions."
                    )
                ).format(teams=f"<b>{_e(names)}</b>")
                + "</p>"
            )
        # The teams' own results first: the class reads this section for what it did.
        decided = decided_teams(data)
        picked = sorted(sentences, key=lambda item: (item.role not in decided, -abs(item.rank - 50.0)))[:10]
        usual = [usual_score_sentence(team, lines[-1], data.batch.final) for team in decided]
        items = [text for text in usual if text] + [item.sentence for item in picked]
        if picked:
            parts.append("<ul class=glance>" + "".join(f"<li>{_e(text)}</li>" for text in items) + "</ul>")
        else:
            nothing = (
                _(
                    "Every result of the teams lay within the middle {share} of the computer runs (10th–90th "
                    "percentile): nothing stood out from what the computer usually gets."
                )
                if data.teams
                else _(
                    "Every result of this game lay within the middle {share} of the computer runs (10th–90th "
                    "percentile): nothing stood out from what the computer usually gets."
                )
            )
            parts.append(f"<p>{_t(nothing.format(share=format_share(0.8)))}</p>")
    paired = "".join(
        " "
        + _(
            "{role}'s target is different: beat what {role} would score doing nothing (the same game, with the "
            "same events, luck and opponents, and no orders from it)."
        ).format(role=place_name(role))
        for role in data.do_nothing
    )
    note = (
        _t(_(
            "A role wins when its score at the end reaches its target: the scenario's par for that role against "
            "opponents of the computer's level (teams count as normal players), the median score of the "
            "computer's own games in that role, which the computer reaches in about half of them."
        ))
        + _e(paired)
        + " "
        + _t(_("The margin is the score minus the target."))
        if data.world.has_targets
        else _t(_(
            "No victory targets: this game was shorter than the scenario, whose targets are for its full length."
        ))
    )
    parts.append(f"<p class=note>{note}</p>")
    headings = (
        "<tr>"
        + _tag("th", _("role"))
        + _th(_("score at start"))
        + _th(_("at end"))
        + _th(_("change"))
        + _th(_("target"))
        + _th(_("margin"))
        + _tag("th", _("result"))
        + _th(_("team's percentile among computer runs") if data.teams else _("percentile among computer runs"))
        + "</tr>"
    )
    parts.append("<div class=scroll><table>" + headings + "".join(_score_rows(data, lines)) + "</table></div>")
    return parts


def _score_rows(data: DebriefInput, lines: np.ndarray) -> list[str]:
    """One table row per role: start, end, change, target, result and percentile."""
    final, start_scores = lines[-1], lines[0]
    scores = final[[METRIC_INDEX[f"score.{role}"] for role in ROLES]]
    targets, reached = victory(data.world, scores, data.levels, data.baseline)
    rows = []
    digits = 2 if data.world.has_targets else 1  # as many decimals as the targets, where a score meets one
    for index, role in enumerate(ROLES):
        column = METRIC_INDEX[f"score.{role}"]
        change = final[column] - start_scores[column]
        won = bool(reached[index])
        shown = round(change, digits)  # the class follows the sign a reader sees: 0.0 is neither
        cls = "up" if shown > 0 else "down" if shown < 0 else ""
        result_class = ("up" if won else "down") if data.world.has_targets else "num"
        rank = ""
        if data.batch is not None and (role in data.teams or not data.teams):
            rank = (percentile_text(percentile_rank(data.batch.final[:, column], float(final[column]))))
        elif data.batch is not None:
            rank = _tag("span", _("computer"), " class=note")
        team = _tag("span", _("team"), " class=tag") if role in data.teams else ""
        result = (_("won") if won else _("missed")) if data.world.has_targets else "—"
        rows.append(
            f"<tr><td>{_e(_role(role))}{team}</td><td class=num>{format_number(start_scores[column], digits)}</td>"
            f"<td class=num>{format_number(final[column], digits)}</td><td class='num {cls}'>{signed(change, digits)}"
            f"</td><td class=num>{format_target(targets[index])}</td>"
            f"<td class=num>{_margin_text(float(scores[index] - targets[index]))}</td>"
            f"<td class={result_class}>{_e(result)}</td><td class=num>{rank}</td></tr>"
        )
    return rows


def _margin_text(margin: float) -> str:
    """A score minus its target with the target's two decimals (``+0.72``), a dash without a target.

    >>> _margin_text(0.724), _margin_text(-0.2), _margin_text(float("nan"))
    ('+0.72', '−0.20', '—')
    """
    return signed(margin, 2) if np.isfinite(margin) else "—"


def _trajectories(data: DebriefInput, lines: np.ndarray) -> list[str]:
    """Section 3: fan charts of dependence and scores against the computer runs."""
    labels = _quarter_labels(data)
    bands = data.batch.bands if data.batch is not None else np.repeat(lines[:, :, None], 4, axis=2)
    if data.batch is not None and bands.shape[0] != lines.shape[0]:
        bands = bands[: lines.shape[0]]
    return [
        _tag("h2", _("3. Trajectories")),
        _figure(
            fan_dependence(
                bands, labels, _("Each state's dependence on each power"), lines=lines, language=current_language()
            ),
            _(
                "Headline dependence (0–100): the weighted share of each state's trade, energy, security, finance, "
                "labour and transport that runs through each power. Solid: this game."
            ),
        ),
        _figure(
            fan_scores(
                bands, labels, _("This game against the computer"), lines=lines, roles=data.teams or list(ROLES),
                language=current_language(),
            ),
            _("Scores (0–100) of the teams (solid) against the computer runs' median and 10–90% band."),
        ),
    ]


def _triangle(data: DebriefInput) -> list[str]:
    """Section 4: each state's path between Russia, China and the West."""
    cloud = _batch_end_points(data.batch) if data.batch is not None else None
    return [
        _tag("h2", _("4. The triangle view")),
        "<p>"
        + _t(
            _(
                "Each triangle places a state between Russia, China and the West by the mix of its dependence: at a "
                "corner it leans on one power alone; at the centre (+) its outside ties are balanced. The line is "
                "this game's path from the open circle (start) to the black dot (end); grey dots are where the "
                "computer runs ended."
            )
        )
        + "</p>",
        _figure(
            triangle_view(
                headline_history(data.game), cloud, _("Between Russia, China and the West"), language=current_language()
            ),
            "",
        ),
    ]


def _timeline(data: DebriefInput, words: Words) -> list[str]:
    """Section 5: the events that fired, each with its source (the scenario's translated title, text and quote
    where it has a translation)."""
    parts = [_tag("h2", _("5. Timeline of events"))]
    stories = event_stories(data.world, data.loaded, data.game, custom_events=data.custom_events)
    if not stories:
        parts.append(_tag("p", _("No scenario event fired in this game.")))
        return parts
    by_title = {event.title: words.scenario.events[event.id] for event in data.loaded.scenario.events}
    rows = []
    for story in stories:
        texts = by_title.get(story.title)
        title, text = (texts.title, " ".join(texts.text.split())) if texts else (story.title, story.text)
        tag = f"<span class=tag>{_t(_(EVENT_TAGS[story.tag]) if story.tag in EVENT_TAGS else story.tag)}</span>"
        if story.injected:
            tag += _tag("span", _("injected by the teacher"), " class=tag")
        translation = texts.quote_translation if texts else None
        said = f"“{_e(story.quote)}”" + (f" ({_e(translation)})" if translation else "") + " — " if story.quote else ""
        cite = f"<a href=\"{_e(story.link)}\">{_e(story.source)}</a>" if story.link else _e(story.source)
        quote = f"<blockquote>{said}{cite}</blockquote>" if story.source else ""
        rows.append(
            f"<tr><td>{_e(quarter_text(story.quarter))}</td><td><b>{_e(title)}</b> {tag}<br>{_e(text)}{quote}</td></tr>"
        )
    parts.append(
        "<div class=scroll><table><tr>"
        + _tag("th", _("quarter"))
        + _tag("th", _("event (historical, counterfactual or random), what happened, and the source"))
        + "</tr>"
        + "".join(rows)
        + "</table></div>"
    )
    return parts


def _big_shifts(shifts: list[Shift], words: CauseWords) -> list[str]:
    """Section 6: the largest one-quarter changes with their three largest causes."""
    parts = [
        _tag("h2", _("6. The big shifts and why they happened")),
        "<p>"
        + _t(
            _(
                "The largest one-quarter changes of dependence, each with its three largest causes from the ledger "
                "(every change in the model is recorded with its cause; all causes add up to the change)."
            )
        )
        + "</p>",
    ]
    if not shifts:
        parts.append(_tag("p", _("No shift of half a point or more.")))
    for shift in shifts:
        causes = "".join(
            f"<tr><td>{_e(words.cause(c.text))}</td><td>{_e(cause_words(c))}</td>"
            f"<td class=num>{signed(c.points, 2)}</td></tr>"
            for c in shift.causes[:3]
        )
        rest = sum(c.points for c in shift.causes[3:])
        if len(shift.causes) > 3:
            smaller = len(shift.causes) - 3
            many = ngettext("{count} smaller cause", "{count} smaller causes", smaller)
            causes += (
                f"<tr><td class=note colspan=2>{_e(many.format(count=format_number(smaller)))}</td>"
                f"<td class=num>{signed(rest, 2)}</td></tr>"
            )
        parts.append(
            f"<div class=card><h3>{_e(quarter_text(shift.quarter))}: {_e(shift.headline_text)} "
            f"({format_number(shift.before, 1)} → {format_number(shift.after, 1)})</h3><div class=scroll><table>"
            + "<tr>" + _tag("th", _("cause")) + _tag("th", _("kind")) + _th(_("points")) + "</tr>"
            + f"{causes}</table></div></div>"
        )
    return parts


def _team_decisions(data: DebriefInput, lines: np.ndarray, words: CauseWords) -> list[str]:
    """Section 7: each team's orders quarter by quarter with its score after them."""
    heading = _("7. The teams' decisions and scores")
    parts = [f"<h2>{_t(heading)}</h2>"]
    if not data.teams:
        nobody = _("No teams: the computer played every role. Its orders are in the run's save.json.")
        parts.append(f"<p>{_t(nobody)}</p>")
    titles = dict(zip(data.world.actions.ids, data.world.actions.titles, strict=True))
    for team in data.teams:
        column = METRIC_INDEX[f"score.{team}"]
        rows = []
        for turn, view in enumerate(data.decisions.get(team, [])):
            orders = "; ".join(words.order(order, titles) for order in view.orders) or _("no orders")
            score = lines[turn + 1, column]
            delta = score - lines[turn, column]
            label = BROWSER_LABEL if view.from_browser else SOURCE_LABEL.get(view.source, view.source)
            source = _(label)
            rows.append(
                f"<tr><td>{_e(quarter_text(view.quarter))}</td><td>{_e(orders)}</td><td class=note>{_e(source)}</td>"
                f"<td class=num>{format_number(score, 1)}</td><td class=num>{signed(delta, 1)}</td></tr>"
            )
        heading = _("{role} — final score {score}").format(role=_role(team), score=format_number(lines[-1, column], 1))
        parts.append(f"<h3>{_e(heading)}</h3>")
        if team not in decided_teams(data):
            computer = _("No orders were handed in: every order below is the computer's.")
            parts.append(f"<p class=note>{_t(computer)}</p>")
        parts.append(
            "<div class=scroll><table><tr>"
            + _tag("th", _("quarter"))
            + _tag("th", _("orders"))
            + _tag("th", _("from"))
            + _th(_("score after"))
            + _th(_("change"))
            + "</tr>"
            + "".join(rows)
            + "</table></div>"
        )
        parts += _pushback(data.game, team, words)
    return parts


def _pushback(game: Game, team: str, words: CauseWords) -> list[str]:
    """The dependences that moved against a team's orders over the game, with what outweighed them (the
    ledger's answer to "our orders did nothing")."""
    found = []
    for country, power in role_pairs(team):
        causes = [(cause.text, cause.points) for cause in game_causes(game, country, power)]
        sentence = pushback_sentence(team, country, power, causes, words=words)
        if sentence:
            found.append(f"<li>{_e(sentence)}</li>")
    if not found:
        return []
    heading = _t(_("{moved} (over the game, by the ledger):")).format(moved=_tag("b", _("Moved against your orders")))
    return [f"<p>{heading}</p><ul>", *found, "</ul>"]


def _questions(data: DebriefInput, shifts: list[Shift], sentences: list[Comparison], words: CauseWords) -> list[str]:
    """Section 8: questions for discussion, and how to read the report."""
    how = _(
        "How to read this report: dependence scores are 0–100 (share of a state's weighted exposure running "
        "through a power); autonomy is 100·(1 − √Σ D²); percentiles count the computer runs below this game's "
        "value (ties count half), for the teams' roles; results inside the 10–90% band are not listed at a "
        "glance. Made by {command} from the game's own records."
    )
    return [
        _tag("h2", _("8. Questions for discussion")),
        "<ol class=questions>"
        + "".join(f"<li>{_e(q)}</li>" for q in discussion_questions(data, shifts, sentences, words))
        + "</ol>",
        f"<p class=note>{_t(how).format(command='<code>multivector report</code>')}</p>",
    ]


def _figure(png: bytes, caption: str) -> str:
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    alt = _e(caption or _("chart"))
    return f"<figure><img alt='{alt}' src='{data_uri(png)}'>{cap}</figure>"


def _batch_end_points(batch: BatchResult) -> np.ndarray:
    """(R, C, P) headline dependence at the end of each computer run."""
    columns = [METRIC_INDEX[f"headline.{c}.{p}"] for c in COUNTRIES for p in POWERS]
    return batch.final[:, columns].reshape(batch.runs, len(COUNTRIES), len(POWERS))


__all__ = ["METRICS", "DebriefInput", "TeamTurnView", "build_debrief"]
