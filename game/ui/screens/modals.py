"""Dialogs over the screens (pygame_gui windows): confirm, help, events, load, menu.

The dialogs that read a game's history (news, charts, triangle) are in
:mod:`game.ui.screens.history`.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from babel.dates import format_skeleton

from game.engine.codes import COUNTRIES, POWERS
from game.i18n import N_, _, current_language, format_number, format_share, language, ngettext, place_name, quarter_text
from game.io.saves_folder import AUTOSAVE_KEEP, describe_save, save_kind
from game.io.settings import UI_SCALES, load_settings
from game.play.previews import list_saves, scenario_titles
from game.ui.bands import band_bounds, band_label, band_span
from game.ui.display import MIN_CANVAS, fits
from game.ui.gui import Widgets
from game.ui.markup import esc, font
from game.ui.screen import Host, Modal
from game.ui.theme import GLYPHS, S2, S3, role_title

if TYPE_CHECKING:  # the start screen's dialogs open before the engine is imported (see App.run)
    from game.play.news import EventView


class ConfirmModal(Modal):
    """A question with a few answers; ``None`` as an answer just closes. An answer's label is given in English
    (marked with ``N_``): the button shows it in the current language and is named by the English (tests
    click it by that name in every language).

    Enter gives the answer at ``enter`` (the first by default). A question whose answers end the
    game or the program passes the index of its harmless answer, so that a stray Enter (one meant
    for the screen underneath) never quits."""

    def __init__(
        self,
        app: Host,
        title: str,
        text: str,
        answers: list[tuple[str, Callable[[], None] | None, bool]],
        tag: str = "",
        enter: int = 0,
    ) -> None:
        super().__init__(app)
        self.title, self.text, self.answers, self.tag, self.enter = title, text, answers, tag, enter

    def _answer(self, callback: Callable[[], None] | None) -> Callable[[], None]:
        def run() -> None:
            self.close()
            if callback is not None:
                callback()

        return run

    def handle_event(self, event: pygame.event.Event) -> None:
        """Enter gives the ``enter`` answer; Esc closes."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._answer(self.answers[self.enter][1])()
        else:
            super().handle_event(event)

    def build(self) -> None:
        body = self.frame(540, 236, self.title)
        pal = self.app.theme.palette
        self.ui.text_box(
            (body.x, body.y, body.width, body.height - 50), font(esc(self.text), pal.text_dim), "plain_text"
        )
        x = body.right
        fonts = self.app.theme.fonts
        for label, callback, primary in reversed(self.answers):
            shown = _(label)
            w = fonts.width(shown, 16, primary) + 40
            x -= w
            self.ui.button(
                (x, body.bottom - 40, w, 40),
                shown,
                self._answer(callback),
                kind="primary" if primary else "",
                name=label,
            )
            x -= S2


def shortcuts() -> list[tuple[str, str]]:
    """The Help's keys and what each does, in the current language."""
    first, last = place_name(COUNTRIES[0]), place_name(COUNTRIES[-1])
    powers = " / ".join(role_title(code, short=True) for code in POWERS)
    return [
        (_("F1 or ?"), _("this help")),
        (_("E  or  Ctrl+Enter"), _("end the turn")),
        ("A / I", _("actions panel / inspect the selected state")),
        (f"1 – {len(COUNTRIES)}", _("select {first} … {last}").format(first=first, last=last)),
        (_("Up / Down"), _("choose an action")),
        ("Tab", _("next target (no action chosen: next team)")),
        (_("Click a state"), _("aim the chosen action at it")),
        ("Enter", _("queue the order")),
        ("V", _("the advice's next answer to what cost you last quarter")),
        ("Backspace / Delete", _("cancel the last queued order")),
        ("N", _("news of the turn")),
        ("H", _("history charts (D: change since the start)")),
        ("T", _("triangle view ({powers})").format(powers=powers)),
        (_("R, Left / Right"), _("replay: step through past turns")),
        ("U", _('undo the last turn (with the mouse: "Undo last turn" in the Menu, or Replay\'s "Undo to here")')),
        ("C", _("colour-blind palette on / off")),
        ("Ctrl+S / Ctrl+L", _("save / load")),
        ("F11", _("fullscreen on / off (UI scale: on the start screen and in the menu)")),
        ("Esc", _("close a dialog, drop the order being composed (back to the advice), or open the menu")),
    ]


