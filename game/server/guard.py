"""Limits every request passes before the class server reads it: body size, request rate, safe headers.

Pure ASGI middleware (Starlette's), so an oversized or too-frequent request is refused before
any form is parsed or any file touched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from game.i18n import _, format_number

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 16 * 1024  # a team's orders form is well under 2 KB
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
REPORT_POLICY = (  # the newspaper and the debrief: self-contained pages with their own styles and figures
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def too_large(limit: int) -> str:
    """The refusal of a body over ``limit`` bytes."""
    return _("the request is too large (at most {limit} bytes)").format(limit=format_number(limit))


class BodyLimit:
    """Refuse a body over ``limit`` bytes (413), whether announced in Content-Length or streamed."""

    def __init__(self, app: App, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the announced length, then count what arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        announced = headers.get(b"content-length")
        if announced is not None and (not announced.isdigit() or int(announced) > self.limit):
            await _plain(send, 413, too_large(self.limit))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLargeError
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLargeError:
            await _plain(send, 413, too_large(self.limit))


class _TooLargeError(Exception):
    """A streamed body passed the limit."""


class RateLimit:
    """A token bucket per client (its address and the key in the path): ``burst`` requests at once,
    then ``per_second``; over that, 429 with a Retry-After."""

    def __init__(self, app: App, per_second: float = 10.0, burst: float = 60.0) -> None:
        self.app = app
        self.per_second = per_second
        self.burst = burst
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._mutex = threading.Lock()

    def _client(self, scope: Scope) -> tuple[str, str]:
        host = (scope.get("client") or ("?", 0))[0]
        parts = str(scope.get("path", "")).split("/")
        key = parts[2] if len(parts) > 2 and parts[1] in ("team", "teacher") else ""
        return str(host), key[:64]

    def allow(self, client: tuple[str, str]) -> bool:
        """Take a token from the client's bucket; False when it is empty."""
        now = time.monotonic()
        with self._mutex:
            tokens, then = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.per_second)
            if len(self._buckets) > 10_000:  # a flood of made-up keys cannot grow memory without end
                self._buckets.clear()
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1.0, now)
            return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, or refuse it with 429."""
        if scope["type"] == "http" and not self.allow(self._client(scope)):
            body = _("too many requests from this device; wait a moment and try again").encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"2")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


class SafeHeaders:
    """Every response: no sniffing, no framing, no Referer (page addresses hold keys), a strict CSP."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {name.lower() for name, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                message["headers"] = headers + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, with_headers)
