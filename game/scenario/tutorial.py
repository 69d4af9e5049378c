"""The guided tutorial a scenario may carry: steps for a newcomer playing one role.

Each step says what to do (``text``), where (``anchor``: a named place on the map screen
the coach card rings) and what completes it (``done``, with the action, target, state or
dialog it waits for). The play layer follows the steps (:mod:`game.play.tutorial`); the
map window draws them (:mod:`game.ui.panels.coach`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from game.i18n.catalog import _
from game.scenario.basics import CountryCode, Identifier, RoleCode, Strict

ROLE_PATTERN = "KZ|UZ|KG|TJ|TM|RU|CN|WEST"
# A place on the map screen: a fixed control, one row of the actions list, a target button, a
# state on the map, or a power's button of the "why it moved" list.
ANCHOR_PATTERN = (
    r"^(objective|actions_list|queue_button|end_turn|why|news|summary_continue|event_continue|dialog_close"
    rf"|action:[a-z][a-z0-9_]*|target:({ROLE_PATTERN})|country:(KZ|UZ|KG|TJ|TM)|why:(RU|CN|WEST))$"
)
Anchor = Annotated[str, StringConstraints(pattern=ANCHOR_PATTERN)]
Done = Literal[
    "next", "action_chosen", "target_chosen", "order_queued", "turn_ended", "country_selected", "dialog_opened",
    "dialog_closed",
]
# What a step's text may name, filled in when it is shown: the role's name and its victory target in this game.
PLACEHOLDERS = ("role", "target")
Dialog = Literal["event", "news", "charts", "triangle", "help"]

# What each kind of completion needs besides itself.
NEEDS: dict[str, tuple[str, ...]] = {
    "next": (),
    "action_chosen": ("action",),
    "target_chosen": ("target",),
    "order_queued": ("action", "target"),
    "turn_ended": (),
    "country_selected": ("country",),
    "dialog_opened": ("dialog",),
    "dialog_closed": (),
}


class TutorialStep(Strict):
    """One step: the text shown, the place ringed, and what completes it."""

    id: Identifier
    text: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    anchor: Anchor = Field(
        description="Where to look: objective, actions_list, action:ID, target:ROLE, queue_button, end_turn,"
        " country:CODE, why, why:POWER, news, summary_continue, event_continue,"
        " dialog_close (the × of the dialog on top)"
    )
    done: Done = Field(
        description="What completes the step: next (the card's Next button), action_chosen, target_chosen,"
        " order_queued, turn_ended, country_selected, dialog_opened, dialog_closed"
    )
    action: Identifier | None = None
    target: RoleCode | None = None
    country: CountryCode | None = None
    dialog: Dialog | None = None

    @model_validator(mode="after")
    def _known_placeholders(self) -> TutorialStep:
        unknown = sorted(set(re.findall(r"\{([^}]*)\}", self.text)) - set(PLACEHOLDERS))
        if unknown:
            raise ValueError(_("unknown placeholder {name} in the text (known: {known})").format(
                name="{" + unknown[0] + "}", known=", ".join(PLACEHOLDERS)))
        return self

    @model_validator(mode="after")
    def _what_done_needs(self) -> TutorialStep:
        needs = NEEDS[self.done]
        for name in ("action", "target", "country", "dialog"):
            given = getattr(self, name) is not None
            if given and name not in needs:
                raise ValueError(_("'done: {done}' takes no '{name}'").format(done=self.done, name=name))
            if not given and name in needs:
                raise ValueError(_("'done: {done}' needs '{name}'").format(done=self.done, name=name))
        return self


class Tutorial(Strict):
    """The steps for a newcomer playing ``role`` alone, in order, and how that role is judged."""

    role: RoleCode
    target: Literal["par", "do_nothing"] = Field(
        default="par",
        description="The role's victory target: par (the scenario's victory par for it), or do_nothing (score more"
        " than the same game, with the same seed, chance and opponents, gives the role when it gives no orders)",
    )
    steps: list[TutorialStep] = Field(min_length=1, max_length=80)

    @model_validator(mode="after")
    def _ids_unique(self) -> Tutorial:
        ids = [step.id for step in self.steps]
        repeated = sorted({step_id for step_id in ids if ids.count(step_id) > 1})
        if repeated:
            raise ValueError(_("step ids repeat: {ids}").format(ids=", ".join(repeated)))
        return self
