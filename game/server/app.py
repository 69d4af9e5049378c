"""The class server's web application (Starlette): routes, forms and their checks, pages.

Every page is rendered by a Jinja2 template with autoescape on (every text from the scenario or a
team is escaped); every form carries a CSRF token bound to the page's key; every address that
names a file is checked against a pattern before the file is looked for (no path from a request
ever reaches the disk). Endpoints are plain functions: Starlette runs them on worker threads, and
:class:`~game.server.desk.ClassDesk` queues them on the class folder's lock.
"""

from __future__ import annotations

import contextlib
import html
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from game.classroom.folder import ClassGameError
from game.engine.codes import COUNTRIES, quarter_name
from game.i18n import _, current_language, format_number, ngettext, place_name, quarter_text
from game.play.texts import scenario_words
from game.scenario.errors import InputFileError
from game.server.desk import ClassDesk, RefusedError
from game.server.guard import REPORT_POLICY, BodyLimit, RateLimit, SafeHeaders
from game.server.keys import ServerKeys
from game.server.language import BrowserLanguage
from game.server.mapsvg import map_svg
from game.server.teamview import class_scores, event_effect_words, plain_news, team_view
from game.shipped import ASSETS_DIR

WEB_DIR = ASSETS_DIR / "web"
STATIC_FILES = {  # the only files /static/ serves: name -> (file, media type)
    "style.css": (WEB_DIR / "style.css", "text/css"),
    "countdown.js": (WEB_DIR / "countdown.js", "text/javascript"),
    "orders.js": (WEB_DIR / "orders.js", "text/javascript"),
    **{
        f"{face}.ttf": (ASSETS_DIR / "fonts" / f"{face}.ttf", "font/ttf")
        for face in ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic")
    },
}
JOIN_COOKIE = "multivector_join"
ORDER_VALUE = re.compile(r"^([a-z][a-z0-9_]{0,63}):(KZ|UZ|KG|TJ|TM|RU|CN|WEST)$")
QUARTER = re.compile(r"^[1-9]\d{3}Q[1-4]$")
MAX_ORDER_FIELDS = 12


def quiet(line: str) -> None:
    """A console that prints nothing (the server's, in tests and when none is given)."""


class BadFormError(Exception):
    """A form that is not what the page sends: 400, naming the field."""


@dataclass
class Server:
    """What the routes share: the class folder's desk, its keys, the templates, the address shown."""

    desk: ClassDesk
    keys: ServerKeys
    templates: Jinja2Templates
    address: str  # the join page's address, as printed in the console
    qr_svg: str  # the join address as a QR code (SVG), for the dashboard
    say: Callable[[str], None] = quiet  # the teacher's console
    follow_browser: bool = True  # a team's pages follow its browser's language (False: the teacher chose one)

    def log(self, what: str) -> None:
        """One line in the teacher's console: the time, then what happened (a submission, a command)."""
        self.say(f"{time.strftime('%H:%M:%S')}  {what}")

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """A page from its template (autoescaped)."""
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def refusal(self, request: Request, status: int, title: str, messages: list[str]) -> Response:
        """A page saying why a request was refused, with a way back to the page the request came from."""
        href, label = self.way_back(request.url.path)
        return self.page(request, "refused.html", status, title=title, messages=messages, back=href, back_label=label)

    def way_back(self, path: str) -> tuple[str, str]:
        """Where a refused request's reader goes back to: the teacher's dashboard or the team's page when the
        address holds its key, else the join page."""
        parts = path.strip("/").split("/")
        if len(parts) >= 2 and parts[0] == "teacher" and self.keys.is_teacher(parts[1]):
            return f"/teacher/{parts[1]}", _("Back to the dashboard")
        if len(parts) >= 2 and parts[0] == "team" and self.keys.team_of_key(parts[1]) is not None:
            return f"/team/{parts[1]}", _("Back to your team's page")
        return "/", _("Back to the join page")

    def expired(self, request: Request, message: str) -> Response:
        """The page for a form without its page's token (403): reload."""
        return self.refusal(request, 403, _("Please reload the page"), [message])


# ---------------------------------------------------------------------- forms


