"""End screen: every role's score against its target, who won, and a short debrief.

Winner rule (the scenario's, shown on screen): a role wins when its objective score
at the end reaches its victory target — the scenario's par for that role against
opponents of the level the computer played (see ``World.victory_targets``), or, for a
tutorial's role judged against doing nothing, more than the same game gives it with no
orders (see ``game.play.victory``).
"""

from __future__ import annotations

import pygame

from game.engine.codes import COUNTRIES, POWERS, ROLES
from game.i18n import N_, _, format_change, format_number, format_target, ngettext, place_name, quarter_text
from game.play.rounding import shown_change
from game.play.session import Session
from game.play.tutorial import objective_words
from game.play.victory import do_nothing_roles
from game.ui.bands import band_label, read_state
from game.ui.markup import esc
from game.ui.painter import Painter
from game.ui.screen import Host, Screen
from game.ui.screens.history import ChartsModal, TriangleModal, level_word
from game.ui.theme import S2, S3, S4, S5, SIZE_BODY, SIZE_LABEL, SIZE_SMALL, role_title
from game.ui.trace import trace


def targets(session: Session) -> tuple[dict[str, float], dict[str, bool]]:
    """Each role's victory target in this game and whether it reached it, by role code."""
    goal, reached = session.victory()
    return (
        {role: float(target) for role, target in zip(ROLES, goal, strict=True)},
        {role: bool(won) for role, won in zip(ROLES, reached, strict=True)},
    )


def verdict(session: Session) -> tuple[str, str, dict[str, float]]:
    """(headline, explanation, margin over its target per role) by the winner rule above."""
    end = session.scores()
    goal, reached = targets(session)
    margins = {role: float(end[i]) - goal[role] for i, role in enumerate(ROLES)}
    humans = session.human_roles
    if not session.world.has_targets:
        shortened = ngettext(
            "This game was shortened to {count} quarter, and the scenario's victory targets are for its full "
            "length, so nobody wins or loses: compare the scores with their start.",
            "This game was shortened to {count} quarters, and the scenario's victory targets are for its full "
            "length, so nobody wins or loses: compare the scores with their start.",
            session.world.turns,
        ).format(count=format_number(session.world.turns))
        return (
            _("Game over"),
            shortened,
            {role: float(end[i]) - float(session.scores(0)[i]) for i, role in enumerate(ROLES)},
        )
    won = [role for role in humans if reached[role]]
    if len(humans) > 1:
        names = ", ".join(place_name(role) for role in won) or _("none")
        teams = ngettext(
            "{won} of {count} team reached their target", "{won} of {count} teams reached their target", len(humans)
        )
        return (
            teams.format(won=format_number(len(won)), count=format_number(len(humans))),
            _("Reached: {names}. A role wins when its objective score ends above the scenario's target for it.").format(
                names=names
            ),
            margins,
        )
    role = humans[0]
    index = ROLES.index(role)
    name = place_name(role)
    levels = set(session.ai_levels().values())
    title = (
        _("You win as {role}").format(role=name)
        if role in won
        else _("{role} fell short").format(role=role_title(role))
    )
    objective = objective_words(session, role)
    if role in do_nothing_roles(session.match):
        meaning = _("what {role} would have scored by doing nothing (same year, luck and opponents).")
    elif len(levels) == 1:
        meaning = _("the score the computer reaches as {role} when it plays against {level} opponents (its par).")
    else:
        meaning = _(
            "the score the computer reaches as {role} when it plays against these opponents (a mix of levels) "
            "(its par)."
        )
    meaning = meaning.format(role=name, level=level_word(levels.pop()) if len(levels) == 1 else "")
    score, target = format_number(float(end[index]), 2), format_number(goal[role], 2)
    if margins[role] > 0:
        ended = _("Your score (0–100) ended at {score}, {gap} above the target of {target}: {meaning}")
    elif margins[role] < 0:
        ended = _("Your score (0–100) ended at {score}, {gap} short of the target of {target}: {meaning}")
    else:
        ended = _("Your score (0–100) ended at {score}, level with the target of {target}: {meaning}")
    text = ended.format(score=score, gap=gap_text(float(end[index]), goal[role]), target=target, meaning=meaning)
    if objective:
        text = _("Your goal: {objective}").format(objective=objective) + " " + text
    return title, text, margins


