"""Charts are scaled to their data: a quarter's change is a visible slope, not a flat line on 0–100."""

from __future__ import annotations

import numpy as np
import pygame

from game.ui.charts import value_axis


def test_a_quarters_change_fills_a_tenth_of_the_chart_or_more() -> None:
    ticks = value_axis([np.array([44.85, 44.55, 44.2])])
    assert 0.3 / (ticks[-1] - ticks[0]) >= 0.1
    assert ticks[0] <= 44.2 and ticks[-1] >= 44.85 and 4 <= len(ticks) <= 9


def test_the_axis_stays_within_0_to_100_and_widens_to_fit_every_series() -> None:
    ticks = value_axis([np.array([2.0, 3.0]), np.array([97.0, 99.5])])
    assert ticks[0] == 0.0 and ticks[-1] == 100.0
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0])


def test_the_history_dialog_labels_its_fitted_axis(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.driver import Driver

    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    driver.close_popups()
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_h)
    driver.click("chart_SCORES")
    modal = driver.app.modals[-1]
    scores = modal.session.scores_history()
    ticks = [float(t) for t in modal.chart_texts if t.replace(".", "", 1).isdigit()]
    assert len(ticks) >= 4
    assert min(ticks) <= scores.min() and max(ticks) >= scores.max()
    assert (min(ticks), max(ticks)) != (0.0, 100.0) or scores.max() - scores.min() > 60


def test_changes_since_the_start_show_a_small_move_between_series_far_apart(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.driver import Driver

    driver = Driver(make_app(scenario="sandbox", roles=["KZ"], turns=3))
    driver.close_popups()
    driver.key(pygame.K_e)
    driver.close_popups()
    driver.key(pygame.K_h)
    levels = [float(t) for t in driver.app.modals[-1].chart_texts if t.replace(".", "", 1).isdigit()]
    driver.key(pygame.K_d)
    modal = driver.app.modals[-1]
    assert modal.changes and "change since the start" in modal.ui.named["chart_title"].full_text
    ticks = [float(t.replace("−", "-")) for t in modal.chart_texts if t.lstrip("-").replace(".", "", 1).isdigit()]
    assert max(ticks) - min(ticks) < max(levels) - min(levels)
    assert max(ticks) - min(ticks) <= 10  # a quarter's moves of a few tenths fill a visible share of the height
