"""The computer players' reasons in words, in the current language.

The engine says why the computer gave an order as data (``game.engine.ai.reasons.OrderReason``); this
module writes it as one line, e.g. ``China offers Kyrgyzstan a loan: Kyrgyzstan's finance dependence on
China is 21/100 (worth +0.14 to its score by the end)``. English is written as the news, the ledger view,
the reports and the ledger CSV have always shown it; other languages name the order as the news names a
player's own (``Китай: Предоставить кредит → Кыргызстан``, the scenario's translated action title) and say
the whole reason in their words: the variable, its value, the worth, the rival's project or the event.

Kept out of ``game/__init__``'s imports: it reads the engine's layout, imported only where a game is played.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.ai.reasons import OrderReason, ReasonKind, Rule, Threat
from game.engine.layout import variable_label
from game.engine.orders import Order
from game.engine.world import World
from game.i18n.catalog import N_, _, current_language, language_scope, ngettext
from game.i18n.formatting import format_number, place_name
from game.i18n.languages import SOURCE_LANGUAGE

# The English words of an order of the action catalogue, ``{giver}`` and ``{target}`` the roles' names.
VERBS = {
    "summit": "holds a summit with {t}",
    "investment": "invests in {t}",
    "loan": "offers {t} a loan",
    "trade_deal": "offers {t} a trade deal",
    "energy_deal": "signs an energy deal with {t}",
    "security_assistance": "gives {t} security assistance",
    "corridor_project": "builds a corridor through {t}",
    "pipeline_project": "starts building a pipeline with {t}",
    "sanctions": "sanctions {t}",
    "secondary_sanctions": "threatens {t} with secondary sanctions",
    "pressure": "puts pressure on {t}",
    "media_campaign": "runs a media campaign in {t}",
    "open_labour_market": "opens its labour market to {t}'s migrants",
    "migrant_crackdown": "cracks down on migrants from {t}",
    "host_summit": "hosts a summit with {t}",
    "sign_deal": "signs a trade deal with {t}",
    "join_initiative": "joins an initiative led by {t}",
    "leave_initiative": "steps back from an initiative led by {t}",
    "diversify_routes": "diversifies its routes away from {t}",
    "comply_with_sanctions": "complies with sanctions on {t}",
    "evade_sanctions": "quietly lets re-exports flow to {t}",
    "invite_migrant_deal": "seeks a migrant-labour agreement with {t}",
}

# A state's dependence on a power through one channel: when the state is the order's giver ("its"), and not.
_OWN_DEPENDENCE = {
    "trade": N_("its trade dependence on {power} is {value}"),
    "energy": N_("its energy dependence on {power} is {value}"),
    "security": N_("its security dependence on {power} is {value}"),
    "finance": N_("its finance dependence on {power} is {value}"),
    "labour": N_("its labour dependence on {power} is {value}"),
    "transport": N_("its transport dependence on {power} is {value}"),
}
_DEPENDENCE = {
    "trade": N_("{country}'s trade dependence on {power} is {value}"),
    "energy": N_("{country}'s energy dependence on {power} is {value}"),
    "security": N_("{country}'s security dependence on {power} is {value}"),
    "finance": N_("{country}'s finance dependence on {power} is {value}"),
    "labour": N_("{country}'s labour dependence on {power} is {value}"),
    "transport": N_("{country}'s transport dependence on {power} is {value}"),
}
_OWN_BLOCK = {
    "stability": N_("its stability is {value}"),
    "prosperity": N_("its prosperity is {value}"),
}
_BLOCK = {
    "stability": N_("{country}'s stability is {value}"),
    "prosperity": N_("{country}'s prosperity is {value}"),
}
_RULES = {
    Rule.LEAST_DEPENDENT: N_("the partner it depends on least (dependence {shares})"),
    Rule.MOST_DEPENDENT: N_("the power it depends on most (dependence {shares})"),
    Rule.OPEN_DOORS: N_("a rule of thumb: keep every door open (dependence {shares})"),
}


def order_phrase(world: World, order: Order) -> str:
    """An order in English words: ``China offers Kyrgyzstan a loan`` (an action outside the catalogue:
    ``China: Its title · Kyrgyzstan``)."""
    template = VERBS.get(order.action)
    target = place_name(order.target, SOURCE_LANGUAGE)
    giver = place_name(order.role, SOURCE_LANGUAGE)
    if template is None:
        return f"{giver}: {world.actions.titles[world.actions.index(order.action)]} · {target}"
    return f"{giver} {template.format(t=target)}"


def order_line(order: Order, action_title: str) -> str:
    """``Казахстан: Провести саммит → Россия``: an order with its giver, in the current language."""
    return _("{giver}: {action} → {target}").format(
        giver=place_name(order.role), action=action_title, target=place_name(order.target)
    )


def _figure(value: float, decimals: int = 0) -> str:
    """``value`` rounded as Python rounds it (the English reasons' own digits), written the language's way."""
    return format_number(round(value, decimals), decimals)


def _score(value: float) -> str:
    return _("{value}/100").format(value=_figure(value))


def variable_phrase(column: int, value: float, giver: str) -> str:
    """A variable and its value (0–100) in words: ``Kyrgyzstan's energy dependence on Russia is 62/100``
    (``its`` when the state is ``giver``, the order's giver)."""
    block, codes = variable_label(column)
    said = _score(value)
    country = place_name(codes["country"]) if "country" in codes else ""
    power = place_name(codes["power"]) if "power" in codes else ""
    own = codes.get("country") == giver
    if block == "dependence" and codes["channel"] in _DEPENDENCE:
        message = (_OWN_DEPENDENCE if own else _DEPENDENCE)[codes["channel"]]
        return _(message).format(country=country, power=power, value=said)
    if block == "favour":
        return _("{power}'s standing with the public in {country} is {value}").format(
            power=power, country=country, value=said
        )
    if block == "tension":
        return _("tension between {country} and {power} is {value}").format(country=country, power=power, value=said)
    if block in _BLOCK:
        return _((_OWN_BLOCK if own else _BLOCK)[block]).format(country=country, value=said)
    return _("{variable} is {value}").format(variable=block, value=said)


def _threat_phrase(
    world: World, threat: Threat, actions: Mapping[str, str], events: Mapping[str, str], english: bool
) -> str:
    """``, rising with Russia's pipeline under way``: the rival's project or the event pushing the variable (English
    names it by the world's titles, the project's in lower case; other languages by the scenario's translated ones)."""
    if threat.event >= 0:
        name = world.events.titles[threat.event]
        name = name if english else events.get(world.events.ids[threat.event], name)
    else:
        title = world.actions.titles[threat.action]
        project = title.lower() if english else actions.get(world.actions.ids[threat.action], title)
        name = _("{owner}'s {project}").format(owner=place_name(threat.owner), project=project)
    if threat.rising:
        return _(", rising with {threat} under way").format(threat=name)
    return _(", falling with {threat} under way").format(threat=name)


def _rule_phrase(reason: OrderReason) -> str:
    if reason.rule is Rule.PUBLIC_STANDING:
        return _("{power}'s standing with the public there is {value} (its #{rank} in the region)").format(
            power=place_name(reason.order.role), value=_score(reason.standing), rank=format_number(reason.rank)
        )
    shares = ", ".join(f"{place_name(power)} {_figure(share)}" for power, share in reason.dependence)
    return _(_RULES[reason.rule or Rule.OPEN_DOORS]).format(shares=shares)


def order_head(world: World, order: Order, actions: Mapping[str, str] | None = None) -> str:
    """An order as the news opens its line, in the current language: English says it as a sentence
    (``Kazakhstan hosts a summit with Russia``), the others as ``giver: action → target`` with ``actions``'
    title for it (the world's English title where one is missing)."""
    if current_language() == SOURCE_LANGUAGE:
        phrase = order_phrase(world, order)
        return phrase[:1].upper() + phrase[1:]  # "The West runs …" opens a line
    fallback = world.actions.titles[world.actions.index(order.action)]
    return order_line(order, (actions or {}).get(order.action, fallback))


def reason_text(
    world: World,
    reason: OrderReason,
    actions: Mapping[str, str] | None = None,
    events: Mapping[str, str] | None = None,
) -> str:
    """One computer order with why it was given, in the current language.

    ``actions`` and ``events``: the scenario's action and event titles in the language, by id (the world's
    English titles where one is missing); English always uses the world's own.
    """
    english = current_language() == SOURCE_LANGUAGE
    order = reason.order
    head = order_head(world, order, actions)
    if reason.kind is ReasonKind.RULE_OF_THUMB:
        line = _("{order}: {reason} (easy player's rule of thumb)").format(order=head, reason=_rule_phrase(reason))
    elif reason.kind is ReasonKind.UNEXPLAINED:
        line = _("{order}: chosen by the computer").format(order=head)
    else:
        cause = variable_phrase(reason.variable, reason.value, order.role)
        if reason.threat is not None:
            cause += _threat_phrase(world, reason.threat, actions or {}, events or {}, english)
        worth = ("+" if reason.worth >= 0 else "−") + _figure(abs(reason.worth), 2)
        line = _("{order}: {cause} (worth {worth} to its score by the end)").format(
            order=head, cause=cause, worth=worth
        )
        if reason.hard and reason.plans > 1:
            others = reason.plans - 1
            line += ngettext(
                "; chosen over {count} other plan by look-ahead",
                "; chosen over {count} other plans by look-ahead",
                others,
            ).format(count=format_number(others))
        if reason.hard and reason.gain > 0:
            line += _(", +{gain} over the normal plan").format(gain=_figure(reason.gain, 2))
    return line[:1].upper() + line[1:]


def reason_lines(world: World, reasons: list[OrderReason]) -> list[str]:
    """The reasons in English, as the files programs read carry them (the ledger CSV's ``reason``)."""
    with language_scope(SOURCE_LANGUAGE):
        return [reason_text(world, reason) for reason in reasons]