def gap_text(score: float, target: float) -> str:
    """A score's distance from its target as the two read with two decimals (51.57 is 0.19 above 51.38), or with
    the four decimals that show it is not zero when they read the same ("51.38, 0.0012 short of 51.38").

    >>> gap_text(51.574, 51.376), gap_text(51.3788, 51.38)
    ('0.19', '0.0012')
    """
    gap = abs(shown_change(target, score))
    return format_number(gap, 2) if gap else format_number(abs(score - target), 4)


def winner_rule(session: Session) -> str:
    """The winner rule under the scores table, in the words of the targets this game uses."""
    paired = [place_name(role) for role in do_nothing_roles(session.match)]
    if paired:
        return _(
            "Winner rule: a role wins when its score (its objective, 0–100) ends above its target, the scenario's par "
            "against opponents of this difficulty; for {roles} the target is what doing nothing would score, so "
            "doing nothing never wins."
        ).format(roles=", ".join(paired))
    return _(
        "Winner rule: a role wins when its score (its objective, 0–100) ends above its target, the scenario's par "
        "against opponents of this difficulty."
    )


VERDICT_TEXT = 15  # the verdict's text size (the theme's text boxes) and its line height
VERDICT_LINE = 23

# The end table's column headings (the role, then scores right-aligned).
COLUMNS = (N_("role"), N_("start"), N_("end"), N_("target"), N_("result"))


