"""End screen: every role's score against its target, who won, and a short debrief.

Winner rule (the scenario's, shown on screen): a role wins when its objective score
at the end reaches its victory target — the scenario's par for that role against
opponents of the level the computer played (see ``World.victory_targets``), or, for a
tutorial's role judged against doing nothing, more than the same game gives it with no
orders (see ``game.play.victory``).
"""

from __future__ import annotations

import pygame

from game.engine.ai.policy import target_text
from game.engine.codes import COUNTRIES, COUNTRY_NAMES, POWER_NAMES, POWERS, ROLE_NAMES, ROLES
from game.play.rounding import change_text, shown_change
from game.play.session import Session
from game.play.tutorial import objective_words
from game.play.victory import do_nothing_roles
from game.ui.bands import read_state
from game.ui.markup import esc
from game.ui.painter import Painter
from game.ui.screen import Host, Screen
from game.ui.screens.history import ChartsModal, TriangleModal
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
        return (
            "Game over",
            f"This game was shortened to {session.world.turns} quarters, and the scenario's victory targets are "
            "for its full length, so nobody wins or loses: compare the scores with their start.",
            {role: float(end[i]) - float(session.scores(0)[i]) for i, role in enumerate(ROLES)},
        )
    won = [role for role in humans if reached[role]]
    if len(humans) > 1:
        names = ", ".join(ROLE_NAMES[role] for role in won) or "none"
        return (
            f"{len(won)} of {len(humans)} teams reached their target",
            f"Reached: {names}. A role wins when its objective score ends above the scenario's target for it.",
            margins,
        )
    role = humans[0]
    index = ROLES.index(role)
    levels = set(session.ai_levels().values())
    opponents = f"{levels.pop()} opponents" if len(levels) == 1 else "these opponents (a mix of levels)"
    against = f"it plays against {opponents}"
    side = "above" if margins[role] > 0 else "short of" if margins[role] < 0 else "level with"
    title = f"You win as {ROLE_NAMES[role]}" if role in won else f"{role_title(role)} fell short"
    objective = objective_words(session, role)
    if role in do_nothing_roles(session.match):
        meaning = f"what {ROLE_NAMES[role]} would have scored by doing nothing (same year, luck and opponents)."
    else:
        meaning = f"the score the computer reaches as {ROLE_NAMES[role]} when {against} (its par)."
    gap = gap_text(float(end[index]), goal[role]) + " " if margins[role] else ""
    text = (
        (f"Your goal: {objective} " if objective else "")
        + f"Your score (0–100) ended at {end[index]:.2f}, {gap}"
        + f"{side} the target of "
        + f"{goal[role]:.2f}: {meaning}"
    )
    return title, text, margins


def gap_text(score: float, target: float) -> str:
    """A score's distance from its target as the two read with two decimals (51.57 is 0.19 above 51.38), or with
    the four decimals that show it is not zero when they read the same ("51.38, 0.0012 short of 51.38").

    >>> gap_text(51.574, 51.376), gap_text(51.3788, 51.38)
    ('0.19', '0.0012')
    """
    gap = abs(shown_change(target, score))
    return f"{gap:.2f}" if gap else f"{abs(score - target):.4f}"


def winner_rule(session: Session) -> str:
    """The winner rule under the scores table, in the words of the targets this game uses."""
    paired = [ROLE_NAMES[role] for role in do_nothing_roles(session.match)]
    rule = "Winner rule: a role wins when its score (its objective, 0–100) ends above its target, the "
    rule += "scenario's par against opponents of this difficulty"
    if paired:
        rule += f"; for {', '.join(paired)} the target is what doing nothing would score, so doing nothing never wins"
    return rule + "."