async def read_form(request: Request) -> FormData:
    """The request's form, or :class:`BadFormError` when it is not one."""
    kind = request.headers.get("content-type", "")
    if not kind and request.headers.get("content-length", "0") == "0":
        return FormData()  # a button's form with no fields at all
    if not kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        raise BadFormError(_("the request is not a form (expected application/x-www-form-urlencoded)"))
    try:
        return await request.form(max_files=0, max_fields=64)
    except HTTPException:
        raise BadFormError(_("the form could not be read (too many fields, or not a form)")) from None


def check_csrf(server: Server, form: FormData, scope: str) -> bool:
    """True when the form carries the CSRF token of ``scope``."""
    token = form.get("csrf")
    return isinstance(token, str) and server.keys.form_token_ok(scope, token)


def form_orders(form: FormData) -> list[tuple[str, str]]:
    """The ticked orders (``order`` fields, ``ACTION:TARGET``), or :class:`BadFormError` naming the field."""
    values = form.getlist("order")
    if len(values) > MAX_ORDER_FIELDS:
        raise BadFormError(_("field 'order': {count} orders sent, at most {most}").format(
            count=len(values), most=MAX_ORDER_FIELDS))
    orders = []
    for value in values:
        found = ORDER_VALUE.match(value) if isinstance(value, str) else None
        if found is None:
            shown = repr(value[:40]) if isinstance(value, str) else _("a file")
            raise BadFormError(_("field 'order': {value} is not an order (ACTION:TARGET, e.g. host_summit:RU)").format(
                value=shown))
        orders.append((found.group(1), found.group(2)))
    return orders


def page_quarter(form: FormData) -> str:
    """The quarter a form was made for (its hidden ``quarter`` field), or :class:`BadFormError`."""
    value = form.get("quarter")
    if not isinstance(value, str) or not QUARTER.match(value):
        raise BadFormError(_("field 'quarter': missing or not a quarter (e.g. 2023Q2); reload the page"))
    return value


def one_field(form: FormData, name: str, allowed: list[str]) -> str:
    """A required field whose value must be one of ``allowed``, or :class:`BadFormError` naming it."""
    value = form.get(name)
    if not isinstance(value, str) or value not in allowed:
        shown = repr(value[:40]) if isinstance(value, str) else _("missing")
        raise BadFormError(_("field '{name}': {value}; expected one of {allowed}").format(
            name=name, value=shown, allowed=", ".join(allowed[:12])))
    return value


# ---------------------------------------------------------------------- the routes


def make_app(server: Server) -> Starlette:
    """The Starlette application serving one class folder."""
    routes = [
        Route("/", _bind(server, join_page)),
        Route("/join", _bind(server, join), methods=["POST"]),
        Route("/team/{key}", _bind(server, team_page)),
        Route("/team/{key}/orders", _bind(server, submit), methods=["POST"]),
        Route("/team/{key}/newspaper/{quarter}", _bind(server, team_newspaper)),
        Route("/teacher/{key}", _bind(server, dashboard)),
        Route("/teacher/{key}/{command}", _bind(server, teacher_command), methods=["POST"]),
        Route("/teacher/{key}/newspaper/{quarter}", _bind(server, teacher_newspaper)),
        Route("/teacher/{key}/debrief", _bind(server, debrief)),
        Route("/teacher/{key}/projector", _bind(server, projector)),
        Route("/teacher/{key}/undo", _bind(server, confirm_undo)),
        Route("/screen", _bind(server, screen)),
        Route("/screen/newspaper/{quarter}", _bind(server, screen_newspaper)),
        Route("/static/{name}", static),
    ]
    middleware = [  # the browser's language first, so that every refusal below speaks it
        Middleware(BrowserLanguage, follow_browser=server.follow_browser),  # type: ignore[arg-type]
        Middleware(SafeHeaders), Middleware(RateLimit), Middleware(BodyLimit),  # type: ignore[arg-type]
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={404: _not_found})