class EndScreen(Screen):
    """Scores, the winner and the debrief."""

    def __init__(self, app: Host, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.built_once = False
        self.tables_top = 140 + S5  # where the tables start (below the verdict; set by ``build``)

    def needs_quit_confirmation(self) -> bool:
        return self.session.dirty

    def save_before_quit(self) -> None:
        """Write the quick-save."""
        self.session.save()

    def replay(self) -> None:
        """The map again, from the first turn."""
        self.app.show_game(self.session, replay_from=0)

    def new_game(self) -> None:
        """To the start screen."""
        self.app.show_start()

    def charts(self) -> None:
        """The roles' scores over the game."""
        self.app.open(ChartsModal(self.app, self.session, "SCORES"))

    def triangle(self) -> None:
        """Where each state went between the powers."""
        self.app.open(TriangleModal(self.app, self.session))

    def save(self) -> None:
        """Write the quick-save and say where."""
        path = self.session.save()
        self.app.notify(_("Saved: {file}").format(file=path.name))

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_r:
                self.replay()
            elif key == pygame.K_h:
                self.charts()
            elif key == pygame.K_t:
                self.triangle()
            elif key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
                self.save()
            elif key in (pygame.K_ESCAPE, pygame.K_q):
                self.app.request_quit()
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.new_game()

    def draw(self, painter: Painter) -> None:
        pal = painter.theme.palette
        s = self.session
        surface = painter.surface
        w, h = surface.get_size()
        surface.fill(pal.background)
        margin = max(S5, w // 40)
        margins = verdict(s)[2]
        goal, reached = targets(s)
        top = self.tables_top
        half = (w - 2 * margin - S5) // 2
        table = pygame.Rect(margin, top, half, h - top - margin - 64)
        painter.panel(table)
        inner = table.inflate(-2 * S4, -2 * S4)
        painter.text(_("Objective scores (0–100)"), (inner.x, inner.y), SIZE_LABEL, pal.text, True)
        right = inner.x + inner.width
        # Each column as wide as its widest entry, heading included (not a fixed 80 px): the role column keeps the
        # rest, which the longer names of Russian and Kazakh need ("Туркменистан  (вы)").
        fonts = painter.theme.fonts
        number = max(fonts.width("00.00", SIZE_BODY, True), *(fonts.width(_(c), SIZE_SMALL) for c in COLUMNS[1:4]))
        result = max(fonts.width(_("won"), SIZE_BODY, True), fonts.width(_("missed"), SIZE_BODY, True))
        result = max(result, fonts.width(_(COLUMNS[4]), SIZE_SMALL))
        edges = [right, right - result - S3]  # each column's right edge, from the last
        edges += [edges[-1] - (number + S3) * k for k in (1, 2)]
        cols = [inner.x] + [edge - 60 for edge in reversed(edges)]
        y = inner.y + 34
        for x, label in zip(cols, COLUMNS, strict=True):
            painter.text(
                _(label),
                (x if label == "role" else x + 60, y),
                SIZE_SMALL,
                pal.text_dim,
                anchor="topleft" if label == "role" else "topright",
            )
        y += 22
        # A row is 26 px, less where the winner rule under the table needs the room (its four lines in Russian or
        # Kazakh under a three-line verdict at 1024×640).
        rule = winner_rule(s)
        rule_height = len(fonts.wrap(rule, SIZE_SMALL, inner.width)) * fonts.font(SIZE_SMALL).get_linesize()
        row = max(22, min(26, (inner.bottom - y - S3 - rule_height) // len(ROLES)))
        start, end = s.scores(0), s.scores()
        order = sorted(range(len(ROLES)), key=lambda i: -margins[ROLES[i]])
        for i in order:
            role = ROLES[i]
            human = role in s.human_roles
            colour = pal.text if human else pal.text_dim
            if human:
                pygame.draw.rect(
                    surface, pal.panel_alt, (inner.x - S2, y - 2, inner.width + 2 * S2, row - 2), border_radius=4
                )
            name = _("{role}  (you)").format(role=place_name(role)) if human else place_name(role)
            painter.text(name, (cols[0], y), SIZE_BODY, colour, human)
            painter.text(format_number(float(start[i]), 2), (cols[1] + 60, y), SIZE_BODY, colour, anchor="topright")
            painter.text(format_number(float(end[i]), 2), (cols[2] + 60, y), SIZE_BODY, colour, anchor="topright")
            painter.text(format_target(goal[role]), (cols[3] + 60, y), SIZE_BODY, colour, anchor="topright")
            won = reached[role]
            painter.text(
                (_("won") if won else _("missed")) if s.world.has_targets else "—",
                (cols[4] + 60, y),
                SIZE_BODY,
                (pal.good if won else pal.danger) if s.world.has_targets else pal.text_dim,
                True,
                anchor="topright",
            )
            y += row
        y += S3
        painter.paragraph(  # the rest of the table: Russian and Kazakh need a line more than English
            rule,
            pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
            SIZE_SMALL,
            pal.text_faint,
        )

        deb = pygame.Rect(table.right + S5, top, w - margin - table.right - S5, table.height)
        painter.panel(deb)
        inner = deb.inflate(-2 * S4, -2 * S4)
        painter.text(_("Debrief: where each state ended"), (inner.x, inner.y), SIZE_LABEL, pal.text, True)
        y = inner.y + 34
        h0, h1 = s.headline(0), s.headline()
        a0, a1 = s.autonomy(0), s.autonomy()
        biggest = max(
            ((c, i) for c in range(len(COUNTRIES)) for i in range(len(POWERS))), key=lambda ci: abs(h1[ci] - h0[ci])
        )
        c, i = biggest
        shift = _(
            "Largest shift: {state}'s dependence on {power} ({change}). Replay the game (R) and click the state to "
            "see the causes turn by turn."
        ).format(
            state=place_name(COUNTRIES[c]),
            power=place_name(POWERS[i]),
            change=format_change(shown_change(float(h0[c, i]), float(h1[c, i]), 1), 1),
        )
        shift_height = len(fonts.wrap(shift, SIZE_SMALL, inner.width)) * fonts.font(SIZE_SMALL).get_linesize()
        # The gap after each state shrinks in a short window so that the last line still shows; where even no gap
        # is too much (a long verdict in Russian or Kazakh at 1024×640), a state's lines close up a little.
        room = inner.bottom - y - shift_height
        steps = (20, 17, 17) if room >= len(COUNTRIES) * 54 else (18, 15, 15)
        gap = max(0, min(11, (room - len(COUNTRIES) * sum(steps)) // len(COUNTRIES)))
        for c, code in enumerate(COUNTRIES):
            r0 = read_state({p: float(h0[c, i]) for i, p in enumerate(POWERS)})
            r1 = read_state({p: float(h1[c, i]) for i, p in enumerate(POWERS)})
            painter.glyph(r1.leader, (inner.x + 6, y + 10), 6, pal.power(r1.leader))
            painter.text(place_name(code), (inner.x + 18, y), SIZE_BODY, pal.text, True)
            autonomy = _("autonomy {before} › {after}").format(
                before=format_number(float(a0[c]), 1), after=format_number(float(a1[c]), 1)
            )
            painter.text(autonomy, (inner.right, y), SIZE_SMALL, pal.text_dim, anchor="topright")
            y += steps[0]
            moves = ", ".join(
                f"{place_name(p)} {format_change(shown_change(float(h0[c, i]), float(h1[c, i]), 1), 1)}"
                for i, p in enumerate(POWERS)
            )
            band = _("{before} on {leader_before} › {after} on {leader_after}").format(
                before=band_label(r0.band), leader_before=place_name(r0.leader), after=band_label(r1.band),
                leader_after=place_name(r1.leader),
            )
            painter.text(band, (inner.x + 18, y), SIZE_SMALL, pal.text_dim)
            y += steps[1]
            moved = _("dependence moved: {moves}").format(moves=moves)
            painter.text(moved, (inner.x + 18, y), SIZE_SMALL, pal.text_faint)
            y += steps[2] + gap
        painter.paragraph(
            shift,
            pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
            SIZE_SMALL,
            pal.text_dim,
        )

    def build(self) -> None:
        """The verdict, its explanation and the buttons (the hand-drawn tables are in ``draw``)."""
        if not self.built_once:  # a message left from the map ("Saved: …") would sit on the verdict
            self.app.notify("", 0)
            self.built_once = True
        w, h = self.app.window.get_size()
        margin = max(S5, w // 40)
        s = self.session
        title, text, _margins = verdict(s)
        self.ui.label(
            (margin, margin, w - 2 * margin, 24),
            _("Game over · {quarter}").format(quarter=quarter_text(s.quarter(s.turn - 1) if s.turn else s.quarter())),
            "dim_large",
        )
        self.ui.label((margin, margin + 24, w - 2 * margin, 56), title, "hero", name="verdict")
        # As tall as the verdict's lines (three in Russian or Kazakh at 1024×640, two in English); the tables below it.
        lines = len(self.app.theme.fonts.wrap(text, VERDICT_TEXT, w - 2 * margin - 2 * S3))
        height = max(56, lines * VERDICT_LINE + 10)
        self.ui.text_box((margin, margin + 84, w - 2 * margin, height), esc(text), "plain_text", name="verdict_text")
        self.tables_top = margin + 84 + height
        trace("end", verdict=title, text=text)
        buttons = [  # (label, command, primary, name)
            (_("New game  (Enter)"), self.new_game, True, "end_new"),
            (_("Replay  (R)"), self.replay, False, "end_replay"),
            (_("Charts  (H)"), self.charts, False, "end_charts"),
            (_("Triangle  (T)"), self.triangle, False, "end_triangle"),
            (_("Save  (Ctrl+S)"), self.save, False, "end_save"),
            (_("Quit"), self.app.request_quit, False, "end_quit"),
        ]
        x = margin
        fonts = self.app.theme.fonts
        # Each button as wide as its label and an even share of the room left (an even split cut "New game").
        needs = [
            fonts.width(label, SIZE_LABEL if primary else SIZE_BODY, primary) + 2 * S4
            for label, _do, primary, _name in buttons
        ]
        share = (w - 2 * margin - S2 * (len(buttons) - 1) - sum(needs)) // len(buttons)
        for (label, callback, primary, name), need in zip(buttons, needs, strict=True):
            bw = need + share
            self.ui.button(
                (x, h - margin - 50, bw, 50),
                label,
                callback,
                kind="primary" if primary else "",
                name=name,
            )
            x += bw + S2
