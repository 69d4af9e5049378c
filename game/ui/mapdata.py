"""Typed, read-only access to the map asset ``assets/map/central_asia.json``.

The asset is built by ``tools/build_map.py`` from Natural Earth data.  Coordinates are
kilometres in a Lambert conformal conic projection (centre 67.5°E 43°N, standard
parallels 35°N and 52°N), x pointing east and **y pointing north**.  Screen code turns
them into pixels with :func:`fit_to_rect`, which flips y.

This module is pure Python (pydantic only) and never imports pygame, so it can be used
and tested headless.

Drawing hint: ``pygame.draw.polygon`` ignores holes.  Paint every country polygon's
exterior ring in :attr:`MapData.draw_order` (largest first, so enclaves land on top of
the country around them), then the water bodies, then rivers, the corridor and cities.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.shipped import ASSETS_DIR

__all__ = [
    "DEFAULT_MAP_PATH",
    "Bounds",
    "City",
    "Corridor",
    "CorridorBranch",
    "Country",
    "MapData",
    "Point",
    "PolygonRings",
    "Projection",
    "Ring",
    "River",
    "ScreenTransform",
    "WaterBody",
    "fit_to_rect",
    "load_map",
    "point_in_polygon",
]

DEFAULT_MAP_PATH = ASSETS_DIR / "map" / "central_asia.json"

Point = tuple[float, float]
"""A projected point (x km east, y km north)."""
Ring = tuple[Point, ...]
"""A closed ring: the first point is repeated at the end."""
PolygonRings = tuple[Ring, ...]
"""A polygon: exterior ring (counter-clockwise) first, then holes."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _ring_contains(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray cast of (x, y) against one closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_polygon(polygon: PolygonRings, x: float, y: float) -> bool:
    """True if (x, y) lies inside the polygon's exterior and outside all its holes."""
    if not polygon or not _ring_contains(polygon[0], x, y):
        return False
    return not any(_ring_contains(hole, x, y) for hole in polygon[1:])


def _bbox(polygons: Sequence[PolygonRings]) -> tuple[float, float, float, float]:
    xs = [p[0] for poly in polygons for p in poly[0]]
    ys = [p[1] for poly in polygons for p in poly[0]]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)


class Bounds(_Frozen):
    """An axis-aligned rectangle in projected km.  Stored in JSON as ``[min_x, min_y, max_x, max_y]``."""

    min_x: float
    min_y: float
    max_x: float
    max_y: float

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: object) -> object:
        if isinstance(data, (list, tuple)):
            if len(data) != 4:
                raise ValueError("bounds need 4 numbers: min_x, min_y, max_x, max_y")
            return dict(zip(("min_x", "min_y", "max_x", "max_y"), data, strict=True))
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if not (self.min_x < self.max_x and self.min_y < self.max_y):
            raise ValueError("bounds must have min < max on both axes")
        return self

    @property
    def width(self) -> float:
        """Extent along x in km."""
        return self.max_x - self.min_x

    @property
    def height(self) -> float:
        """Extent along y in km."""
        return self.max_y - self.min_y

    @property
    def center(self) -> Point:
        """Centre point."""
        return ((self.min_x + self.max_x) / 2, (self.min_y + self.max_y) / 2)

    def contains(self, x: float, y: float) -> bool:
        """True if (x, y) lies inside or on the edge."""
        return self.min_x <= x <= self.max_x and self.min_y <= y <= self.max_y


class Projection(_Frozen):
    """Parameters of the projection the asset was built with (for reference / new points)."""

    name: Literal["lambert_conformal_conic"]
    ellipsoid: Literal["sphere"]
    radius_km: float
    lon0: float
    lat0: float
    lat1: float
    lat2: float
    units: Literal["km"]
    y_axis: Literal["north"]


class PackageSource(_Frozen):
    """One npm package the data came from."""

    name: str
    version: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    license: str
    files: tuple[str, ...]


class Source(_Frozen):
    """Provenance of the asset."""

    data: str
    packages: tuple[PackageSource, ...]
    note: str
    builder: str