def _bind(server: Server, endpoint: Any) -> Any:
    async def bound(request: Request) -> Response:
        try:
            return await endpoint(server, request)
        except BadFormError as error:
            return server.refusal(request, 400, _("The form was not understood"), [str(error)])
        except RefusedError as error:
            titles = {403: _("This page is not open to you"), 404: _("Nothing here yet")}
            title = titles.get(error.status, _("Not done"))
            return server.refusal(request, error.status, title, error.messages)
        except ClassGameError as error:
            return server.refusal(request, 503, _("The class game cannot be read"), error.messages)
        except InputFileError as error:
            unreadable = _("The class game cannot be read")
            return server.refusal(request, 503, unreadable, [str(p) for p in error.problems])

    return bound


def _not_found_page(message: str | None = None) -> Response:
    """The 404 page, in the language: ``message`` says what is missing (default: there is no such page)."""
    title, said = html.escape(_("Not found")), html.escape(message or _("There is no such page."))
    return HTMLResponse(
        f"<!doctype html><html lang={current_language()}><meta charset=utf-8><title>{title}</title><p>{said}</p>",
        status_code=404,
    )


async def _not_found(request: Request, error: Exception) -> Response:
    return _not_found_page()


async def static(request: Request) -> Response:
    """A bundled stylesheet, script or font (only the files listed; anything else is 404)."""
    found = STATIC_FILES.get(request.path_params["name"])
    if found is None:
        return await _not_found(request, KeyError())
    path, media = found
    return FileResponse(path, media_type=media, headers={"cache-control": "max-age=3600"})


async def join_page(server: Server, request: Request) -> Response:
    """The page a student opens: type the team's join code."""
    cookie = request.cookies.get(JOIN_COOKIE) or secrets.token_urlsafe(16)
    response = server.page(request, "join.html", csrf=server.keys.form_token(f"join:{cookie}"), error="")
    response.set_cookie(JOIN_COOKIE, cookie, httponly=True, samesite="strict")
    return response


async def join(server: Server, request: Request) -> Response:
    """A join code typed: on to the team's page, or refused (403)."""
    form = await read_form(request)
    cookie = request.cookies.get(JOIN_COOKIE, "")
    if not cookie or not check_csrf(server, form, f"join:{cookie}"):
        return server.expired(request, _("the form has expired; open the page again"))
    code = form.get("code")
    if not isinstance(code, str) or not code.strip():
        raise BadFormError(_("field 'code': missing; type the join code your teacher gave your team"))
    team = server.keys.team_of_code(code[:40])
    if team is None:
        return server.page(
            request, "join.html", 403, csrf=server.keys.form_token(f"join:{cookie}"),
            error=_("No team has that code. Check it with your teacher (letters and digits, e.g. KQ7MZ-4TRWX)."),
        )
    return RedirectResponse(f"/team/{server.keys.team_keys[team]}", status_code=303)


def _team_of(server: Server, request: Request) -> str:
    team = server.keys.team_of_key(request.path_params["key"])
    if team is None:
        raise RefusedError([_("this is not a team's page: open the join page and type your team's code")], status=403)
    return team


async def team_page(server: Server, request: Request) -> Response:
    """A team's own page: briefing, bars, map, news, actions and the orders form."""
    team = _team_of(server, request)
    return await run_in_threadpool(_render_team, server, request, team, TeamForm())


@dataclass(frozen=True)
class TeamForm:
    """How a team's page shows its form: as saved, or again after a refused or unconfirmed submission."""

    status: int = 200
    problems: tuple[str, ...] = ()
    ticked: list[tuple[str, str]] | None = None  # the orders the student sent (None: the saved ones)
    ask_empty: bool = False  # nothing was ticked: ask whether the team means to do nothing


def nothing_words(team: str) -> str:
    """What an empty submission means, in words."""
    if team in COUNTRIES:
        return _("Your country will do nothing this quarter")
    return _("Your power will do nothing this quarter")


def if_nothing_words(team: str, policy: str) -> str:
    """What happens to a team that submits nothing before the teacher resolves the quarter, by its policy."""
    if policy == "computer":
        return _("If you submit nothing before your teacher resolves the quarter, the computer chooses your orders.")
    if team in COUNTRIES:
        return _("If you submit nothing before your teacher resolves the quarter, your country will do nothing.")
    return _("If you submit nothing before your teacher resolves the quarter, your power will do nothing.")


