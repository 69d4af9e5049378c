"""A language switched on for one piece of work (a request, a task, a thread) stays with it."""

from __future__ import annotations

import asyncio
import threading

from game.i18n import SOURCE_LANGUAGE, _, current_language, format_number, language_scope, set_language


def test_interleaved_tasks_keep_their_languages() -> None:
    """Tasks that take turns on one event loop each read their own language, and the process's after."""
    seen: dict[str, list[tuple[str, str, str]]] = {}

    async def work(code: str) -> None:
        with language_scope(code):
            for _turn in range(5):
                await asyncio.sleep(0)  # let the other tasks run in between
                seen.setdefault(code, []).append((current_language(), _("Language"), format_number(1.5, 1)))

    async def main() -> None:
        await asyncio.gather(*(work(code) for code in ("ru", "kk", "uz", "en")))

    set_language("kk")
    try:
        asyncio.run(main())
        assert current_language() == "kk"
    finally:
        set_language(SOURCE_LANGUAGE)
    assert {code: set(lines) for code, lines in seen.items()} == {
        "ru": {("ru", "Язык", "1,5")},
        "kk": {("kk", "Тіл", "1,5")},
        "uz": {("uz", "Til", "1,5")},
        "en": {("en", "Language", "1.5")},
    }


def test_a_thread_reads_the_process_language_not_another_threads_scope() -> None:
    inside = threading.Event()
    release = threading.Event()
    found: list[str] = []

    def scoped() -> None:
        with language_scope("ru"):
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=scoped)
    thread.start()
    inside.wait(5)
    found.append(current_language())
    release.set()
    thread.join()
    assert found == [SOURCE_LANGUAGE]
