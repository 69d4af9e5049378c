"""The map as SVG, drawn from the game's own Natural Earth asset (:mod:`game.ui.mapdata`, pure Python).

Countries are painted in the asset's draw order (largest first, so enclaves land on top),
then lakes and seas and rivers, as the window's map does, and the five playable states are named
(their capitals are dots, named on hover: the names would be unreadable on a phone). The team's own state is
marked with a class the stylesheet colours; everything else is in the page's palette.
"""

from __future__ import annotations

from functools import cache
from html import escape

from game.ui.mapdata import Point, fit_to_rect, load_map

WIDTH, HEIGHT = 640, 400


def _path(points: list[Point]) -> str:
    head, *rest = points
    return f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z"


@cache
def map_svg(highlight: str) -> str:
    """An SVG map of the region (``highlight``: the ISO code of the state to mark, or "")."""
    data = load_map()
    transform = fit_to_rect(data.view, (0, 0, WIDTH, HEIGHT), mode="cover")
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Map of Central Asia" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    for country, polygon in data.polygons_in_draw_order():
        kind = "mine" if country.id == highlight else ("playable" if country.playable else "land")
        outline = _path(transform.points(polygon[0]))
        parts.append(f'<path class="{kind}" d="{outline}"><title>{escape(country.name)}</title></path>')
    for water in data.water:
        for polygon in water.polygons:
            parts.append(f'<path class="water" d="{_path(transform.points(polygon[0]))}"/>')
    for river in data.rivers:
        for stretch in river.lines:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in transform.points(stretch))
            parts.append(f'<polyline class="river" points="{line}"/>')
    playable = {country.id for country in data.playable}
    for city in data.cities:
        if city.kind != "capital" or city.country not in playable:
            continue
        x, y = transform.to_screen(*city.point)
        name = escape(city.name)
        parts.append(f'<circle class="city" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{name}</title></circle>')
    for country in data.playable:  # named on the map, large enough to read on a phone (the stylesheet sizes them)
        min_x, min_y, max_x, max_y = country.bbox
        x, y = transform.to_screen((min_x + max_x) / 2, (min_y + max_y) / 2)
        parts.append(f'<text class="country-name" x="{x:.1f}" y="{y:.1f}">{escape(country.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
