"""The map as SVG, drawn from the game's own Natural Earth asset (:mod:`game.ui.mapdata`, pure Python).

Countries are painted in the asset's draw order (largest first, so enclaves land on top),
then lakes and seas and rivers, as the window's map does, and the five playable states are named
(their capitals are dots, named on hover: the names would be unreadable on a phone). The team's own state is
marked with a class the stylesheet colours; everything else is in the page's palette.
"""

from __future__ import annotations

from functools import cache
from html import escape

from game.i18n import SOURCE_LANGUAGE, _, current_language, place_name
from game.i18n.places import place_ids
from game.ui.mapdata import Country, Point, fit_to_rect, load_map

WIDTH, HEIGHT = 640, 400
# The neighbours the map shows, named on hover, as Russian, Kazakh and Uzbek write them (the roles' names are
# game.i18n.place_name's).
_NEIGHBOURS = {
    "IR": ("Иран", "Иран", "Eron"),
    "AF": ("Афганистан", "Ауғанстан", "Afgʻoniston"),
    "MN": ("Монголия", "Моңғолия", "Moʻgʻuliston"),
    "IQ": ("Ирак", "Ирак", "Iroq"),
    "TR": ("Турция", "Түркия", "Turkiya"),
    "UA": ("Украина", "Украина", "Ukraina"),
    "PK": ("Пакистан", "Пәкістан", "Pokiston"),
    "IN": ("Индия", "Үндістан", "Hindiston"),
    "AZ": ("Азербайджан", "Әзербайжан", "Ozarbayjon"),
    "GE": ("Грузия", "Грузия", "Gruziya"),
    "AM": ("Армения", "Армения", "Armaniston"),
    "SY": ("Сирия", "Сирия", "Suriya"),
    "SA": ("Саудовская Аравия", "Сауд Арабиясы", "Saudiya Arabistoni"),
    "XS": ("Ледник Сиачен (спорный)", "Сиачен мұздығы (даулы)", "Siachen muzligi (bahsli)"),
}
_COLUMN = {"ru": 0, "kk": 1, "uz": 2}


def country_name(country: Country) -> str:
    """A country's name on the map in the current language (the asset's English where no spelling is known)."""
    if country.id in place_ids():
        return place_name(country.id)
    code = current_language()
    if code == SOURCE_LANGUAGE or country.id not in _NEIGHBOURS:
        return country.name
    return _NEIGHBOURS[country.id][_COLUMN[code]]


def city_name(name: str) -> str:
    """A capital's name in the current language (its English name when the game's place table lacks it)."""
    place = name.lower()
    return place_name(place) if place in place_ids() else name


def _path(points: list[Point]) -> str:
    head, *rest = points
    return f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z"


def map_svg(highlight: str) -> str:
    """An SVG map of the region in the current language (``highlight``: the code of the state to mark, or "")."""
    return _map_svg(highlight, current_language())


@cache
def _map_svg(highlight: str, language: str) -> str:
    """The map of :func:`map_svg` for one language (made once per state marked and language)."""
    data = load_map()
    transform = fit_to_rect(data.view, (0, 0, WIDTH, HEIGHT), mode="cover")
    label = escape(_("Map of Central Asia"))
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    for country, polygon in data.polygons_in_draw_order():
        kind = "mine" if country.id == highlight else ("playable" if country.playable else "land")
        outline = _path(transform.points(polygon[0]))
        parts.append(f'<path class="{kind}" d="{outline}"><title>{escape(country_name(country))}</title></path>')
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
        name = escape(city_name(city.name))
        parts.append(f'<circle class="city" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{name}</title></circle>')
    for country in data.playable:  # named on the map, large enough to read on a phone (the stylesheet sizes them)
        min_x, min_y, max_x, max_y = country.bbox
        x, y = transform.to_screen((min_x + max_x) / 2, (min_y + max_y) / 2)
        parts.append(f'<text class="country-name" x="{x:.1f}" y="{y:.1f}">{escape(country_name(country))}</text>')
    parts.append("</svg>")
    return "".join(parts)
