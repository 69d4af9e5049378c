"""The country tab: a state's dependence on each power, by channel, its public's favour and
tension, and why its dependence moved in the turn shown."""

from __future__ import annotations

from functools import partial

import numpy as np
import pygame
import pygame_gui

from game.engine.codes import CHANNELS, COUNTRIES, POWERS
from game.i18n import N_, _, format_change, format_number, format_share, place_name, quarter_text
from game.i18n.phrases import channel_name
from game.play.rounding import shown_change
from game.play.summary import block_change, headline_change
from game.ui.bands import band_label, read_state
from game.ui.gui import Widgets
from game.ui.layout import CHANNEL_ROW, COUNTRY_BARS_X, COUNTRY_VALUES_WIDTH, WHY_MIN_ROOM, WHY_OFFSET
from game.ui.markup import esc, font, sentence_case
from game.ui.painter import Painter
from game.ui.panels.base import Panel
from game.ui.theme import S1, S2, S3, SIZE_BODY, SIZE_SMALL, SIZE_TITLE, role_title

CHANNEL_HEADINGS = (N_("By channel (share held by each power; weight)"), N_("By channel (each power's share; weight)"))
# What the "why" list can explain: headline dependence, the public's favour and tension, each channel's share.
WHY_MEASURES = ("dependence", "favour", "tension", *(f"{channel} share" for channel in CHANNELS))
WHY_WIDTH = 152  # the powers' buttons right of the "why" drop-down
WHY_MENU_PADDING = 48  # the drop-down's text padding and its arrow
WHY_CAUSES_ROOM = 96  # the causes' box keeps its title and three causes (24 px a line)


def measure_name(measure: str) -> str:
    """One of :data:`WHY_MEASURES` as the current language names it (``transport share``: ``доля: транспорт``)."""
    words = {"dependence": _("dependence"), "favour": _("favour"), "tension": _("tension")}
    if measure in words:
        return words[measure]
    return _("{channel} share").format(channel=channel_name(measure.removesuffix(" share")))


DELTA_WIDTH = 40  # room after a bar for its change since the turn before


