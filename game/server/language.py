"""Each browser's own language on the class server.

The teacher's ``--lang`` is the server's language. A browser reads the pages in the language chosen with the
pages' switch (``?lang=ru``, remembered in a cookie). Without a choice: when the teacher named the class's language
(``multivector --lang ru class serve …``), every page is in it, whatever the school computers' browsers prefer (a
Russian class on browsers set to English read English pages); when the teacher named none, a team's browser reads
the first shipped language of its ``Accept-Language``, else the server's. The teacher's pages (dashboard,
projector, undo, debrief) and the classroom screen (``/screen``) never follow ``Accept-Language``: the projector
is in the teacher's language whatever the classroom laptop's browser is set to.

The language is switched on for the request alone (``game.i18n.language_scope``, a context variable), so every
``_()``, Jinja's ``_()``, and the numbers and dates of one request follow its language while another request,
on another thread, reads its own.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from game.i18n import LANGUAGE_CODES, language_scope

LANGUAGE_COOKIE = "multivector_lang"
LANGUAGE_QUERY = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
TEACHERS_PAGES = ("/teacher/", "/screen")  # follow the teacher's --lang unless this browser chose with the switch
_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


def shipped_code(tag: str) -> str | None:
    """The shipped language a language tag names (``ru-RU`` → ``ru``, ``uz-Latn-UZ`` → ``uz``), else None."""
    tag = tag.strip()
    if not _TAG.match(tag):
        return None
    code = tag.split("-")[0].lower()
    return code if code in LANGUAGE_CODES else None


def accepted_language(header: str) -> str | None:
    """The first shipped language of an ``Accept-Language`` header in the browser's order of preference
    (its ``q`` weights, then its order), None when it names none (``q=0`` means "not this one")."""
    ranked = []
    for position, part in enumerate(header.split(",")[:32]):
        tag, _sep, parameters = part.partition(";")
        weight = 1.0
        found = re.search(r"q\s*=\s*([0-9.]+)", parameters)
        if found:
            try:
                weight = float(found[1])
            except ValueError:
                continue
        code = shipped_code(tag)
        if code is not None and weight > 0:
            ranked.append((-weight, position, code))
    return min(ranked)[2] if ranked else None


def browser_language(
    path: str, query: Mapping[str, str], cookies: Mapping[str, str], accept: str, follow_browser: bool = True
) -> str | None:
    """The language a request asks for (see the module docstring), or None for the teacher's (``follow_browser``:
    False when the teacher named the class's language)."""
    for chosen in (query.get(LANGUAGE_QUERY, ""), cookies.get(LANGUAGE_COOKIE, "")):
        if chosen in LANGUAGE_CODES:
            return chosen
    if path.startswith(TEACHERS_PAGES) or not follow_browser:
        return None
    return accepted_language(accept)


class BrowserLanguage:
    """ASGI middleware: each request in the language its browser asks for (the module docstring says which), and
    a choice made with the switch (``?lang=``) kept in a cookie for the browser's next pages."""

    def __init__(self, app: ASGIApp, follow_browser: bool = True) -> None:
        self.app = app
        self.follow_browser = follow_browser  # False: the teacher named the class's language with --lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = dict(urllib.parse.parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        cookies = cookie_parser(headers.get("cookie", ""))
        accept = headers.get("accept-language", "")
        code = browser_language(scope["path"], query, cookies, accept, self.follow_browser)
        chosen = query.get(LANGUAGE_QUERY, "")
        remember = chosen in LANGUAGE_CODES and cookies.get(LANGUAGE_COOKIE) != chosen

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                response = MutableHeaders(scope=message)
                response.add_vary_header("Accept-Language")
                response.add_vary_header("Cookie")
                if remember:
                    response.append(
                        "set-cookie",
                        f"{LANGUAGE_COOKIE}={chosen}; Max-Age={COOKIE_SECONDS}; Path=/; SameSite=Lax; HttpOnly",
                    )
            await send(message)

        if code is None:
            await self.app(scope, receive, send_with_language)
            return
        with language_scope(code):
            await self.app(scope, receive, send_with_language)
