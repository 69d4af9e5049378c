"""Start the class server: keys, addresses, the console's welcome (QR code, join codes, teacher's link), uvicorn."""

from __future__ import annotations

import shlex
import socket
from collections.abc import Callable
from pathlib import Path

import segno
import uvicorn
from pydantic import BaseModel, ConfigDict, Field
from starlette.applications import Starlette
from starlette.templating import Jinja2Templates

from game.classroom.folder import OutputWriter, load_class_game, one_command_at_a_time
from game.i18n import LANGUAGES, _, current_language, format_number, ngettext, place_name, quarter_text
from game.i18n.phrases import program_command
from game.io.atomic import write_atomic
from game.server import DEFAULT_HOST, DEFAULT_PORT
from game.server.app import WEB_DIR, Server, make_app, quiet
from game.server.desk import ClassDesk, DebriefMaker
from game.server.keys import load_or_make_keys

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ADDRESS_FILE = "server-address.json"  # in the class folder: where the server last listened, for --links


class ServerAddress(BaseModel):
    """Where a class server last listened (``server-address.json``)."""

    model_config = ConfigDict(extra="forbid")
    host: str = Field(min_length=1, max_length=255)
    port: int = Field(ge=1, le=65535)


def remember_address(folder: Path, host: str, port: int) -> None:
    """Keep where the server listens, so that ``--links`` prints the links students actually use."""
    write_atomic(folder / ADDRESS_FILE, ServerAddress(host=host, port=port).model_dump_json().encode())


def last_address(folder: Path) -> tuple[str, int]:
    """Where the server last listened; the defaults when it never ran (or its note is unreadable: it is only a
    convenience, and ``--host``/``--port`` say it outright)."""
    try:
        found = ServerAddress.model_validate_json((folder / ADDRESS_FILE).read_bytes()[:4096])
    except (OSError, ValueError):
        return DEFAULT_HOST, DEFAULT_PORT
    return found.host, found.port


def addresses(host: str, port: int) -> list[str]:
    """The addresses students type: the host given, or for 0.0.0.0 this machine's addresses on the network."""
    if host not in ("0.0.0.0", "::", ""):
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found = sorted({str(info[4][0]) for info in infos if not str(info[4][0]).startswith("127.")})
    except OSError:
        pass
    return [f"http://{address}:{port}/" for address in found] or [f"http://127.0.0.1:{port}/"]


def qr_text(address: str) -> str:
    """The address as a QR code drawn with block characters, for the console."""
    code = segno.make(address, error="m")
    rows = [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}
    return "\n".join("".join(glyph[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
                     for upper, lower in zip(rows[::2], rows[1::2], strict=True))


def build_server(
    folder: Path, write_outputs: OutputWriter, debrief: DebriefMaker, address: str,
    say: Callable[[str], None] = quiet, follow_browser: bool = True,
) -> Server:
    """The server of a class folder: its game checked (loaded once), its keys made or read (``say``: the console,
    for a line per submission and per teacher's command; ``follow_browser``: see ``game.server.language``)."""
    with one_command_at_a_time(folder):
        game = load_class_game(folder)
        keys = load_or_make_keys(folder, game.teams)
    templates = page_templates()
    qr = segno.make(address, error="m").svg_inline(scale=6, dark="#1d2433", omitsize=True)
    return Server(ClassDesk(folder, write_outputs, debrief), keys, templates, address, qr, say, follow_browser)


def quarter_words(quarter: str | None) -> str:
    """A quarter code (``2023Q4``) as the request's language writes it (``IV кв. 2023``); nothing for none."""
    return quarter_text(quarter) if quarter else ""


def page_templates() -> Jinja2Templates:
    """The pages' templates (autoescaped), speaking the language switched on: ``_()`` and ``ngettext()`` are the
    game's catalog (Jinja's i18n extension; Babel's Jinja extractor reads them into the catalog) and ``language()``
    its code, for ``<html lang>``."""
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.install_gettext_callables(_, ngettext, newstyle=False)  # type: ignore[attr-defined]
    templates.env.globals["language"] = current_language  # the request's (game.server.language)
    templates.env.globals["languages"] = LANGUAGES  # the language switch's choices
    templates.env.globals["number"] = format_number  # a figure as the language writes it (``1,5`` in Russian)
    templates.env.filters["quarter_text"] = quarter_words
    return templates


def serve_command(folder: Path, host: str, port: int) -> str:
    """The command that starts this server again as it runs now: same folder, same address and port."""
    command = f"{program_command()} class serve {shlex.quote(str(folder))}"
    if host != DEFAULT_HOST:
        command += f" --host {host}"
    if port != DEFAULT_PORT:
        command += f" --port {port}"
    return command


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for the server (:class:`OSError` when the port is taken), so that a busy
    port is found before anything is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart needs no wait
    try:
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    return listening


def run_on(app: Starlette, listening: socket.socket) -> None:
    """Serve ``app`` on an already bound socket until Ctrl+C."""
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[listening])


def say_links(server: Server, host: str, port: int, shown: list[str], say: Callable[[str], None]) -> None:
    """Where students join (address, QR code, join codes) and the teacher's link, for the console."""
    say(_("students open {addresses} and type their team's join code:").format(addresses=_(" or ").join(shown)))
    if host in ("0.0.0.0", "::") and shown == [f"http://127.0.0.1:{port}/"]:
        say("  " + _("(this computer's network address was not found: students type it instead of 127.0.0.1; "
                     "'ip addr' on Linux, 'ipconfig' on Windows, System Settings → Network on a Mac show it)"))
    say(qr_text(shown[0]))
    for team, code in server.keys.join_codes.items():
        say(f"  {place_name(team)} ({team}): {code}")
    say(_("teacher's dashboard (keep it to yourself): {link}").format(
        link=f"{shown[0]}teacher/{server.keys.teacher_key}"))
    say(_("class screen for the projector (scores and news; no key in its address): {link}").format(
        link=f"{shown[0]}screen"))


def print_links(folder: Path, host: str, port: int, write_outputs: OutputWriter, debrief: DebriefMaker,
                say: Callable[[str], None]) -> None:
    """Print the join codes and the links again, as ``serve`` printed them, without starting a server."""
    shown = addresses(host, port)
    server = build_server(folder, write_outputs, debrief, shown[0], say)
    say_links(server, host, port, shown, say)


def serve(
    folder: Path,
    host: str,
    port: int,
    write_outputs: OutputWriter,
    debrief: DebriefMaker,
    say: Callable[[str], None],
    follow_browser: bool = True,
) -> None:
    """Take the port (:class:`OSError`, before anything is printed, when it is busy), print where to join and the
    teacher's link, then serve until Ctrl+C (``follow_browser``: False when the teacher named the class's
    language with ``--lang``: every page is in it unless a browser chooses another with the pages' switch)."""
    shown = addresses(host, port)
    server = build_server(folder, write_outputs, debrief, shown[0], say, follow_browser)
    listening = listen(host, port)
    remember_address(folder, host, port)
    say(_("class server for {folder} on {host}:{port} (stop with Ctrl+C; restarting keeps every code and link)").format(
        folder=folder, host=host, port=port))
    say_links(server, host, port, shown, say)
    if host in LOOPBACK:
        say(_("note: on {host} only this computer can open these pages; students on other machines cannot reach "
              "them. For the room's network: {command}").format(
            host=host, command=serve_command(folder, "0.0.0.0", port)))
    say(_("each submission and each of the teacher's commands is shown below, with its time:"))
    with listening:
        run_on(make_app(server), listening)
