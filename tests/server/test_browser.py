"""Two teams and their teacher in real browsers (headless Chromium): join, submit, resolve, read the newspaper.

Skipped where chromedriver is absent. With MULTIVECTOR_SHOTS=FOLDER, every page is also saved as a
screenshot at a phone's size (390×844) and a laptop's (1280×800), to be looked at.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.class_server_load import free_port, new_class_game, read_keys, start_server, stop_server

webdriver = pytest.importorskip("selenium.webdriver")
if shutil.which("chromedriver") is None:
    pytest.skip("chromedriver is not installed (Debian: apt-get install chromium-driver)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

SIZES = {"phone": (390, 844), "laptop": (1280, 800)}


def browser() -> WebDriver:
    """A headless Chromium driven by Debian's chromedriver."""
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    if shutil.which("chromium"):
        options.binary_location = str(shutil.which("chromium"))
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(*SIZES["laptop"])
    return driver


def wait_for(driver: WebDriver, text: str) -> None:
    """Until the page shows ``text`` (a click's new page may take a moment; a minute at most)."""
    WebDriverWait(driver, 60).until(lambda d: text in d.page_source)


def shoot(driver: WebDriver, name: str) -> None:
    """Save the page at both sizes, whole (not only the window), when MULTIVECTOR_SHOTS names a folder."""
    folder = os.environ.get("MULTIVECTOR_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"},
        )
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        (Path(folder) / f"{name}-{size}.png").write_bytes(base64.b64decode(shot["data"]))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A class game (KZ and RU) served on the loopback address."""
    folder = tmp_path / "game"
    new_class_game(folder, ("KZ", "RU"), 4)
    port = free_port()
    server = start_server(folder, port, tmp_path / "server.log")
    try:
        yield f"http://127.0.0.1:{port}", folder
    finally:
        stop_server(server)


def join_and_submit(driver: WebDriver, base: str, code: str, shots: str) -> str:
    """Type the join code, tick the first order open, submit; the team page's address."""
    driver.get(base + "/")
    if shots:
        shoot(driver, "join")
    driver.find_element(By.ID, "code").send_keys(code)
    driver.find_element(By.CSS_SELECTOR, ".join-form button").click()
    wait_for(driver, "Your orders for 2023Q1")
    if shots:
        shoot(driver, f"team-{shots}")
    tick_first_and_submit(driver, "2023Q1")
    if shots:
        shoot(driver, f"team-{shots}-saved")
    return str(driver.current_url)


def tick_first_and_submit(driver: WebDriver, quarter: str) -> None:
    """Tick the first order open on the team's page and submit it."""
    wait_for(driver, f"Your orders for {quarter}")
    box = driver.find_element(By.CSS_SELECTOR, "input[name=order]:not([disabled])")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    driver.find_element(By.CSS_SELECTOR, ".submit-bar button").click()
    wait_for(driver, "Orders saved (version 1)")


def test_two_teams_play_three_turns_and_read_the_newspaper_after_the_teacher_resolves(served: tuple[str, Path]) -> None:
    base, folder = served
    keys = read_keys(folder)
    codes: dict[str, str] = dict(keys["join_codes"])  # type: ignore[call-overload]
    drivers = [browser(), browser(), browser()]
    try:
        kz, ru, teacher = drivers
        kz_page = join_and_submit(kz, base, codes["KZ"].lower(), "kz")
        ru_page = join_and_submit(ru, base, codes["RU"], "")
        teacher.get(f"{base}/teacher/{keys['teacher_key']}")
        # Both teams read as submitted (the page is read again until then: on a loaded machine the first read
        # has once come before the page had settled; a dashboard that never shows both fails here).
        WebDriverWait(teacher, 20).until(
            lambda d: d.page_source.count("submitted</span>") == 2 or d.refresh(),
            message="the dashboard does not show both teams as submitted",
        )
        shoot(teacher, "dashboard")
        teacher.find_element(By.CSS_SELECTOR, "form[action$='/resolve'] button").click()
        wait_for(teacher, "Done: resolved 2023Q1")
        shoot(teacher, "dashboard-resolved")
        for driver, page in ((kz, kz_page), (ru, ru_page)):
            driver.get(page)
            assert "2023Q2" in driver.find_element(By.CSS_SELECTOR, ".quarter").text
            driver.find_element(By.LINK_TEXT, "2023Q1").click()
            wait_for(driver, "The Steppe Courier")
            assert "/newspaper/2023Q1" in driver.current_url
        shoot(kz, "newspaper")
        kz.get(kz_page)
        shoot(kz, "team-kz-2023Q2")
        for quarter in ("2023Q2", "2023Q3"):  # two more turns: three played in all
            for driver, page in ((kz, kz_page), (ru, ru_page)):
                driver.get(page)
                tick_first_and_submit(driver, quarter)
            teacher.find_element(By.CSS_SELECTOR, "form[action$='/resolve'] button").click()
            wait_for(teacher, f"Done: resolved {quarter}")
        assert "2023Q4 · turn 4 of 4" in teacher.page_source
        teacher.find_element(By.LINK_TEXT, "Open the debrief").click()
        wait_for(teacher, "Debrief")
        shoot(teacher, "debrief")
        kz.get(base + "/team/not-a-key")
        shoot(kz, "refused")
    finally:
        for driver in drivers:
            driver.quit()


def test_on_a_phone_the_join_form_fits_its_card_and_the_map_names_the_states_in_readable_type(
    served: tuple[str, Path],
) -> None:
    base, folder = served
    keys = read_keys(folder)
    driver = browser()
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 375, "height": 740, "deviceScaleFactor": 1, "mobile": True}
        )
        driver.get(base + "/")
        wait_for(driver, "Join your team")
        overflow = driver.execute_script(
            "const card = document.querySelector('.card').getBoundingClientRect();"
            "return [...document.querySelectorAll('.join-form input, .join-form button')]"
            ".map(e => e.getBoundingClientRect().right - card.right);"
        )
        assert overflow and max(overflow) <= 0  # the code's box and the button stay inside the card
        driver.get(f"{base}/team/{dict(keys['team_keys'])['KZ']}")  # type: ignore[call-overload]
        wait_for(driver, "The region")
        heights = driver.execute_script(
            "return [...document.querySelectorAll('.map .country-name')]"
            ".map(t => [t.textContent, t.getBoundingClientRect().height]);"
        )
        assert sorted(name for name, _ in heights) == [
            "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"
        ]
        assert min(height for _, height in heights) >= 10  # CSS pixels on a 375-pixel-wide phone
    finally:
        driver.quit()