class EndScreen(Screen):
    """Scores, the winner and the debrief."""

    def __init__(self, app: Host, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.built_once = False

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
        self.app.notify(f"Saved: {path.name}")

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
        _, _, margins = verdict(s)
        goal, reached = targets(s)
        top = margin + 140
        half = (w - 2 * margin - S5) // 2
        table = pygame.Rect(margin, top, half, h - top - margin - 64)
        painter.panel(table)
        inner = table.inflate(-2 * S4, -2 * S4)
        painter.text("Objective scores (0–100)", (inner.x, inner.y), SIZE_LABEL, pal.text, True)
        right = inner.x + inner.width
        # The number columns as wide as their widest entry (not a fixed 80 px): the role column keeps the rest.
        column = max(painter.theme.fonts.width(text, SIZE_BODY, True) for text in ("00.00", "missed", "target")) + S3
        cols = [inner.x] + [right - column * k - 60 for k in (3, 2, 1, 0)]
        y = inner.y + 34
        for x, label in zip(cols, ["role", "start", "end", "target", "result"], strict=True):
            painter.text(
                label,
                (x if label == "role" else x + 60, y),
                SIZE_SMALL,
                pal.text_dim,
                anchor="topleft" if label == "role" else "topright",
            )
        y += 22
        start, end = s.scores(0), s.scores()
        order = sorted(range(len(ROLES)), key=lambda i: -margins[ROLES[i]])
        for i in order:
            role = ROLES[i]
            human = role in s.human_roles
            colour = pal.text if human else pal.text_dim
            if human:
                pygame.draw.rect(
                    surface, pal.panel_alt, (inner.x - S2, y - 2, inner.width + 2 * S2, 24), border_radius=4
                )
            painter.text(f"{ROLE_NAMES[role]}" + ("  (you)" if human else ""), (cols[0], y), SIZE_BODY, colour, human)
            painter.text(f"{start[i]:.2f}", (cols[1] + 60, y), SIZE_BODY, colour, anchor="topright")
            painter.text(f"{end[i]:.2f}", (cols[2] + 60, y), SIZE_BODY, colour, anchor="topright")
            painter.text(target_text(goal[role]), (cols[3] + 60, y), SIZE_BODY, colour, anchor="topright")
            won = reached[role]
            painter.text(
                ("won" if won else "missed") if s.world.has_targets else "—",
                (cols[4] + 60, y),
                SIZE_BODY,
                (pal.good if won else pal.danger) if s.world.has_targets else pal.text_dim,
                True,
                anchor="topright",
            )
            y += 26
        y += S3
        painter.paragraph(
            winner_rule(s),
            pygame.Rect(inner.x, y, inner.width, 80),
            SIZE_SMALL,
            pal.text_faint,
        )

        deb = pygame.Rect(table.right + S5, top, w - margin - table.right - S5, table.height)
        painter.panel(deb)
        inner = deb.inflate(-2 * S4, -2 * S4)
        painter.text("Debrief: where each state ended", (inner.x, inner.y), SIZE_LABEL, pal.text, True)
        y = inner.y + 34
        h0, h1 = s.headline(0), s.headline()
        a0, a1 = s.autonomy(0), s.autonomy()
        biggest = max(
            ((c, i) for c in range(len(COUNTRIES)) for i in range(len(POWERS))), key=lambda ci: abs(h1[ci] - h0[ci])
        )
        c, i = biggest
        shift = (
            f"Largest shift: {COUNTRY_NAMES[COUNTRIES[c]]}'s dependence on {POWER_NAMES[POWERS[i]]} "
            f"({change_text(float(h0[c, i]), float(h1[c, i]), 1)}). Replay the game (R) and click the state to see "
            "the causes turn by turn."
        )
        fonts = painter.theme.fonts
        shift_height = len(fonts.wrap(shift, SIZE_SMALL, inner.width)) * fonts.font(SIZE_SMALL).get_linesize()
        # The gap after each state shrinks in a short window so that the last line still shows.
        gap = max(0, min(11, (inner.bottom - y - shift_height - len(COUNTRIES) * 54) // len(COUNTRIES)))
        for c, code in enumerate(COUNTRIES):
            r0 = read_state({p: float(h0[c, i]) for i, p in enumerate(POWERS)})
            r1 = read_state({p: float(h1[c, i]) for i, p in enumerate(POWERS)})
            painter.glyph(r1.leader, (inner.x + 6, y + 10), 6, pal.power(r1.leader))
            painter.text(COUNTRY_NAMES[code], (inner.x + 18, y), SIZE_BODY, pal.text, True)
            painter.text(
                f"autonomy {a0[c]:.1f} › {a1[c]:.1f}", (inner.right, y), SIZE_SMALL, pal.text_dim, anchor="topright"
            )
            y += 20
            moves = ", ".join(f"{p} {change_text(float(h0[c, i]), float(h1[c, i]), 1)}" for i, p in enumerate(POWERS))
            band = f"{r0.band} on {r0.leader} › {r1.band} on {r1.leader}"
            painter.text(band, (inner.x + 18, y), SIZE_SMALL, pal.text_dim)
            y += 17
            painter.text(f"dependence moved: {moves}", (inner.x + 18, y), SIZE_SMALL, pal.text_faint)
            y += 17 + gap
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
        title, text, _ = verdict(s)
        self.ui.label(
            (margin, margin, w - 2 * margin, 24),
            f"Game over · {s.quarter(s.turn - 1) if s.turn else s.quarter()}",
            "dim_large",
        )
        self.ui.label((margin, margin + 24, w - 2 * margin, 56), title, "hero", name="verdict")
        self.ui.text_box((margin, margin + 84, w - 2 * margin, 56), esc(text), "plain_text", name="verdict_text")
        trace("end", verdict=title, text=text)
        buttons = [
            ("New game  (Enter)", self.new_game, True),
            ("Replay  (R)", self.replay, False),
            ("Charts  (H)", self.charts, False),
            ("Triangle  (T)", self.triangle, False),
            ("Save  (Ctrl+S)", self.save, False),
            ("Quit", self.app.request_quit, False),
        ]
        x = margin
        fonts = self.app.theme.fonts
        # Each button as wide as its label and an even share of the room left (an even split cut "New game").
        needs = [
            fonts.width(label, SIZE_LABEL if primary else SIZE_BODY, primary) + 2 * S4 for label, _, primary in buttons
        ]
        share = (w - 2 * margin - S2 * (len(buttons) - 1) - sum(needs)) // len(buttons)
        for (label, callback, primary), need in zip(buttons, needs, strict=True):
            bw = need + share
            self.ui.button(
                (x, h - margin - 50, bw, 50),
                label,
                callback,
                kind="primary" if primary else "",
                name=f"end_{label.split()[0].lower()}",
            )
            x += bw + S2
