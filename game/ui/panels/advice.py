"""The advice in the order form, in words and colours: what the others' orders cost the team last quarter (the
costliest named, the rest summed, adding up as shown) and the team's answers now, each a link that composes its
order (:mod:`game.play.advice` finds them; this module only writes them)."""

from __future__ import annotations

from game.i18n import _, format_change, place_name
from game.play.advice import Advice, Answer, Reply, RestReply
from game.play.rounding import shared_rounding
from game.play.session import Session
from game.play.stakes import acting_text, by_end_text
from game.ui.markup import esc, font
from game.ui.panels.base import action_title
from game.ui.theme import Palette, role_title

ANSWER_LINK = "answer:"  # a link's target: ``answer:<index in Advice.answers>``
BACK_LINK = "advice"  # the link from a chosen order back to the advice
SIZE = 13  # the order form's type


def answer_link(index: int) -> str:
    """The link target of the advice's ``index``-th answer."""
    return f"{ANSWER_LINK}{index}"


def answer_of_link(advice: Advice | None, target: str) -> Answer | None:
    """The answer a clicked link stands for (None for another link, or one no longer offered)."""
    if advice is None or not target.startswith(ANSWER_LINK) or not target[len(ANSWER_LINK) :].isdigit():
        return None
    index = int(target[len(ANSWER_LINK) :])
    answers = advice.answers
    return answers[index] if index < len(answers) else None


def advice_lines(session: Session, advice: Advice, palette: Palette) -> list[str]:
    """The advice as lines of markup: the others' cost and its parts (rounded so that they add up as shown), each
    costly order with its answers (links: the order, its stake and when it acts), and why none can be given."""
    cost = advice.cost
    total = cost.shown_total  # as the turn summary wrote it
    shown = shared_rounding(cost.parts, total)
    header = _("Last quarter the others' orders changed your score by {change}:").format(change=format_change(total, 2))
    lines = ["<b>" + font(esc(header), palette.text, SIZE) + "</b>"]
    if advice.blocked:  # first, where a small window shows it without scrolling
        lines.append(font(esc(advice.blocked), palette.warning, SIZE))
    index = 0
    for reply, amount in zip(advice.replies, shown, strict=False):
        order = reply.order
        given = _("{role}: {action} · {target} {change}").format(
            role=role_title(order.role),
            action=action_title(session, order.action),
            target=place_name(order.target),
            change=format_change(amount, 2),
        )
        lines.append(font(esc(given), palette.danger, SIZE))
        index = reply_lines(session, reply, index, advice.blocked, palette, lines)
    rest = _("other orders of theirs: {change}").format(change=format_change(shown[-1], 2))
    lines.append(font(esc(rest), palette.danger if advice.rest is not None else palette.text_dim, SIZE))
    if advice.rest is not None:
        index = reply_lines(session, advice.rest, index, advice.blocked, palette, lines)
    if not advice.blocked:
        hint = _("Click an answer (or press V) to compose its order, then Queue it (Enter).")
        lines.append(font(esc(hint), palette.text_dim, SIZE))
    return lines


def reply_lines(
    session: Session, reply: Reply | RestReply, index: int, blocked: str, palette: Palette, lines: list[str]
) -> int:
    """A reply's answers (links numbered from ``index``), or why there is none, appended to ``lines``; returns the
    next answer's index."""
    if isinstance(reply, Reply) and reply.note and reply.answers:  # why the answers are elsewhere
        lines.append(font("&nbsp;&nbsp;" + esc(reply.note), palette.text_dim, SIZE))
    for answer in reply.answers:
        lines.append("&nbsp;&nbsp;" + answer_markup(session, answer, index, palette))
        index += 1
    if not reply.answers and not blocked:
        lines.append(font("&nbsp;&nbsp;" + esc(reply.none_why), palette.text_dim, SIZE))
    return index


def answer_markup(session: Session, answer: Answer, index: int, palette: Palette) -> str:
    """An answer: its order as a link, then what it adds when it acts (the unit of the costs above, and of the
    turn summary) and by the end of the game, and whether the team gave it last quarter."""
    order = _("{action} · {target}").format(
        action=action_title(session, answer.action), target=place_name(answer.target)
    )
    terms = _("{acting} · {by_end}").format(
        acting=acting_text(answer.acting_value, answer.span), by_end=by_end_text(answer.stake)
    )
    link = f'<a href="{answer_link(index)}">{font(esc(order), None, SIZE)}</a>'
    markup = link + font(esc(": ") + esc(terms), palette.good, SIZE)
    if answer.repeated:
        # Still the best after its fatigue is counted: say it is the same answer again, and why it is worth less.
        again = _("again, as last quarter: recent use weakens it, counted in these figures")
        markup += font(esc(" (" + again + ")"), palette.text_dim, SIZE)
    return markup


def back_link() -> str:
    """The chosen order's link back to the advice (on its title's line: a small window's order has few lines)."""
    label = _("back to the advice (Esc)")
    return f'<a href="{BACK_LINK}">{font(esc(label), None, SIZE)}</a>'
