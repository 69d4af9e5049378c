"""Each browser reads the class server in its own language: the switch's choice (kept in a cookie), else the first
shipped language of its Accept-Language, else the teacher's; the teacher's pages keep the teacher's language unless
that browser chose another; and concurrent requests in different languages never mix."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.cli.classgame import _class_debrief, write_turn_outputs
from game.i18n import SOURCE_LANGUAGE, set_language, translate
from game.server.app import Server, make_app
from game.server.language import LANGUAGE_COOKIE, accepted_language
from game.server.run import build_server

HTML_LANG = re.compile(r'<html lang="([a-z]+)">')


def page_language(page: str) -> str:
    """The ``<html lang>`` of a page, checked against a word every page shows (the header's "class game")."""
    found = HTML_LANG.search(page)
    assert found is not None
    code = found[1]
    assert translate("class game", code) in page, code
    return code


@pytest.fixture
def teacher_in(request: pytest.FixtureRequest) -> Iterator[str]:
    """The teacher's --lang for the test (English again after it)."""
    set_language(request.param)
    yield request.param
    set_language(SOURCE_LANGUAGE)


@pytest.fixture
def served(class_dir: Path, teacher_in: str) -> Server:
    """The class server, started after the teacher's language is switched on."""
    return build_server(class_dir, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/")


def browser(server: Server) -> TestClient:
    """A browser of its own (its own cookies)."""
    return TestClient(make_app(server), follow_redirects=False)


def test_accept_language_takes_the_first_shipped_language_by_preference() -> None:
    assert accepted_language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == "ru"
    assert accepted_language("de-DE, kk;q=0.5, uz-Latn-UZ;q=0.9") == "uz"
    assert accepted_language("fr, de;q=0.9") is None
    assert accepted_language("ru;q=0, kk;q=0.1") == "kk"
    assert accepted_language("*, ru;q=0.5") == "ru"
    assert accepted_language("") is None


@pytest.mark.parametrize("teacher_in", ["en"], indirect=True)
def test_two_browsers_read_the_team_page_in_their_languages(served: Server) -> None:
    kz = served.keys.team_keys["KZ"]
    with browser(served) as russian, browser(served) as kazakh:
        ru = russian.get(f"/team/{kz}", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.8"})
        kk = kazakh.get(f"/team/{kz}", headers={"accept-language": "kk-KZ,ru;q=0.8"})
        assert (ru.status_code, kk.status_code) == (200, 200)
        assert page_language(ru.text) == "ru" and page_language(kk.text) == "kk"
        assert translate("Your orders ↓", "ru") in ru.text and translate("Your orders ↓", "kk") in kk.text
        assert "Accept-Language" in ru.headers["vary"]
        # The join page too, and a browser that asks for nothing gets the teacher's.
        assert page_language(russian.get("/", headers={"accept-language": "ru"}).text) == "ru"
        assert page_language(browser(served).get("/").text) == "en"


@pytest.mark.parametrize("teacher_in", ["en"], indirect=True)
def test_the_switch_is_remembered_and_wins_over_the_browser(served: Server) -> None:
    kz = served.keys.team_keys["KZ"]
    russian_browser = {"accept-language": "ru-RU,ru"}
    with browser(served) as client:
        first = client.get(f"/team/{kz}", headers=russian_browser)
        assert page_language(first.text) == "ru"
        for code in ("en", "kk", "uz"):  # the switch offers every language, each in its own name, on this page
            assert f'href="/team/{kz}?lang={code}"' in first.text
        chosen = client.get(f"/team/{kz}?lang=kk", headers=russian_browser)
        assert page_language(chosen.text) == "kk"
        assert chosen.cookies.get(LANGUAGE_COOKIE) == "kk"
        assert page_language(client.get(f"/team/{kz}", headers=russian_browser).text) == "kk"
        assert page_language(client.get("/", headers=russian_browser).text) == "kk"
        # A language the game does not ship, in the switch or the cookie, is passed over.
        assert page_language(client.get(f"/team/{kz}?lang=de", headers=russian_browser).text) == "kk"
        client.cookies.clear()
        client.cookies.set(LANGUAGE_COOKIE, "de")
        assert page_language(client.get(f"/team/{kz}", headers=russian_browser).text) == "ru"


@pytest.mark.parametrize("teacher_in", ["kk"], indirect=True)
def test_a_language_not_shipped_falls_back_to_the_teachers(served: Server) -> None:
    kz = served.keys.team_keys["KZ"]
    with browser(served) as client:
        page = client.get(f"/team/{kz}", headers={"accept-language": "de-DE,fr;q=0.9,*;q=0.1"})
        assert page_language(page.text) == "kk"
        assert "<html lang=kk>" in client.get("/nowhere", headers={"accept-language": "tr"}).text


@pytest.mark.parametrize("teacher_in", ["kk"], indirect=True)
def test_the_projector_keeps_the_teachers_language_unless_this_browser_chose(served: Server) -> None:
    teacher = served.keys.teacher_key
    english_laptop = {"accept-language": "en-US,en;q=0.9"}
    with browser(served) as client:
        for path in (f"/teacher/{teacher}", f"/teacher/{teacher}/projector", "/screen"):
            assert page_language(client.get(path, headers=english_laptop).text) == "kk", path
        assert page_language(client.get(f"/teacher/{teacher}/projector?lang=ru").text) == "ru"
        assert page_language(client.get("/screen", headers=english_laptop).text) == "ru"


@pytest.mark.parametrize("teacher_in", ["en"], indirect=True)
def test_concurrent_requests_in_different_languages_do_not_mix(served: Server) -> None:
    """Four browsers, one per language, each loading the team page eight times at once: every page comes back
    whole in its browser's language (one process-wide language would mix them)."""
    kz = served.keys.team_keys["KZ"]
    start = threading.Barrier(4)
    wrong: list[tuple[str, str]] = []

    def read(code: str) -> None:
        with browser(served) as client:
            start.wait()
            for _ in range(8):
                page = client.get(f"/team/{kz}", headers={"accept-language": code}).text
                found = HTML_LANG.search(page)
                if found is None or found[1] != code or translate("Your orders ↓", code) not in page:
                    wrong.append((code, page[:80]))

    threads = [threading.Thread(target=read, args=(code,)) for code in ("en", "ru", "kk", "uz")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


@pytest.mark.parametrize("teacher_in", ["ru"], indirect=True)
def test_a_teacher_who_names_the_language_gets_it_on_browsers_set_to_english(class_dir: Path, teacher_in: str) -> None:
    """``multivector --lang ru class serve``: a school computer's browser set to English reads the join and team
    pages in Russian (a teacher found them English); its own switch still gives it another language."""
    named = build_server(class_dir, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/", follow_browser=False)
    kz = named.keys.team_keys["KZ"]
    english_browser = {"accept-language": "en-US,en;q=0.9"}
    with browser(named) as client:
        assert page_language(client.get("/", headers=english_browser).text) == "ru"
        assert page_language(client.get(f"/team/{kz}", headers=english_browser).text) == "ru"
        assert page_language(client.get(f"/team/{kz}?lang=en", headers=english_browser).text) == "en"
        assert page_language(client.get(f"/team/{kz}", headers=english_browser).text) == "en"  # kept in its cookie
    unnamed = build_server(class_dir, write_turn_outputs, _class_debrief, "http://127.0.0.1:8000/")
    with browser(unnamed) as client:  # without --lang the browser's language decides, as before
        assert page_language(client.get(f"/team/{kz}", headers=english_browser).text) == "en"


def test_the_command_line_names_the_language_to_the_server_only_when_lang_is_given(
    monkeypatch: pytest.MonkeyPatch, class_dir: Path
) -> None:
    """``--lang`` before ``class serve`` keeps the pages in it; without it, browsers decide."""
    import game.server.run
    from game.cli.main import main

    seen: list[bool] = []
    monkeypatch.setattr(game.server.run, "serve", lambda *args, follow_browser=True, **kw: seen.append(follow_browser))
    try:
        assert main(["--lang", "ru", "class", "serve", str(class_dir)]) == 0
        assert main(["class", "serve", str(class_dir)]) == 0
    finally:
        set_language(SOURCE_LANGUAGE)
    assert seen == [False, True]