def score_help(strong: tuple[int, int, int], dim: tuple[int, int, int]) -> str:
    """The Help's paragraph on scores (markup): how each role's score is built, and how the actions list's
    "score by the end of the game" differs from one quarter's change in the turn summary."""
    from game.play.summary import formula_text  # the engine loads when the Help first opens

    states = "; ".join(f"<b>{esc(role_title(power))}</b>: {esc(formula_text(power))}" for power in POWERS)
    state_formula = esc(formula_text(COUNTRIES[0]))
    heading = esc(_("How each score is built"))
    scale = esc(_("(0–100, each role against its own target)"))
    return (
        font(f"<b>{heading}</b> {scale}. ", strong)
        + font(esc(_("A state: {formula}.")).format(formula=state_formula) + f" {states}. ", dim)
        + font(
            esc(
                _(
                    "The actions list gives an order's worth to your score by the end of the game: its pushes fade "
                    "and the others answer, so it is often smaller than what the order adds in the quarters it acts. "
                    "The order's details and the advice give that too, \"when it acts\": the turn summary credits "
                    "the order with it and shows what was expected beside it. The summary shows one quarter only, and "
                    "the changes of each state's dependence, which are not your score. Plan with the figures by the "
                    "end; check the summary against those when it acts."
                )
            ),
            dim,
        )
    )


class HelpModal(Modal):
    """Keyboard shortcuts and how to read the map."""

    close_keys = (pygame.K_ESCAPE, pygame.K_RETURN)

    def build(self) -> None:
        pal = self.app.theme.palette
        body = self.frame(900, 600, _("Help"))
        col = (body.width - S3 * 2) // 2
        keys = "<br>".join(f"<b>{esc(k)}</b>   {font(esc(what), pal.text_dim)}" for k, what in shortcuts())
        self.ui.label((body.x, body.y, col, 24), _("Keyboard"), "heading")
        self.ui.text_box((body.x, body.y + 30, col, body.height - 30), keys, "card_text", name="help_keys")
        bands = []
        for name, lower, upper, meaning in band_bounds():
            span = font(esc(band_span(lower, upper)), pal.text)
            bands.append(f"<b>{esc(band_label(name))}</b>  {span}<br>{font(esc(_(meaning)), pal.text_dim)}<br>")
        glyphs = ", ".join(f"{role_title(code)} {_(GLYPH_NAMES[GLYPHS[code]])}" for code in POWERS)
        reading = (
            font(
                esc(
                    _(
                        "Each state is coloured by its dependence mix: the hue follows the powers' headline scores, "
                        "the strength follows the band of the leading power. A glyph names the leader "
                        "({glyphs}) so the map reads without colour."
                    ).format(glyphs=glyphs)
                ),
                pal.text_dim,
            )
            + "<br><br>"
            + "".join(bands)
            + "<br>"
            + font(
                esc(
                    _(
                        "Headline score D = Σ weight × channel share (0–100). Bands are read on the leading "
                        "power's D. Hover a state for its numbers; click it for the bars and the causes. "
                        "Every score and share is on 0–100; orders cost action points (AP), a budget "
                        "refilled each turn, never counted in the score. Public favour counts in Russia's and "
                        "the West's scores, never in a state's; tension counts in China's."
                    )
                ),
                pal.text_faint,
            )
        )
        reading = score_help(pal.text, pal.text_dim) + "<br><br>" + reading
        x = body.x + col + 2 * S3
        self.ui.label((x, body.y, col, 24), _("Scores and the map"), "heading")
        self.ui.text_box((x, body.y + 30, col, body.height - 30), reading, "card_text", name="help_map")