class Country(_Frozen):
    """A country clipped to the map frame."""

    id: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 (XA-XZ: user-assigned)")
    name: str
    iso_numeric: str | None
    playable: bool
    area_km2: float = Field(ge=0, description="projected area inside the frame")
    polygons: tuple[PolygonRings, ...] = Field(min_length=1)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min_x, min_y, max_x, max_y) of all exteriors."""
        return _bbox(self.polygons)

    @property
    def exteriors(self) -> tuple[Ring, ...]:
        """The exterior ring of each polygon, largest first."""
        return tuple(p[0] for p in self.polygons)

    def contains(self, x: float, y: float) -> bool:
        """True if the projected point lies in the country (holes respected)."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        return any(point_in_polygon(p, x, y) for p in self.polygons)


class WaterBody(_Frozen):
    """A sea or lake; draw these over the countries."""

    id: str
    name: str
    kind: Literal["sea", "lake"]
    source: str
    polygons: tuple[PolygonRings, ...] = Field(min_length=1)

    def contains(self, x: float, y: float) -> bool:
        """True if the projected point lies in the water body."""
        return any(point_in_polygon(p, x, y) for p in self.polygons)


class River(_Frozen):
    """A river as one or more polylines (upstream/downstream order is not guaranteed)."""

    id: str
    name: str
    lines: tuple[tuple[Point, ...], ...] = Field(min_length=1)


class City(_Frozen):
    """A city or route node with WGS84 and projected coordinates."""

    id: str
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    kind: Literal["capital", "city", "port", "border", "junction"]
    lon: float
    lat: float
    x: float
    y: float

    @property
    def point(self) -> Point:
        """Projected position (km)."""
        return (self.x, self.y)


Mode = Literal["rail", "sea", "road"]


class CorridorBranch(_Frozen):
    """A polyline of city ids with the transport mode of each leg."""

    path: tuple[str, ...] = Field(min_length=2)
    modes: tuple[Mode, ...]

    @model_validator(mode="after")
    def _legs(self) -> CorridorBranch:
        if len(self.modes) != len(self.path) - 1:
            raise ValueError("need one mode per leg: len(modes) == len(path) - 1")
        return self


class Corridor(CorridorBranch):
    """The Middle Corridor: the main line plus alternative branches."""

    name: str
    branches: tuple[CorridorBranch, ...] = ()


class MapData(_Frozen):
    """The whole map asset."""

    format: Literal["multivector-map/1"]
    projection: Projection
    bounds: Bounds
    view: Bounds
    bounds_lonlat: tuple[float, float, float, float]
    simplify_km: float
    source: Source
    draw_order: tuple[tuple[str, int], ...]
    countries: tuple[Country, ...]
    water: tuple[WaterBody, ...]
    rivers: tuple[River, ...]
    cities: tuple[City, ...]
    corridor: Corridor

    @model_validator(mode="after")
    def _references(self) -> MapData:
        countries = {c.id: c for c in self.countries}
        if len(countries) != len(self.countries):
            raise ValueError("duplicate country id")
        cities = {c.id for c in self.cities}
        if len(cities) != len(self.cities):
            raise ValueError("duplicate city id")
        for cid, i in self.draw_order:
            if cid not in countries or not 0 <= i < len(countries[cid].polygons):
                raise ValueError(f"draw_order entry {(cid, i)} names no polygon")
        if len(set(self.draw_order)) != sum(len(c.polygons) for c in self.countries):
            raise ValueError("draw_order must list every country polygon exactly once")
        for branch in (self.corridor, *self.corridor.branches):
            missing = [c for c in branch.path if c not in cities]
            if missing:
                raise ValueError(f"corridor names unknown cities {missing}")
        return self

    @cached_property
    def _country_index(self) -> dict[str, Country]:
        return {c.id: c for c in self.countries}

    @cached_property
    def _city_index(self) -> dict[str, City]:
        return {c.id: c for c in self.cities}

    def country(self, code: str) -> Country:
        """The country with this ISO alpha-2 code (KeyError if absent)."""
        return self._country_index[code]

    def city(self, city_id: str) -> City:
        """The city with this id (KeyError if absent)."""
        return self._city_index[city_id]

    @property
    def playable(self) -> tuple[Country, ...]:
        """The five playable states, in file order (largest first)."""
        return tuple(c for c in self.countries if c.playable)

    def polygons_in_draw_order(self) -> Iterator[tuple[Country, PolygonRings]]:
        """Yield (country, polygon) pairs in painting order for hole-less polygon fills."""
        for cid, i in self.draw_order:
            country = self._country_index[cid]
            yield country, country.polygons[i]

    def country_at(self, x: float, y: float) -> Country | None:
        """The country under a projected point, or None (sea, or outside the data)."""
        for country in self.countries:
            if country.contains(x, y):
                return country
        return None

    def corridor_countries(self) -> tuple[str, ...]:
        """Codes of the countries the corridor's cities lie in (main line, then branches), each once."""
        paths = (self.corridor.path, *(branch.path for branch in self.corridor.branches))
        return tuple(dict.fromkeys(self._city_index[city].country for path in paths for city in path))

    def corridor_points(self, branch: CorridorBranch | None = None) -> tuple[Point, ...]:
        """Projected points of the corridor's main path (or of ``branch``)."""
        path = (branch or self.corridor).path
        return tuple(self._city_index[c].point for c in path)


