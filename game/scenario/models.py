"""Pydantic models of every file a scenario is made of.

Files: a scenario (``scenarios/*.yaml``), the action catalogue
(``scenarios/actions.yaml``) and a baseline (``scenarios/baseline/*.yaml``).
All models are frozen and forbid unknown keys, so a typo is an error, not a
silently ignored field. The JSON Schemas in ``scenarios/schema/`` are exported
from these models (``python -m game.scenario.schema``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from game.engine.codes import quarter_index
from game.i18n.catalog import _
from game.scenario.basics import (
    QUARTER_RANGE,
    Amount,
    ChannelCode,
    CountryCode,
    CountryOrPair,
    Identifier,
    LongText,
    PowerCode,
    PowerOrRelative,
    Quarter,
    RoleCode,
    RoleOrRelative,
    Share,
    ShortText,
    Strict,
)
from game.scenario.tutorial import Tutorial

# --------------------------------------------------------------------------- effects


class DependenceEffect(Strict):
    """Push a country's dependence on a power in one channel (a share, ±)."""

    var: Literal["dependence"]
    country: CountryOrPair = "pair"
    power: PowerOrRelative = "pair"
    channel: ChannelCode
    amount: Amount
    scale_by: Identifier | None = None


class RelationEffect(Strict):
    """Push public favour of a power, or tension with it, in a country."""

    var: Literal["favour", "tension"]
    country: CountryOrPair = "pair"
    power: PowerOrRelative = "pair"
    amount: Amount
    scale_by: Identifier | None = None


class CountryEffect(Strict):
    """Push a country's stability or prosperity index."""

    var: Literal["stability", "prosperity"]
    country: CountryOrPair = "pair"
    amount: Amount
    scale_by: Identifier | None = None


class RoleEffect(Strict):
    """Add to a role's capacity (points earned per turn) or points in hand."""

    var: Literal["capacity", "points"]
    role: RoleOrRelative
    amount: Annotated[float, Field(ge=-20.0, le=20.0, allow_inf_nan=False)]
    scale_by: Identifier | None = None


Effect = Annotated[
    DependenceEffect | RelationEffect | CountryEffect | RoleEffect,
    Field(discriminator="var"),
]


# --------------------------------------------------------------------------- actions


class ActionDef(Strict):
    """One kind of action: who may take it, on whom, its cost, timing and effects.

    Power actions target a country and country actions target a power; the two
    make the *pair* that effects with ``country: pair`` / ``power: pair`` refer to.
    ``effects`` apply in the turn the order is given; ``over_time`` effects are a
    project: they start ``lag`` turns later and apply each turn for ``duration``.
    """

    id: Identifier
    title: ShortText
    description: ShortText
    actors: list[RoleCode] = Field(min_length=1)
    targets: list[RoleCode] | None = Field(
        default=None, description="Who it may be aimed at (default: every country, or every power)"
    )
    cost: Annotated[float, Field(gt=0.0, le=20.0)]
    lag: Annotated[int, Field(ge=0, le=40)] = 0
    duration: Annotated[int, Field(ge=1, le=40)] = 1
    effects: list[Effect] = Field(default_factory=list)
    over_time: list[Effect] = Field(default_factory=list)
    builds: list[ChannelCode] = Field(
        default_factory=list,
        description="Rigid channels whose infrastructure this action builds: its pushes need none in place, and"
        " what they move on those channels moves the structural targets too (a built route stays)",
    )

    @model_validator(mode="after")
    def _actors_of_one_kind(self) -> ActionDef:
        kinds = {actor in ("RU", "CN", "WEST") for actor in self.actors}
        if len(kinds) > 1:
            raise ValueError(_("actors must be all powers or all countries"))
        if not self.effects and not self.over_time:
            raise ValueError(_("an action needs at least one effect"))
        if self.targets is not None:
            powers_act = next(iter(kinds))
            wrong = [t for t in self.targets if (t in ("RU", "CN", "WEST")) == powers_act]
            if wrong or not self.targets:
                raise ValueError(
                    _("power actions target countries and country actions target powers; not {roles}").format(
                        roles=", ".join(wrong))
                    if wrong else _("power actions target countries and country actions target powers")
                )
        return self


