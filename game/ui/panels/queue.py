"""The head of the actions tab: the team, its action points, its projects in flight against the
project limit, and the orders it has queued (each can be cancelled)."""

from __future__ import annotations

from functools import partial

import pygame

from game.i18n import _, format_number, ngettext, place_name, quarter_text
from game.play.session import Session
from game.play.stakes import Project, project_slots_used, projects_in_flight
from game.ui.gui import Widgets
from game.ui.layout import ACTIONS_HEADER, QUEUE_CANCEL_WIDTH, QUEUE_COST_WIDTH, QUEUE_ROW
from game.ui.markup import sentence_case
from game.ui.painter import Painter
from game.ui.panels.base import Panel, action_title
from game.ui.theme import S1, S2, SIZE_LABEL, SIZE_SMALL, Fonts, action_points


def actions_signature(panel: Panel) -> tuple[object, ...]:
    """What the actions tab's header, queue and list show: the team, its orders, turn and points."""
    s = panel.session
    role = panel.view.active_role
    return ("actions", role, tuple(map(str, s.queued.get(role, []))), s.turn, round(s.points(role), 3))


def projects_tooltip(session: Session, flying: list[Project]) -> str:
    """The projects in flight with the quarters each still holds its slot, and what the limit means."""
    limit = session.world.rules.max_projects
    lines = [
        ngettext(
            "{action} · {target}: {count} quarter left, ends {quarter}",
            "{action} · {target}: {count} quarters left, ends {quarter}",
            p.quarters_left,
        ).format(
            action=action_title(session, p.action),
            target=place_name(p.target),
            count=format_number(p.quarters_left),
            quarter=project_end(session, p),
        )
        for p in sorted(flying, key=lambda p: p.quarters_left)
    ]
    head = ngettext(
        "At most {count} project at a time, those in flight and those queued; a new one waits until one ends.",
        "At most {count} projects at a time, those in flight and those queued; a new one waits until one ends.",
        limit,
    ).format(count=format_number(limit))
    return "<br>".join([head, *lines] if lines else [head, _("None in flight now.")])


def project_end(session: Session, project: Project) -> str:
    """The last quarter a project in flight holds its slot (the slot is free the quarter after)."""
    return quarter_text(session.quarter(session.turn + project.quarters_left - 1))


def projects_line(session: Session, flying: list[Project]) -> str:
    """The team's projects in flight, soonest to end first, each with its last quarter: ``Projects: Pipeline
    project · Turkmenistan to 2027Q1; Trade deal · Kazakhstan to 2025Q2`` (the list tells when a slot frees up)."""
    parts = [
        _("{action} · {target} to {quarter}").format(
            action=action_title(session, p.action), target=place_name(p.target), quarter=project_end(session, p)
        )
        for p in sorted(flying, key=lambda p: p.quarters_left)
    ]
    return _("Projects: {projects}").format(projects="; ".join(parts))


def projects_line_for(session: Session, flying: list[Project], width: int, fonts: Fonts) -> str:
    """The projects line for ``width`` px: every project with its target and last quarter, else without the
    targets, else how many there are and when the first slot frees (the tool tip lists them all); cut only
    when even that is too long."""
    ends = sorted(flying, key=lambda p: p.quarters_left)
    without_targets = _("Projects: {projects}").format(projects="; ".join(
        _("{action} to {quarter}").format(action=action_title(session, p.action), quarter=project_end(session, p))
        for p in ends
    ))
    counted = ngettext(
        "{count} project in flight; a slot frees after {quarter}",
        "{count} projects in flight; a slot frees after {quarter}",
        len(ends),
    ).format(count=format_number(len(ends)), quarter=project_end(session, ends[0]))
    fewest = ngettext("{count} project in flight", "{count} projects in flight", len(ends)).format(
        count=format_number(len(ends)))
    for line in (projects_line(session, flying), without_targets, counted, fewest):
        if fonts.width(line, SIZE_SMALL) <= width:
            return line
    return fonts.elide(fewest, SIZE_SMALL, width)


def project_slots(session: Session, role: str) -> tuple[str, str]:
    """The team's project slots in use, long and short, from one count (running plus queued; the limit
    counts both): ``Project slots used: 2 of 4; 1 running, 1 queued`` and ``Project slots: 2 of 4``. Nothing
    follows a bare count: at 13 px a "4" and the word after it read as one ("4in")."""
    running, queued = project_slots_used(session, role)
    counts = {"used": format_number(running + queued), "limit": format_number(session.world.rules.max_projects)}
    short = _("Project slots: {used} of {limit}").format(**counts)
    if not queued:
        return _("Project slots used: {used} of {limit}").format(**counts), short
    long = _("Project slots used: {used} of {limit}; {running} running, {queued} queued").format(
        running=format_number(running), queued=format_number(queued), **counts
    )
    return long, short


PROJECTS_LEFT = 156  # the projects' count starts after "Queued orders (3 of 3)"