def _render_team(server: Server, request: Request, team: str, form: TeamForm) -> Response:
    key = request.path_params["key"]
    with server.desk.locked() as game:
        quarter = game.quarter
        view = team_view(game, server.desk.session(game), team, server.desk.submission(quarter, team), form.ticked)
        papers = [p.quarter for p in game.file.played]
        policy = game.file.policy_of(team)
    deadline = server.desk.deadline(quarter)
    closed = ""
    if not view.over and deadline is not None and time.time() > deadline:
        closed = _("The deadline for {quarter} has passed: orders are closed. Ask your teacher.").format(
            quarter=quarter_text(quarter))
    return server.page(
        request, "team.html", form.status, view=view, key=key, csrf=server.keys.form_token(key),
        map=map_svg(team if team not in ("WEST",) else ""), papers=papers[::-1], problems=list(form.problems),
        deadline=deadline, closed=closed, ask_empty=form.ask_empty, nothing=nothing_words(team),
        if_nothing=if_nothing_words(team, policy),
        saved=_saved_notice(request, quarter), taken_back=server.desk.taken_back(quarter),
    )


def _saved_notice(request: Request, quarter: str) -> str:
    """The revision just saved, for the notice (only on the page of the quarter it was saved for)."""
    revision = request.query_params.get("saved", "")
    return revision if revision.isdigit() and request.query_params.get("quarter") == quarter else ""


async def submit(server: Server, request: Request) -> Response:
    """A team's orders: checked as an orders file, saved at once, or the page again with the problems and the
    orders as ticked. Nothing ticked is saved only once the student confirmed that the team does nothing."""
    team = _team_of(server, request)
    key = request.path_params["key"]
    form = await read_form(request)
    if not check_csrf(server, form, key):
        return server.expired(request, _("the form has expired; open your page again"))
    orders = form_orders(form)
    quarter = page_quarter(form) if "quarter" in form else None  # a page's form always says its quarter
    if not orders and form.get("nothing") != "yes":
        return await run_in_threadpool(_render_team, server, request, team, TeamForm(ticked=[], ask_empty=True))
    try:
        saved = await run_in_threadpool(server.desk.submit, team, orders, quarter)
    except RefusedError as error:
        refused = TeamForm(error.status, tuple(error.messages), orders)
        return await run_in_threadpool(_render_team, server, request, team, refused)
    count = len(saved.orders)
    said = ngettext("{team} ({code}) submitted {count} order for {quarter}",
                    "{team} ({code}) submitted {count} orders for {quarter}", count).format(
        team=place_name(team), code=team, count=format_number(count), quarter=quarter_text(saved.quarter))
    server.log(said + (_(" (version {revision})").format(revision=saved.revision) if saved.revision > 1 else ""))
    response = RedirectResponse(f"/team/{key}?saved={saved.revision}&quarter={saved.quarter}", status_code=303)
    response.headers["x-submission-revision"] = str(saved.revision)
    return response


def _report(server: Server, path: Path, back: tuple[str, str] | None = None) -> Response:
    """A page written into the class folder; ``back``: (address, words) of a link back to the page it came from,
    put at the top of the page."""
    if not path.is_file():
        return _not_found_page()
    page = path.read_text(encoding="utf-8")
    if back is not None:
        link = f'<nav class="back"><a href="{html.escape(back[0])}">← {html.escape(back[1])}</a></nav>'
        page = page.replace("<body>", "<body>" + link, 1)
    return HTMLResponse(page, headers={"content-security-policy": REPORT_POLICY})


def _newspaper(server: Server, request: Request, back: tuple[str, str]) -> Response:
    quarter = request.path_params["quarter"]
    if not QUARTER.match(quarter):
        return _not_found_page()
    with server.desk.locked() as game:
        played = {p.quarter for p in game.file.played}
    if quarter not in played:
        return _not_found_page(_("No newspaper for that quarter."))
    return _report(server, server.desk.folder / "turns" / quarter / "newspaper.html", back)