class ActionCatalogue(Strict):
    """The file of action kinds (``scenarios/actions.yaml``)."""

    actions: list[ActionDef] = Field(min_length=1)


# --------------------------------------------------------------------------- baseline


class SourceDoc(Strict):
    """A document that figures cite."""

    id: Identifier
    title: ShortText
    publisher: ShortText
    year: Annotated[int, Field(ge=1990, le=2030)]
    url: str | None = None


class Figure(Strict):
    """One published figure with its source."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]+$", max_length=80)]
    country: RoleCode | Literal["REGION"] | None = None
    statement: ShortText
    value: Annotated[float, Field(allow_inf_nan=False)]
    unit: Literal["share", "percent_gdp", "usd_bn", "usd_m", "count", "index", "bcm", "mt", "bool"]
    year: Annotated[int, Field(ge=1990, le=2030)]
    source: Identifier
    quote: Annotated[str, StringConstraints(max_length=600)] | None = None

    @model_validator(mode="after")
    def _shares_are_fractions(self) -> Figure:
        if self.unit == "share" and not 0.0 <= self.value <= 1.0:
            raise ValueError(_("a share must lie in [0, 1], got {value}").format(value=self.value))
        return self


class FromFigure(Strict):
    """A model value taken from a published figure (optionally scaled, with a reason)."""

    from_: str = Field(alias="from")
    scale: Annotated[float, Field(gt=0.0, le=10.0)] | None = None
    basis: ShortText | None = None

    @model_validator(mode="after")
    def _scaled_needs_basis(self) -> FromFigure:
        if self.scale is not None and self.basis is None:
            raise ValueError(_("a scaled figure needs a 'basis' saying why"))
        return self


class Judgement(Strict):
    """A modelled value derived from figures, with the reasoning (cite ids in [brackets])."""

    value: Annotated[float, Field(allow_inf_nan=False)]
    basis: ShortText


BaselineValue = FromFigure | Judgement


class Fact(Strict):
    """A yes/no fact shown to players, backed by a figure."""

    value: bool
    figure: str


class CountryBaseline(Strict):
    """The starting and structural state of one country."""

    name: ShortText
    capital: ShortText
    weights: dict[ChannelCode, Share]
    weights_basis: ShortText
    dependence: dict[ChannelCode, dict[PowerCode, BaselineValue]]
    favour: dict[PowerCode, BaselineValue]
    tension: dict[PowerCode, BaselineValue]
    stability: BaselineValue
    prosperity: BaselineValue
    capacity: BaselineValue | None = None
    facts: dict[Identifier, Fact] = Field(default_factory=dict)


class PowerBaseline(Strict):
    """The starting capacity of one outside power."""

    name: ShortText
    capacity: BaselineValue


class ChannelDynamics(Strict):
    """How one channel's shares move: how far orders push them, how fast they return, how much they wander.

    ``inertia`` multiplies the dependence pushes of every order and project on the channel;
    ``drift_rate`` is the share of the gap to the structural baseline closed each quarter;
    ``noise`` is the standard deviation of the quarterly random push. A ``rigid`` channel
    (energy and transport routes, arms supply) moves toward a power only along infrastructure
    that exists (see ``Infrastructure``) or through an action that builds it.
    """

    inertia: Annotated[float, Field(ge=0.0, le=1.0)]
    drift_rate: Annotated[float, Field(ge=0.0, le=0.5)]
    noise: Annotated[float, Field(ge=0.0, le=0.05)]
    rigid: bool = False
    basis: ShortText


class Link(Strict):
    """Infrastructure in place between a country and a power in a rigid channel (a pipeline, a route, a supply tie)."""

    country: CountryCode
    power: PowerCode
    channel: ChannelCode
    what: ShortText
    basis: ShortText


class Trend(Strict):
    """A structural trend: the share a country's channel drifts toward moves this much a year."""

    country: CountryCode
    power: PowerCode
    channel: ChannelCode
    per_year: Annotated[float, Field(ge=-0.2, le=0.2, allow_inf_nan=False)]
    basis: ShortText