class QueuePanel(Panel):
    """The active team's points and queued orders."""

    def signature(self) -> object | None:
        """The team, its orders, the turn and its points (actions tab only)."""
        return None if self.view.inspecting else actions_signature(self)

    def make_widgets(self, ui: Widgets) -> None:
        """The team's name and points, then a row per queued order."""
        s = self.session
        role = self.view.active_role
        rect = self.layout.body
        fonts = self.host.theme.fonts
        name = sentence_case(place_name(role))
        name_width = fonts.width(name, SIZE_LABEL, True) + S2
        ui.label((rect.x, rect.y, name_width, 24), name, "heading", name="role_name")
        left = format_number(self.view.left(role), 1)
        points = action_points(s.points(role), 1)
        wordings = (  # the points left, and the points a turn adds where they fit beside the team's name
            _("{left} of {points} left · +{gain}/turn").format(
                left=left, points=points, gain=action_points(s.capacity(role), 1)
            ),
            _("{left} of {points} left").format(left=left, points=points),
        )
        room = rect.width - name_width
        text = next((w for w in wordings if fonts.width(w, SIZE_SMALL) + S2 <= room), wordings[-1])
        ui.label((rect.x + name_width, rect.y + 3, room, 20), text, "dim_right", name="points")
        y = rect.y + ACTIONS_HEADER
        queued = s.queued.get(role, [])
        heading = _("Queued orders ({count} of {limit})").format(
            count=format_number(len(queued)), limit=format_number(s.world.rules.max_orders)
        )
        heading_width = max(PROJECTS_LEFT, fonts.width(heading, SIZE_SMALL, True) + S2)  # a longer language's words
        ui.label((rect.x, y, heading_width, 20), heading, "subheading", name="queue_heading")
        actions = s.world.actions
        flying = projects_in_flight(s)[role]
        text, count = project_slots(s, role)
        room = rect.width - heading_width
        projects = ui.label(
            (rect.x + heading_width, y, room, 20),
            text if fonts.width(text, SIZE_SMALL) <= room else count,  # the tool tip says the rest
            "dim_right",
            name="projects",
        )
        projects.set_tooltip(projects_tooltip(s, flying))
        y = self.layout.queue_top()
        if len(queued) < self.queue_shown():  # the queue's spare row: the projects in flight, and when each ends
            spare = y + len(queued) * QUEUE_ROW
            line = projects_line_for(s, flying, rect.width, fonts) if flying else ""
            if not flying and not queued:
                line = _("none yet: pick an action below, then a target")
            if line:
                shown = fonts.elide(line, SIZE_SMALL, rect.width)
                label = ui.label((rect.x, spare + 2, rect.width, 20), shown, "faint", name="projects_in_flight")
                if flying:
                    label.set_tooltip(projects_tooltip(s, flying))
        room = rect.width - QUEUE_CANCEL_WIDTH - S1 - QUEUE_COST_WIDTH - S2
        for i, order in enumerate(queued[: self.queue_shown()]):
            a = actions.index(order.action)
            # The target always shows; a long action title takes the smaller type, and only then gives way
            # ("Seek a migrant-labour agr… · Russia").
            target = f" · {place_name(order.target)}"
            # the row's cost gives its room last (the points line above says what is left).
            title = action_title(s, a)
            wide = room + QUEUE_COST_WIDTH + S2
            kind, width = next(
                (fit for fit in (("", room), ("small_text", room))
                 if ui.label_width(f"{title}{target}", fit[0]) <= fit[1] - S1),
                ("small_text", wide),
            )
            shown = f"{title}{target}"
            if ui.label_width(shown, kind) > width - S1:
                while title and ui.label_width(f"{title}…{target}", kind) > width - S1:
                    title = title[:-1]
                shown = f"{title.rstrip()}…{target}"
            ui.label((rect.x, y + 2, width, 22), shown, kind, name=f"queued_{i}")
            if width == room:
                cost_x = rect.right - QUEUE_CANCEL_WIDTH - S1 - QUEUE_COST_WIDTH
                ui.label((cost_x, y + 4, QUEUE_COST_WIDTH, 20), action_points(actions.cost[a]), "dim_right")
            ui.button(
                (rect.right - QUEUE_CANCEL_WIDTH, y, QUEUE_CANCEL_WIDTH, 26),
                "×",
                partial(self.commands.cancel, role, i),
                kind="icon_button",
                name=f"cancel_{i}",
                tooltip=_("Cancel this order (Backspace or Delete cancels the last)"),
            )
            y += QUEUE_ROW

    def scene_key(self) -> tuple[object, ...]:
        """The bar of points left and the empty rows of the queue."""
        role = self.view.active_role
        filled = self._rows_filled()
        return (self.view.inspecting, role, round(self.view.left(role), 6), filled)

    def _rows_filled(self) -> int:
        """The queue's rows that show something: its orders, and the line under them (the projects in flight, or
        how to start when there is nothing to show yet)."""
        role = self.view.active_role
        queued = len(self.session.queued.get(role, []))
        spare = bool(projects_in_flight(self.session)[role]) or not queued
        return min(self.queue_shown(), queued + spare)

    def draw(self, painter: Painter) -> None:
        """The bar of points left (of the points in hand), and a faint frame for each order still to queue (the
        rows are kept so that nothing below moves when an order is queued)."""
        if self.view.inspecting:
            return
        s = self.session
        role = self.view.active_role
        rect = self.layout.body
        left = self.view.left(role) / max(s.points(role), 0.01)
        pal = painter.theme.palette
        painter.bar(pygame.Rect(rect.x, rect.y + 28, rect.width, 6), left, pal.accent)
        top = self.layout.queue_top()
        for row in range(self._rows_filled(), self.queue_shown()):
            slot = pygame.Rect(rect.x, top + row * QUEUE_ROW + 1, rect.width, QUEUE_ROW - 4)
            pygame.draw.rect(painter.surface, pal.panel_border, slot, width=1, border_radius=4)