async def team_newspaper(server: Server, request: Request) -> Response:
    """A played quarter's newspaper, for a team."""
    _team_of(server, request)
    back = (f"/team/{request.path_params['key']}", _("Back to your team's page"))
    return await run_in_threadpool(_newspaper, server, request, back)


def _teacher(server: Server, request: Request) -> str:
    key = request.path_params["key"]
    if not server.keys.is_teacher(key):
        raise RefusedError([_("this is not the teacher's page")], status=403)
    return key


async def teacher_newspaper(server: Server, request: Request) -> Response:
    """A played quarter's newspaper, for the teacher."""
    key = _teacher(server, request)
    return await run_in_threadpool(_newspaper, server, request, (f"/teacher/{key}", _("Back to the dashboard")))


async def screen_newspaper(server: Server, request: Request) -> Response:
    """A played quarter's newspaper for the class screen (no key: every team reads the newspapers anyway)."""
    return await run_in_threadpool(_newspaper, server, request, ("/screen", _("Back to the class screen")))


async def screen(server: Server, request: Request) -> Response:
    """The class screen, for the projector: every team's score and the last quarter's news, with no key in its
    address (nothing on it is secret: the newspapers carry the same); it reloads itself every 30 seconds."""
    return await run_in_threadpool(_render_screen, server, request)


def _render_screen(server: Server, request: Request) -> Response:
    with server.desk.locked() as game:
        session = server.desk.session(game)
        played = len(game.file.played)
        last = quarter_name(game.world.start_quarter + played - 1) if played else ""
        return server.page(
            request, "screen.html", title=scenario_words(game.loaded).texts.title, quarter=game.quarter,
            turn=played + 1,
            turns=game.world.turns, over=game.game.is_over(), last=last, scores=class_scores(game, session),
            news=plain_news(game, session, played) if played else [], address=server.address, qr=server.qr_svg,
        )


async def debrief(server: Server, request: Request) -> Response:
    """The debrief of the game so far, as ``multivector report`` writes it."""
    _teacher(server, request)
    page = await run_in_threadpool(server.desk.debrief)
    return HTMLResponse(page, headers={"content-security-policy": REPORT_POLICY})


async def projector(server: Server, request: Request) -> Response:
    """The page to project: the join address and its QR code, large, and no join code."""
    _teacher(server, request)
    return server.page(request, "projector.html", address=server.address, qr=server.qr_svg)


async def confirm_undo(server: Server, request: Request) -> Response:
    """The second step of Undo: which quarter will be taken back, and a button to do it."""
    key = _teacher(server, request)
    return await run_in_threadpool(_render_confirm_undo, server, request, key)


def _render_confirm_undo(server: Server, request: Request, key: str) -> Response:
    with server.desk.locked() as game:
        quarter = game.quarter
        last = quarter_name(game.world.start_quarter + len(game.file.played) - 1) if game.file.played else ""
    return server.page(request, "undo.html", key=key, csrf=server.keys.form_token(key), quarter=quarter, last=last)


async def dashboard(server: Server, request: Request) -> Response:
    """The teacher's page: who has submitted, the countdown, the commands."""
    key = _teacher(server, request)
    done = request.query_params.get("done", "")
    return await run_in_threadpool(_render_dashboard, server, request, key, 200, [], done)


def _render_dashboard(
    server: Server, request: Request, key: str, status: int, problems: list[str], done: str
) -> Response:
    with server.desk.locked() as game:
        quarter = game.quarter
        teams = [
            (team, place_name(team), server.desk.submission(quarter, team), game.file.policy_of(team), code)
            for team, code in server.keys.join_codes.items()
        ]
        words = scenario_words(game.loaded)
        events = [
            (e.id, words.event_title(e.id, e.title), words.event_text(e.id, e.text), event_effect_words(e))
            for e in game.loaded.scenario.events
        ]
        scores = class_scores(game, server.desk.session(game))
        pending = [words.event_title(i.event, i.title) for i in game.pending_injections()]
        papers = [p.quarter for p in game.file.played][::-1]
        over = game.game.is_over()
        turn, turns, title = len(game.file.played) + 1, game.world.turns, words.texts.title
        last = quarter_name(game.world.start_quarter + len(game.file.played) - 1) if game.file.played else ""
    return server.page(
        request, "dashboard.html", status, key=key, csrf=server.keys.form_token(key), quarter=quarter, teams=teams,
        events=events, pending=pending, papers=papers, over=over, turn=turn, turns=turns, title=title, last=last,
        deadline=server.desk.deadline(quarter), now=time.time(), address=server.address, qr=server.qr_svg,
        problems=problems, done=done, policy=game.file.deadline_policy, scores=scores,
    )


