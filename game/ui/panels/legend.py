"""The map's legend: colours by leading power and band, the corridor and the share that sets
its width; and the colour-blind switch."""

from __future__ import annotations

import pygame

from game.engine.codes import POWERS
from game.i18n import _
from game.ui.bands import band_bounds, band_label, band_span
from game.ui.layout import (
    LEGEND_RANGES_X,
    LEGEND_ROW,
    LEGEND_SWATCH_GAP,
    LEGEND_SWATCH_WIDTH,
    LEGEND_SWATCHES_X,
    GameLayout,
)
from game.ui.mapview import CORRIDOR_SHADOW, band_swatch, corridor_width
from game.ui.painter import Painter
from game.ui.panels.base import GameCommands, Panel
from game.ui.panels.corridor import CorridorStake
from game.ui.panels.view import GameView
from game.ui.screen import Host
from game.ui.theme import S2, S3, SIZE_SMALL, mix

LEGEND_FOLD = 22  # the square button that folds the legend, in its top-right corner


class Legend(Panel):
    """How to read the map's colours and its corridor."""

    def __init__(self, host: Host, view: GameView, commands: GameCommands, corridor: CorridorStake) -> None:
        super().__init__(host, view, commands)
        self.corridor = corridor

    def build(self, layout: GameLayout) -> None:
        """The colour-blind switch at the legend's foot and a button folding the legend; folded (a small map: it
        covered a good part of it at 150 %), only a button showing it again."""
        super().build(layout)
        box = layout.legend
        if not layout.legend_open:
            self.ui.button(
                box, _("Show the legend"), self.commands.toggle_legend, kind="small_button",
                name="legend_show",
            )  # fmt: skip
            return
        fold = (box.right - S2 - LEGEND_FOLD, box.y + S2, LEGEND_FOLD, LEGEND_FOLD)
        hide = _("Hide the legend")
        self.ui.button(fold, "–", self.commands.toggle_legend, kind="small_button", name="legend_hide", tooltip=hide)
        self.ui.button(
            (box.x + S3, box.bottom - 34, box.width - 2 * S3, 26),
            _("Colour-blind palette (C)"),
            self.commands.toggle_palette,
            kind="small_button",
            name="palette",
            tooltip=_("Okabe–Ito colours; every state also shows a glyph for its leading power"),
        )

    def scene_key(self) -> tuple[object, ...]:
        """The corridor's share follows the state shown."""
        return (self.view.shown_turn, self.session.turn)

    def draw(self, painter: Painter) -> None:
        """Bands by leading power, and the corridor (its width follows the backing power's share)."""
        if not self.layout.legend_open:
            return
        with painter.clipped(self.layout.map):
            self._draw_bands(painter, self.layout.legend)
            self._draw_corridor(painter, self.layout.legend)

    def _draw_bands(self, painter: Painter, box: pygame.Rect) -> None:
        pal = painter.theme.palette
        painter.panel(box, mix(pal.panel, pal.background, 0.3))
        painter.text(_("Leading power · band"), (box.x + S3, box.y + S2), SIZE_SMALL, pal.text, True)
        # The columns as wide as the language's band names and ranges need (at least the English layout's).
        fonts = painter.theme.fonts
        bands = band_bounds()
        names = max(fonts.width(band_label(band[0]), SIZE_SMALL) for band in bands)
        ranges_x = max(LEGEND_RANGES_X, S3 + names + S2)
        spans = max(fonts.width(band_span(band[1], band[2], short=True), SIZE_SMALL) for band in bands)
        x0 = box.x + max(LEGEND_SWATCHES_X, ranges_x + spans + S2)
        for i, code in enumerate(POWERS):
            centre = (x0 + i * (LEGEND_SWATCH_WIDTH + LEGEND_SWATCH_GAP) + LEGEND_SWATCH_WIDTH // 2, box.y + 38)
            painter.glyph(code, centre, 6, pal.power(code), pal.background)
        for b, (name, lower, upper, _reading) in enumerate(bands):
            y = box.y + 50 + b * LEGEND_ROW
            painter.text(band_label(name), (box.x + S3, y), SIZE_SMALL, pal.text_dim)
            painter.text(band_span(lower, upper, short=True), (box.x + ranges_x, y), SIZE_SMALL, pal.text_dim)
            for i, code in enumerate(POWERS):
                swatch = (x0 + i * (LEGEND_SWATCH_WIDTH + LEGEND_SWATCH_GAP), y + 2, LEGEND_SWATCH_WIDTH, 15)
                pygame.draw.rect(painter.surface, band_swatch(code, b, pal), swatch)

    def _draw_corridor(self, painter: Painter, box: pygame.Rect) -> None:
        pal = painter.theme.palette
        share = self.corridor.share(self.session, self.view.shown_turn)
        y = box.y + 50 + len(band_bounds()) * LEGEND_ROW + 6
        width = corridor_width(share)
        start, end = (box.x + S3, y + 8), (box.x + S3 + 26, y + 8)
        pygame.draw.line(painter.surface, CORRIDOR_SHADOW, start, end, width + 2)
        pygame.draw.line(painter.surface, pal.corridor, start, end, width)
        painter.text(self.corridor.local_name(), (box.x + S3 + 34, y), SIZE_SMALL, pal.text, True)
        caption = self.corridor.caption(share)
        if caption:
            painter.text(caption, (box.x + S3 + 34, y + 17), SIZE_SMALL, pal.text_dim)