class Baseline(Strict):
    """A baseline file: sources, figures, the model values built from them, and how they move."""

    id: Identifier
    year: Annotated[int, Field(ge=1990, le=2030)]
    title: ShortText
    sources: list[SourceDoc] = Field(min_length=1)
    figures: list[Figure] = Field(min_length=1)
    countries: dict[CountryCode, CountryBaseline]
    powers: dict[PowerCode, PowerBaseline]
    dynamics: dict[ChannelCode, ChannelDynamics]
    infrastructure: list[Link] = Field(default_factory=list)
    trends: list[Trend] = Field(default_factory=list)


# --------------------------------------------------------------------------- events


class Condition(Strict):
    """A test on the state, written as data: ``metric`` of the named codes above/below a value.

    Metrics: ``dependence`` (country, power, channel), ``headline`` (country,
    power: the weighted dependence score 0–1), ``favour``/``tension`` (country,
    power), ``stability``/``prosperity``/``autonomy`` (country, autonomy 0–1),
    ``capacity``/``points`` (role).
    """

    metric: Literal[
        "dependence", "headline", "favour", "tension", "stability", "prosperity",
        "autonomy", "capacity", "points",
    ]
    country: CountryCode | None = None
    power: PowerCode | None = None
    channel: ChannelCode | None = None
    role: RoleCode | None = None
    above: Annotated[float, Field(allow_inf_nan=False)] | None = None
    below: Annotated[float, Field(allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> Condition:
        if (self.above is None) == (self.below is None):
            raise ValueError(_("give exactly one of 'above' or 'below'"))
        needs = {
            "dependence": ("country", "power", "channel"),
            "headline": ("country", "power"),
            "favour": ("country", "power"),
            "tension": ("country", "power"),
            "stability": ("country",),
            "prosperity": ("country",),
            "autonomy": ("country",),
            "capacity": ("role",),
            "points": ("role",),
        }[self.metric]
        for name in ("country", "power", "channel", "role"):
            given = getattr(self, name) is not None
            if given and name not in needs:
                raise ValueError(_("metric '{metric}' takes no '{name}'").format(metric=self.metric, name=name))
            if not given and name in needs:
                raise ValueError(_("metric '{metric}' needs '{name}'").format(metric=self.metric, name=name))
        return self


PublicationDate = Annotated[
    str,
    StringConstraints(pattern=r"^(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    Field(description="When it was published: YYYY-MM-DD, or YYYY-MM / YYYY when no more is known"),
]
WebLink = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=400)]


class Citation(Strict):
    """Where an event comes from: the publication (outlet, title, date, link) and a short quote.

    A historical event needs all four of outlet, title, date and url (checked when the
    scenario loads); ``document`` is the older free-text name of a source, still read.
    """

    outlet: ShortText | None = Field(default=None, description="Who published it: 'The Diplomat', 'Eurasianet'")
    title: ShortText | None = Field(default=None, description="The headline or the document's title")
    date: PublicationDate | None = None
    url: WebLink | None = None
    quote: ShortText | None = Field(default=None, description="A few words from the publication, verbatim")
    document: ShortText | None = Field(default=None, description="Older free-text name of the source")


class Spread(Strict):
    """Effects spread over several turns, starting ``delay`` turns after the event fires."""

    turns: Annotated[int, Field(ge=1, le=40)]
    delay: Annotated[int, Field(ge=0, le=40)] = 0
    effects: list[Effect] = Field(min_length=1)


class LeverCondition(Strict):
    """A test on a lever's value, decided when the game starts (e.g. only if funded)."""

    lever: Identifier
    above: Annotated[float, Field(allow_inf_nan=False)] | None = None
    below: Annotated[float, Field(allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> LeverCondition:
        if (self.above is None) == (self.below is None):
            raise ValueError(_("give exactly one of 'above' or 'below'"))
        return self

    def holds(self, value: float) -> bool:
        """Whether the lever's value passes the test."""
        return value > self.above if self.above is not None else value < (self.below or 0.0)


class EventBase(Strict):
    """What every event has: identity, text, source, and its effects."""

    id: Identifier
    title: ShortText
    text: LongText
    tag: Literal["historical", "counterfactual", "random"] = "historical"
    source: Citation | None = None
    effects: list[Effect] = Field(default_factory=list)
    spread: Spread | None = None
    lasting: bool = Field(
        default=False,
        description="Its dependence effects move the structural targets too (a route opened, a contract that"
        " stays), so drift keeps them instead of pulling them back",
    )
    requires: list[LeverCondition] = Field(default_factory=list)


class ScriptedEvent(EventBase):
    """Fires in one quarter (if its conditions hold)."""

    type: Literal["scripted"]
    at: Quarter
    when: list[Condition] = Field(default_factory=list)


class RandomEvent(EventBase):
    """May fire in any quarter of a window, with a chance per quarter, if conditions hold.

    ``quarters`` limits it to some quarters of the year (``[4, 1]`` for winters).
    """

    type: Literal["random"]
    window: Window | None = None
    quarters: list[Literal[1, 2, 3, 4]] | None = None
    chance: Share
    when: list[Condition] = Field(default_factory=list)
    once: bool = True


class CrisisEvent(EventBase):
    """Starts when ``start_when`` holds and ends when ``end_when`` holds (hysteresis).

    ``effects`` and ``spread`` apply when it starts; ``ongoing`` effects apply every
    turn while it lasts. ``quarters`` limits when it may *start*.
    """

    type: Literal["crisis"]
    quarters: list[Literal[1, 2, 3, 4]] | None = None
    start_when: list[Condition] = Field(min_length=1)
    end_when: list[Condition] = Field(min_length=1)
    chance: Share = 1.0
    ongoing: list[Effect] = Field(default_factory=list)
    end_title: ShortText | None = None


class Window(Strict):
    """A span of quarters, both ends included."""

    start: Quarter
    end: Quarter


RandomEvent.model_rebuild()

Event = Annotated[ScriptedEvent | RandomEvent | CrisisEvent, Field(discriminator="type")]


# --------------------------------------------------------------------------- scenario


class Lever(Strict):
    """A what-if lever a classroom can override with ``--set id=value``."""

    id: Identifier
    title: ShortText
    description: ShortText
    default: Annotated[float, Field(allow_inf_nan=False)]
    min: Annotated[float, Field(allow_inf_nan=False)]
    max: Annotated[float, Field(allow_inf_nan=False)]

    @model_validator(mode="after")
    def _default_in_range(self) -> Lever:
        if not self.min <= self.default <= self.max:
            raise ValueError(_("default {default} is outside [{low}, {high}]").format(
                default=self.default, low=self.min, high=self.max))
        return self


class Rules(Strict):
    """Tunable constants of the turn rules (defaults suit most scenarios)."""

    drift_rate: Annotated[float, Field(ge=0.0, le=5.0)] = Field(
        default=1.0, description="Multiplies every channel's drift rate (the baseline's dynamics) and capacity's"
    )
    capacity_drift_rate: Annotated[float, Field(ge=0.0, le=0.5)] = 0.08
    relation_drift_rate: Annotated[float, Field(ge=0.0, le=0.5)] = 0.10
    noise: Annotated[float, Field(ge=0.0, le=5.0)] = Field(
        default=1.0, description="Multiplies every channel's noise (the baseline's dynamics) and the indices'"
    )
    index_noise: Annotated[float, Field(ge=0.0, le=0.1)] = Field(
        default=0.006,
        description="Quarterly noise on favour, tension, stability and prosperity (docs/rules.md, Dynamics: Noise)",
    )
    unbuilt_scale: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        default=0.0,
        description="What is left of an order's push toward a power along a rigid channel with no infrastructure",
    )
    stability_follows_prosperity: Annotated[float, Field(ge=0.0, le=1.0)] = 0.3
    country_capacity: Annotated[float, Field(gt=0.0, le=20.0)] = 3.0
    points_cap_turns: Annotated[float, Field(ge=1.0, le=10.0)] = 2.0
    fatigue_decay: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    max_orders: Annotated[int, Field(ge=1, le=6)] = 3
    max_projects: Annotated[int, Field(ge=1, le=12)] = 4


class Briefing(Strict):
    """Text for the start screen and reports, in two reading loads."""

    basic: LongText
    advanced: LongText | None = None


Score = Annotated[float, Field(ge=0.0, le=100.0)]


class Par(Strict):
    """A role's victory score against opponents at each computer level (see ``World.victory_targets``)."""

    easy: Score
    normal: Score
    hard: Score


class Scenario(Strict):
    """A scenario file: where and when it starts, its levers, rules and events."""

    id: Identifier
    title: ShortText
    summary: ShortText
    briefing: Briefing | None = None
    start: Quarter
    turns: Annotated[int, Field(ge=1, le=2000)]
    baseline: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    actions: Annotated[str, StringConstraints(min_length=1, max_length=200)] = "actions.yaml"
    disabled_actions: list[Identifier] = Field(default_factory=list)
    objectives: dict[RoleCode, ShortText] = Field(default_factory=dict)
    victory: dict[RoleCode, Score | Par] = Field(
        default_factory=dict,
        description=(
            "Score (0-100) each role must reach by the end to win: one number, or a par against easy, "
            "normal and hard opponents; default: its starting score."
        ),
    )
    levers: list[Lever] = Field(default_factory=list)
    rules: Rules = Field(default_factory=Rules)
    infrastructure: list[Link] = Field(
        default_factory=list,
        description="Links in place beside the baseline's, on its rigid channels (a what-if pipeline already"
        " built, a route opened before the start); each says what it is and why",
    )
    events: list[Event] = Field(default_factory=list)
    tutorial: Tutorial | None = Field(
        default=None, description="Guided steps for a newcomer playing one role (the coach card of the map game)"
    )

    @model_validator(mode="after")
    def _ends_by_the_last_quarter(self) -> Scenario:
        if quarter_index(self.start) + self.turns - 1 > quarter_index(QUARTER_RANGE[1]):
            raise ValueError(_("starting {start}, {turns} turns would end after {last}").format(
                start=self.start, turns=self.turns, last=QUARTER_RANGE[1]))
        return self


# --------------------------------------------------------------------------- observed figures


class ObservedSource(Strict):
    """Where an observed figure is published: outlet, title, the table or statement, year, link."""

    publication: ShortText
    title: ShortText
    table: ShortText | None = Field(
        default=None, description="The table, series or statement the figure comes from"
    )
    year: Annotated[int, Field(ge=1990, le=2030)]
    url: str | None = None


class ObservedFigure(Strict):
    """A published share that one model variable (country, power, channel) should be near.

    ``quarter`` is the last quarter of the period the figure describes (a full year: its
    fourth quarter); the model's value at the end of that quarter is compared with it.
    """

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]+$", max_length=80)]
    statement: ShortText
    country: CountryCode
    power: PowerCode
    channel: ChannelCode
    value: Share
    period: ShortText
    quarter: Quarter
    estimate: bool = Field(
        default=False, description="True when the figure is derived or approximate (say how in 'note')"
    )
    note: ShortText | None = None
    source: ObservedSource

    @model_validator(mode="after")
    def _estimate_says_how(self) -> ObservedFigure:
        if self.estimate and self.note is None:
            raise ValueError(_("an estimate needs a 'note' saying how it was derived"))
        return self


class ObservedFigures(Strict):
    """A file of observed figures (``scenarios/observed/*.yaml``) that a hindcast compares with."""

    title: ShortText
    figures: list[ObservedFigure] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> ObservedFigures:
        ids = [figure.id for figure in self.figures]
        repeated = sorted({figure_id for figure_id in ids if ids.count(figure_id) > 1})
        if repeated:
            raise ValueError(_("figure ids repeat: {ids}").format(ids=", ".join(repeated)))
        return self