def load_map(path: str | Path | None = None) -> MapData:
    """Read and validate the map asset (default: ``assets/map/central_asia.json``)."""
    p = Path(path) if path is not None else DEFAULT_MAP_PATH
    with p.open(encoding="utf-8") as fh:
        return MapData.model_validate(json.load(fh))


class ScreenTransform(_Frozen):
    """Maps projected km to screen pixels: ``sx = offset_x + x*scale``, ``sy = offset_y - y*scale``."""

    scale: float = Field(gt=0, description="pixels per km")
    offset_x: float
    offset_y: float

    @property
    def km_per_px(self) -> float:
        """Kilometres covered by one pixel."""
        return 1.0 / self.scale

    def to_screen(self, x: float, y: float) -> Point:
        """Projected km -> screen pixels (y down)."""
        return (self.offset_x + x * self.scale, self.offset_y - y * self.scale)

    def to_world(self, sx: float, sy: float) -> Point:
        """Screen pixels -> projected km (inverse of :meth:`to_screen`)."""
        return ((sx - self.offset_x) / self.scale, (self.offset_y - sy) / self.scale)

    def points(self, pts: Sequence[Point]) -> list[Point]:
        """A ring or polyline in km -> list of screen points (ready for pygame.draw)."""
        s, ox, oy = self.scale, self.offset_x, self.offset_y
        return [(ox + x * s, oy - y * s) for x, y in pts]


def fit_to_rect(
    bounds: Bounds,
    rect: Sequence[float],
    margin: float = 0.0,
    mode: Literal["contain", "cover"] = "contain",
) -> ScreenTransform:
    """Fit ``bounds`` (km) into a screen rectangle, preserving aspect and centring it.

    ``rect`` is ``(left, top, width, height)`` in pixels (a ``pygame.Rect`` works);
    ``margin`` pixels are kept free on every side.  ``mode="contain"`` shows all of
    ``bounds`` (bands may remain on two sides); ``mode="cover"`` fills the whole rectangle
    (part of ``bounds`` is cut off) -- use it with :attr:`MapData.view` to get a screen
    with no empty edges, since :attr:`MapData.bounds` holds data all around the view.
    """
    left, top, width, height = (float(v) for v in tuple(rect)[:4])
    avail_w, avail_h = width - 2 * margin, height - 2 * margin
    if avail_w <= 0 or avail_h <= 0:
        raise ValueError("screen rectangle is smaller than its margins")
    sx, sy = avail_w / bounds.width, avail_h / bounds.height
    scale = min(sx, sy) if mode == "contain" else max(sx, sy)
    cx, cy = bounds.center
    return ScreenTransform(
        scale=scale,
        offset_x=left + width / 2 - cx * scale,
        offset_y=top + height / 2 + cy * scale,
    )
