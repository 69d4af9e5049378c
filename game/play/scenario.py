"""A scenario ready to play: found, loaded and checked, its settings applied, compiled.

This is the only place that turns a scenario name (or the scenario a save names) into
a :class:`World`; every front end starts a game from a :class:`ScenarioSetup`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from game.engine.world import EventTable, World
from game.i18n import _
from game.io.save import SaveFile, scenario_files, scenario_fingerprint
from game.scenario.compile import compile_world
from game.scenario.library import resolve_saved_path, resolve_scenario
from game.scenario.load import LoadedScenario, load_scenario
from game.scenario.models import ScriptedEvent


class ScenarioChangedError(Exception):
    """The scenario a save names no longer has the bytes it had when the game was played."""

    def __init__(self, scenario: Path) -> None:
        self.scenario = scenario
        super().__init__(_("the scenario {path} changed since the game was played").format(path=scenario))


@dataclass(frozen=True)
class ScenarioSetup:
    """A scenario with its settings applied: the files as loaded, and the world the engine plays."""

    path: Path
    loaded: LoadedScenario
    settings: dict[str, float]
    world: World

    @classmethod
    def open(
        cls, scenario: str | Path, settings: Mapping[str, float] | None = None, turns: int | None = None
    ) -> ScenarioSetup:
        """A scenario by path or shipped id (``sandbox``), with lever ``settings`` and an optional length.

        Raises ``ScenarioError`` for problems in its files and ``SettingError`` for bad settings.
        """
        return cls.of_file(resolve_scenario(str(scenario)), settings, turns)

    @classmethod
    def of_file(
        cls, path: Path, settings: Mapping[str, float] | None = None, turns: int | None = None
    ) -> ScenarioSetup:
        """The scenario in ``path`` (see :meth:`open`)."""
        loaded = load_scenario(path)
        chosen = dict(settings or {})
        return cls(path, loaded, chosen, compile_world(loaded, chosen, turns))

    @classmethod
    def of_save(cls, save: SaveFile, same_files: bool = True) -> ScenarioSetup:
        """The scenario a save was played on, with its settings and length.

        The scenario is looked for where the save names it, else among the shipped ones by
        its id. With ``same_files`` its files must still have the bytes they had (the
        fingerprint), else :class:`ScenarioChangedError`; the checks run in the order load,
        fingerprint, settings.
        """
        path = saved_scenario_path(save)
        loaded = load_scenario(path)
        if same_files and scenario_fingerprint(scenario_files(loaded)) != save.scenario.sha256:
            raise ScenarioChangedError(path)
        settings = dict(save.settings)
        return cls(path, loaded, settings, compile_world(loaded, settings, save.turns))

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the scenario's files (see :func:`game.io.save.scenario_files`)."""
        return scenario_fingerprint(scenario_files(self.loaded))

    def with_world(self, world: World) -> ScenarioSetup:
        """The same scenario played on a changed world (e.g. a class game's reserved event rows)."""
        return replace(self, world=world)

    def compile_events(self, events: Sequence[ScriptedEvent]) -> EventTable:
        """Events compiled exactly as the scenario's own are, with this setup's levers."""
        scenario = self.loaded.scenario.model_copy(update={"events": list(events)})
        return compile_world(replace(self.loaded, scenario=scenario), self.world.levers).events


def saved_scenario_path(save: SaveFile) -> Path:
    """Where the scenario a save names is: its saved path, else the shipped scenario of its id."""
    path = resolve_saved_path(save.scenario.path)
    if not path.exists():
        shipped = resolve_scenario(save.scenario.id)
        if shipped.exists():
            return shipped
    return path
