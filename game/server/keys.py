"""The class server's secrets: a join code and a page key per team, the teacher's key, the form-signing key.

They are made once with :mod:`secrets` and kept in the class folder (``server-keys.json``), so a
restarted server keeps every link and code the class already has. Join codes are short enough
to type on a phone (10 letters from 31: about 50 bits, and joining is rate-limited); page keys
and the teacher's key are 32 random bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from game.io.atomic import write_text_atomic

KEYS_FILE = "server-keys.json"
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679"  # no 0/O, 1/I, 8/B look-alikes
JOIN_LENGTH = 10


def new_join_code() -> str:
    """A random join code, shown in two halves of five (``KQ7MZ-4TRWX``)."""
    letters = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))
    return f"{letters[:5]}-{letters[5:]}"


def normal_code(typed: str) -> str:
    """A typed join code as stored: capitals, the dash in the middle, spaces and case forgiven."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    return f"{letters[:5]}-{letters[5:]}"


@dataclass(frozen=True)
class ServerKeys:
    """Every secret of one class folder's server."""

    join_codes: dict[str, str]  # team -> join code
    team_keys: dict[str, str]  # team -> the key in the team page's address
    teacher_key: str
    form_key: str  # signs the forms' CSRF tokens

    def team_of_code(self, typed: str) -> str | None:
        """The team whose join code this is (None for none), compared in constant time."""
        code = normal_code(typed)
        found = None
        for team, known in self.join_codes.items():
            if hmac.compare_digest(code.encode(), known.encode()):
                found = team
        return found

    def team_of_key(self, key: str) -> str | None:
        """The team whose page key this is (None for none), compared in constant time."""
        found = None
        for team, known in self.team_keys.items():
            if hmac.compare_digest(key.encode(), known.encode()):
                found = team
        return found

    def is_teacher(self, key: str) -> bool:
        """True for the teacher's key."""
        return hmac.compare_digest(key.encode(), self.teacher_key.encode())

    def form_token(self, scope: str) -> str:
        """The CSRF token of the forms of one page (``scope``: a team's key, the teacher's, a join cookie)."""
        return hmac.new(self.form_key.encode(), scope.encode(), hashlib.sha256).hexdigest()

    def form_token_ok(self, scope: str, token: str) -> bool:
        """True when ``token`` is the CSRF token of ``scope``."""
        return hmac.compare_digest(self.form_token(scope).encode(), token.encode())


def load_or_make_keys(folder: Path, teams: list[str]) -> ServerKeys:
    """The folder's keys; made (and saved atomically) for teams that have none yet."""
    path = folder / KEYS_FILE
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    join = dict(data.get("join_codes", {}) or {})  # type: ignore[call-overload]
    pages = dict(data.get("team_keys", {}) or {})  # type: ignore[call-overload]
    teacher = str(data.get("teacher_key") or secrets.token_urlsafe(32))
    form = str(data.get("form_key") or secrets.token_hex(32))
    for team in teams:
        join.setdefault(team, new_join_code())
        pages.setdefault(team, secrets.token_urlsafe(32))
    keys = ServerKeys({t: str(join[t]) for t in teams}, {t: str(pages[t]) for t in teams}, teacher, form)
    fresh = {"join_codes": join, "team_keys": pages, "teacher_key": teacher, "form_key": form}
    if fresh != data:
        write_text_atomic(path, json.dumps(fresh, indent=1) + "\n")
        with contextlib.suppress(OSError):  # the keys are the teacher's alone, on a shared computer too
            os.chmod(path, 0o600)
    return keys