class EventModal(Modal):
    """Events of the turn, one card at a time, quoting their source."""

    def __init__(self, app: Host, events: list[EventView], on_done: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.events = events
        self.index = 0
        self.on_done = on_done

    def next(self) -> None:
        self.index += 1
        if self.index >= len(self.events):
            self.close()
            if self.on_done:
                self.on_done()
        else:
            self.rebuild()

    def skip_rest(self) -> None:
        """Close the cards still to come at once (they stay in the News log)."""
        self.index = len(self.events) - 1
        self.next()

    def handle_event(self, event: pygame.event.Event) -> None:
        """Enter or Space: the next card; Esc: skip the rest."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.skip_rest()
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
            self.next()

    def build(self) -> None:
        if self.index >= len(self.events):
            return
        pal = self.app.theme.palette
        event = self.events[self.index]
        title = _("News from {quarter}").format(quarter=quarter_text(event.quarter))
        body = self.frame(680, 440, title, closable=False)
        self.ui.label(
            (body.right - 200, body.y - 2, 200, 20),
            _("Event {number} of {count}").format(
                number=format_number(self.index + 1), count=format_number(len(self.events))
            ),
            "faint_right",
            name="event_count",
        )
        # Imported here: the scenario models it brings (0.1 s) are not needed before a game's first event.
        from game.scenario.provenance import tag_label

        # What kind of event and where it comes from sit under the title, where no scrolling hides them.
        tag_colour = {"historical": pal.good, "counterfactual": pal.warning}.get(event.tag, pal.text_dim)
        provenance = font(f"<b>{esc(tag_label(event.tag)).upper()}</b>", tag_colour, 14)
        if event.source:
            provenance += font("  ·  " + esc(_("Source: {source}").format(source=event.source)), pal.text_dim, 14)
        elif event.tag == "random":
            provenance += font("  ·  " + esc(_("no single source")), pal.text_dim, 14)
        markup = (
            font(f"<b>{esc(event.title)}</b>", pal.accent, 20)
            + "<br>"
            + provenance
            + "<br><br>"
            + font(esc(event.text), pal.text, 16)
        )
        if event.quote:
            markup += "<br><br>" + font(f"<i>“{esc(event.quote)}”</i>", pal.text_dim)
            if event.quote_translation:  # the quote stays as published; its translation sits under it
                markup += "<br>" + font(f"({esc(event.quote_translation)})", pal.text_dim)
        self.ui.text_box(
            (body.x, body.y + 22, body.width, body.height - 22 - 56), markup, "card_text", name="event_text"
        )
        self.ui.button(  # "Continue" on the last card too: the word the tutorial and the turn summary use
            (body.right - 150, body.bottom - 42, 150, 42),
            _("Continue"),
            self.next,
            kind="primary",
            name="event_continue",
        )
        left = len(self.events) - self.index - 1
        if left:  # eight cards in a row took eight clicks: the rest can wait in the News log
            skip = ngettext(
                "Skip the other {count}: read it later in News  (Esc)",
                "Skip the other {count}: read them later in News  (Esc)",
                left,
            ).format(count=format_number(left))
            width = min(body.width - 150 - S3, self.app.theme.fonts.width(skip, 15) + 2 * S3)
            self.ui.button((body.x, body.bottom - 42, width, 42), skip, self.skip_rest, name="event_skip_rest")


class LoadModal(Modal):
    """Pick a save file from the save folder: a click selects a row, Load (or a double click) loads it,
    after asking when the game being played has unsaved changes (``dirty``)."""

    def __init__(self, app: Host, on_pick: Callable[[Path], None], dirty: bool = False) -> None:
        super().__init__(app)
        self.files = list_saves(app.saves_dir)[:30]
        self.on_pick = on_pick
        self.dirty = dirty
        self.by_text: dict[str, Path] = {}
        self.chosen: Path | None = None

    def handle_ui(self, event: pygame.event.Event) -> None:
        if not self.ui.owns(getattr(event, "ui_element", None)):
            return
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            # The list stays as it is (built again, it would forget the first click of a double click).
            self.chosen = self.by_text.get(event.text)
            if self.chosen is not None:
                self.load_button.enable()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.chosen = self.by_text.get(event.text)
            self.load_chosen()

    def load_chosen(self) -> None:
        """Load the chosen save, asking first when this quarter's changes would be lost."""
        path = self.chosen
        if path is None:
            return
        self.close()
        if not self.dirty:
            self.on_pick(path)
            return
        self.app.open(
            ConfirmModal(
                self.app,
                _("Discard this quarter's unsaved changes?"),
                _(
                    "Loading {game} replaces the game you are playing; what you changed since its last save or "
                    "autosave (orders queued this quarter) is lost."
                ).format(game=describe_save(path, scenario_titles())),
                [(N_("Discard and load"), partial(self.on_pick, path), True), (N_("Cancel"), None, False)],
                enter=1,  # Enter cancels: discarding takes a click
            )
        )

    def build(self) -> None:
        body = self.frame(660, 520, _("Load a saved game"))
        kept = ngettext(
            "Each game keeps its last {count} autosave; manual saves stay until you delete them.",
            "Each game keeps its last {count} autosaves; manual saves stay until you delete them.",
            AUTOSAVE_KEEP,
        ).format(count=format_number(AUTOSAVE_KEEP))
        self.ui.label((body.x, body.y, body.width, 20), kept, "faint", name="autosaves_kept")
        self.ui.label((body.x, body.y + 20, body.width, 20), str(self.app.saves_dir), "faint")
        if not self.files:
            self.ui.label(
                (body.x, body.y + 40, body.width, 24),
                _("No saved games yet. The game autosaves after every turn."),
                "dim_large",
            )
            return
        items = []
        self.by_text = {}
        titles = scenario_titles()
        chosen = ""
        for path in self.files:
            text = save_row(path, describe_save(path, titles), save_kind(path, self.app.saves_dir))
            if text in self.by_text:  # two saves that read the same: the file's name tells them apart
                text = _("{save} (file {file})").format(save=text, file=path.stem)
            self.by_text[text] = path
            chosen = text if path == self.chosen else chosen
            # autosaves of different games share their file names: their game's folder tells them apart
            folder = "" if path.parent == self.app.saves_dir else f"{path.parent.name}/"
            items.append((text, f"load_{folder}{path.stem}"))
        rows = pygame.Rect(body.x, body.y + 46, body.width, body.height - 46 - 52)
        self.ui.selection_list(rows, items, name="saves", selected=chosen or None, double_clicks=True)
        hint = _("Click a save to choose it, then Load (or double-click it).")
        # wrapped over two lines where a language needs them (a label would cut it with "…")
        faint = font(esc(hint), self.app.theme.palette.text_faint, 13)
        self.ui.text_box((body.x - 4, body.bottom - 46, body.width - 146, 50), faint, "plain_text", name="load_hint")
        self.load_button = self.ui.button(
            (body.right - 140, body.bottom - 42, 140, 42),
            _("Load"),
            self.load_chosen,
            kind="primary",
            name="load_chosen",
            enabled=self.chosen is not None,
        )


class MenuModal(Modal):
    """The in-game menu (Esc): entries of (label in English, marked with ``N_``, command); a button shows the
    label in the current language and is named ``menu_<English label>``, the same in every language."""

    def __init__(self, app: Host, items: list[tuple[str, Callable[[], None]]]) -> None:
        super().__init__(app)
        self.items = items

    def _run(self, callback: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.close()
            callback()

        return run

    def build(self) -> None:
        # rows of 44 px: seven entries and the scales' note still leave room above the menu for a message at 1024×640
        body = self.frame(440, MENU_ROW * len(self.items) + DISPLAY_ROWS_HEIGHT + 90, _("Menu"))
        y = body.y + 4
        for label, callback in self.items:
            self.ui.button((body.x, y, body.width, 40), _(label), self._run(callback), name=f"menu_{label}")
            y += MENU_ROW
        display_rows(self.app, self.ui, pygame.Rect(body.x, y + 4, body.width, DISPLAY_ROWS_HEIGHT))


def unsaved_quit_modal(app: Host, save_and_quit: Callable[[], None], quit_now: Callable[[], None]) -> ConfirmModal:
    """ "Quit without saving?" for a game with changes since it was last saved."""
    return ConfirmModal(
        app,
        _("Quit without saving?"),
        _(
            "This game has changes since you last saved. The autosave keeps the last "
            "completed turn, but queued orders will be lost."
        ),
        [(N_("Save and quit"), save_and_quit, True), (N_("Quit"), quit_now, False), (N_("Cancel"), None, False)],
        tag="quit",
        enter=2,  # Enter cancels: quitting takes a click
    )


def plain_quit_modal(app: Host, quit_now: Callable[[], None]) -> ConfirmModal:
    """ "Quit Multivector?" from a screen with nothing to lose (Esc on the start screen)."""
    return ConfirmModal(
        app,
        _("Quit Multivector?"),
        _("Close the program? Saved games stay where they are."),
        [(N_("Stay"), None, True), (N_("Quit"), quit_now, False)],
        tag="quit",
    )


# The kinds of save the load list names (game.io.saves_folder.save_kind), in the catalog.
SAVE_KINDS = {kind: kind for kind in (N_("manual save"), N_("autosave"), N_("autosave, left behind"))}
GLYPH_NAMES = {"triangle": N_("triangle"), "circle": N_("circle"), "square": N_("square")}


def save_row(path: Path, game: str, kind: str) -> str:
    """A save as the load list shows it, one sentence: the game it holds, then what kind of save it is and when
    it was written (``The Middle Corridor · Russia · 2024Q3 (turn 4 of 29) — autosave, Dec 4 04:42``)."""
    return _("{game} — {kind}, {when}").format(game=game, kind=_(SAVE_KINDS.get(kind, kind)), when=saved_when(path))


def saved_when(path: Path) -> str:
    """When a save was written, as the load list says it: the day and month in the language's words, the time."""
    try:
        stamp = time.localtime(path.stat().st_mtime)
    except OSError:
        return "?"
    day = format_skeleton("MMMd", datetime.date(*stamp[:3]), locale=language(current_language()).babel_locale)
    return f"{day} {stamp.tm_hour:02d}:{stamp.tm_min:02d}"


DISPLAY_ROWS_HEIGHT = 154  # what display_rows takes stacked (the menu)
MENU_ROW = 44  # a menu entry (a button 40 px tall) and the gap under it
DISPLAY_ROW_HEIGHT = 64  # what display_rows takes with the buttons in one row (the start screen)
FULLSCREEN_WIDTH = 170  # the fullscreen button beside the scale buttons
SCALE_NOTE_TOP, SCALE_NOTE_HEIGHT = 68, 44  # the menu's two lines on why the larger scales are off, under the
# scale buttons (30 + 34 px down) and over fullscreen (114 px down)


def scale_label(app: Host) -> str:
    """``UI scale: 125% (fits this screen)``: the scale in use and why: the player's choice, or the default (the
    largest scale whose layout fits the window the game opened in), or lowered to fit."""
    chosen = load_settings().settings.ui_scale
    if chosen == app.ui_scale:
        text = _("UI scale: {scale} (your choice)")
    elif chosen is None:
        text = _("UI scale: {scale} (fits this screen)")
    else:
        text = _("UI scale: {scale} (fits this window)")
    return text.format(scale=format_share(app.ui_scale / 100))


def too_large_scales(window: tuple[int, int]) -> list[int]:
    """The scales whose layout does not fit a ``window`` of this size (their buttons are off).

    >>> too_large_scales((1904, 1000)), too_large_scales((1920, 1080)), too_large_scales((2560, 1440))
    ([175, 200], [200], [])
    """
    return [percent for percent in UI_SCALES if not fits(window, percent)]


def needed_window(percent: int) -> str:
    """The smallest window a scale fits, ``1680×1050`` at 175 %."""
    return f"{MIN_CANVAS[0] * percent // 100}×{MIN_CANVAS[1] * percent // 100}"


def scale_note(window: tuple[int, int], short: bool = False) -> str:
    """Why the larger scales' buttons are off ("" when none is): the window the smallest of them needs, and
    (``short`` aside) this window's size, e.g. ``175% and up need a window of at least 1680×1050; this one is
    1904×1000``."""
    off = too_large_scales(window)
    if not off:
        return ""
    scale, need = format_share(off[0] / 100), needed_window(off[0])
    if short:
        text = _("{scale} needs {need}") if len(off) == 1 else _("{scale} and up need {need}")
        return text.format(scale=scale, need=need)
    text = (
        _("{scale} needs a window of at least {need}; this one is {size}.")
        if len(off) == 1
        else _("{scale} and up need a window of at least {need}; this one is {size}.")
    )
    return text.format(scale=scale, need=need, size=f"{window[0]}×{window[1]}")


def display_rows(app: Host, ui: Widgets, area: pygame.Rect) -> None:
    """The scale in use and why, one button per scale (the one in use selected) and fullscreen, applied at
    once and remembered in the player's settings. Stacked in an area ``DISPLAY_ROWS_HEIGHT`` tall (the
    in-game menu); in a lower one, fullscreen goes beside the scale buttons (the start screen's header)."""
    shown = pygame.display.get_surface()  # the real window (the canvas times the scale, give or take a pixel)
    canvas = app.window.get_size()
    scaled = (canvas[0] * app.ui_scale // 100, canvas[1] * app.ui_scale // 100)
    window = shown.get_size() if shown is not None else scaled
    stacked = area.height >= DISPLAY_ROWS_HEIGHT
    said = scale_label(app)
    short = _("UI scale: {scale}").format(scale=format_share(app.ui_scale / 100))
    # Greyed buttons show no tool tip: why they are off is said in words, under them in the menu, else in the
    # heading (the why in brackets giving way first); a heading never cut.
    note = scale_note(window)
    if stacked:
        headings = [said, short]
    else:
        brief = scale_note(window, short=True)
        headings = [f"{said} · {brief}", f"{short} · {brief}", said, short] if brief else [said, short]
    said = next((text for text in headings if ui.label_width(text, "strong") <= area.width), headings[-1])
    ui.label((area.x, area.y, area.width, 26), said, "strong", name="scale_label")
    label = _("Fullscreen: on  (F11)") if app.fullscreen else _("Fullscreen: off  (F11)")
    # as wide as its label needs (the small buttons' text size, their padding) in the language spoken
    fullscreen_width = max(FULLSCREEN_WIDTH, app.theme.fonts.width(label, 13) + 2 * S3)
    beside = 0 if stacked else fullscreen_width + S2
    step = (area.width - beside) // len(UI_SCALES)
    if stacked and note:  # under the scale buttons, wrapped to their row's width (nc3 saw it run wider)
        faint = font(esc(note), app.theme.palette.text_faint, 13)
        note_rect = (area.x, area.y + SCALE_NOTE_TOP, len(UI_SCALES) * step - 4, SCALE_NOTE_HEIGHT)
        ui.text_box(note_rect, faint, "plain_text", name="scale_note")
    for i, percent in enumerate(UI_SCALES):
        fitting = fits(window, percent)
        ui.button(
            (area.x + i * step, area.y + 30, step - 4, 34),
            format_share(percent / 100),
            partial(app.set_ui_scale, percent),  # the window is laid out again, with what shows these rows
            kind="small_button",
            name=f"scale_{percent}",
            selected=percent == app.ui_scale,
            enabled=fitting or percent == app.ui_scale,
            tooltip=_("Larger text and controls, for a projector or a large screen; remembered for next time"),
        )
    if stacked:
        ui.button((area.x, area.y + 114, area.width, 38), label, app.toggle_fullscreen, name="fullscreen")
    else:
        rect = (area.right - fullscreen_width, area.y + 30, fullscreen_width, 34)
        ui.button(rect, label, app.toggle_fullscreen, kind="small_button", name="fullscreen")