TEACHER_COMMANDS = ("resolve", "undo", "inject", "cancel", "policy", "deadline")


async def teacher_command(server: Server, request: Request) -> Response:
    """One of the teacher's buttons: resolve, undo, inject, policy, deadline."""
    key = _teacher(server, request)
    command = request.path_params["command"]
    if command not in TEACHER_COMMANDS:
        return await _not_found(request, KeyError())
    form = await read_form(request)
    if not check_csrf(server, form, key):
        return server.expired(request, _("the form has expired; open your page again"))
    try:
        done = await run_in_threadpool(_run_command, server, command, form)
    except RefusedError as error:
        return await run_in_threadpool(_render_dashboard, server, request, key, error.status, error.messages, "")
    server.log(_("teacher: {done}").format(done=done))
    return RedirectResponse(f"/teacher/{key}?{urllib.parse.urlencode({'done': done})}", status_code=303)


def _prepare_team_pages(server: Server) -> None:
    """Work out every team's page of the new quarter now (its news and every order's worth), while the teacher
    waits for the turn anyway, rather than when the whole class reloads at once."""
    with server.desk.locked() as game:
        session = server.desk.session(game)
        for team in game.teams:
            team_view(game, session, team, None)


def _warm_debrief(desk: ClassDesk) -> None:
    """Make and keep the debrief (errors are shown when the teacher opens it, not here)."""
    with contextlib.suppress(RefusedError, ClassGameError, InputFileError, OSError):
        desk.debrief()


def _run_command(server: Server, command: str, form: FormData) -> str:
    desk = server.desk
    if command == "resolve":
        played = desk.resolve(page_quarter(form))
        _prepare_team_pages(server)
        with desk.locked() as game:
            over = game.game.is_over()
        if over:  # the teacher will open the debrief next: make it now, off the request
            threading.Thread(target=_warm_debrief, args=(desk,), name="debrief", daemon=True).start()
        return _("resolved {quarter}").format(quarter=quarter_text(played.quarter))
    if command == "undo":
        return _("took back {quarters}").format(
            quarters=", ".join(quarter_text(q) for q in desk.undo(page_quarter(form))))
    if command == "cancel":
        return _("cancelled: {events}").format(events="; ".join(desk.cancel_injections()) or _("nothing was injected"))
    if command == "inject":
        with desk.locked() as game:
            ids = [e.id for e in game.loaded.scenario.events]
        return _("injected: {event}").format(event=desk.inject(one_field(form, "event", ids)))
    if command == "policy":
        policy = one_field(form, "policy", ["computer", "hold"])
        desk.set_policy("computer" if policy == "computer" else "hold", None)
        if policy == "computer":
            return _("deadline policy: the computer plays a team without orders")
        return _("deadline policy: a team without orders holds")
    minutes = form.get("minutes")
    if minutes in (None, ""):
        desk.set_deadline(None)
        return _("no deadline")
    try:
        value = float(str(minutes).replace(",", "."))  # a decimal comma, as Russian and Kazakh write it
    except ValueError:
        raise BadFormError(_("“{field}”: type a number of minutes, such as 5 (you typed “{value}”)").format(
            field=_("Close orders in").rstrip(":"), value=str(minutes)[:20])) from None
    if not 0 <= value <= 600:  # 0 closes the orders now
        raise BadFormError(_("“{field}”: give between 0 and 600 minutes (0: close now; empty: no deadline)").format(
            field=_("Close orders in").rstrip(":")))
    desk.set_deadline(value)
    whole = value == int(value)
    return ngettext("deadline in {count} minute", "deadline in {count} minutes", int(value) if whole else 2).format(
        count=format_number(value, 0 if whole else 1))
