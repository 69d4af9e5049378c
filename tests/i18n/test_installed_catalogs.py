"""An installed wheel, run from another folder, speaks every shipped language (catalogs and scenario texts)."""

from __future__ import annotations

from tests.test_packaging import Installed, installed

__all__ = ["installed"]  # the fixture that builds the wheel and installs it into a fresh venv

SPEAK = """
from game.i18n import set_language
from game.i18n.phrases import turn_count
from game.scenario.library import resolve_scenario
from game.scenario.load import load_scenario
from game.scenario.translation import scenario_texts
loaded = load_scenario(resolve_scenario("tutorial"))
for code in ("ru", "kk", "uz"):
    set_language(code)
    texts = scenario_texts(loaded.scenario, loaded.path, code)
    print(turn_count(5), "|", texts.title, "|", texts.translated)
"""


def test_the_installed_game_translates_from_another_folder(installed: Installed) -> None:
    spoken = installed.run("python", "-c", SPEAK)
    assert spoken.returncode == 0, spoken.stderr
    assert spoken.stdout.splitlines() == [
        "5 ходов | Обучение: один год многовекторной игры (2023) | True",
        "5 жүріс | Оқыту: көпвекторлы ойынның бір жылы (2023) | True",
        "5 yurish | Oʻquv oʻyini: koʻp vektorli oʻyinning bir yili (2023) | True",
    ]
    # The catalogs are read from the package, not the clone.
    where = installed.run("python", "-c", "from game.i18n.catalog import LOCALE_DIR; print(LOCALE_DIR)")
    assert "site-packages" in where.stdout or "Lib" in where.stdout, where.stdout