class CountryPanel(Panel):
    """The selected state at the turn shown."""

    why_measure = WHY_MEASURES[0]  # the variable the "why" list explains

    def signature(self) -> object | None:
        """The state, turn, variable and power explained, palette (no widgets on the actions tab)."""
        view = self.view
        if not view.inspecting:
            return None
        palette = self.host.theme.palette.colourblind
        return ("country", view.selected, view.shown_turn, view.why_power, self.why_measure, palette)

    def compact(self) -> bool:
        """Whether the tab is short (1280×720 and under): the channels then take two columns, so the "why"
        list below them shows several causes rather than one clipped line."""
        return self.layout.body.height - WHY_OFFSET < WHY_MIN_ROOM

    def why_top(self) -> int:
        """Where the "why it moved" list starts."""
        saved = (len(CHANNELS) - (len(CHANNELS) + 1) // 2) * CHANNEL_ROW if self.compact() else 0
        return self.layout.body.y + WHY_OFFSET - saved

    def _explain(self, power: str) -> None:
        self.view.why_power = power

    def handle_ui(self, event: pygame.event.Event) -> None:
        """The drop-down that picks which variable the "why" list explains."""
        changed = event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
        shown = {measure_name(measure): measure for measure in WHY_MEASURES}
        if changed and self.main.widgets.owns(event.ui_element) and event.text in shown:
            self.why_measure = shown[event.text]

    def make_widgets(self, ui: Widgets) -> None:
        """The "why it moved" list: a variable to explain, a button per power, and its causes, largest first."""
        pal = self.host.theme.palette
        s = self.session
        rect = self.layout.body
        code = self.view.selected
        assert code is not None
        t = self.view.shown_turn
        y = self.why_top()
        if t == 0:
            ui.label((rect.x, y, rect.width, 20), _("Why it moved: play a turn to see the causes."), "dim")
            return
        c = COUNTRIES.index(code)
        power = self.view.why_power or POWERS[int(np.argmax(s.headline(t)[c]))]
        fonts = self.host.theme.fonts
        why_label = _("Why:")
        why_width = fonts.width(why_label, SIZE_SMALL, True) + S2
        ui.label((rect.x, y, why_width, 20), why_label, "subheading")
        # The drop-down as wide as its longest entry; the powers' buttons beside it, or under it where it needs
        # their room (a longer language's "доля: безопасность") and the causes keep room for a few lines.
        entries = [measure_name(measure) for measure in WHY_MEASURES]
        wanted = max(fonts.width(entry, SIZE_BODY) for entry in entries) + WHY_MENU_PADDING
        beside = rect.width - why_width - WHY_WIDTH
        roomy = rect.bottom - (y + 32 + 30) >= WHY_CAUSES_ROOM
        width = beside if wanted <= beside or not roomy else rect.width - why_width
        ui.drop_down(
            (rect.x + why_width, y - 5, width, 30), entries, measure_name(self.why_measure), name="why_measure"
        )
        buttons_y = y if width == beside else y + 32
        x = rect.right
        for p in reversed(POWERS):
            x -= 50
            ui.button(
                (x + 4, buttons_y - 3, 46, 24),
                p,
                partial(self._explain, p),
                kind="small_button",
                selected=p == power,
                name=f"why_{p}",
                tooltip=_("Causes of the change in {measure} with {power}").format(
                    measure=measure_name(self.why_measure), power=place_name(p)
                ),
            )
        change, causes = self._causes(code, power, t)
        if self.why_measure == WHY_MEASURES[0]:  # as the bars above and the map's label write it: one decimal
            after = float(s.headline(t)[c, POWERS.index(power)])
            moved = format_change(shown_change(after - change, after, 1), 1)
        else:
            moved = format_change(change, 2)
        # Named a change: "dependence · Russia: 0.0" read as the level itself (a newcomer took 0.0 for Russia's 52.4).
        title = _("Change in {quarter} · {measure} · {power}: {change} (scale 0–100)").format(
            quarter=quarter_text(s.quarter(t - 1)),
            measure=measure_name(self.why_measure),
            power=role_title(power),
            change=moved,
        )
        lines = [f"<b>{esc(title)}</b>"]
        if not causes:
            lines.append(font(esc(_("no change recorded")), pal.text_dim, 13))
        words = s.words().causes  # the engine names causes in English
        for text, amount in causes:
            colour = pal.text_dim if not round(amount, 2) else pal.good if amount > 0 else pal.danger
            cause = font(esc(sentence_case(words.cause(text))), pal.text_dim, 13)
            lines.append(font(f"<b>{format_change(amount, 2)}</b>", colour, 13) + "  " + cause)
        top = buttons_y + 30
        ui.text_box((rect.x - 2, top, rect.width + 4, rect.bottom - top), "<br>".join(lines), "card_text", name="why")

    def _causes(self, code: str, power: str, turn: int) -> tuple[float, list[tuple[str, float]]]:
        """The change (0–100) of the measure explained over the turn, and its causes."""
        s = self.session
        c, p = COUNTRIES.index(code), POWERS.index(power)
        measure = self.why_measure
        if measure == WHY_MEASURES[0]:
            return float(headline_change(s, turn)[c, p]), s.why_headline(code, power, turn)
        if measure in ("favour", "tension"):
            change = float(block_change(s, measure, turn)[c, p])
            return change, s.why_variable(measure, turn, country=code, power=power)
        channel = measure.removesuffix(" share")
        change = float(block_change(s, "dependence", turn)[c, p, CHANNELS.index(channel)])
        return change, s.why_variable("dependence", turn, country=code, power=power, channel=channel)

    def scene_key(self) -> tuple[object, ...]:
        """The state and the turn shown."""
        view = self.view
        return (view.inspecting, view.selected, view.shown_turn, self.session.turn)

    def draw(self, painter: Painter) -> None:
        """Headline bars, indices, channels, favour and tension of the selected state."""
        if not self.view.inspecting:
            return
        code = self.view.selected
        assert code is not None
        y = self._draw_headline(painter, self.layout.body, code)
        y = self._draw_channels(painter, self.layout.body, code, y)
        self._draw_favour(painter, self.layout.body, code, y)

    def _draw_headline(self, painter: Painter, rect: pygame.Rect, code: str) -> int:
        pal = painter.theme.palette
        s = self.session
        c = COUNTRIES.index(code)
        t = self.view.shown_turn
        head = s.headline(t)[c]
        reading = read_state({p: float(head[i]) for i, p in enumerate(POWERS)})
        y = rect.y
        painter.glyph(reading.leader, (rect.x + 8, y + 14), 8, pal.power(reading.leader), pal.background)
        painter.text(place_name(code), (rect.x + 24, y), SIZE_TITLE, pal.text, True)
        y += 32
        reading_line = _("{band} · {power} leads with {score} of 100").format(
            band=sentence_case(band_label(reading.band)), power=role_title(reading.leader), score=reading.score_text(1)
        )
        painter.text(reading_line, (rect.x, y), SIZE_SMALL, pal.text_dim)
        y += 24
        bar_w = rect.width - COUNTRY_BARS_X - COUNTRY_VALUES_WIDTH - DELTA_WIDTH
        moved = headline_change(s, t)[c]
        for i, p in enumerate(POWERS):
            painter.text(role_title(p, short=True), (rect.x, y), SIZE_BODY, pal.text)
            painter.bar(pygame.Rect(rect.x + COUNTRY_BARS_X, y + 5, bar_w, 12), float(head[i]) / 100, pal.power(p))
            shown = shown_change(float(head[i] - moved[i]), float(head[i]), 1)  # the change of the values as written
            self._draw_delta(painter, shown, (rect.right - COUNTRY_VALUES_WIDTH, y + 1), t)
            painter.text(format_number(head[i], 1), (rect.right, y), SIZE_BODY, pal.text, True, anchor="topright")
            y += 22
        auto = s.autonomy(t)[c]
        stab = 100 * s.block("stability", t)[c]
        pros = 100 * s.block("prosperity", t)[c]
        values = {
            "autonomy": format_number(auto, 1),
            "stability": format_number(stab, 1),
            "prosperity": format_number(pros, 1),
        }
        wordings = [  # the words in full where they fit, else shortened (a longer language's "Благосостояние")
            _("Autonomy {autonomy}   Stability {stability}   Prosperity {prosperity}").format(**values),
            _("Aut. {autonomy}   Stab. {stability}   Prosp. {prosperity}").format(**values),
        ]
        fonts = painter.theme.fonts
        indices = next((text for text in wordings if fonts.width(text, SIZE_SMALL) <= rect.width), wordings[-1])
        painter.text(indices, (rect.x, y + 2), SIZE_SMALL, pal.text_dim)
        return y + 28

    def _draw_delta(self, painter: Painter, change: float, pos: tuple[int, int], turn: int) -> None:
        """A bar's change since the turn before (``+1.2``), right-aligned at ``pos``; nothing at the start."""
        if turn == 0:
            return
        pal = painter.theme.palette
        colour = pal.text_faint if abs(change) < 0.05 else pal.text_dim
        painter.text(format_change(change, 1), pos, SIZE_SMALL, colour, anchor="topright")

    def _draw_channels(self, painter: Painter, rect: pygame.Rect, code: str, y: int) -> int:
        pal = painter.theme.palette
        s = self.session
        c = COUNTRIES.index(code)
        fonts = painter.theme.fonts
        headings = [_(text) for text in CHANNEL_HEADINGS]
        fitting = (text for text in headings if fonts.width(text, SIZE_SMALL, True) <= rect.width)
        heading = next(fitting, headings[-1])  # the whole heading where it fits (960×600 ran off the edge)
        painter.text(heading, (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        dep = s.block("dependence", self.view.shown_turn)[c]
        columns = 2 if self.compact() else 1
        per_column = -(-len(CHANNELS) // columns)
        width = (rect.width - S3 * (columns - 1)) // columns
        names = COUNTRY_BARS_X if columns == 1 else COUNTRY_BARS_X * 3 // 4
        names = max(names, max(fonts.width(channel_name(channel), SIZE_SMALL) for channel in CHANNELS) + S1)
        weights = [format_share(float(s.world.weight[c, k])) for k in range(len(CHANNELS))]
        values = min(COUNTRY_VALUES_WIDTH, max(fonts.width(w, SIZE_SMALL) for w in weights) + S2)  # the bars' room
        bar_w = width - names - values
        for k, channel in enumerate(CHANNELS):
            x = rect.x + (k // per_column) * (width + S3)
            row_y = y + (k % per_column) * CHANNEL_ROW
            painter.text(channel_name(channel), (x, row_y), SIZE_SMALL, pal.text)
            parts = [(float(dep[i, k]), pal.power(p)) for i, p in enumerate(POWERS)]
            painter.stacked(pygame.Rect(x + names, row_y + 4, bar_w, 11), parts, pal.panel_alt)
            painter.text(weights[k], (x + width, row_y), SIZE_SMALL, pal.text_dim, anchor="topright")
        return y + per_column * CHANNEL_ROW + 8

    def _draw_favour(self, painter: Painter, rect: pygame.Rect, code: str, y: int) -> None:
        pal = painter.theme.palette
        s = self.session
        c = COUNTRIES.index(code)
        t = self.view.shown_turn
        painter.text(_("Public favour / tension"), (rect.x, y), SIZE_SMALL, pal.accent, True)
        y += 20
        favour = s.block("favour", t)[c]
        tension = s.block("tension", t)[c]
        col = rect.width // 3
        for i, p in enumerate(POWERS):
            x = rect.x + i * col
            painter.glyph(p, (x + 6, y + 9), 5, pal.power(p))
            shown = f"{format_number(100 * favour[i])} / {format_number(100 * tension[i])}"
            painter.text(shown, (x + 16, y), SIZE_BODY, pal.text)
        y += 30
        pygame.draw.line(painter.surface, pal.panel_border, (rect.x, y - 8), (rect.right, y - 8))
