"""The building blocks every scenario file model shares: the strict base model, the codes of
roles and channels, quarters, identifiers, texts and amounts (see :mod:`game.scenario.models`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CountryCode = Literal["KZ", "UZ", "KG", "TJ", "TM"]
PowerCode = Literal["RU", "CN", "WEST"]
RoleCode = Literal["KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST"]
CountryOrPair = Literal["KZ", "UZ", "KG", "TJ", "TM", "pair"]
PowerOrRelative = Literal["RU", "CN", "WEST", "pair", "others"]
RoleOrRelative = Literal["KZ", "UZ", "KG", "TJ", "TM", "RU", "CN", "WEST", "actor", "target"]
ChannelCode = Literal["trade", "energy", "security", "finance", "labour", "transport"]
QUARTER_RANGE_PATTERN, QUARTER_RANGE = r"^([1-9]\d{3})Q([1-4])$", ("1000Q1", "9999Q4")  # the years names round-trip
Quarter = Annotated[str, StringConstraints(pattern=QUARTER_RANGE_PATTERN)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=400)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=6000)]
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Amount = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base for every file model: immutable, no unknown keys, no NaN."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
